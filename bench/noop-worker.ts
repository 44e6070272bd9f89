/**
 * The ceiling: a BullMQ worker process whose jobs do nothing, on the same Redis with the same
 * connection settings and job options as the ingest worker.
 * argv: REDIS_URL PREFIX CONCURRENCY
 */
import { createRedis } from '@recon/queue';
import { Worker } from 'bullmq';

const [url, prefix, concurrency] = process.argv.slice(2);
const worker = new Worker('noop', async () => undefined, {
  connection: createRedis(url!, 'worker'),
  prefix: prefix!,
  concurrency: Number(concurrency ?? 8),
});
worker.on('ready', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
