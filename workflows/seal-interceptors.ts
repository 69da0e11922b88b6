/**
 * Workflow interceptors for sealed messages (domain/seal): an update whose seal is missing or wrong is refused by
 * validation, so it never enters history and nothing is recorded; a signal cannot be refused before history, so
 * one without a valid seal is dropped unread. Signals a workflow sends (the meeting's outcome to its decision)
 * are sealed here with the same key. The keys are compiled into the workflow bundle by the worker
 * (scripts/lib/worker.ts), never passed through history.
 */
import {
  ApplicationFailure,
  defaultPayloadConverter,
  log,
  patched,
  workflowInfo,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import {
  checkSeal,
  NO_MESSAGE_KEYS,
  SEAL_HEADER,
  sealMessage,
  type MessageKeys,
  type SealCheck,
  type SealedMessage,
} from '../domain/seal/seal.js';

declare const __YIFA_MESSAGE_KEYS__: MessageKeys | undefined;
const keys: MessageKeys = typeof __YIFA_MESSAGE_KEYS__ === 'undefined' ? NO_MESSAGE_KEYS : __YIFA_MESSAGE_KEYS__;

/** Signals arriving without a valid seal were delivered before sealing existed; from now on they are dropped. */
export const SEALED_SIGNALS_PATCH = 'sealed-signals';

export const SEAL_REFUSED = 'UnsealedMessage';

type Headers = Record<string, { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }>;

function sealOf(headers: Headers): unknown {
  const p = headers[SEAL_HEADER];
  if (!p) return undefined;
  try {
    return defaultPayloadConverter.fromPayload(p as never);
  } catch {
    return undefined;
  }
}

function check(m: Omit<SealedMessage, 'workflowId'>, headers: Headers): SealCheck {
  return checkSeal(keys, { ...m, workflowId: workflowInfo().workflowId }, sealOf(headers));
}

function refusal(name: string, result: SealCheck): ApplicationFailure {
  return ApplicationFailure.create({
    type: SEAL_REFUSED,
    nonRetryable: true,
    message: `${name}: the message is not sealed by the Yifa API (${result}); refused`,
    details: [
      {
        rule: 'SEAL',
        messageKey: 'seal.refused',
        message: { zh: '该操作未经本系统签名确认，已拒绝', en: 'The request is not sealed by the system; refused' },
      },
    ],
  });
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      validateUpdate(input, next) {
        const r = check(
          { kind: 'update', name: input.name, messageId: input.updateId, args: input.args },
          input.headers as Headers,
        );
        if (r !== 'ok') throw refusal(input.name, r);
        next(input);
      },
      async handleUpdate(input, next) {
        // Validation already refused a bad seal; this also covers an update defined without a validator.
        if (!workflowInfo().unsafe.isReplaying) {
          const r = check(
            { kind: 'update', name: input.name, messageId: input.updateId, args: input.args },
            input.headers as Headers,
          );
          if (r !== 'ok') throw refusal(input.name, r);
        }
        return next(input);
      },
      async handleSignal(input, next) {
        const last = input.args.at(-1) as Record<string, unknown> | undefined;
        const carried = last && typeof last === 'object' && SEAL_HEADER in last ? last[SEAL_HEADER] : undefined;
        const args = carried === undefined ? input.args : input.args.slice(0, -1);
        const name = input.signalName;
        const r =
          carried === undefined
            ? check({ kind: 'signal', name, args }, input.headers as Headers)
            : checkSeal(keys, { kind: 'signal', name, workflowId: workflowInfo().workflowId, args }, carried);
        if (r !== 'ok' && patched(SEALED_SIGNALS_PATCH)) {
          log.warn('signal dropped: not sealed', { signal: name, result: r });
          return;
        }
        return next({ ...input, args });
      },
    },
  ],
  outbound: [
    {
      async signalWorkflow(input, next) {
        const workflowId =
          (input.target.type === 'external'
            ? input.target.workflowExecution.workflowId
            : input.target.childWorkflowId) ?? '';
        if (!keys.current) return next(input);
        const seal = sealMessage(
          keys,
          { kind: 'signal', name: input.signalName, workflowId, args: JSON.parse(JSON.stringify(input.args)) },
          new Date().toISOString(),
        );
        return next({ ...input, args: [...input.args, { [SEAL_HEADER]: seal }] });
      },
    },
  ],
});
