import { createApp, apiDepsOf } from '@recon/api';
import type { Report } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';

/** The API in-process against a real Redis and a real SQLite file: POST, GET and DELETE /claims. */

interface SubmitResult {
  accepted: { index: number; id: string; status: 'queued' | 'duplicate' }[];
  rejected: { index: number; id: string; errors: { path: string; message: string }[] }[];
}
interface ClaimStatus {
  id: string;
  status: 'queued' | 'stored' | 'rejected' | 'retracted';
  incidentId: string | null;
  errors: { path: string; message: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; errors?: { path: string; message: string }[] };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A valid claim; `n` varies the figure so that each n gives a distinct claim. */
function validClaim(n = 10, over: { key?: string; claimant?: string; kind?: string; statedAt?: string } = {}) {
  return {
    incident: {
      key: over.key ?? 'ml-2024-07-tinzaouaten',
      title: 'Fighting near Tinzaouaten',
      country: 'ML',
      location: 'Tinzaouaten',
      startDate: '2024-07-25',
      endDate: '2024-07-27',
    },
    claimant: { name: over.claimant ?? 'JNIM', kind: over.kind ?? 'armed_group' },
    via: [{ name: 'SITE Intelligence Group', kind: 'monitor' }],
    statedAt: over.statedAt ?? '2024-07-28',
    source: { publisher: 'AFP', excerpt: `said it killed ${n} Wagner fighters` },
    figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: n }, wording: `killed ${n} Wagner fighters` }],
  };
}

/** Invalid: two count forms at once. */
function invalidClaim() {
  const c = validClaim(7);
  return { ...c, figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 5, min: 3 } }] };
}

