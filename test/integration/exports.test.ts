import { apiDepsOf, createApp } from '@recon/api';
import { ReconClient, runCli, type CliIo } from '@recon/cli';
import { CLAIM_PAGE, INCIDENT_PAGE } from '@recon/db';
import { digestOf, validateClaim, type Report } from '@recon/domain';
import { CELL_COLUMNS, CLAIM_COLUMNS, parseCsv } from '@recon/exchange';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateClaims } from '../support/claim-generator.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { oracle } from '../support/incident-oracle.js';

/** Exports (CSV, NDJSON), streamed, injection-safe, filtered; and a CSV export submitted again into a fresh database. */

const corpus = JSON.parse(readFileSync(new URL('../../samples/corpus-claims.json', import.meta.url), 'utf8')) as Record<string, unknown>[];
const tinza = corpus.find((c) => (c.incident as { key?: string }).key === 'ml-2024-07-tinzaouaten' && (c.claimant as { name: string }).name === 'JNIM')!;
/** JNIM revises its Wagner figure two days later; a hostile wording for the injection check. */
const revision = { ...tinza, statedAt: '2024-07-30', figures: [{ party: 'Wagner mercenaries', outcome: 'killed', count: { min: 60 }, wording: '=HYPERLINK("http://evil.example","click")' }] };
const retracted = { ...tinza, statedAt: '2024-07-31', figures: [{ party: 'civilians', outcome: 'wounded', count: { exact: 3 } }] };
/** Text a spreadsheet would run, a relay whose name holds " > ", a negative longitude, an empty relay list. */
const awkward = {
  incident: { key: 'ml-edge', title: '@title', country: 'ML', location: '=cmd|calc', lat: 14.1, lon: -8.0029, startDate: '2024-07-25' },
  claimant: { name: '-Anonymous officer', kind: 'anonymous' },
  via: [{ name: 'A > B', kind: 'media' }, { name: '+C', kind: 'media' }],
  statedAt: '2024-07-26',
  source: { title: '-title', excerpt: '\tline one\r\nline "two", with a comma' },
  figures: [{ party: '-5', outcome: 'killed', count: { min: 3, max: 7 }, wording: "'=already" }],
};
const emptyRelays = { ...awkward, via: [], statedAt: '2024-07-27' };
/** Another claimant, far from the first's 3-7: the edge incident is disputed. */
const disputer = { ...awkward, claimant: { name: 'AFP', kind: 'media' }, via: undefined, statedAt: '2024-07-27', figures: [{ party: '-5', outcome: 'killed', count: { exact: 20 } }] };
/** A keyless claim that fits two incidents at Gao: its incident needs review. */
const atGao = (key: string | undefined, day: string) => ({
  incident: { ...(key ? { key } : {}), country: 'ML', location: 'Gao', startDate: day },
  claimant: { name: 'MINUSMA', kind: 'un' },
  statedAt: day,
  figures: [{ party: 'civilians', outcome: 'killed', count: { exact: 2 } }],
});
const ambiguous = [atGao('ml-gao-a', '2024-03-01'), atGao('ml-gao-b', '2024-03-05'), atGao(undefined, '2024-03-03')];

interface Service {
  h: Harness;
  app: OpenAPIHono;
  workers: { close(): Promise<void> }[];
}

async function service(): Promise<Service> {
  const h = await createHarness();
  return { h, app: createApp(apiDepsOf(h.ctx)), workers: [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })] };
}

