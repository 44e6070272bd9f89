import { apiDepsOf, createApp } from '@recon/api';
import { ReconClient, runCli, type CliIo } from '@recon/cli';
import { digestOf, validateClaim, type Report } from '@recon/domain';
import { CELL_COLUMNS, CLAIM_COLUMNS, parseCsv } from '@recon/exchange';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { oracle } from '../support/incident-oracle.js';

/** Exports (CSV, NDJSON), streamed, injection-safe, filtered; and a CSV export submitted again into a fresh database. */

const corpus = JSON.parse(readFileSync(new URL('../../samples/corpus-claims.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
const tinza = corpus.find((c) => (c.incident as { key?: string }).key === 'ml-2024-07-tinzaouaten' && (c.claimant as { name: string }).name === 'JNIM')!;
/** JNIM revises its Wagner figure two days later; a hostile wording for the injection check. */
const revision = { ...tinza, statedAt: '2024-07-30', figures: [{ party: 'Wagner mercenaries', outcome: 'killed', count: { min: 60 }, wording: '=HYPERLINK("http://evil.example","click")' }] };
const retracted = { ...tinza, statedAt: '2024-07-31', figures: [{ party: 'civilians', outcome: 'wounded', count: { exact: 3 } }] };

interface Service {
  h: Harness;
  app: OpenAPIHono;
  workers: { close(): Promise<void> }[];
}

async function service(): Promise<Service> {
  const h = await createHarness();
  return { h, app: createApp(apiDepsOf(h.ctx)), workers: [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })] };
}

async function cli(app: OpenAPIHono, args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: {},
    readInput: async () => input,
    makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
  };
  const code = await runCli(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

const content = (r: Report) => ({ incident: r.incident, claimCount: r.claimCount, cells: r.cells, totals: r.totals });

describe('exports', () => {
  let a: Service;
  let b: Service;
  const submitted = [...corpus, revision, retracted];

  beforeAll(async () => {
    a = await service();
    b = await service();
    const res = await a.app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submitted) });
    expect(res.status).toBe(202);
    await waitForDrain(a.h.ctx);
    const v = validateClaim(retracted, a.h.ctx.registry.partyKey);
    if (!v.ok) throw new Error('the retracted claim is invalid');
    const del = await a.app.request(`/claims/${digestOf(v.claim)}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    await waitForDrain(a.h.ctx);
  });
  afterAll(async () => {
    for (const s of [a, b]) {
      await Promise.all(s?.workers.map((w) => w.close()) ?? []);
      await s?.h.close();
    }
  });

  it('writes one CSV row per figure, with states, retraction, and formula-looking text defused', async () => {
    const { code, out } = await cli(a.app, ['export', 'claims.csv']);
    expect(code).toBe(0);
    expect(out.split('\r\n')[0]).toBe(CLAIM_COLUMNS.join(','));
    const rows = parseCsv(out);
    const figures = submitted.reduce((n, c) => n + (c.figures as unknown[]).length, 0);
    expect(rows).toHaveLength(figures);
    // The revision superseded JNIM's 50; the retracted claim is there, marked.
    const jnimWagner = rows.filter((r) => r.claimant === 'JNIM' && r.party_id === 'wagner-group' && r.incident_key === 'ml-2024-07-tinzaouaten');
    expect(jnimWagner.map((r) => [r.count, r.state]).sort()).toEqual([['50', 'superseded'], ['60', 'current']]);
    expect(rows.filter((r) => r.retracted === 'true').map((r) => r.party_as_reported)).toEqual(['civilians']);
    // In the file the formula is a quoted text cell starting with an apostrophe; read back, it is the text.
    expect(out).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(rows.find((r) => r.count === '60')!.wording).toBe(revision.figures[0]!.wording);
  });

  it('answers NDJSON and cells, filtered like the list', async () => {
    const nd = await a.app.request('/export/claims.ndjson?q=tinzaouaten');
    expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(nd.headers.get('content-disposition')).toMatch(/^attachment; filename="recon-claims-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => l.incident_id)).size).toBe(1);
    expect(Object.keys(lines[0]!)).toEqual([...CLAIM_COLUMNS]);

    const { out } = await cli(a.app, ['export', 'cells.csv', '--country', 'ML']);
    const cells = parseCsv(out);
    expect(Object.keys(cells[0]!)).toEqual([...CELL_COLUMNS]);
    const reports = (await (await a.app.request('/incidents?country=ML&limit=1000')).json()) as { incidents: { id: string }[] };
    let expected = 0;
    for (const i of reports.incidents) expected += ((await (await a.app.request(`/incidents/${i.id}/report`)).json()) as Report).cells.length;
    expect(cells).toHaveLength(expected);
    const wagner = cells.find((c) => c.incident_key === 'ml-2024-07-tinzaouaten' && c.party_id === 'wagner-group' && c.outcome === 'killed')!;
    expect([wagner.low, wagner.high, wagner.high_open, wagner.agreement]).toEqual(['1', '60', 'true', 'consistent']);
    const none = await a.app.request('/export/cells.csv?country=NE');
    expect((await none.text()).split('\r\n').filter(Boolean)).toHaveLength(1);
    const bad = await a.app.request('/export/claims.csv?country=Mali');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { errors: { path: string }[] } }).error.errors[0]!.path).toBe('query.country');
  });

  it('streams an incident at a time', async () => {
    const res = await a.app.request('/export/claims.csv');
    const reader = res.body!.getReader();
    let chunks = 0;
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      chunks++;
    }
    const incidents = ((await (await a.app.request('/incidents?limit=1000')).json()) as { incidents: unknown[] }).incidents.length;
    // The header, then one chunk per incident: never the whole file at once.
    expect(chunks).toBe(incidents + 1);
  });

  it('submits an export into a fresh database and gets the same reports', async () => {
    const { out: csv } = await cli(a.app, ['export', 'claims.csv']);
    const submit = await cli(b.app, ['submit', 'export.csv'], csv);
    expect(submit.err).toContain('left out 1 retracted claim(s)');
    expect(submit.out).toContain(`queued: ${submitted.length - 1}`);
    expect(submit.out).toContain('rejected: 0');
    await waitForDrain(b.h.ctx);
    // The second database's reports are the pure reconciler's over the claims (less the retracted one)…
    const truth = oracle(submitted.filter((c) => c !== retracted), new Set(), b.h.ctx.registry, b.h.ctx.store);
    const list = ((await (await b.app.request('/incidents?limit=1000')).json()) as { incidents: { id: string }[] }).incidents;
    expect(list.map((i) => i.id).sort()).toEqual([...truth.reports.keys()].sort());
    for (const { id } of list) {
      const rb = (await (await b.app.request(`/incidents/${id}/report`)).json()) as Report;
      const ra = (await (await a.app.request(`/incidents/${id}/report`)).json()) as Report;
      const t = truth.reports.get(id)!;
      expect({ cells: rb.cells, totals: rb.totals, claimCount: rb.claimCount }, id).toEqual({ cells: t.cells, totals: t.totals, claimCount: t.claimCount });
      // …and the first database's.
      expect(content(rb), id).toEqual(content(ra));
    }
  });
});
