import { apiDepsOf, createApp } from '@recon/api';
import { digestOf } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitForDrain, waitUntil, type Harness } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

/** Every curation action over HTTP, with workers running: audit trail, report versions, old ids, idempotency. */

interface Detail {
  id: string;
  key: string | null;
  title: string | null;
  startDate: string;
  endDate: string | null;
  needsReview: boolean;
  candidates: string[];
  mergedFrom: string[];
  setByHand: string[];
  resolvedFrom: string | null;
  reportVersion: number;
  upToDate: boolean;
}
interface Event {
  seq: number;
  action: string;
  actor: string;
  note: string | null;
  incidentIds: string[];
  claimIds: string[];
}
interface CurationAnswer {
  changed: boolean;
  event: Event | null;
  incident: Detail;
}
interface Report {
  incident: Detail;
  version: number;
  claimCount: number;
  cells: { claims: { claimId: string }[] }[];
}

const ALICE = 'Bearer tok-alice-1';
const BOB = 'Bearer tok-bob-2';

const gaoA = claim({ location: 'Gao', startDate: '2024-03-01', claimant: 'JNIM', count: { exact: 12 } });
const gaoB = claim({ location: 'Gao', startDate: '2024-03-02', claimant: 'Malian army', claimantKind: 'state_forces', count: { exact: 2 } });
const market = claim({ key: 'gao-market', location: 'Gao', startDate: '2024-03-10', claimant: 'AFP', claimantKind: 'media', count: { min: 5 } });
const k1 = claim({ key: 'gao-1', location: 'Gao', startDate: '2024-03-20', claimant: 'MINUSMA', claimantKind: 'un' });
const k2 = claim({ key: 'gao-2', location: 'Gao', startDate: '2024-03-24', claimant: 'MINUSMA', claimantKind: 'un' });
const between = claim({ location: 'Gao', startDate: '2024-03-22', claimant: 'Human Rights Watch', claimantKind: 'ngo' });
const idOf = (c: unknown) => digestOf(c);

