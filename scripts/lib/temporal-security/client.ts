/**
 * How the platform's Temporal clients and workers are wired: the payload codec in their data converter, and
 * the client interceptor sealing every update and signal (domain/seal) with the message key.
 */
import { randomUUID } from 'node:crypto';
import type { ClientInterceptors, WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type DataConverter } from '@temporalio/common';
import { SEAL_HEADER, sealMessage, type MessageKeys } from '../../../domain/seal/seal.js';
import { AesGcmPayloadCodec } from './codec.js';
import { messageKeysOf, type TemporalKeys } from './keys.js';

/** What JSON carries of the arguments: the workflow sees exactly this after decoding. */
const asJson = (args: unknown[]): unknown[] => JSON.parse(JSON.stringify(args)) as unknown[];

export function sealingInterceptor(keys: MessageKeys): WorkflowClientInterceptor {
  const seal = (m: Parameters<typeof sealMessage>[1]) =>
    defaultPayloadConverter.toPayload(sealMessage(keys, m, new Date().toISOString()));
  return {
    async startUpdate(input, next) {
      const updateId = input.options.updateId ?? randomUUID();
      const header = seal({
        kind: 'update',
        name: input.updateName,
        workflowId: input.workflowExecution.workflowId,
        messageId: updateId,
        args: asJson(input.args),
      });
      return next({
        ...input,
        options: { ...input.options, updateId },
        headers: { ...input.headers, [SEAL_HEADER]: header },
      });
    },
    async signal(input, next) {
      const header = seal({
        kind: 'signal',
        name: input.signalName,
        workflowId: input.workflowExecution.workflowId,
        args: asJson(input.args),
      });
      return next({ ...input, headers: { ...input.headers, [SEAL_HEADER]: header } });
    },
  };
}

export interface TemporalSecurity {
  codec: AesGcmPayloadCodec;
  dataConverter: DataConverter;
  clientInterceptors: ClientInterceptors;
  messageKeys: MessageKeys;
}

export function temporalSecurity(keys: TemporalKeys): TemporalSecurity {
  const codec = new AesGcmPayloadCodec(keys.payload);
  const messageKeys = messageKeysOf(keys.message);
  return {
    codec,
    dataConverter: { payloadCodecs: [codec] },
    clientInterceptors: { workflow: [sealingInterceptor(messageKeys)] },
    messageKeys,
  };
}
