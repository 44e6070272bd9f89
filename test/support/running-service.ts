import { startAll, type RunningService } from '@recon/server';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type Harness } from './harness.js';

/** The harness and the whole service on a free port, for the tests of one file. */
export interface Running {
  readonly h: Harness;
  readonly service: RunningService;
  /** `http://127.0.0.1:PORT` */
  readonly base: string;
}

/**
 * Starts a fresh harness (its own Redis and database) and the service before the file's tests and
 * closes both after them. Read the fields inside tests (they are set by `beforeAll`).
 */
export function useRunningService(env: Record<string, string> = {}): Running {
  const state = {} as { h: Harness; service: RunningService; base: string };
  beforeAll(async () => {
    state.h = await createHarness(env);
    state.service = await startAll(state.h.ctx, { port: 0 });
    state.base = `http://127.0.0.1:${state.service.http.port}`;
  });
  afterAll(async () => {
    await state.service?.close();
    await state.h?.close();
  });
  return state;
}
