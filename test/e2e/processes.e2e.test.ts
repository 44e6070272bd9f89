import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@recon/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngine, waitUntil } from '../support/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = ['--conditions=source', '--import', 'tsx'];

/** The real entry points as separate processes: `npm start` (its script) and the `recon` CLI. */
describe('npm start and the recon CLI as real processes', () => {
  let dir: string;
  let server: ChildProcess;
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let url: string;
  let exit: Promise<number | null>;
  let logs = '';

  const recon = (...args: string[]) =>
    spawnSync(process.execPath, [...TSX, 'packages/cli/src/main.ts', ...args, '--url', url], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, RECON_URL: undefined, RECON_TOKEN: undefined },
      timeout: 30_000,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recon-process-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    database = await freshDatabase(dir, 'processes');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ...database.env, DATABASE_PATH: join(dir, 'data', 'recon.db'), LOG_LEVEL: 'info' };
    delete env.REDIS_URL;
    server = spawn(process.execPath, [...TSX, 'services/server/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr?.on('data', (d: Buffer) => {
      logs += d.toString();
    });
    exit = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
    await waitUntil(
      async () => {
        if (server.exitCode !== null) throw new Error(`the service exited with ${server.exitCode}:\n${logs}`);
        return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      },
      30_000,
      'service healthy',
    );
  });

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a private Redis with its append-only file beside the database', () => {
    expect(logs).toContain('started a private redis-server');
    expect(existsSync(join(dir, 'data', 'redis', 'appendonlydir'))).toBe(true);
    if (testEngine === 'sqlite') expect(existsSync(join(dir, 'data', 'recon.db'))).toBe(true);
  });

  it('recon submit, then recon report and recon incidents show the reconciled corpus', async () => {
    const submit = recon('submit', 'samples/corpus-claims.json');
    expect(submit.stderr).not.toMatch(/error/i);
    expect(submit.status).toBe(0);
    expect(submit.stdout).toContain('queued: 23');
    expect(submit.stdout).toContain('rejected: 0');

    await waitUntil(
      async () => {
        const r = await fetch(`${url}/incidents/ml-2024-07-tinzaouaten`);
        if (!r.ok) return false;
        const body = (await r.json()) as { upToDate: boolean; claimCount: number };
        return body.upToDate && body.claimCount === 5;
      },
      30_000,
      'Tinzaouaten report',
    );
    const report = recon('report', 'ml-2024-07-tinzaouaten');
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('Wagner Group — killed');
    expect(report.stdout).toContain('1–50');
    expect(report.stdout).toContain('Russian military bloggers');

    const json = recon('report', 'ml-2024-07-tinzaouaten', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ incident: { key: 'ml-2024-07-tinzaouaten' }, claimCount: 5 });

    const list = recon('incidents', '--country', 'ML');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('ml-2023-01-central-double-ambush');

    const missing = recon('report', 'no-such-incident');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no-such-incident');
  });

  /** The pids of a worker process, in the order the supervisor reported them ready. */
  const workerPids = (worker: string): number[] =>
    logs
      .split('\n')
      .filter((line) => line.includes('"msg":"worker process ready"'))
      .map((line) => JSON.parse(line) as { worker: string; childPid: number })
      .filter((l) => l.worker === worker)
      .map((l) => l.childPid);
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('runs ingest and the reconciler as processes of their own, and restarts one that dies', async () => {
    await waitUntil(() => workerPids('ingest').length > 0 && workerPids('reconciler').length > 0, 30_000, 'workers ready');
    const [ingest] = workerPids('ingest');
    expect(ingest).not.toBe(server.pid);
    process.kill(ingest!, 'SIGKILL');
    await waitUntil(() => workerPids('ingest').length > 1, 30_000, 'ingest restarted');
    expect(logs).toContain('worker process exited unexpectedly: restarting it');

    // The restarted worker stores what is sent next.
    const revised = { ...(JSON.parse(readFileSync(join(ROOT, 'samples/corpus-claims.json'), 'utf8')) as object[])[0], statedAt: '2024-09-01' };
    const res = await fetch(`${url}/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(revised) });
    expect(res.status).toBe(202);
    const { accepted } = (await res.json()) as { accepted: { id: string; status: string }[] };
    expect(accepted[0]!.status).toBe('queued');
    await waitUntil(async () => ((await (await fetch(`${url}/claims/${accepted[0]!.id}`)).json()) as { status: string }).status === 'stored', 30_000, 'claim stored');
  });

  it('stops cleanly on SIGTERM, taking its workers and its private Redis with it', async () => {
    const workers = [...workerPids('ingest'), ...workerPids('reconciler')];
    const redisPort = /redis:\/\/127\.0\.0\.1:(\d+)/.exec(logs)?.[1];
    expect(redisPort).toBeDefined();
    server.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(logs).toContain('stopped cleanly');
    const ping = spawnSync('redis-cli', ['-p', redisPort!, 'ping'], { encoding: 'utf8' });
    expect(ping.stdout.trim()).not.toBe('PONG');
    expect(workers.filter(alive)).toEqual([]);
  });
});
