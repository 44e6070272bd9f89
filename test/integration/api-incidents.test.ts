import type { IncidentListItem } from '@recon/domain';
import { createApp, apiDepsOf } from '@recon/api';
import type { Report } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitForDrain, waitUntil, type Harness } from '../support/harness.js';

/** The API in-process against a real Redis and a real SQLite file: the incident and report reads. */

type ListItem = IncidentListItem;
interface ErrorBody {
  error: { code: string; message: string; errors?: { path: string; message: string }[] };
}
interface Versions {
  incidentId: string;
  versions: { version: number; generatedAt: string; claimCount: number; disputedCells: number; summary: string }[];
}

interface ClaimSpec {
  key: string;
  title?: string;
  country: string;
  location?: string;
  startDate: string;
  endDate?: string;
  claimant: string;
  kind: string;
  statedAt: string;
  party: string;
  count: Record<string, number | string>;
}

function claim(s: ClaimSpec) {
  return {
    incident: {
      key: s.key,
      ...(s.title ? { title: s.title } : {}),
      country: s.country,
      ...(s.location ? { location: s.location } : {}),
      startDate: s.startDate,
      ...(s.endDate ? { endDate: s.endDate } : {}),
    },
    claimant: { name: s.claimant, kind: s.kind },
    statedAt: s.statedAt,
    figures: [{ party: s.party, outcome: 'killed', count: s.count }],
  };
}

const TINZA = 'ml-2024-07-tinzaouaten';
const SEGOU = 'ml-2023-01-segou-ambush';
const BF = 'bf-2022-06-north-massacre';
const NE = 'ne-2021-03-tahoua';

const tinza = { key: TINZA, title: 'Fighting near Tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' };
const FIXTURES = [
  // A dispute: JNIM says it killed exactly 50 Wagner fighters, the rebels exactly 10.
  claim({ ...tinza, claimant: 'JNIM', kind: 'armed_group', statedAt: '2024-07-28', party: 'Wagner', count: { exact: 50 } }),
  claim({ ...tinza, claimant: 'CSP-PSD', kind: 'rebel_group', statedAt: '2024-08-01', party: 'Wagner', count: { exact: 10 } }),
  claim({
    key: SEGOU,
    title: 'Ambush on the road to Ségou',
    country: 'ML',
    location: 'Ségou',
    startDate: '2023-01-15',
    claimant: 'FAMa',
    kind: 'state_forces',
    statedAt: '2023-01-16',
    party: 'Malian troops',
    count: { min: 12 },
  }),
  claim({
    key: BF,
    title: 'Massacre in northern Burkina Faso',
    country: 'BF',
    location: 'Seytenga',
    startDate: '2022-06-11',
    endDate: '2022-06-12',
    claimant: 'Government of Burkina Faso',
    kind: 'government',
    statedAt: '2022-06-14',
    party: 'civilians',
    count: { exact: 86 },
  }),
  claim({
    key: NE,
    title: 'Attacks on villages',
    country: 'NE',
    startDate: '2021-03-21',
    claimant: 'Government of Niger',
    kind: 'government',
    statedAt: '2021-03-23',
    party: 'civilians',
    count: { exact: 141 },
  }),
];

async function json<T>(app: OpenAPIHono, path: string): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T, res };
}

async function keysOf(app: OpenAPIHono, query: string): Promise<(string | null)[]> {
  const r = await json<{ incidents: ListItem[] }>(app, `/incidents${query}`);
  expect(r.status).toBe(200);
  return r.body.incidents.map((i) => i.key);
}