async function stop(s: Service | undefined): Promise<void> {
  await Promise.all(s?.workers.map((w) => w.close()) ?? []);
  await s?.h.close();
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
  let c: Service;
  const submitted = [...corpus, revision, retracted, awkward, emptyRelays, disputer, ...ambiguous];

  beforeAll(async () => {
    a = await service();
    b = await service();
    c = await service();
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
    for (const s of [a, b, c]) await stop(s);
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
    // Every defused text cell is quoted; numbers stay bare numbers, a negative longitude included.
    const edgeLine = out.split('\r\n').find((l) => l.includes('ml-edge') && l.includes('A > B'))!;
    expect(edgeLine).toContain(`"'@title",ML,`);
    expect(edgeLine).toContain(`"'=cmd|calc",14.1,-8.0029,2024-07-25`);
    expect(edgeLine).toContain(`"'-Anonymous officer",anonymous`);
    expect(edgeLine).toContain(`"'-5"`);
    expect(edgeLine).toContain(`"''=already"`);
    for (const line of out.split('\r\n').slice(1)) for (const cell of line.split(',')) expect(cell, line).not.toMatch(/^[=+@\t]/);
    const edge = rows.find((r) => r.incident_key === 'ml-edge' && r.via !== '')!;
    expect([edge.location, edge.lon, edge.claimant, edge.party_as_reported, edge.wording, edge.via, edge.shape]).toEqual(['=cmd|calc', '-8.0029', '-Anonymous officer', '-5', "'=already", JSON.stringify(['A > B', '+C']), 'via=json']);
    // Relays keep their canonical ids beside their names.
    const viaTinza = rows.find((r) => r.claimant === 'JNIM' && r.via !== '')!;
    expect(viaTinza.via_ids!.split(' > ')).toHaveLength(viaTinza.via!.split(' > ').length);
    expect(viaTinza.via_ids).toMatch(/site/i);
  });

  it('answers NDJSON and cells, filtered like the list', async () => {
    const nd = await a.app.request('/export/claims.ndjson?q=tinzaouaten');
    expect(nd.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(nd.headers.get('content-disposition')).toMatch(/^attachment; filename="recon-claims-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => l.incident_id)).size).toBe(1);
    expect(Object.keys(lines[0]!)).toEqual([...CLAIM_COLUMNS]);
    // NDJSON gives relays as arrays, numbers and booleans as JSON numbers and booleans.
    const relayed = lines.find((l) => Array.isArray(l.via))!;
    expect(relayed.via_kinds).toHaveLength((relayed.via as string[]).length);
    expect(relayed.via_ids).toHaveLength((relayed.via as string[]).length);
    expect(typeof lines[0]!.low === 'number' || lines[0]!.low === null).toBe(true);
    expect(typeof lines[0]!.retracted).toBe('boolean');

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

  it('writes to a file with --out, with the list\'s filters as options', async () => {
    const out = join(a.h.dir, 'disputed-cells.csv');
    const run = await cli(a.app, ['export', 'cells.csv', '--disputed', '--country', 'ML', '--out', out]);
    expect([run.code, run.out]).toEqual([0, '']);
    const cells = parseCsv(readFileSync(out, 'utf8'));
    const list = ((await (await a.app.request('/incidents?disputed=true&country=ML&limit=1000')).json()) as { incidents: { id: string }[] }).incidents;
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.incident_id))).toEqual(new Set(list.map((i) => i.id)));
    expect(cells.some((c) => c.agreement === 'disputed')).toBe(true);
    const review = await cli(a.app, ['export', 'claims.csv', '--needs-review']);
    const reviewIds = new Set(parseCsv(review.out).map((r) => r.incident_id));
    const needing = ((await (await a.app.request('/incidents?needsReview=true&limit=1000')).json()) as { incidents: { id: string }[] }).incidents;
    expect(needing.length).toBeGreaterThan(0);
    expect(reviewIds).toEqual(new Set(needing.map((i) => i.id)));
    expect((await cli(a.app, ['export', 'claims.xlsx'])).code).not.toBe(0);
  });

  it('follows the read token like every other read', async () => {
    const guarded = createApp({ ...apiDepsOf(a.h.ctx), auth: { writeTokens: [], readToken: 'r3ad' } });
    for (const file of ['claims.csv', 'claims.ndjson', 'cells.csv']) {
      expect((await guarded.request(`/export/${file}`)).status, file).toBe(401);
      const ok = await guarded.request(`/export/${file}`, { headers: { authorization: 'Bearer r3ad' } });
      expect(ok.status, file).toBe(200);
      expect((await ok.text()).length).toBeGreaterThan(100);
    }
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
    expect(csv).toContain('ml-edge');
    const submit = await cli(b.app, ['submit', 'export.csv'], csv);
    expect(submit.err).toContain('left out 1 retracted claim(s)');
    expect(submit.out).toContain(`queued: ${submitted.length - 1}`);
    expect(submit.out).toContain('rejected: 0');
    await waitForDrain(b.h.ctx);
    // The second database's reports are the pure reconciler's over the claims (less the retracted one)…
    const truth = await oracle(submitted.filter((c) => c !== retracted), new Set(), b.h.ctx.registry, b.h.ctx.store);
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
    // The claims themselves came back: the same ids, the retracted one left out.
    const ids = (ctx: Harness['ctx']) => ctx.store.rows("SELECT id FROM claims WHERE status = 'stored' ORDER BY id");
    expect(await ids(b.h.ctx)).toEqual(await ids(a.h.ctx));
  });

  it('submits the NDJSON export into a fresh database too, with the same claims', async () => {
    const { out: ndjson } = await cli(a.app, ['export', 'claims.ndjson']);
    const submit = await cli(c.app, ['submit', '-'], ndjson);
    expect(submit.err).toContain('left out 1 retracted claim(s)');
    expect(submit.out).toContain(`queued: ${submitted.length - 1}`);
    await waitForDrain(c.h.ctx);
    const stored = (ctx: Harness['ctx']) => ctx.store.rows("SELECT id, body FROM claims WHERE status = 'stored' ORDER BY id");
    expect(await stored(c.h.ctx)).toEqual(await stored(a.h.ctx));
  });
});

