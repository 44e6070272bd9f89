/**
 * A process whose stop never finishes, for testing exitOnSignals: it prints "ready" and then waits.
 * STOP_TIMEOUT_MS sets the shutdown deadline.
 */
import { createLogger, exitOnSignals } from '@recon/runtime';

exitOnSignals(() => new Promise<void>(() => undefined), Number(process.env.STOP_TIMEOUT_MS ?? 10_000), createLogger('silent'));
process.stdout.write('ready\n');
setInterval(() => undefined, 1_000);
