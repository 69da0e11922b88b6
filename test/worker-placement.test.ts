import { describe, expect, it } from 'vitest';
import { temporalKeysFromEnv } from '../scripts/lib/temporal-security/keys.js';
import { temporalKeysEnv, workerPlacement } from '../scripts/lib/worker-process.js';

describe('YIFA_WORKER: where npm start runs the worker', () => {
  it('keeps the worker in the API process by default, on PGlite and on PostgreSQL', () => {
    expect(workerPlacement({})).toBe('in-process');
    expect(workerPlacement({ DATABASE_URL: 'postgresql://u:p@db:5432/yifa' })).toBe('in-process');
    expect(workerPlacement({ YIFA_WORKER: 'in-process', DATABASE_URL: 'pglite:data/pglite' })).toBe('in-process');
  });

  it('runs it in its own process on PostgreSQL when asked', () => {
    expect(workerPlacement({ YIFA_WORKER: 'process', DATABASE_URL: 'postgresql://u:p@db:5432/yifa' })).toBe('process');
    expect(workerPlacement({ YIFA_WORKER: 'process', DATABASE_URL: 'postgres://u:p@db/yifa' })).toBe('process');
  });

  it('refuses a worker process on the embedded PGlite, whose data folder opens in one process only', () => {
    expect(() => workerPlacement({ YIFA_WORKER: 'process' })).toThrow(/DATABASE_URL=postgresql.*one process only/);
    expect(() => workerPlacement({ YIFA_WORKER: 'process', DATABASE_URL: 'pglite:memory' })).toThrow(
      /one process only/,
    );
  });

  it('refuses an unknown value, naming it', () => {
    expect(() => workerPlacement({ YIFA_WORKER: 'thread' })).toThrow(/YIFA_WORKER .* not 'thread'/);
  });
});

describe('the keys handed to the worker process', () => {
  it('read back as the same key rings, the current key still the one that encrypts and seals', () => {
    const keys = {
      payload: {
        current: 'k2',
        keys: { k1: Buffer.alloc(32, 1).toString('base64'), k2: Buffer.alloc(32, 2).toString('base64') },
      },
      message: { current: 'm1', keys: { m1: Buffer.alloc(40, 3).toString('base64') } },
    };
    const env = temporalKeysEnv(keys);
    expect(env.YIFA_PAYLOAD_KEYS.startsWith('k2:')).toBe(true);
    expect(temporalKeysFromEnv(env)).toEqual(keys);
  });
});
