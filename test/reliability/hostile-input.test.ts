/**
 * Hostile input (issue "hostile input"): thousands of generated POST /claims bodies over real HTTP
 * against the whole service (API, ingest worker and reconciler in one process, real Redis, real
 * SQLite file). Every answer must be a 2xx or a 4xx with the contract's shape, the process must stay
 * healthy, and once the queues drain the database must hold no partial rows and every acknowledged
 * claim.
 *
 *   FUZZ_RUNS=10000        generated bodies (besides a fixed set at the limits)
 *   FUZZ_SEED=123          replay a run (the seed is printed in the summary and in failures)
 *   FUZZ_CONCURRENCY=8     requests in flight
 *   FUZZ_VERBOSE=1         also print the count per kind of body
 *   FUZZ_DRAIN_MS=20000    how long the queues may take to drain after the run
 *   FUZZ_KEEPALIVE_OVERSIZED=1  send bodies over 1 MiB on shared keep-alive connections too (by
 *                          default they get `Connection: close`: the keep-alive test covers that case
 *                          deterministically, and its fallout would hit random other requests)
 */
import { ActorRegistry, digestOf, validateClaim } from '@recon/domain';
import { startAll, type RunningService } from '@recon/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { sendUntilAdmitted } from '../support/http.js';
import { explicitCases, hostileCaseArb, MAX_BODY_BYTES, minimalClaim, oversized, type HostileCase } from './hostile-gen.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
/** How many 429 (busy) answers were sent again. */
const busyAnswers = { count: 0 };
const REQUEST_TIMEOUT_MS = 10_000;
/** Normally the queues drain within a second of the last request. */
const DRAIN_TIMEOUT_MS = Number(process.env.FUZZ_DRAIN_MS ?? 20_000);
const HEALTH_EVERY = 500;
/** Bodies over 1 MiB on connections of their own (FUZZ_KEEPALIVE_OVERSIZED=1: on shared keep-alive ones). */
const ISOLATE_OVERSIZED = !process.env.FUZZ_KEEPALIVE_OVERSIZED;
const SAMPLE_CHUNK = 250;
const MAX_REPORTED = 25;

const validOne = (n: number): HostileCase => ({
  kind: 'valid',
  body: JSON.stringify(minimalClaim(900_000 + n)),
  expect: { status: 202, accepted: 1, rejected: 0 },
});

const HEX64 = /^[0-9a-f]{64}$/;
const utf8 = new TextEncoder();

type Obj = Record<string, unknown>;
/** Claim ids answered `queued` or `duplicate`, each with where it was first sent. */
type Acknowledged = Map<string, string>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The fixed cases first, then FUZZ_RUNS generated ones, sampled lazily in chunks. */
function* allCases(): Generator<HostileCase> {
  yield* explicitCases();
  for (let done = 0, chunk = 0; done < RUNS; chunk++) {
    const n = Math.min(SAMPLE_CHUNK, RUNS - done);
    yield* fc.sample(hostileCaseArb, { numRuns: n, seed: (SEED + chunk) | 0 });
    done += n;
  }
}

function bytesOf(c: HostileCase): Uint8Array {
  return typeof c.body === 'string' ? utf8.encode(c.body) : c.body;
}

/** A short, printable description of a request body. */
function preview(c: HostileCase): string {
  const bytes = bytesOf(c);
  const text = typeof c.body === 'string' ? c.body : Buffer.from(c.body).toString('latin1');
  const shown = text.length > 240 ? `${text.slice(0, 160)}…(${text.length} chars)…${text.slice(-60)}` : text;
  const ct = c.contentType === undefined ? 'application/json' : c.contentType === null ? '(none)' : c.contentType;
  return `[${c.kind}${c.chunked ? ', chunked' : ''}, content-type ${ct}, ${bytes.length} bytes${typeof c.body === 'string' ? '' : ', raw bytes'}] ${JSON.stringify(shown)}`;
}

/** The claim at `index` of a request, as the server would have parsed it, for reports. */
function itemText(c: HostileCase, index: number): string {
  try {
    const body: unknown = JSON.parse(new TextDecoder().decode(bytesOf(c)));
    const items = isObj(body) && Array.isArray(body.claims) && !('incident' in body) ? body.claims : Array.isArray(body) ? body : [body];
    const text = JSON.stringify(items[index]);
    return `item ${index} of a ${c.kind} body: ${text.length > 400 ? `${text.slice(0, 400)}…` : text}`;
  } catch {
    return `item ${index} of ${preview(c)}`;
  }
}