async function post(app: OpenAPIHono, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app.request('/claims', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function submit(app: OpenAPIHono, body: unknown): Promise<SubmitResult> {
  const res = await post(app, body);
  expect(res.status).toBe(202);
  return (await res.json()) as SubmitResult;
}

async function getStatus(app: OpenAPIHono, id: string): Promise<{ status: number; body: ClaimStatus & ErrorBody }> {
  const res = await app.request(`/claims/${id}`);
  return { status: res.status, body: (await res.json()) as ClaimStatus & ErrorBody };
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /claims and GET /claims/:id without workers', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('accepts one claim with 202 and a 64-hex id, and reports it queued', async () => {
    const res = await post(app, validClaim(11));
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as SubmitResult;
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toHaveLength(1);
    expect(body.accepted[0]).toMatchObject({ index: 0, status: 'queued' });
    expect(body.accepted[0]!.id).toMatch(HEX64);

    const s = await getStatus(app, body.accepted[0]!.id);
    expect(s.status).toBe(200);
    expect(s.body).toEqual({ id: body.accepted[0]!.id, status: 'queued', incidentId: null, errors: [] });
    expect((await h.ctx.store.counts()).claims).toBe(0);
  });

  it('gives the same id to the same claim with keys reordered and different whitespace', async () => {
    const c = validClaim(12);
    const first = await submit(app, c);
    const reordered = {
      figures: c.figures.map((f) => ({ wording: f.wording, count: f.count, outcome: f.outcome, party: f.party })),
      statedAt: c.statedAt,
      source: { excerpt: c.source.excerpt, publisher: c.source.publisher },
      via: c.via.map((v) => ({ kind: v.kind, name: v.name })),
      claimant: { kind: c.claimant.kind, name: c.claimant.name },
      incident: {
        endDate: c.incident.endDate,
        startDate: c.incident.startDate,
        location: c.incident.location,
        country: c.incident.country,
        title: c.incident.title,
        key: c.incident.key,
      },
    };
    const text = `\n\t ${JSON.stringify(reordered, null, 3)}  \r\n`;
    expect(text).not.toBe(JSON.stringify(c));
    const second = await submit(app, text);
    expect(second.rejected).toEqual([]);
    expect(second.accepted[0]!.id).toBe(first.accepted[0]!.id);
    // Still queued from the first submission: not queued twice.
    expect(second.accepted[0]!.status).toBe('duplicate');
    const jobId = await h.ctx.queues.jobOfClaim(first.accepted[0]!.id);
    expect(jobId).not.toBeNull();
    const carrying = (await h.ctx.queues.claims.getJobs(['waiting'])).filter((j) =>
      (j.data as { claims: { id: string }[] }).claims.some((c) => c.id === first.accepted[0]!.id),
    );
    expect(carrying.map((j) => j.id)).toEqual([jobId]);
  });

  it('different claims get different ids', async () => {
    const r = await submit(app, { claims: [validClaim(21), validClaim(22)] });
    expect(r.accepted.map((a) => a.status)).toEqual(['queued', 'queued']);
    expect(r.accepted[0]!.id).not.toBe(r.accepted[1]!.id);
  });

  it('splits a mixed batch: valid queued, invalid rejected with field paths, in-batch duplicate marked', async () => {
    const valid = validClaim(31);
    const r = await submit(app, { claims: [valid, invalidClaim(), structuredClone(valid)] });
    expect(r.accepted).toHaveLength(2);
    expect(r.accepted[0]).toMatchObject({ index: 0, status: 'queued' });
    expect(r.accepted[1]).toMatchObject({ index: 2, status: 'duplicate', id: r.accepted[0]!.id });
    expect(r.rejected).toHaveLength(1);
    const rej = r.rejected[0]!;
    expect(rej.index).toBe(1);
    expect(rej.id).toMatch(HEX64);
    expect(rej.errors.length).toBeGreaterThan(0);
    const countError = rej.errors.find((e) => e.path === 'figures[0].count');
    expect(countError).toBeDefined();
    expect(typeof countError!.message).toBe('string');
    expect(countError!.message.length).toBeGreaterThan(0);

    // The rejection is stored and can be looked up with the same errors.
    const s = await getStatus(app, rej.id);
    expect(s.status).toBe(200);
    expect(s.body).toEqual({ id: rej.id, status: 'rejected', incidentId: null, errors: rej.errors, attempts: 1 });
  });

  it('names each bad field of a rejected claim', async () => {
    const bad = {
      ...validClaim(1),
      incident: { country: 'Mali', startDate: '2024-13-01' },
      claimant: { name: 'JNIM', kind: 'terrorists' },
      extra: true,
      figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: -1 } }],
    };
    const r = await submit(app, bad);
    expect(r.accepted).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    const paths = r.rejected[0]!.errors.map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['incident.country', 'incident.startDate', 'claimant.kind', 'extra', 'figures[0].count.exact']));
    for (const e of r.rejected[0]!.errors) expect(e.message).toEqual(expect.any(String));
  });

  it('rejects a claim whose statedAt is before the incident started, and one with a repeated figure', async () => {
    const early = { ...validClaim(2), statedAt: '2024-07-01' };
    const c = validClaim(3);
    const repeated = { ...c, figures: [...c.figures, { party: 'Wagner Group', outcome: 'killed', count: { exact: 4 } }] };
    const r = await submit(app, { claims: [early, repeated] });
    expect(r.accepted).toEqual([]);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1]);
    expect(r.rejected[0]!.errors.map((e) => e.path)).toContain('statedAt');
    expect(r.rejected[1]!.errors.map((e) => e.path)).toContain('figures[1]');
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    for (const body of ['{"incident":', 'not json at all', '']) {
      const res = await post(app, body);
      expect(res.status).toBe(400);
      const e = (await res.json()) as ErrorBody;
      expect(e.error.code).toBe('invalid_json');
      expect(typeof e.error.message).toBe('string');
      expect(e.error.message.length).toBeGreaterThan(0);
    }
  });

  it('answers 400 for {claims: "x"}, for extra batch fields, and for an empty batch', async () => {
    const notArray = await post(app, { claims: 'x' });
    expect(notArray.status).toBe(400);
    const e1 = (await notArray.json()) as ErrorBody;
    expect(e1.error.code).toBe('invalid_request');
    expect(e1.error.message).toMatch(/array/);

    const extra = await post(app, { claims: [validClaim(41)], note: 'hi' });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as ErrorBody).error.code).toBe('invalid_request');

    for (const empty of [{ claims: [] }, []]) {
      const res = await post(app, empty);
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_request');
    }
  });

  it('answers 400 batch_too_large for 1,001 claims and accepts exactly 1,000', async () => {
    const before = await h.ctx.store.counts();
    const tooMany = await post(app, { claims: Array.from({ length: 1001 }, () => invalidClaim()) });
    expect(tooMany.status).toBe(400);
    const e = (await tooMany.json()) as ErrorBody;
    expect(e.error.code).toBe('batch_too_large');
    // Nothing of an oversized batch is recorded.
    expect((await h.ctx.store.counts()).rejections).toBe(before.rejections);

    const c = validClaim(51);
    const ok = await submit(app, { claims: Array.from({ length: 1000 }, () => c) });
    expect(ok.accepted).toHaveLength(1000);
    expect(ok.accepted[0]!.status).toBe('queued');
    expect(ok.accepted.slice(1).every((a) => a.status === 'duplicate' && a.id === ok.accepted[0]!.id)).toBe(true);
    expect(ok.accepted.map((a) => a.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('answers 413 payload_too_large for a body over 1 MiB', async () => {
    const big = { ...validClaim(61), source: { excerpt: 'x'.repeat(9_000) } };
    const body = JSON.stringify({ claims: Array.from({ length: 130 }, () => big) });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const before = await h.ctx.store.counts();
    const res = await post(app, body);
    expect(res.status).toBe(413);
    const e = (await res.json()) as ErrorBody;
    expect(e.error.code).toBe('payload_too_large');
    expect(await h.ctx.store.counts()).toEqual(before);
  });

  it('answers a deeply nested JSON body with a rejection or a 400, not a 500', async () => {
    const depth = 10_000; // ~20 KB; about 3,000 levels already overflowed the stack
    const body = `{"claims":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;
    expect(body.length).toBeLessThan(1024 * 1024);
    const res = await post(app, body);
    expect(res.status).not.toBe(500);
    expect([202, 400]).toContain(res.status);
  });

  it('answers 404 not_found for an unknown claim id', async () => {
    const s = await getStatus(app, 'f'.repeat(64));
    expect(s.status).toBe(404);
    expect(s.body.error.code).toBe('not_found');
  });

  it('answers 404 not_found to DELETE of an unknown claim id', async () => {
    const res = await app.request(`/claims/${'e'.repeat(64)}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('not_found');
  });
});

describe('claims with the workers running', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];
  let idA: string;
  let idB: string;
  let incidentId: string;

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })];
    // Two claims about one incident from different claimants: JNIM says 10, CSP-PSD says 12.
    const r = await submit(app, {
      claims: [validClaim(10), validClaim(12, { claimant: 'CSP-PSD', kind: 'rebel_group', statedAt: '2024-08-01' })],
    });
    expect(r.accepted.map((a) => a.status)).toEqual(['queued', 'queued']);
    idA = r.accepted[0]!.id;
    idB = r.accepted[1]!.id;
    await waitForDrain(h.ctx);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  it('reports a stored claim with its incident', async () => {
    expect((await h.ctx.store.counts()).claims).toBe(2);
    const a = await getStatus(app, idA);
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('stored');
    expect(a.body.incidentId).toMatch(/^inc-/);
    expect(a.body.errors).toEqual([]);
    const b = await getStatus(app, idB);
    expect(b.body.incidentId).toBe(a.body.incidentId);
    incidentId = a.body.incidentId!;
    const inc = await app.request('/incidents/ml-2024-07-tinzaouaten');
    expect(((await inc.json()) as { id: string }).id).toBe(incidentId);
  });

  it('answers duplicate to a stored claim and writes nothing', async () => {
    const before = await h.ctx.store.counts();
    const versionsBefore = (await h.ctx.store.reportVersions(incidentId!)).length;
    const r = await submit(app, validClaim(10));
    expect(r).toEqual({ accepted: [{ index: 0, id: idA, status: 'duplicate', warnings: [] }], rejected: [] });
    // Give the workers a chance to do something they should not.
    await new Promise((res) => setTimeout(res, 700));
    await waitForDrain(h.ctx);
    expect(await h.ctx.store.counts()).toEqual(before);
    expect((await h.ctx.store.reportVersions(incidentId!)).length).toBe(versionsBefore);
    expect((await h.ctx.queues.pendingCounts()).claims).toBe(0);
  });

  it('stores no invalid claim: an all-invalid batch leaves the claims table untouched', async () => {
    const before = await h.ctx.store.counts();
    const bad1 = invalidClaim();
    const bad2 = { ...validClaim(99), figures: [] };
    const r = await submit(app, { claims: [bad1, bad2] });
    expect(r.accepted).toEqual([]);
    expect(r.rejected.map((x) => x.index)).toEqual([0, 1]);
    expect(r.rejected[1]!.errors.map((e) => e.path)).toContain('figures');
    await new Promise((res) => setTimeout(res, 500));
    await waitForDrain(h.ctx);
    const after = await h.ctx.store.counts();
    expect(after.claims).toBe(before.claims);
    expect(after.reports).toBe(before.reports);
    expect(after.incidents).toBe(before.incidents);
    expect(after.rejections).toBe(before.rejections + 2);
    for (const rej of r.rejected) {
      const s = await getStatus(app, rej.id);
      expect(s.body).toEqual({ id: rej.id, status: 'rejected', incidentId: null, errors: rej.errors, attempts: 1 });
    }
  });

  it('stores an all-invalid batch into a fresh database as nothing', async () => {
    const h2 = await createHarness();
    const ws = [startIngestWorker(h2.ctx, 2), startReconciler(h2.ctx, { sweepMs: 500 })];
    try {
      const app2 = createApp(apiDepsOf(h2.ctx));
      const r = await submit(app2, { claims: [invalidClaim(), { nonsense: 1 }, null, 'text'] });
      expect(r.accepted).toEqual([]);
      expect(r.rejected).toHaveLength(4);
      await new Promise((res) => setTimeout(res, 500));
      await waitForDrain(h2.ctx);
      expect(await h2.ctx.store.counts()).toMatchObject({ claims: 0, incidents: 0, reports: 0, rejections: 4 });
    } finally {
      await Promise.all(ws.map((w) => w.close()));
      await h2.close();
    }
  });

  it('retracts a claim with DELETE: a new report version without it, the earlier one keeps it', async () => {
    const versions = await h.ctx.store.reportVersions(incidentId);
    const latestBefore = versions.at(-1)!;
    expect(latestBefore.claimCount).toBe(2);
    const before = JSON.parse((await h.ctx.store.reportJson(incidentId))!) as Report;
    const hasClaim = (r: Report, id: string) => r.cells.some((c) => c.claims.some((x) => x.claimId === id) || c.superseded.some((x) => x.claimId === id));
    expect(hasClaim(before, idB)).toBe(true);

    const disputedKeys = async () =>
      ((await (await app.request('/incidents?disputed=true')).json()) as { incidents: { key: string }[] }).incidents.map((i) => i.key);
    // JNIM's 10 and CSP-PSD's 12 dispute each other until one is retracted.
    expect(await disputedKeys()).toEqual(['ml-2024-07-tinzaouaten']);

    const res = await app.request(`/claims/${idB}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: idB, status: 'retracted', incidentId, errors: [] });
    await waitForDrain(h.ctx);

    const s = await getStatus(app, idB);
    expect(s.body.status).toBe('retracted');
    expect(s.body.incidentId).toBe(incidentId);
    expect((await h.ctx.store.counts()).claims).toBe(1);

    const latestRes = await app.request('/incidents/ml-2024-07-tinzaouaten/report');
    expect(latestRes.status).toBe(200);
    const latest = (await latestRes.json()) as Report;
    expect(latest.version).toBe(latestBefore.version + 1);
    expect(latest.claimCount).toBe(1);
    expect(hasClaim(latest, idB)).toBe(false);
    expect(hasClaim(latest, idA)).toBe(true);

    const oldRes = await app.request(`/incidents/ml-2024-07-tinzaouaten/report?version=${latestBefore.version}`);
    expect(oldRes.status).toBe(200);
    const old = (await oldRes.json()) as Report;
    expect(old.version).toBe(latestBefore.version);
    expect(old.claimCount).toBe(2);
    expect(hasClaim(old, idB)).toBe(true);
    expect(await disputedKeys()).toEqual([]);
  });

  it('a second DELETE of a retracted claim changes nothing', async () => {
    const versions = (await h.ctx.store.reportVersions(incidentId)).length;
    const res = await app.request(`/claims/${idB}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ClaimStatus).status).toBe('retracted');
    await new Promise((r) => setTimeout(r, 300));
    await waitForDrain(h.ctx);
    expect((await h.ctx.store.reportVersions(incidentId)).length).toBe(versions);
  });

  it('resubmitting a retracted claim is a duplicate and leaves it retracted', async () => {
    const before = await h.ctx.store.counts();
    const r = await submit(app, validClaim(12, { claimant: 'CSP-PSD', kind: 'rebel_group', statedAt: '2024-08-01' }));
    expect(r.accepted).toEqual([{ index: 0, id: idB, status: 'duplicate', warnings: [] }]);
    await new Promise((res) => setTimeout(res, 300));
    await waitForDrain(h.ctx);
    expect((await getStatus(app, idB)).body.status).toBe('retracted');
    expect(await h.ctx.store.counts()).toEqual(before);
  });

  it('a valid claim submitted next to an invalid one is stored; the invalid one never is', async () => {
    const before = await h.ctx.store.counts();
    const r = await submit(app, { claims: [invalidClaim(), validClaim(77, { key: 'ml-2024-07-other' })] });
    expect(r.rejected.map((x) => x.index)).toEqual([0]);
    expect(r.accepted).toMatchObject([{ index: 1, status: 'queued' }]);
    await waitFor(async () => (await h.ctx.store.counts()).claims === before.claims + 1);
    await waitForDrain(h.ctx);
    expect((await h.ctx.store.counts()).claims).toBe(before.claims + 1);
    expect((await getStatus(app, r.accepted[0]!.id)).body.status).toBe('stored');
    expect((await getStatus(app, r.rejected[0]!.id)).body.status).toBe('rejected');
  });

  it('the same new claim posted 10 times at once is stored once, under one id', async () => {
    const before = await h.ctx.store.counts();
    const c = validClaim(55, { key: 'ml-2024-07-race' });
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(app, c)));
    const ids = new Set(results.map((r) => r.accepted[0]!.id));
    expect(ids.size).toBe(1);
    expect(results.some((r) => r.accepted[0]!.status === 'queued')).toBe(true);
    await waitFor(async () => (await h.ctx.store.counts()).claims === before.claims + 1);
    await new Promise((res) => setTimeout(res, 300));
    await waitForDrain(h.ctx);
    expect(await h.ctx.store.counts()).toMatchObject({ claims: before.claims + 1, incidents: before.incidents + 1, reports: before.reports + 1 });
    const [id] = [...ids];
    expect((await getStatus(app, id!)).body.status).toBe('stored');
  });

  it('retracting the only claim of an incident writes an empty report version', async () => {
    const r = await submit(app, validClaim(88, { key: 'ml-2024-07-lonely' }));
    const id = r.accepted[0]!.id;
    await waitFor(async () => (await h.ctx.store.counts()).claims > 0 && (await h.ctx.store.claimStatus(id))?.status === 'stored');
    await waitForDrain(h.ctx);
    const before = (await (await app.request('/incidents/ml-2024-07-lonely/report')).json()) as Report;
    expect(before.claimCount).toBe(1);

    const del = await app.request(`/claims/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    await waitForDrain(h.ctx);
    const after = (await (await app.request('/incidents/ml-2024-07-lonely/report')).json()) as Report;
    expect(after.version).toBe(before.version + 1);
    expect(after.claimCount).toBe(0);
    expect(after.cells).toEqual([]);
    const versions = (await (await app.request('/incidents/ml-2024-07-lonely/reports')).json()) as { versions: { claimCount: number }[] };
    expect(versions.versions.map((v) => v.claimCount)).toEqual([1, 0]);
  });
});
