import { readFileSync } from 'node:fs';
import type { Report, ReportCell } from '@recon/domain';
import { startAll, type RunningService } from '@recon/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { getJson, postJson } from '../support/http.js';

const corpus = JSON.parse(readFileSync(new URL('../../samples/corpus-claims.json', import.meta.url), 'utf8')) as unknown[];

const cell = (r: Report, partyId: string, outcome: string): ReportCell => {
  const c = r.cells.find((x) => x.party.id === partyId && x.outcome === outcome);
  if (!c) throw new Error(`no cell ${partyId}/${outcome} in ${r.incident.key}: ${r.cells.map((x) => `${x.party.id}/${x.outcome}`).join(', ')}`);
  return c;
};

/** The whole service in one process, over real HTTP, a real Redis and a real SQLite file. */
describe('corpus claims end to end', () => {
  let h: Harness;
  let service: RunningService;
  let base: string;

  beforeAll(async () => {
    h = await createHarness();
    service = await startAll(h.ctx, { port: 0 });
    base = `http://127.0.0.1:${service.http.port}`;
    const res = await postJson(base, '/claims', { claims: corpus });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: { status: string }[]; rejected: unknown[] };
    expect(body.rejected).toEqual([]);
    expect(body.accepted.every((a) => a.status === 'queued')).toBe(true);
    await waitForDrain(h.ctx);
  });

  afterAll(async () => {
    await service?.close();
    await h?.close();
  });

  it('stores every corpus claim once', async () => {
    expect((await h.ctx.store.counts()).claims).toBe(corpus.length);
    const again = await postJson(base, '/claims', { claims: corpus });
    const body = (await again.json()) as { accepted: { status: string }[] };
    expect(body.accepted.map((a) => a.status)).toEqual(corpus.map(() => 'duplicate'));
    expect((await h.ctx.store.counts()).claims).toBe(corpus.length);
  });

  it('reconciles the central-Mali double ambush: the army revised 12 to 14', async () => {
    const { status, body: r } = await getJson<Report>(base, '/incidents/ml-2023-01-central-double-ambush/report');
    expect(status).toBe(200);
    expect(r.claimCount).toBe(3);
    expect(r.incident.key).toBe('ml-2023-01-central-double-ambush');

    const famaKilled = cell(r, 'fama', 'killed');
    // The army's "at least 12" is superseded by its "at least 14"; JNIM's "at least 7" stays current.
    expect(famaKilled.superseded).toHaveLength(1);
    const [old] = famaKilled.superseded;
    expect(old!.count).toEqual({ min: 12 });
    const revised = famaKilled.claims.find((c) => c.claimant.id === 'fama')!;
    expect(revised.count).toEqual({ min: 14 });
    expect(old!.supersededBy).toBe(revised.claimId);
    expect(famaKilled.claims.map((c) => c.claimant.id).sort()).toEqual(['fama', 'jnim']);
    // low 7 (JNIM), high 14 as an open "at least": the 12 no longer counts.
    expect(famaKilled.range).toEqual({ low: 7, high: 14, highOpen: true });
    expect(famaKilled.agreement).toBe('consistent');
    expect(famaKilled.consensus).toEqual({ low: 14, high: 14, highOpen: true });
    expect(famaKilled.byPerspective).toEqual({
      self: { low: 14, high: 14, highOpen: true },
      adversary: { low: 7, high: 7, highOpen: true },
    });

    const wounded = cell(r, 'fama', 'wounded');
    expect(wounded.range).toEqual({ low: 11, high: 11, highOpen: false });
    expect(wounded.agreement).toBe('single_source');

    const militants = cell(r, 'unidentified-militants', 'killed_or_captured');
    expect(militants.claims[0]!.partyAsReported).toBe('terrorists');
    expect(militants.claims[0]!.perspective).toBe('adversary');

    const jnimOwn = cell(r, 'jnim', 'killed');
    expect(jnimOwn.claims[0]!.perspective).toBe('self');
    expect(jnimOwn.range).toEqual({ low: 5, high: 5, highOpen: false });

    const unknownKw = cell(r, 'wagner-group', 'killed_or_wounded');
    expect(unknownKw.range).toBeNull();
    expect(unknownKw.claims).toHaveLength(1);

    const killedTotals = r.totals.find((t) => t.outcome === 'killed')!;
    const byArmy = killedTotals.byClaimant.find((b) => b.claimant.id === 'fama')!;
    expect(byArmy).toMatchObject({ low: 14, high: 14, highOpen: true });
    const byJnim = killedTotals.byClaimant.find((b) => b.claimant.id === 'jnim')!;
    // 7+ soldiers, 5+ Wagner, 5 of its own.
    expect(byJnim).toMatchObject({ low: 17, high: 17, highOpen: true });
  });

  it('reconciles Tinzaouaten, matching the keyless claim by a spelling variant', async () => {
    const { status, body: r } = await getJson<Report>(base, '/incidents/ml-2024-07-tinzaouaten/report');
    expect(status).toBe(200);
    expect(r.claimCount).toBe(5);
    expect(r.incident).toMatchObject({ country: 'ML', location: 'Tinzaouaten', placeId: 'ml-tinzaouaten', needsReview: false });

    const wagner = cell(r, 'wagner-group', 'killed');
    expect(wagner.claims.map((c) => c.claimant.id).sort()).toEqual(['jnim', 'russian-military-bloggers', 'wagner-group']);
    // JNIM's exact 50 is the largest figure; the bloggers' "at least 20" and Wagner's own "at least 1" are open.
    expect(wagner.range).toEqual({ low: 1, high: 50, highOpen: false });
    expect(wagner.agreement).toBe('consistent');
    expect(wagner.consensus).toEqual({ low: 50, high: 50, highOpen: false });
    expect(wagner.byPerspective).toEqual({
      self: { low: 1, high: 1, highOpen: true },
      adversary: { low: 50, high: 50, highOpen: false },
      independent: { low: 20, high: 20, highOpen: true },
    });
    const bloggers = wagner.claims.find((c) => c.claimant.id === 'russian-military-bloggers')!;
    expect(bloggers).toMatchObject({ perspective: 'independent', count: { min: 20 }, low: 20, high: null, highOpen: true });

    const kw = cell(r, 'wagner-group', 'killed_or_wounded');
    expect(kw.agreement).toBe('unquantified');
    expect(kw.range).toBeNull();
    expect(kw.claims.map((c) => c.claimant.id).sort()).toEqual(['csp-psd', 'wagner-group']);

    const fama = cell(r, 'fama', 'killed');
    expect(fama).toMatchObject({ agreement: 'single_source', range: { low: 10, high: 10, highOpen: false } });
  });

  it('marks a dispute, writes a new version, and keeps the old one', async () => {
    const before = await getJson<{ versions: { version: number }[] }>(base, '/incidents/ml-2024-07-tinzaouaten/reports');
    const rebels = {
      incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' },
      claimant: { name: 'CSP-DPA', kind: 'rebel_group' },
      via: [{ name: 'AFP', kind: 'media' }],
      statedAt: '2024-08-01',
      figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 84 }, wording: 'killed 84 fighters from Wagner' }],
    };
    const res = await postJson(base, '/claims', rebels);
    expect(res.status).toBe(202);
    await waitForDrain(h.ctx);
    const { body: r } = await getJson<Report>(base, '/incidents/ml-2024-07-tinzaouaten/report');
    const wagner = cell(r, 'wagner-group', 'killed');
    expect(wagner.agreement).toBe('disputed');
    expect(wagner.consensus).toBeNull();
    expect(wagner.range).toEqual({ low: 1, high: 84, highOpen: false });
    expect(wagner.byPerspective.adversary).toEqual({ low: 50, high: 84, highOpen: false });

    const after = await getJson<{ versions: { version: number }[] }>(base, '/incidents/ml-2024-07-tinzaouaten/reports');
    expect(after.body.versions.length).toBe(before.body.versions.length + 1);
    const first = await getJson<Report>(base, '/incidents/ml-2024-07-tinzaouaten/report?version=1');
    expect(cell(first.body, 'wagner-group', 'killed').agreement).toBe('consistent');

    const list = await getJson<{ incidents: { key: string | null }[] }>(base, '/incidents?disputed=true');
    expect(list.body.incidents.map((i) => i.key)).toEqual(['ml-2024-07-tinzaouaten']);
  });
});