describe('incidents and reports', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })];
    const res = await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: FIXTURES }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: { status: string }[]; rejected: unknown[] };
    expect(body.rejected).toEqual([]);
    expect(body.accepted.map((a) => a.status)).toEqual(FIXTURES.map(() => 'queued'));
    await waitForDrain(h.ctx);
    expect(await h.ctx.store.counts()).toMatchObject({ claims: 5, incidents: 4 });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  describe('GET /incidents', () => {
    it('lists every incident newest first, each with a one-line summary', async () => {
      const r = await json<{ incidents: ListItem[] }>(app, '/incidents');
      expect(r.status).toBe(200);
      expect(r.body.incidents.map((i) => i.key)).toEqual([TINZA, SEGOU, BF, NE]);
      for (const i of r.body.incidents) {
        expect(i.id).toMatch(/^inc-/);
        expect(i.reportVersion).toBeGreaterThanOrEqual(1);
        expect(i.needsReview).toBe(false);
        expect(i.summary).toEqual(expect.any(String));
        expect(i.summary.length).toBeGreaterThan(0);
        expect(i.summary).not.toContain('\n');
      }
      const t = r.body.incidents[0]!;
      expect(t).toMatchObject({ country: 'ML', title: 'Fighting near Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27', claimCount: 2, disputedCells: 1 });
      expect(r.body.incidents[2]).toMatchObject({ country: 'BF', claimCount: 1, disputedCells: 0 });
    });

    it('filters by country', async () => {
      expect(await keysOf(app, '?country=BF')).toEqual([BF]);
      expect(await keysOf(app, '?country=ML')).toEqual([TINZA, SEGOU]);
      expect(await keysOf(app, '?country=SN')).toEqual([]);
    });

    it('filters by from and to (incidents overlapping the range)', async () => {
      expect(await keysOf(app, '?from=2023-01-01')).toEqual([TINZA, SEGOU]);
      expect(await keysOf(app, '?from=2023-01-16')).toEqual([TINZA]);
      expect(await keysOf(app, '?to=2022-06')).toEqual([BF, NE]);
      expect(await keysOf(app, '?to=2022-06-10')).toEqual([NE]);
      expect(await keysOf(app, '?from=2022-06-12&to=2023-12')).toEqual([SEGOU, BF]);
      expect(await keysOf(app, '?from=2024-07-27&to=2024-07-27')).toEqual([TINZA]);
      expect(await keysOf(app, '?country=ML&from=2024-01-01')).toEqual([TINZA]);
    });

    it('filters with q on title, location or key, case-insensitively', async () => {
      expect(await keysOf(app, '?q=tinza')).toEqual([TINZA]);
      expect(await keysOf(app, '?q=TINZAOUATEN')).toEqual([TINZA]);
      // Location only (not in the title or key).
      expect(await keysOf(app, '?q=SEYTENGA')).toEqual([BF]);
      // Key only.
      expect(await keysOf(app, '?q=NE-2021')).toEqual([NE]);
      // Title only.
      expect(await keysOf(app, `?q=${encodeURIComponent('Road To')}`)).toEqual([SEGOU]);
      expect(await keysOf(app, '?q=nowhere-at-all')).toEqual([]);
    });

    it('treats LIKE wildcards in q literally', async () => {
      expect(await keysOf(app, `?q=${encodeURIComponent('%')}`)).toEqual([]);
      expect(await keysOf(app, '?q=_')).toEqual([]);
    });

    it('filters disputed incidents', async () => {
      expect(await keysOf(app, '?disputed=true')).toEqual([TINZA]);
      expect(await keysOf(app, '?disputed=false')).toEqual([SEGOU, BF, NE]);
    });

    it('limits and pages', async () => {
      expect(await keysOf(app, '?limit=2')).toEqual([TINZA, SEGOU]);
      expect(await keysOf(app, '?limit=2&offset=2')).toEqual([BF, NE]);
      expect(await keysOf(app, '?limit=1&offset=3')).toEqual([NE]);
    });

    it('answers 400 naming the bad parameter', async () => {
      const cases: [string, string][] = [
        ['?country=mali', 'query.country'],
        ['?country=ml', 'query.country'],
        ['?colour=red', 'query.colour'],
        ['?limit=0', 'query.limit'],
        ['?limit=abc', 'query.limit'],
        ['?limit=1001', 'query.limit'],
        ['?disputed=yes', 'query.disputed'],
        ['?from=2024%2F01%2F01', 'query.from'],
        ['?to=yesterday', 'query.to'],
      ];
      for (const [query, path] of cases) {
        const r = await json<ErrorBody>(app, `/incidents${query}`);
        expect(r.status, query).toBe(400);
        expect(r.body.error.code, query).toBe('invalid_request');
        expect(r.body.error.errors?.map((e) => e.path), query).toContain(path);
        for (const e of r.body.error.errors ?? []) expect(e.message.length).toBeGreaterThan(0);
      }
    });

    it('answers 400 for from/to that are not calendar dates', async () => {
      // The claims' own dates are calendar-checked; the same check is expected of the filters.
      for (const [query, path] of [
        ['?from=2024-13-45', 'query.from'],
        ['?to=2023-02-30', 'query.to'],
        ['?from=2024-00', 'query.from'],
      ] as const) {
        const r = await json<ErrorBody>(app, `/incidents${query}`);
        expect(r.status, query).toBe(400);
        expect(r.body.error?.errors?.map((e) => e.path), query).toContain(path);
      }
    });

    it('answers 400 for a negative offset', async () => {
      const r = await json<ErrorBody>(app, '/incidents?offset=-1');
      expect(r.status).toBe(400);
      expect(r.body.error.errors?.map((e) => e.path)).toContain('query.offset');
    });
  });

  describe('GET /incidents/:id', () => {
    it('finds an incident by key and by id', async () => {
      const byKey = await json<Record<string, unknown>>(app, `/incidents/${TINZA}`);
      expect(byKey.status).toBe(200);
      expect(byKey.body).toMatchObject({
        key: TINZA,
        country: 'ML',
        title: 'Fighting near Tinzaouaten',
        location: 'Tinzaouaten',
        startDate: '2024-07-25',
        endDate: '2024-07-27',
        needsReview: false,
        claimCount: 2,
        upToDate: true,
      });
      expect(byKey.body.reportVersion).toEqual(expect.any(Number));
      expect(byKey.body.summary).toEqual(expect.any(String));
      const id = byKey.body.id as string;
      expect(id).toMatch(/^inc-/);
      const byId = await json<Record<string, unknown>>(app, `/incidents/${id}`);
      expect(byId.status).toBe(200);
      expect(byId.body).toEqual(byKey.body);
    });

    it('answers 404 not_found for an unknown incident', async () => {
      const r = await json<ErrorBody>(app, '/incidents/no-such-incident');
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.body.error.message).toEqual(expect.any(String));
    });
  });

  describe('GET /incidents/:id/report and /reports', () => {
    it('answers the latest report as JSON, by key and by id', async () => {
      const r = await json<Report>(app, `/incidents/${TINZA}/report`);
      expect(r.status).toBe(200);
      expect(r.res.headers.get('content-type')).toMatch(/^application\/json/);
      const report = r.body;
      expect(report.version).toEqual(expect.any(Number));
      expect(report.version).toBeGreaterThanOrEqual(1);
      expect(Number.isNaN(Date.parse(report.generatedAt))).toBe(false);
      expect(report.claimCount).toBe(2);
      expect(report.incident).toMatchObject({ key: TINZA, country: 'ML', startDate: '2024-07-25', needsReview: false });
      const wagner = report.cells.find((c) => c.party.id === 'wagner-group' && c.outcome === 'killed');
      expect(wagner).toBeDefined();
      expect(wagner!.agreement).toBe('disputed');
      expect(wagner!.consensus).toBeNull();
      expect(wagner!.range).toEqual({ low: 10, high: 50, highOpen: false });
      expect(wagner!.claims.map((c) => c.claimant.id).sort()).toEqual(['csp-psd', 'jnim']);

      const byId = await app.request(`/incidents/${report.incident.id}/report`);
      expect(byId.status).toBe(200);
      expect(await byId.text()).toBe(JSON.stringify(report));
    });

    it('reads one version with ?version=N', async () => {
      const latest = (await json<Report>(app, `/incidents/${TINZA}/report`)).body;
      const v = await json<Report>(app, `/incidents/${TINZA}/report?version=${latest.version}`);
      expect(v.status).toBe(200);
      expect(v.body).toEqual(latest);
      const v1 = await json<Report>(app, `/incidents/${TINZA}/report?version=1`);
      expect(v1.status).toBe(200);
      expect(v1.body.version).toBe(1);
    });

    it('answers 404 for a version that does not exist', async () => {
      const r = await json<ErrorBody>(app, `/incidents/${TINZA}/report?version=99`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    });

    it('answers 400 for a version that is not a whole number ≥ 1, or an unknown parameter', async () => {
      for (const q of ['version=abc', 'version=0', 'version=-1', 'version=1.5']) {
        const r = await json<ErrorBody>(app, `/incidents/${TINZA}/report?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.error.code, q).toBe('invalid_request');
        expect(r.body.error.errors?.map((e) => e.path), q).toContain('query.version');
      }
      const unknown = await json<ErrorBody>(app, `/incidents/${TINZA}/report?format=csv`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.errors?.map((e) => e.path)).toContain('query.format');
    });

    it('lists the versions', async () => {
      const latest = (await json<Report>(app, `/incidents/${TINZA}/report`)).body;
      const r = await json<Versions>(app, `/incidents/${TINZA}/reports`);
      expect(r.status).toBe(200);
      expect(r.body.incidentId).toBe(latest.incident.id);
      expect(r.body.versions.map((v) => v.version)).toEqual(Array.from({ length: latest.version }, (_, i) => i + 1));
      const last = r.body.versions.at(-1)!;
      expect(last).toMatchObject({ version: latest.version, generatedAt: latest.generatedAt, claimCount: 2, disputedCells: 1 });
      expect(last.summary).toEqual(expect.any(String));
      const byId = await json<Versions>(app, `/incidents/${latest.incident.id}/reports`);
      expect(byId.body).toEqual(r.body);
    });

    it('answers 404 for the report and versions of an unknown incident', async () => {
      for (const path of ['/incidents/nope/report', '/incidents/nope/reports', '/incidents/nope/report?version=1']) {
        const r = await json<ErrorBody>(app, path);
        expect(r.status, path).toBe(404);
        expect(r.body.error.code, path).toBe('not_found');
      }
    });
  });
});

describe('an incident whose report is not written yet', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2)];
    const res = await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: FIXTURES.slice(0, 2) }),
    });
    expect(res.status).toBe(202);
    await waitUntil(async () => (await h.ctx.store.counts()).claims >= 2, 30_000, 'claims were not stored in time');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  it('answers 404 report_not_ready until the reconciler writes it, then 200', async () => {
    expect(await h.ctx.store.counts()).toMatchObject({ claims: 2, reports: 0 });
    const r = await json<ErrorBody>(app, `/incidents/${TINZA}/report`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('report_not_ready');

    const detail = await json<Record<string, unknown>>(app, `/incidents/${TINZA}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ key: TINZA, claimCount: 0, reportVersion: 0, upToDate: false, summary: null });

    const versions = await json<Versions>(app, `/incidents/${TINZA}/reports`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions).toEqual([]);

    const list = await json<{ incidents: ListItem[] }>(app, '/incidents');
    expect(list.body.incidents).toHaveLength(1);
    expect(list.body.incidents[0]).toMatchObject({ key: TINZA, reportVersion: 0, claimCount: 0 });

    workers.push(startReconciler(h.ctx, { sweepMs: 500 }));
    await waitForDrain(h.ctx);
    const ready = await json<Report>(app, `/incidents/${TINZA}/report`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ version: 1, claimCount: 2 });
  });
});