/** What is wrong with a 202 answer's body, if anything; collects the acknowledged ids. */
function checkSubmitAnswer(body: unknown, acknowledged: Acknowledged, c: HostileCase): string[] {
  if (!isObj(body) || !Array.isArray(body.accepted) || !Array.isArray(body.rejected)) return ['202 body is not { accepted: [], rejected: [] }'];
  const problems: string[] = [];
  const indexes: number[] = [];
  for (const a of body.accepted as unknown[]) {
    if (!isObj(a) || !Number.isInteger(a.index) || typeof a.id !== 'string' || !HEX64.test(a.id) || (a.status !== 'queued' && a.status !== 'duplicate')) {
      problems.push(`bad accepted item ${JSON.stringify(a)}`);
      continue;
    }
    indexes.push(a.index as number);
    if (!acknowledged.has(a.id)) acknowledged.set(a.id, itemText(c, a.index as number));
  }
  for (const r of body.rejected as unknown[]) {
    if (!isObj(r) || !Number.isInteger(r.index) || !Array.isArray(r.errors) || r.errors.length === 0) {
      problems.push(`bad rejected item ${JSON.stringify(r).slice(0, 300)}`);
      continue;
    }
    indexes.push(r.index as number);
    for (const e of r.errors as unknown[]) {
      if (!isObj(e) || !nonEmptyString(e.path) || !nonEmptyString(e.message)) problems.push(`bad field error ${JSON.stringify(e)} in rejected item ${r.index}`);
    }
  }
  indexes.sort((x, y) => x - y);
  if (indexes.length === 0 || indexes.some((v, i) => v !== i)) problems.push(`item indexes are not 0..n-1 once each: ${JSON.stringify(indexes.slice(0, 20))}`);
  return problems;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * POSTs a case. `isolate` sends a body over 1 MiB with `Connection: close`, so that the connection
 * its 413 leaves behind is not reused (see the keep-alive test: reusing it loses a later request).
 */
async function post(base: string, c: HostileCase, isolate = false): Promise<Answer> {
  const bytes = bytesOf(c);
  const headers: Record<string, string> = {};
  const contentType = c.contentType === undefined ? 'application/json' : c.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  if (isolate && bytes.length > MAX_BODY_BYTES) headers.connection = 'close';
  const send = async (): Promise<Response> => {
    const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
    if (c.chunked) {
      init.body = new ReadableStream<Uint8Array>({
        start(ctl) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) ctl.enqueue(bytes.slice(i, i + 64 * 1024));
          ctl.close();
        },
      });
      init.duplex = 'half';
    } else init.body = bytes as Uint8Array<ArrayBuffer>;
    return fetch(`${base}/claims`, init);
  };
  // A busy service answers 429 before doing anything; a well-behaved client sends again later.
  const res = await sendUntilAdmitted(send, () => {
    busyAnswers.count += 1;
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

/** Everything wrong with one answer (empty: fine). */
function judge(c: HostileCase, { status, contentType, text }: Answer, acknowledged: Acknowledged): string[] {
  const problems: string[] = [];
  if (!(status >= 200 && status < 300) && !(status >= 400 && status < 500)) problems.push(`status ${status} is neither 2xx nor 4xx`);
  else if (status >= 200 && status < 300 && status !== 202) problems.push(`status ${status}: POST /claims answers 202 when it accepts`);
  if (!contentType.toLowerCase().startsWith('application/json')) problems.push(`content-type ${JSON.stringify(contentType)} is not application/json`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push('the answer is not JSON');
  }
  if (body !== undefined) {
    if (status === 202) problems.push(...checkSubmitAnswer(body, acknowledged, c));
    else if (!isObj(body) || !isObj(body.error) || !nonEmptyString(body.error.code) || !nonEmptyString(body.error.message)) {
      problems.push('the error answer is not { error: { code, message } }');
    }
  }
  const e = c.expect;
  if (e) {
    if (status !== e.status) problems.push(`expected status ${e.status}`);
    else if (e.code !== undefined && isObj(body) && isObj(body.error) && body.error.code !== e.code) problems.push(`expected error code ${e.code}`);
    if (status === 202 && isObj(body) && Array.isArray(body.accepted) && Array.isArray(body.rejected)) {
      if (e.accepted !== undefined && body.accepted.length !== e.accepted) problems.push(`expected ${e.accepted} accepted, got ${body.accepted.length}`);
      if (e.rejected !== undefined && body.rejected.length !== e.rejected) problems.push(`expected ${e.rejected} rejected, got ${body.rejected.length}`);
    }
  }
  return problems;
}

/** Failures grouped by what went wrong, a few examples each, so that one bug does not hide another. */
class Failures {
  readonly groups = new Map<string, { count: number; examples: string[] }>();
  total = 0;
  add(signature: string, example: string): void {
    this.total += 1;
    const g = this.groups.get(signature) ?? { count: 0, examples: [] };
    g.count += 1;
    if (g.examples.length < 3) g.examples.push(example);
    this.groups.set(signature, g);
  }
  report(): string {
    return [...this.groups.entries()]
      .sort(([, a], [, b]) => b.count - a.count)
      .map(([sig, g]) => `${g.count}× ${sig}\n    e.g. ${g.examples.join('\n    e.g. ')}`)
      .join('\n');
  }
}

describe('hostile input on POST /claims', () => {
  let h: Harness;
  let service: RunningService;
  let base: string;
  /** Every id answered `queued` or `duplicate`, over all the tests here. */
  const acknowledged: Acknowledged = new Map();

  beforeAll(async () => {
    h = await createHarness();
    service = await startAll(h.ctx, { port: 0 });
    base = `http://127.0.0.1:${service.http.port}`;
  });

  afterAll(async () => {
    await service?.close();
    await h?.close();
  });

  it('answers 413 to a body over 1 MiB, and the next requests on the same keep-alive connection are answered', async () => {
    // fetch keeps connections alive and reuses them: a 413 must not leave its connection poisoned.
    const over = oversized(1, 'whitespace');
    const answers: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (const c of [over, validOne(round * 2), validOne(round * 2 + 1)]) {
        try {
          const a = await post(base, c);
          const problems = judge(c, a, acknowledged);
          answers.push(`${c.kind}: ${a.status}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`);
        } catch (err) {
          const e = err as Error & { cause?: Error };
          answers.push(`${c.kind}: no answer: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`);
        }
      }
    }
    // The server drops a connection a 413 left open after 500 ms: let it, so that no later test inherits one.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(answers).toEqual(Array.from({ length: 4 }, () => ['oversized: 413', 'valid: 202', 'valid: 202']).flat());
  });

  it(
    `answers ${RUNS.toLocaleString('en')}+ generated bodies with 2xx/4xx of the contract's shape, and stays healthy`,
    async () => {
      const started = Date.now();
      const statuses = new Map<string, number>();
      const kinds = new Map<string, number>();
      const failures = new Failures();
      let sent = 0;

      const health = async (when: string): Promise<void> => {
        try {
          const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          const text = await res.text();
          if (res.status !== 200) failures.add(`GET /healthz answered ${res.status}`, `${when}: ${text.slice(0, 200)}`);
        } catch (err) {
          failures.add(`GET /healthz: no answer`, `${when}: ${(err as Error).message}`);
        }
      };

      const cases = allCases();
      const worker = async (): Promise<void> => {
        for (;;) {
          const next = cases.next();
          if (next.done) return;
          const c = next.value;
          kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
          let answer: Answer;
          try {
            answer = await post(base, c, ISOLATE_OVERSIZED);
          } catch (err) {
            const e = err as Error & { cause?: Error };
            const why = `${e.name}: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`;
            statuses.set('no-answer', (statuses.get('no-answer') ?? 0) + 1);
            failures.add(`no answer: ${why}`, preview(c));
            continue;
          } finally {
            sent += 1;
          }
          statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
          const problems = judge(c, answer, acknowledged);
          if (problems.length > 0) {
            failures.add(`${c.kind}: ${problems.join('; ')}`, `${preview(c)}\n      → ${answer.status} ${answer.contentType} ${answer.text.slice(0, 400)}`);
          }
          if (sent % HEALTH_EVERY === 0) await health(`after ${sent} requests`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
      await health('after the run');

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const byStatus = [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(' ');
      console.log(
        `hostile-input: ${sent} requests in ${seconds} s (seed ${SEED}, concurrency ${CONCURRENCY}): ${byStatus}; ${acknowledged.size} distinct claims acknowledged; ${failures.total} bad answers; ${busyAnswers.count} busy (429) answers sent again`,
      );
      if (process.env.FUZZ_VERBOSE) console.log(`hostile-input kinds: ${[...kinds.entries()].map(([k, n]) => `${k}×${n}`).join(' ')}`);

      expect(sent).toBeGreaterThanOrEqual(RUNS);
      expect(failures.total, `${failures.total} bad answers (seed ${SEED}), by what went wrong:\n${failures.report()}`).toBe(0);
    },
    Math.max(180_000, RUNS * 40),
  );

  it('after the queues drain: no partial rows, and every acknowledged claim is stored', async () => {
    // Soft expectations from here on: a queue that does not drain must not hide what the store holds.
    let drained = 'drained';
    await waitForDrain(h.ctx, DRAIN_TIMEOUT_MS).catch((err: Error) => {
      drained = err.message;
    });
    expect.soft(drained).toBe('drained');
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    expect.soft(res.status).toBe(200);

    const one = async (q: string): Promise<number> => (await h.ctx.store.rows<{ n: number }>(q))[0]!.n;

    const claimRows = await h.ctx.store.rows<{ id: string; body: string; resolved: string; n: number }>(
      'SELECT c.id, c.body, c.resolved, (SELECT count(*) FROM figures f WHERE f.claim_id = c.id) AS n FROM claims c',
    );
    const partyKey = ActorRegistry.create().partyKey;
    const badRows: string[] = [];
    for (const row of claimRows) {
      const figures = (JSON.parse(row.resolved) as { figures: unknown[] }).figures.length;
      if (row.n < 1 || row.n !== figures) badRows.push(`claim ${row.id} has ${row.n} figure rows, its resolved JSON ${figures} figures`);
      const v = validateClaim(JSON.parse(row.body), partyKey);
      if (!v.ok) badRows.push(`claim ${row.id}'s stored body does not validate: ${JSON.stringify(v.errors)} body ${row.body.slice(0, 300)}`);
      else if (digestOf(v.claim) !== row.id) badRows.push(`claim ${row.id}'s stored body digests to ${digestOf(v.claim)}`);
    }
    expect.soft(badRows.slice(0, MAX_REPORTED), `${badRows.length} bad claim rows`).toEqual([]);

    expect.soft(await one('SELECT count(*) AS n FROM figures f LEFT JOIN claims c ON c.id = f.claim_id WHERE c.id IS NULL'), 'figures without a claim').toBe(0);
    expect.soft(await one('SELECT count(*) AS n FROM figures f JOIN claims c ON c.id = f.claim_id WHERE f.incident_id <> c.incident_id'), 'figures of another incident than their claim').toBe(0);
    expect.soft(await one('SELECT count(*) AS n FROM claims c LEFT JOIN incidents i ON i.id = c.incident_id WHERE i.id IS NULL'), 'claims without an incident').toBe(0);
    expect.soft(await one('SELECT count(*) AS n FROM claims WHERE incident_id IS NULL'), 'claims placed in no incident').toBe(0);
    // An incident whose claims were regrouped away answers with the one they went to; every other has claims.
    expect.soft(await one('SELECT count(*) AS n FROM incidents i WHERE merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id)'), 'live incidents without a claim').toBe(0);
    expect.soft(await one('SELECT count(*) AS n FROM incidents i WHERE merged_into IS NOT NULL AND EXISTS (SELECT 1 FROM claims c WHERE c.incident_id = i.id)'), 'merged incidents that still hold claims').toBe(0);
    expect.soft(await one("SELECT count(*) AS n FROM incidents WHERE end_date IS NOT NULL AND end_date < substr(start_date, 1, length(end_date))"), 'incidents ending before they start').toBe(0);
    expect.soft(await one('SELECT count(*) AS n FROM claims c JOIN rejections r ON r.id = c.id'), 'claims also recorded as rejections').toBe(0);

    // Every acknowledged id is stored, and nothing else is.
    const notStored: string[] = [];
    for (const [id, from] of acknowledged) {
      const s = await h.ctx.store.claimStatus(id);
      if (s?.status !== 'stored') notStored.push(`${id}: ${s ? `${s.status} ${JSON.stringify(s.errors)}` : 'not stored, not rejected'} sent as ${from}`);
    }
    expect.soft(notStored.slice(0, MAX_REPORTED), `${notStored.length} acknowledged claims not stored`).toEqual([]);
    expect.soft(await one('SELECT count(*) AS n FROM claims'), 'stored claims = distinct acknowledged ids').toBe(acknowledged.size);
    expect(acknowledged.size).toBeGreaterThan(0);
  }, DRAIN_TIMEOUT_MS + 60_000);
});