describe('exports of a few thousand claims', () => {
  let s: Service;
  /** One incident of 1,200 claims (three pages of claims), and 1,500 claims over 250 more incidents (two pages of incidents). */
  const big = generateClaims({ claims: 1200, incidents: 1, seed: 11, keylessShare: 0 }).map((c) => {
    const claim = c as { incident: Record<string, unknown> };
    return { ...claim, incident: { ...claim.incident, key: 'big-incident' } };
  });
  const many = generateClaims({ claims: 1500, incidents: 250, seed: 12, keylessShare: 0 });
  const all = [...big, ...many];
  const figures = all.reduce((n: number, c) => n + (c as { figures: unknown[] }).figures.length, 0);

  beforeAll(async () => {
    s = await service();
    for (let i = 0; i < all.length; i += 1000) {
      const res = await s.app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(all.slice(i, i + 1000)) });
      expect(res.status).toBe(202);
    }
    await waitForDrain(s.h.ctx, 120_000);
  }, 180_000);
  afterAll(async () => stop(s));

  it('sends whole rows a page of claims at a time, reading the next page only when asked', async () => {
    expect(INCIDENT_PAGE).toBeLessThan(251);
    const listed = vi.spyOn(s.h.ctx.store.incidents, 'listIncidents');
    try {
      const res = await s.app.request('/export/claims.csv');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      const chunks: string[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(decoder.decode(value));
        // Pulled one chunk at a time: after the header and the first chunks, only the first page of incidents was read.
        if (chunks.length === 3) expect(listed).toHaveBeenCalledTimes(1);
      }
      expect(listed).toHaveBeenCalledTimes(2);
      expect(chunks[0]).toBe(`${CLAIM_COLUMNS.join(',')}\r\n`);
      const header = chunks[0]!;
      // Every chunk is whole rows (it parses alone, under the header), of at most a page of claims,
      // never two incidents; the incident of 1,200 claims comes as three chunks.
      let rows = 0;
      const perIncident = new Map<string, number>();
      for (const chunk of chunks.slice(1)) {
        const parsed = parseCsv(header + chunk);
        rows += parsed.length;
        expect(new Set(parsed.map((r) => r.claim_id)).size).toBeLessThanOrEqual(CLAIM_PAGE);
        const incidents = new Set(parsed.map((r) => r.incident_id));
        expect(incidents.size).toBe(1);
        const [id] = incidents;
        perIncident.set(id!, (perIncident.get(id!) ?? 0) + 1);
      }
      expect(rows).toBe(figures);
      const bigId = (await s.h.ctx.store.rows<{ id: string }>("SELECT id FROM incidents WHERE key = 'big-incident'"))[0]!.id;
      expect(perIncident.get(bigId)).toBe(Math.ceil(1200 / CLAIM_PAGE));
      expect(perIncident.size).toBe(251);
      expect(chunks.length).toBe(1 + 250 + Math.ceil(1200 / CLAIM_PAGE));
      // A claim in no two chunks, and every claim in one.
      const ids = chunks.slice(1).flatMap((ch) => [...new Set(parseCsv(header + ch).map((r) => r.claim_id))]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(all.length);
    } finally {
      listed.mockRestore();
    }
  });

  it('stops reading when the client goes away', async () => {
    const listed = vi.spyOn(s.h.ctx.store.incidents, 'listIncidents');
    try {
      const res = await s.app.request('/export/claims.ndjson');
      const reader = res.body!.getReader();
      await reader.read();
      await reader.read();
      await reader.cancel();
      expect(listed).toHaveBeenCalledTimes(1);
    } finally {
      listed.mockRestore();
    }
  });
});