describe('curation over HTTP', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[];
  const submitted: unknown[] = [];

  const call = async <T>(method: string, path: string, body?: unknown, auth = ALICE): Promise<{ status: number; body: T }> => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: auth },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const submit = async (...claims: unknown[]) => {
    submitted.push(...claims);
    const r = await call<{ accepted: unknown[] }>('POST', '/claims', { claims });
    expect(r.status).toBe(202);
    await waitForDrain(h.ctx);
  };
  const incident = async (id: string) => (await call<Detail>('GET', `/incidents/${id}`)).body;
  const reportOf = async (id: string) => (await call<Report>('GET', `/incidents/${id}/report`)).body;
  const current = async (id: string) => {
    await waitUntil(async () => (await incident(id)).upToDate, 20_000, `report of ${id} up to date`);
    return reportOf(id);
  };

  beforeAll(async () => {
    h = await createHarness();
    app = createApp({ ...apiDepsOf(h.ctx), auth: { writeTokens: ['alice:tok-alice-1', 'bob:tok-bob-2', 'bare-token-3'], readToken: undefined } });
    workers = [startIngestWorker(h.ctx, 4), startReconciler(h.ctx, { concurrency: 2, sweepMs: 500 })];
    await submit(gaoA, gaoB, market, k1, k2, between);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h.close();
  });

  it('starts with the incidents the claims make: one keyless, two keyed, one needing review', async () => {
    const x = (await h.ctx.store.claimStatus(idOf(gaoA)))!.incidentId!;
    expect((await h.ctx.store.claimStatus(idOf(gaoB)))!.incidentId).toBe(x);
    const review = (await call<{ incidents: Detail[] }>('GET', '/incidents?needsReview=true')).body.incidents;
    expect(review.map((i) => i.id)).toEqual([(await h.ctx.store.claimStatus(idOf(between)))!.incidentId]);
    expect(review[0]!.candidates).toEqual([(await h.ctx.store.findIncident('gao-1'))!.id, (await h.ctx.store.findIncident('gao-2'))!.id].sort());
  });

  it('merges, keeps the old id answering, writes a new version and does not act twice', async () => {
    const x = (await h.ctx.store.claimStatus(idOf(gaoA)))!.incidentId!;
    const y = (await h.ctx.store.findIncident('gao-market'))!.id;
    const before = await current(y);
    const r = await call<CurationAnswer>('POST', `/incidents/${x}/merge`, { into: 'gao-market', note: 'one attack, reported twice' });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(true);
    expect(r.body.event).toMatchObject({ action: 'merge', actor: 'alice', note: 'one attack, reported twice', incidentIds: [x, y] });
    expect(r.body.incident).toMatchObject({ id: y, mergedFrom: [x] });

    const after = await current(y);
    expect(after.version).toBe(before.version + 1);
    expect(after.claimCount).toBe(3);
    // The earlier version stays readable; the old id answers with the survivor, report included.
    expect((await call<Report>('GET', `/incidents/${y}/report?version=${before.version}`)).body.claimCount).toBe(1);
    expect(await incident(x)).toMatchObject({ id: y, resolvedFrom: x });
    expect((await reportOf(x)).incident.id).toBe(y);

    const again = await call<CurationAnswer>('POST', `/incidents/${x}/merge`, { into: y, note: 'again' }, BOB);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ changed: false, event: null });
    expect((await call<{ events: Event[] }>('GET', `/incidents/${y}/history`)).body.events.map((e) => e.action)).toEqual(['merge']);
  });

  it('splits claims out, and a new claim described like them lands where the split put them', async () => {
    const y = (await h.ctx.store.findIncident('gao-market'))!.id;
    const r = await call<CurationAnswer>('POST', `/incidents/${y}/split`, {
      claimIds: [idOf(gaoB)],
      incident: { key: 'gao-army-version', title: "The army's account" },
      note: 'the army describes another clash',
    }, BOB);
    expect(r.status).toBe(200);
    expect(r.body.event).toMatchObject({ action: 'split', actor: 'bob', claimIds: [idOf(gaoB)] });
    const n = r.body.incident;
    expect(n).toMatchObject({ key: 'gao-army-version', title: "The army's account", setByHand: ['key', 'title'] });
    expect((await call<CurationAnswer>('POST', `/incidents/${y}/split`, { claimIds: [idOf(gaoB)], incident: { key: 'gao-army-version' } })).body.changed).toBe(false);

    const sibling = claim({ location: 'Gao', startDate: '2024-03-02', claimant: 'Local official (anonymous)', claimantKind: 'anonymous', count: { exact: 3 } });
    await submit(sibling);
    expect((await h.ctx.store.claimStatus(idOf(sibling)))!.incidentId).toBe(n.id);
    expect((await current(n.id)).claimCount).toBe(2);
    expect((await current(y)).claimCount).toBe(2);
  });

  it('moves a claim to another incident', async () => {
    const n = (await h.ctx.store.findIncident('gao-army-version'))!.id;
    const y = (await h.ctx.store.findIncident('gao-market'))!.id;
    const r = await call<CurationAnswer>('POST', `/claims/${idOf(gaoA)}/move`, { incident: 'gao-army-version', note: 'JNIM speaks of the same clash' });
    expect(r.status).toBe(200);
    expect(r.body.incident.id).toBe(n);
    expect((await h.ctx.store.claimStatus(idOf(gaoA)))!.incidentId).toBe(n);
    expect((await call<CurationAnswer>('POST', `/claims/${idOf(gaoA)}/move`, { incident: n })).body.changed).toBe(false);
    expect((await current(n)).claimCount).toBe(3);
    expect((await current(y)).claimCount).toBe(1);
    const bad = await call<{ error: { errors: { path: string }[] } }>('POST', `/claims/${idOf(gaoA)}/move`, { incident: 'no-such-incident' });
    expect(bad.status).toBe(404);
    expect(bad.body.error.errors[0]!.path).toBe('incident');
  });

  it('edits fields by hand, refuses an end before the start and a key already in use', async () => {
    const y = (await h.ctx.store.findIncident('gao-market'))!.id;
    const r = await call<CurationAnswer>('PATCH', `/incidents/${y}`, { title: 'Gao market attack', endDate: '2024-03-11', note: 'dates from the MINUSMA note' });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({ title: 'Gao market attack', startDate: '2024-03-10', endDate: '2024-03-11', setByHand: ['endDate', 'title'] });
    expect((await current(y)).incident).toMatchObject({ title: 'Gao market attack', setByHand: ['endDate', 'title'] });
    expect((await call<CurationAnswer>('PATCH', `/incidents/${y}`, { title: 'Gao market attack', endDate: '2024-03-11' })).body.changed).toBe(false);

    const early = await call<{ error: { errors: { path: string; message: string }[] } }>('PATCH', `/incidents/${y}`, { endDate: '2024-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.error.errors[0]!.path).toBe('endDate');
    const taken = await call<{ error: { errors: { path: string }[] } }>('PATCH', `/incidents/${y}`, { key: 'gao-1' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.errors[0]!.path).toBe('key');
    const wrongType = await call<{ error: { errors: { path: string }[] } }>('PATCH', `/incidents/${y}`, { lat: 'north' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.errors[0]!.path).toBe('lat');
    // Null gives a field back to the claims.
    expect((await call<CurationAnswer>('PATCH', `/incidents/${y}`, { endDate: null })).body.incident).toMatchObject({ endDate: null, setByHand: ['title'] });
  });

  it('settles a review, and the incident leaves the review list', async () => {
    const r = (await h.ctx.store.claimStatus(idOf(between)))!.incidentId!;
    const answer = await call<CurationAnswer>('POST', `/incidents/${r}/review`, { decision: 'confirmed', note: 'a separate clash between the two' }, 'Bearer bare-token-3');
    expect(answer.status).toBe(200);
    expect(answer.body.event!.actor).toMatch(/^token:[0-9a-f]{8}$/);
    expect(answer.body.incident).toMatchObject({ needsReview: false, candidates: [] });
    expect((await call<{ incidents: unknown[] }>('GET', '/incidents?needsReview=true')).body.incidents).toEqual([]);
    expect((await call<CurationAnswer>('POST', `/incidents/${r}/review`, { decision: 'confirmed' })).body.changed).toBe(false);
    expect((await call<{ error: { errors: { path: string }[] } }>('POST', `/incidents/${r}/review`, { decision: 'maybe' })).body.error.errors[0]!.path).toBe('decision');
    expect((await current(r)).incident.needsReview).toBe(false);
  });

  it('keeps every action in the audit log, retractions with their note, and needs a token to act', async () => {
    const del = await app.request(`/claims/${idOf(k2)}`, { method: 'DELETE', headers: { authorization: ALICE, 'content-type': 'application/json' }, body: JSON.stringify({ note: 'withdrawn by MINUSMA' }) });
    expect(del.status).toBe(200);
    const events = (await call<{ events: Event[] }>('GET', '/audit')).body.events;
    expect(events.map((e) => e.action)).toEqual(['merge', 'split', 'move', 'edit', 'edit', 'review', 'retract']);
    expect(events.at(-1)).toMatchObject({ actor: 'alice', note: 'withdrawn by MINUSMA', claimIds: [idOf(k2)] });
    expect(JSON.stringify(events)).not.toMatch(/tok-|bare-token/);
    expect((await call<{ events: Event[] }>('GET', `/audit?after=${events[4]!.seq}`)).body.events).toHaveLength(2);
    expect((await call<unknown>('GET', '/audit?since=yesterday')).status).toBe(400);
    const anon = await app.request(`/incidents/gao-1/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ into: 'gao-2' }) });
    expect(anon.status).toBe(401);
  });

  it('leaves the incidents that the claims plus the audit log give, each ending on or after its start', async () => {
    await waitForDrain(h.ctx);
    const retracted = new Set([idOf(k2)]);
    const got = await stored(h.ctx.store);
    const want = await oracle(submitted, retracted, h.ctx.registry, h.ctx.store);
    expect(got.incidents).toEqual(want.incidents);
    for (const inc of got.incidents) {
      expect(JSON.stringify(got.reports.get(inc.id))).toBe(JSON.stringify(want.reports.get(inc.id)));
      if (inc.endDate !== null) expect(inc.endDate >= inc.startDate.slice(0, inc.endDate.length)).toBe(true);
    }
  });
});