describe('q on titles with accented capitals', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2)];
    const res = await app.request('/claims', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        claim({
          key: 'ml-2022-03-menaka-eigs',
          title: "Attaque de l'État islamique près de Ménaka",
          country: 'ML',
          location: 'Ménaka',
          startDate: '2022-03-08',
          claimant: 'FAMa',
          kind: 'state_forces',
          statedAt: '2022-03-09',
          party: 'civilians',
          count: { exact: 30 },
        }),
      ),
    });
    expect(res.status).toBe(202);
    await waitUntil(async () => (await h.ctx.store.counts()).claims >= 1, 30_000, 'the claim was not stored in time');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  it('matches ASCII text in any case', async () => {
    expect(await keysOf(app, `?q=${encodeURIComponent('ATTAQUE')}`)).toEqual(['ml-2022-03-menaka-eigs']);
    expect(await keysOf(app, `?q=${encodeURIComponent('ménaka')}`)).toEqual(['ml-2022-03-menaka-eigs']);
  });

  it('matches a title with an accented capital whatever the case of q', async () => {
    // The title has "État"; a search for "état islamique" (or "ÉTAT") must find it.
    expect(await keysOf(app, `?q=${encodeURIComponent('État islamique')}`)).toEqual(['ml-2022-03-menaka-eigs']);
    expect(await keysOf(app, `?q=${encodeURIComponent('état islamique')}`)).toEqual(['ml-2022-03-menaka-eigs']);
    expect(await keysOf(app, `?q=${encodeURIComponent('ÉTAT ISLAMIQUE')}`)).toEqual(['ml-2022-03-menaka-eigs']);
  });
});
