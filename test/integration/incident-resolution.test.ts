import { digestOf } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import { InvalidJobError } from '@recon/queue';
import { UnrecoverableError } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claim, type ClaimOptions } from '../support/claims.js';
import { createHarness, type Harness } from '../support/harness.js';

/** Incident resolution and storage through the real ingest handler, SQLite file and Redis. */
describe('incident resolution and storage', () => {
  let h: Harness;
  let ingest: ReturnType<typeof createClaimIngester>;
  const store = async (o: ClaimOptions) => {
    const c = claim(o);
    const id = digestOf(c);
    return { id, ...(await ingest({ id, claim: c, receivedAt: '2026-01-01T00:00:00.000Z' })) };
  };

  beforeEach(async () => {
    h = await createHarness();
    ingest = createClaimIngester(h.ctx);
  });
  afterEach(async () => {
    await h.close();
  });

  it('puts claims with the same key in one incident', async () => {
    const a = await store({ key: 'k1', claimant: 'JNIM' });
    const b = await store({ key: 'k1', claimant: 'Malian army', claimantKind: 'state_forces', startDate: '2024-09-01' });
    expect(a.status).toBe('stored');
    expect(b.incidentId).toBe(a.incidentId);
  });

  it('matches a keyless claim by folded place spelling and dates within ±2 days', async () => {
    await store({ location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' });
    await store({ location: 'Tin Zaouatène', startDate: '2024-07-29', claimant: 'CSP-PSD', claimantKind: 'rebel_group' });
    const c = await store({ location: 'TINZAWATEN', startDate: '2024-07-23', claimant: 'AFP', claimantKind: 'media' });
    // The incident's id follows its earliest day, so the first two claims' incident now answers with the third's.
    const inc = (await h.ctx.store.findIncident(c.incidentId))!;
    expect(await h.ctx.store.incidentClaims(inc.id)).toHaveLength(3);
    expect([inc.startDate, inc.endDate]).toEqual(['2024-07-23', '2024-07-29']);
    // Three days after the end is too far; another country never matches.
    const far = await store({ location: 'Tinzaouaten', startDate: '2024-08-01', claimant: 'Wagner', claimantKind: 'pmc' });
    const abroad = await store({ location: 'Tinzaouaten', country: 'NE', startDate: '2024-07-25' });
    expect(far.incidentId).not.toBe(c.incidentId);
    expect(abroad.incidentId).not.toBe(c.incidentId);
  });

  it('never matches a keyless claim without a location', async () => {
    const a = await store({ startDate: '2024-07-25' });
    const b = await store({ startDate: '2024-07-25', claimant: 'AFP', claimantKind: 'media' });
    expect(b.incidentId).not.toBe(a.incidentId);
  });

  it('puts a keyless claim in the one keyed incident at its place and dates; its earlier id answers with it', async () => {
    const keyless = await store({ location: 'Tin Zaouatene', startDate: '2024-07-25' });
    const keyed = await store({ key: 'ml-2024-07-tinzaouaten', location: 'Tinzaouaten', startDate: '2024-07-22', endDate: '2024-07-27', claimant: 'CSP-PSD', claimantKind: 'rebel_group' });
    expect((await h.ctx.store.claimStatus(keyless.id))?.incidentId).toBe(keyed.incidentId);
    expect((await h.ctx.store.findIncident(keyless.incidentId))?.id).toBe(keyed.incidentId);
    expect((await h.ctx.store.findIncident('ml-2024-07-tinzaouaten'))?.id).toBe(keyed.incidentId);
  });

  it('marks an incident for review, with its candidates, when a keyless claim matches more than one', async () => {
    const a = await store({ key: 'gao-1', location: 'Gao', startDate: '2024-03-01' });
    const b = await store({ key: 'gao-2', location: 'Gao', startDate: '2024-03-05', claimant: 'AFP', claimantKind: 'media' });
    const amb = await store({ location: 'Gao', startDate: '2024-03-03', claimant: 'MINUSMA', claimantKind: 'un' });
    expect([a.incidentId, b.incidentId]).not.toContain(amb.incidentId);
    const row = (await h.ctx.store.findIncident(amb.incidentId))!;
    expect(row.needsReview).toBe(true);
    expect([...row.candidates].sort()).toEqual([a.incidentId, b.incidentId].sort());
  });

  it('fills gaps from later claims and never overwrites', async () => {
    // In statedAt order, whatever order they arrive in: the later statement fills gaps only.
    await store({ key: 'k2', startDate: '2024-05-01', statedAt: '2024-05-09', title: 'Second title', location: 'Gao', endDate: '2024-05-03', claimant: 'MINUSMA', claimantKind: 'un' });
    const a = await store({ key: 'k2', startDate: '2024-05-01', statedAt: '2024-05-02' });
    await store({ key: 'k2', startDate: '2024-05-01', statedAt: '2024-05-05', title: 'First title', location: 'Ménaka', claimant: 'AFP', claimantKind: 'media' });
    const row = (await h.ctx.store.findIncident(a.incidentId))!;
    expect(row.title).toBe('First title');
    expect(row.placeId).toBe('ml-menaka');
    expect(row.endDate).toBe('2024-05-03');
  });

  it('stores a claim at most once', async () => {
    const first = await store({ key: 'k3' });
    const again = await store({ key: 'k3' });
    expect(first.status).toBe('stored');
    expect(again).toEqual({ id: first.id, status: 'duplicate', incidentId: first.incidentId, touched: [first.incidentId] });
    expect((await h.ctx.store.counts()).claims).toBe(1);
    const [fig] = await h.ctx.store.rows<{ n: number }>('SELECT count(*) AS n FROM figures');
    expect(fig!.n).toBe(1);
  });

  it('records an invalid queued claim as rejected and fails it without retry', async () => {
    const bad = { ...claim(), figures: [] };
    const id = digestOf(bad);
    const err = await ingest({ id, claim: bad, receivedAt: '2026-01-01T00:00:00.000Z' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidJobError);
    expect(err).toBeInstanceOf(UnrecoverableError);
    const status = await h.ctx.store.claimStatus(id);
    expect(status?.status).toBe('rejected');
    expect(status?.errors[0]?.path).toBe('figures');
    expect((await h.ctx.store.counts()).claims).toBe(0);
  });

  it('rejects a queued claim whose content does not match its id', async () => {
    const c = claim();
    const err = await ingest({ id: 'a'.repeat(64), claim: c, receivedAt: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidJobError);
    expect((await h.ctx.store.counts()).claims).toBe(0);
  });

  it('validates a claim the API validated once: the worker checks only its digest', async () => {
    const { validateClaim } = await import('@recon/domain');
    const v = validateClaim(claim({ key: 'once', statedAt: '2024-07-25' }));
    if (!v.ok) throw new Error('invalid test claim');
    // A worker whose clock says 2000: validating again would reject a statement made in 2024.
    const ingestIn2000 = createClaimIngester({ ...h.ctx, now: () => '2000-01-01T00:00:00.000Z' });
    const queued = { id: digestOf(v.claim), claim: v.claim, receivedAt: 'x' };
    expect(await ingestIn2000({ ...queued, validated: true })).toMatchObject({ status: 'stored' });
    // Without the API's word, the worker validates, and rejects it.
    const other = validateClaim(claim({ key: 'twice', statedAt: '2024-07-25' }));
    if (!other.ok) throw new Error('invalid test claim');
    expect(await ingestIn2000({ id: digestOf(other.claim), claim: other.claim, receivedAt: 'x' }).catch((e: unknown) => e)).toBeInstanceOf(InvalidJobError);
    // The flag never lets a changed claim through: it must still digest to its id.
    const changed = { ...v.claim, statedAt: '2024-07-26' };
    expect(await ingest({ ...queued, claim: changed, validated: true }).catch((e: unknown) => e)).toBeInstanceOf(InvalidJobError);
    expect((await h.ctx.store.claimStatus(queued.id))?.status).toBe('stored');
  });

  it('writes a report version only when the content changes, and never from an older snapshot', async () => {
    const { incidentId } = await store({ key: 'k4' });
    const { reconcile } = await import('@recon/domain');
    const snap1 = (await h.ctx.store.reconcileSnapshot(incidentId))!;
    expect(await h.ctx.store.writeReport(incidentId, reconcile(snap1.identity, snap1.claims), snap1.seq, 't1')).toEqual({ version: 1, written: true });
    await store({ key: 'k4', claimant: 'AFP', claimantKind: 'media', count: { min: 20 } });
    const snap2 = (await h.ctx.store.reconcileSnapshot(incidentId))!;
    expect(await h.ctx.store.writeReport(incidentId, reconcile(snap2.identity, snap2.claims), snap2.seq, 't2')).toEqual({ version: 2, written: true });
    // The same content again: no new version. The older snapshot: dropped.
    expect((await h.ctx.store.writeReport(incidentId, reconcile(snap2.identity, snap2.claims), snap2.seq, 't3')).written).toBe(false);
    expect((await h.ctx.store.writeReport(incidentId, reconcile(snap1.identity, snap1.claims), snap1.seq, 't4')).written).toBe(false);
    expect((await h.ctx.store.reportVersions(incidentId)).map((v) => v.version)).toEqual([1, 2]);
    expect(JSON.parse((await h.ctx.store.reportJson(incidentId))!).claimCount).toBe(2);
  });
});
