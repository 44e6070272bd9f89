import { apiDepsOf, createApp } from '@recon/api';
import { placeOfGazetteer } from '@recon/db';
import { digestOf, Gazetteer } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import { afterEach, describe, expect, it } from 'vitest';
import { claim, type ClaimOptions } from '../support/claims.js';
import { createHarness, type Harness } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

const place = placeOfGazetteer(Gazetteer.create());
const ctx = { actor: 'tester', now: '2026-01-01T00:00:00.000Z', note: null };

/** Cases a review found where the store could part from resolveIncidents, each in every order it matters. */
describe('curation cases against the oracle', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  const setup = async () => {
    const h = await createHarness();
    open.push(h);
    const ingest = createClaimIngester(h.ctx);
    const submitted: unknown[] = [];
    const add = async (o: ClaimOptions) => {
      const c = claim(o);
      submitted.push(c);
      await ingest({ id: digestOf(c), claim: c, receivedAt: '2026-01-01T00:00:00.000Z' });
      return digestOf(c);
    };
    const check = async () => expect((await stored(h.ctx.store)).incidents).toEqual((await oracle(submitted, new Set(), h.ctx.registry, h.ctx.store)).incidents);
    return { h, add, check };
  };

  for (const order of [['p1', 'p2'], ['p2', 'p1']]) {
    it(`an end date set by hand does not let joining claims widen what an incident matches (${order.join(', ')})`, async () => {
      const { h, add, check } = await setup();
      await add({ key: 'x', location: 'Gao', startDate: '2024-03-10' });
      await h.ctx.store.editIncident('x', { endDate: '2024-03-12' }, place, ctx);
      const claims = { p1: { location: 'Gao', startDate: '2024-03-08', claimant: 'AFP', claimantKind: 'media' }, p2: { location: 'Gao', startDate: '2024-03-06', claimant: 'MINUSMA', claimantKind: 'un' } };
      for (const k of order) await add(claims[k as 'p1' | 'p2']);
      await check();
    });
  }

  it('a claim described like one put in an incident goes there, however far its dates were moved', async () => {
    const { h, add, check } = await setup();
    const a = await add({ location: 'Gao', startDate: '2024-03-10' });
    const inc = (await h.ctx.store.claimStatus(a))!.incidentId!;
    await h.ctx.store.editIncident(inc, { startDate: '2024-03-01', endDate: '2024-03-02' }, place, ctx);
    const b = await add({ location: 'Gao', startDate: '2024-03-10', claimant: 'AFP', claimantKind: 'media' });
    expect((await h.ctx.store.claimStatus(b))!.incidentId).toBe(inc);
    await check();
  });

  it('a location set by hand and cleared again: the incident matches where its own claims say', async () => {
    const { h, add, check } = await setup();
    await add({ key: 'y', startDate: '2024-03-10' });
    await h.ctx.store.editIncident('y', { location: 'Gao' }, place, ctx);
    const p = await add({ location: 'Gao', startDate: '2024-03-10', claimant: 'AFP', claimantKind: 'media' });
    expect((await h.ctx.store.claimStatus(p))!.incidentId).toBe((await h.ctx.store.findIncident('y'))!.id);
    // The edit pins the claims it finds there, the joined one included: that one now places it at Gao.
    await h.ctx.store.editIncident('y', { location: null }, place, ctx);
    expect((await h.ctx.store.claimStatus(p))!.incidentId).toBe((await h.ctx.store.findIncident('y'))!.id);
    await add({ location: 'Gao', startDate: '2024-03-11', claimant: 'MINUSMA', claimantKind: 'un' });
    await check();
  });

  it('an incident longer than 62 days is never matched by place and dates, curated or not', async () => {
    const { h, add, check } = await setup();
    await add({ key: 'campaign', location: 'Gao', startDate: '2024-01', endDate: '2024-06', statedAt: '2024-07-01' });
    const p = await add({ location: 'Gao', startDate: '2024-03-10' });
    expect((await h.ctx.store.claimStatus(p))!.incidentId).not.toBe((await h.ctx.store.findIncident('campaign'))!.id);
    await h.ctx.store.review('campaign', 'confirmed', ctx);
    await add({ location: 'Gao', startDate: '2024-04-10', claimant: 'AFP', claimantKind: 'media' });
    expect(await h.ctx.store.incidentClaims((await h.ctx.store.findIncident('campaign'))!.id)).toHaveLength(1);
    await check();
  });

  it('an old key still answers after an edit gives the incident another', async () => {
    const { h, add, check } = await setup();
    await add({ key: 'old-key', location: 'Kidal', startDate: '2024-03-10' });
    const id = (await h.ctx.store.findIncident('old-key'))!.id;
    await h.ctx.store.editIncident('old-key', { key: 'new-key' }, place, ctx);
    expect((await h.ctx.store.findIncident('new-key'))!.id).toBe(id);
    expect((await h.ctx.store.findIncident('old-key'))!.id).toBe(id);
    await add({ key: 'old-key', location: 'Kidal', startDate: '2024-03-10', claimant: 'AFP', claimantKind: 'media' });
    expect(await h.ctx.store.incidentClaims(id)).toHaveLength(2);
    await check();
  });

  it('a merged incident keeps its own report versions readable, and its history follows regrouped ids', async () => {
    const { h, add } = await setup();
    const app = createApp(apiDepsOf(h.ctx));
    await add({ key: 'a', location: 'Gao', startDate: '2024-03-10' });
    await add({ key: 'b', location: 'Kidal', startDate: '2024-03-10' });
    const [a, b] = [(await h.ctx.store.findIncident('a'))!.id, (await h.ctx.store.findIncident('b'))!.id];
    for (const id of [a, b]) {
      const snap = (await h.ctx.store.reconcileSnapshot(id))!;
      const { reconcile } = await import('@recon/domain');
      await h.ctx.store.writeReport(id, reconcile(snap.identity, snap.claims), snap.seq, 't');
    }
    await h.ctx.store.merge('a', 'b', ctx);
    const own = (await (await app.request(`/incidents/${a}/report?version=1`)).json()) as { incident: { id: string } };
    expect(own.incident.id).toBe(a);
    const list = (await (await app.request(`/incidents/${a}/reports`)).json()) as { incidentId: string; mergedInto: string; versions: unknown[] };
    expect(list).toMatchObject({ incidentId: a, mergedInto: b });
    expect(list.versions).toHaveLength(1);
    expect(((await (await app.request(`/incidents/${a}/report`)).json()) as { incident: { id: string } }).incident.id).toBe(b);

    // Keyless: a retraction on an incident whose id later changes stays in its history.
    const c = await add({ location: 'Ménaka', startDate: '2024-05-10' });
    const first = (await h.ctx.store.claimStatus(c))!.incidentId!;
    await h.ctx.store.retractClaim(c, 'tester', 't', 'withdrawn');
    await add({ location: 'Ménaka', startDate: '2024-05-09', claimant: 'AFP', claimantKind: 'media' });
    const now = (await h.ctx.store.claimStatus(c))!.incidentId!;
    expect(now).not.toBe(first);
    expect((await h.ctx.store.history(now)).map((e) => e.action)).toEqual(['retract']);
  });
});
