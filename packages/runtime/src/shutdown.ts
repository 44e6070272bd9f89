import { createContext, type AppContext, type ContextOptions } from './bootstrap.js';
import { parseEnv } from './env.js';
import type { Logger } from './logger.js';

/**
 * SIGTERM/SIGINT: run `stop` (stop taking work, finish what is in flight, close connections) within
 * `timeoutMs`, then exit 0 (1 when it failed or ran out of time). A second signal exits at once.
 */
export function exitOnSignals(stop: () => Promise<void>, timeoutMs: number, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.warn('second signal: exiting now', { signal });
      process.exit(130);
    }
    stopping = true;
    log.info('shutting down', { signal, timeoutMs });
    const timer = setTimeout(() => {
      log.error('shutdown deadline passed: exiting with work unfinished', { timeoutMs });
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => {
        clearTimeout(timer);
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error('error during shutdown', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Prints a startup failure without a stack trace for the errors we expect, then exits 1. */
export function failStartup(err: unknown): never {
  const e = err as Error;
  const expected = ['ConfigError', 'RedisNotInstalledError', 'SchemaOutOfDateError', 'RegistryError'];
  process.stderr.write(`${expected.includes(e?.name) ? e.message : (e?.stack ?? String(err))}\n`);
  process.exit(1);
}

/**
 * The body of every service's `main.ts`: parse the environment, open the context, start the
 * service, and stop it cleanly on SIGTERM/SIGINT. Startup failures print a readable message and exit 1.
 */
export async function runService(
  options: ContextOptions,
  start: (ctx: AppContext) => Promise<{ close(): Promise<void> }> | { close(): Promise<void> },
): Promise<void> {
  try {
    const env = parseEnv();
    const ctx = await createContext(env, options);
    let running: { close(): Promise<void> };
    try {
      running = await start(ctx);
    } catch (err) {
      await ctx.close();
      throw err;
    }
    exitOnSignals(
      async () => {
        await running.close();
        await ctx.close();
      },
      env.SHUTDOWN_TIMEOUT_MS,
      ctx.log,
    );
    followParent(ctx.log);
  } catch (err) {
    failStartup(err);
  }
}

/**
 * For a process that a supervisor forked (it has an IPC channel): say `ready` once started, and stop
 * cleanly, as on SIGTERM, when the supervisor goes away (its channel closes), so that a supervisor
 * killed outright leaves no worker behind.
 */
function followParent(log: Logger): void {
  if (!process.send || !process.connected) return;
  process.send({ type: 'ready' });
  process.channel?.unref();
  process.once('disconnect', () => {
    log.warn('the supervising process is gone: stopping');
    process.kill(process.pid, 'SIGTERM');
  });
}
