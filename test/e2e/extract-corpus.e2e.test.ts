import { readFileSync } from 'node:fs';
import { ClaimStatusSchema, ExtractionSchema, ReportSchema, SubmitResultSchema, type ExtractionAnswer, type ReportAnswer } from '@recon/contract';
import { canonicalJson, epochDay, type Source } from '@recon/domain';
import { goldLines, scoreLines, speakerKey, type FigureLine, type GoldFigure } from '@recon/extract';
import { describe, expect, it } from 'vitest';
import { waitForDrain, type Harness } from '../support/harness.js';
import { getJson, postJson } from '../support/http.js';
import { oracle } from '../support/incident-oracle.js';
import { useRunningService } from '../support/running-service.js';

/** A text of the extractor's development set and its gold figures (samples/extract/README.md). */
interface GoldFile {
  language: 'en' | 'fr';
  publishedAt: string;
  source?: Source;
  incident: { country: string };
  figures: GoldFigure[];
}

const DEV = new URL('../../samples/extract/dev/', import.meta.url);
/** The five real English articles of the development set. */
const ARTICLES = ['en-000', 'en-001', 'en-002', 'en-003', 'en-004'].map((id) => ({
  id,
  key: `corpus-${id}`,
  text: readFileSync(new URL(`${id}.txt`, DEV), 'utf8'),
  gold: JSON.parse(readFileSync(new URL(`${id}.json`, DEV), 'utf8')) as GoldFile,
}));

type Cell = ReportAnswer['cells'][number];

/**
 * Every figure of a report (current and superseded claims: a superseded figure is still in the report)
 * as the evaluation's keys: claimant | party | outcome | count, the claimant as the registry
 * canonicalises it (any anonymous source is `anonymous`, a name the registry does not know is folded,
 * as the gold side is).
 */
function reportLines(h: Harness, report: ReportAnswer, at: { country: string; day: number }): FigureLine[] {
  const claimantKey = (c: Cell['claims'][number]): string =>
    c.claimant.kind === 'anonymous' ? 'anonymous' : h.ctx.registry.get(c.claimant.id) ? c.claimant.id : speakerKey(h.ctx.registry, c.claimant.name, c.claimant.kind, at);
  return report.cells.flatMap((cell) =>
    [...cell.claims, ...cell.superseded].map((c) => {
      const loose = `${cell.party.id}|${cell.outcome}|${canonicalJson(c.count)}`;
      return { key: `${claimantKey(c)}|${loose}`, loose, via: '', text: `${c.claimant.name} · ${cell.party.name} ${cell.outcome} ${canonicalJson(c.count)}` };
    }),
  );
}

/**
 * The extractor's English development articles through the whole service: `POST /extract` over real
 * HTTP, the drafts submitted unchanged to `POST /claims`, ingested and reconciled by the real workers
 * on the engine under test, and each article's report read back. Every gold figure must be in it, and
 * its ranges must be what the pure reconciler makes of the claims submitted.
 */
describe('extracted corpus articles end to end', () => {
  const running = useRunningService();
  /** Every claim submitted so far in this file (the oracle's input). */
  const submitted: unknown[] = [];

  it.each(ARTICLES)('$id: every gold figure is in the report of incident $key, its ranges the oracle’s', async ({ key, text, gold }) => {
    // 1. Extract, with what the article's page shows and an incident key of its own.
    const res = await postJson(running.base, '/extract', {
      text,
      language: gold.language,
      publishedAt: gold.publishedAt,
      ...(gold.source ? { source: gold.source } : {}),
      incident: { ...gold.incident, key },
    });
    expect(res.status).toBe(200);
    const extraction: ExtractionAnswer = ExtractionSchema.parse(await res.json());
    expect(extraction.claims.length).toBeGreaterThan(0);
    expect(extraction.incident.key).toBe(key);
    const claims = extraction.claims.map((d) => d.claim);
    for (const c of claims) expect(c.incident.key).toBe(key);

    // 2. Submit the drafts unchanged, as one batch.
    const sent = await postJson(running.base, '/claims', { claims });
    expect(sent.status).toBe(202);
    const result = SubmitResultSchema.parse(await sent.json());
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(claims.length);
    submitted.push(...claims);
    const ids = [...new Set(result.accepted.map((a) => a.id))];

    // 3. Wait until they are stored and the reports written.
    await waitForDrain(running.h.ctx);
    for (const id of ids) {
      const status = await getJson(running.base, `/claims/${id}`);
      expect(status.status).toBe(200);
      expect(ClaimStatusSchema.parse(status.body).status).toBe('stored');
    }

    // 4. The incident's report, by its key: one incident holding exactly these claims.
    const read = await getJson(running.base, `/incidents/${key}/report`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const report = ReportSchema.parse(read.body);
    expect(report.incident.key).toBe(key);
    expect(report.claimCount).toBe(ids.length);
    const inReport = new Set(report.cells.flatMap((c) => [...c.claims, ...c.superseded].map((x) => x.claimId)));
    expect([...inReport].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(ClaimStatusSchema.parse((await getJson(running.base, `/claims/${id}`)).body).incidentId).toBe(report.incident.id);
    const versions = await getJson<{ versions: { version: number }[] }>(running.base, `/incidents/${key}/reports`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions.at(-1)!.version).toBe(report.version);

    // 5. Every gold figure (claimant, party, outcome, count) is a figure of some claim of the report.
    const at = { country: gold.incident.country, day: epochDay(gold.publishedAt) };
    const { missed } = scoreLines(goldLines(running.h.ctx.registry, gold.figures, at), reportLines(running.h, report, at));
    expect(missed.map((m) => m.text), 'gold figures missing from the report').toEqual([]);

    // 6. The independent oracle: the pure incident resolution and reconciler over the claims submitted.
    const truth = await oracle(submitted, new Set(), running.h.ctx.registry, running.h.ctx.store);
    const mine = truth.incidents.filter((i) => i.key === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.id).toBe(report.incident.id);
    expect(mine[0]!.claimIds).toEqual([...ids].sort());
    const want = truth.reports.get(report.incident.id)!;
    const ranges = (cells: readonly { party: { id: string }; outcome: string; range: unknown }[]) =>
      Object.fromEntries(cells.map((c) => [`${c.party.id}/${c.outcome}`, c.range]));
    expect(ranges(report.cells)).toEqual(ranges(want.cells));
    expect({ cells: report.cells, totals: report.totals }).toEqual({ cells: want.cells, totals: want.totals });
  });
});
