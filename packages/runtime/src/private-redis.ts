import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

export class RedisNotInstalledError extends Error {
  override name = 'RedisNotInstalledError';
  constructor() {
    super(
      'REDIS_URL is not set, so the service wanted to start a private redis-server, but none is installed.\n' +
        'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; Fedora: `sudo dnf install redis`; ' +
        'macOS: `brew install redis`), or point REDIS_URL at a running Redis (REDIS_URL=redis://127.0.0.1:6379).',
    );
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

export function redisServerInstalled(bin = 'redis-server'): boolean {
  const r = spawnSync(bin, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/**
 * Starts a redis-server of our own on a free loopback port, keeping its append-only file in `dir`
 * (beside the database), and waits until it answers. `stop()` shuts it down cleanly (fsyncing the AOF).
 */
export interface PrivateRedisOptions {
  port?: number;
  appendOnly?: boolean;
  /**
   * `always` (default) fsyncs the append-only file before Redis answers a write, so a claim the API
   * acknowledged survives even a SIGKILL or power loss of Redis; `everysec` may lose the last second.
   */
  fsync?: 'always' | 'everysec';
}

export async function startPrivateRedis(dir: string, options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  if (!redisServerInstalled()) throw new RedisNotInstalledError();
  const absDir = resolve(dir);
  mkdirSync(absDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', absDir,
    '--appendonly', options.appendOnly === false ? 'no' : 'yes',
    '--appendfsync', options.fsync ?? 'always',
    '--save', '',
    '--daemonize', 'no',
    '--protected-mode', 'yes',
    '--logfile', '',
    '--loglevel', 'warning',
  ];
  // A process group of its own: a Ctrl-C at the terminal reaches only the service, which stops its
  // workers while Redis still answers, and Redis last. Should the service exit without stopping it,
  // it is stopped on the way out.
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const stopOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', stopOnExit);
  child.once('exit', () => process.off('exit', stopOnExit));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr.trim()}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') {
        probe.disconnect();
        break;
      }
    } catch {
      probe.disconnect();
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer within 10 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((res) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        res();
      });
      child.kill('SIGTERM');
    });
  };
  return { url, port, dir: absDir, process: child, stop };
}
