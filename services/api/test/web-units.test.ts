import { LIMITS, type Report, type ReportCell } from '@recon/domain';
import { describe, expect, it } from 'vitest';
import { EXTRACTION_EXAMPLE } from '@recon/contract';
import { articleInputOf, batchOf, countFieldsOf, countOf, draftOf, draftOfExtraction, emptyArticleInput, emptyClaim, fieldOf, marksOf } from '../src/web/claim-draft.js';
import { MarkedArticle } from '../src/web/pages/article-section.js';
import { agreementText, cellRangeText, countText, intervalText } from '../src/web/format.js';
import { diffReports } from '../src/web/report-diff.js';
import { niceMax, tickStep } from '../src/web/pages/range-chart.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('the claim form as a draft and a batch', () => {
  it('reads claims, relays and figures by their indexes, and sends the source and incident once', () => {
    const d = draftOf(
      form({
        'source.title': 'T',
        'source.publishedAt': '2024-07-29',
        'incident.country': 'ML',
        'incident.startDate': '2024-07-22',
        'incident.lat': '19.9',
        'c0.claimant.name': 'JNIM',
        'c0.via0.name': 'SITE',
        'c0.f0.party': 'FAMa',
        'c0.f0.outcome': 'killed',
        'c0.f0.form': 'range',
        'c0.f0.min': '10',
        'c0.f0.max': '1,200',
        'c1.claimant.name': 'Unknown group',
        'c1.claimant.kind': 'militia',
        'c1.statedAt': '2024-07-30',
        'c1.f0.party': 'civilians',
        'c1.f0.outcome': 'killed',
        'c1.f0.form': 'exact',
        'c1.f0.n': 'twelve',
        'c1.excerpt': 'twelve civilians were killed',
      }),
    );
    expect(d.claims).toHaveLength(2);
    const body = batchOf(d, null, (name) => (name === 'JNIM' ? 'armed_group' : name === 'SITE' ? 'monitor' : undefined));
    expect(body.defaults).toEqual({ incident: { country: 'ML', startDate: '2024-07-22', lat: 19.9 }, source: { title: 'T', publishedAt: '2024-07-29' } });
    expect(body.claims[0]).toEqual({
      claimant: { name: 'JNIM', kind: 'armed_group' },
      via: [{ name: 'SITE', kind: 'monitor' }],
      statedAt: '2024-07-29',
      figures: [{ party: 'FAMa', outcome: 'killed', count: { min: 10, max: 1200 } }],
    });
    // A number that is not one goes as typed, for the API to name the field and say why.
    expect((body.claims[1]!.figures as { count: unknown }[])[0]!.count).toEqual({ exact: 'twelve' });
    expect(body.claims[1]!.claimant).toEqual({ name: 'Unknown group', kind: 'militia' });
    // A claim's own words go in its source, over the article's (the API merges source field by field).
    expect(body.claims[1]!.source).toEqual({ excerpt: 'twelve civilians were killed' });
    expect(body.claims[0]!.source).toBeUndefined();
  });

  it('names the form field each API error path belongs to', () => {
    expect(fieldOf(2, 'incident.country')).toBe('incident.country');
    expect(fieldOf(2, 'source.url')).toBe('source.url');
    expect(fieldOf(2, 'claimant.kind')).toBe('c2.claimant.kind');
    expect(fieldOf(2, 'via[1].kind')).toBe('c2.via1.kind');
    expect(fieldOf(2, 'figures[3].count.exact')).toBe('c2.f3.count');
    expect(fieldOf(2, 'figures[3].party')).toBe('c2.f3.party');
    expect(fieldOf(2, 'statedAt')).toBe('c2.statedAt');
    expect(fieldOf(2, 'figures')).toBe('c2');
  });
});

describe('words for analysts', () => {
  it('says agreement so that it cannot be misread', () => {
    expect(agreementText({ agreement: 'consistent', consensus: { low: 50, high: 50, highOpen: false } })).toBe('all claims compatible with 50');
    expect(agreementText({ agreement: 'consistent', consensus: { low: 20, high: 25, highOpen: false } })).toBe('all claims compatible with 20–25');
    expect(agreementText({ agreement: 'disputed', consensus: null })).toBe('claims disagree');
    expect(agreementText({ agreement: 'single_source', consensus: null })).toBe('one source only');
  });

  it('states counts and the interval the reconciler reads', () => {
    expect([countText({ min: 20 }), intervalText({ min: 20 })]).toEqual(['at least 20', '20 or more']);
    expect([countText({ approx: 50 }), intervalText({ approx: 50 })]).toEqual(['about 50', '45 to 55']);
    expect([countText({ term: 'many' }), intervalText({ term: 'many' })]).toEqual(['many', 'no number (sets no bound)']);
    expect([tickStep(50), tickStep(10), tickStep(1), tickStep(1000)]).toEqual([5, 1, 1, 100]);
    const cell = (claims: { quantified: boolean; high: number | null; highOpen: boolean }[], highOpen = false) => ({ range: { low: 1, high: 50, highOpen }, claims }) as never;
    expect(cellRangeText(cell([{ quantified: true, high: null, highOpen: true }, { quantified: true, high: 50, highOpen: false }]))).toBe('1–50 (1 claim says “at least”: no upper bound)');
    expect(cellRangeText(cell([{ quantified: true, high: 50, highOpen: false }]))).toBe('1–50');
    expect(niceMax(84)).toBe(100);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(0)).toBe(1);
  });
});

describe('the diff of two report versions', () => {
  const cell = (claims: string[], superseded: string[], low: number, high: number): ReportCell =>
    ({
      party: { id: 'wagner-group', name: 'Wagner Group', kind: 'pmc' },
      outcome: 'killed',
      range: { low, high, highOpen: false },
      agreement: claims.length > 1 ? 'disputed' : 'single_source',
      consensus: null,
      byPerspective: {},
      claims: claims.map((claimId) => ({ claimId })),
      superseded: superseded.map((claimId) => ({ claimId })),
    }) as unknown as ReportCell;
  const report = (version: number, cells: ReportCell[], title: string): Report => ({ incident: { title } as Report['incident'], version, generatedAt: '', claimCount: cells.length, cells, totals: [] });

  it('lists added, superseded and removed claims, and range and detail changes', () => {
    const d = diffReports(report(1, [cell(['a', 'b'], [], 10, 50)], 'x'), report(2, [cell(['c', 'b'], ['a'], 12, 50)], 'y'));
    expect(d.cells).toEqual([
      expect.objectContaining({ change: 'changed', rangeBefore: '10–50', rangeAfter: '12–50', claimsAdded: ['c'], claimsRemoved: [], claimsSuperseded: ['a'] }),
    ]);
    expect(d.incidentChanges).toEqual([{ field: 'title', before: 'x', after: 'y' }]);
    const gone = diffReports(report(1, [cell(['a'], [], 1, 1)], 'x'), report(2, [], 'x'));
    expect(gone.cells[0]!.change).toBe('removed');
  });
});

describe('the page cache', () => {
  it('renders a page once per key, keeps the most recent within its budget, and serves a large one uncached', async () => {
    const { PageCache } = await import('../src/web/page-cache.js');
    const cache = new PageCache(8 * 1024);
    let renders = 0;
    const make = (size: number) => () => {
      renders++;
      return 'x'.repeat(size);
    };
    cache.getOrPut('a', make(100));
    cache.getOrPut('a', make(100));
    expect(renders).toBe(1);
    // Gzipped once; the entry is sized again with it.
    const page = cache.get('a')!;
    expect(cache.gzipOf(page)).toBe(cache.gzipOf(page));
    // Over an eighth of the budget: rendered each time, never kept.
    cache.getOrPut('big', make(1024));
    cache.getOrPut('big', make(1024));
    expect(renders).toBe(3);
    // Fill the budget: the least recently used goes first.
    for (let i = 0; i < 40; i++) cache.getOrPut(`p${i}`, make(200));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('p39')).toBeDefined();
  });
});

describe('drafts from an article on the claim form', () => {
  it('turns an extraction into the form, whose batch is the drafts’ claims again', () => {
    const text = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';
    const d = draftOfExtraction(EXTRACTION_EXAMPLE, { ...emptyArticleInput(), text, publishedAt: '2024-05-13' });
    expect(d.article).toEqual({ text, language: 'en' });
    expect(d.incident).toMatchObject({ country: 'ML', location: 'Boulkessi', startDate: '2024-05-12', key: '' });
    expect(d.claims[0]).toMatchObject({ claimantName: 'Malian army', claimantKind: 'state_forces', statedAt: '2024-05-12', figures: [{ party: 'Malian soldiers', form: 'exact', n: '12' }] });
    expect(d.claims[0]!.marks).toEqual(EXTRACTION_EXAMPLE.claims[0]!.evidence.map(({ figure, start, end, role }) => ({ figure, start, end, role })));
    const sent = batchOf(d, null, () => undefined);
    const claim = EXTRACTION_EXAMPLE.claims[0]!.claim;
    expect({ ...sent.defaults.incident as object }).toEqual(claim.incident);
    expect(sent.claims[0]).toMatchObject({ claimant: claim.claimant, statedAt: claim.statedAt, figures: claim.figures, source: { excerpt: claim.source.excerpt } });
    // A browser sends line breaks as CRLF: the server keeps them as LF, so offsets stay right.
    expect(articleInputOf(new URLSearchParams({ 'extract.text': 'a\r\nb\rc' })).text).toBe('a\nb\nc');
  });

  it('keeps a drafted claim whole however many figures and relays it has (the contract’s limits are the form’s)', () => {
    const base = EXTRACTION_EXAMPLE.claims[0]!;
    const figures = Array.from({ length: LIMITS.maxFigures }, (_, i) => ({ ...base.claim.figures[0]!, count: { exact: i + 1 } }));
    const via = Array.from({ length: LIMITS.maxVia }, (_, i) => ({ name: `Relay ${i}`, kind: 'media' as const }));
    const evidence = figures.map((_, i) => ({ ...base.evidence[0]!, figure: i }));
    const big = { ...EXTRACTION_EXAMPLE, claims: [{ ...base, claim: { ...base.claim, figures, via }, evidence }] };
    const text = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';
    const d = draftOfExtraction(big as typeof EXTRACTION_EXAMPLE, { ...emptyArticleInput(), text });
    expect(d.claims[0]!.figures.map((f) => f.n)).toEqual(figures.map((f) => String(f.count.exact)));
    expect(d.claims[0]!.via.map((r) => r.name)).toEqual(via.map((r) => r.name));
    expect(d.claims[0]!.marks).toHaveLength(evidence.length);
    // …and the form sent back holds them all again.
    const fields: Record<string, string> = {};
    d.claims[0]!.figures.forEach((f, j) => Object.assign(fields, { [`c0.f${j}.party`]: f.party, [`c0.f${j}.n`]: f.n }));
    d.claims[0]!.via.forEach((r, j) => Object.assign(fields, { [`c0.via${j}.name`]: r.name }));
    const back = draftOf(form(fields));
    expect(back.claims[0]!.figures).toHaveLength(LIMITS.maxFigures);
    expect(back.claims[0]!.via).toHaveLength(LIMITS.maxVia);
  });

  it('carries marks back only when they are well formed and inside the article', () => {
    const ok = { figure: 0, start: 2, end: 5, role: 'figure' };
    expect(marksOf(JSON.stringify([ok, { ...ok, end: 50 }, { ...ok, start: 5 }, { ...ok, role: 'x' }, { ...ok, figure: -1 }, null, 'x']), 10)).toEqual([ok]);
    expect(marksOf('not json', 10)).toEqual([]);
    expect(marksOf(JSON.stringify(ok), 10)).toEqual([]);
    for (const count of [{ exact: 12 }, { min: 3 }, { max: 9 }, { min: 3, max: 9 }, { approx: 50 }, { term: 'dozens' }]) {
      expect(countOf({ party: '', partyKind: '', outcome: 'killed', wording: '', ...countFieldsOf(count) })).toEqual(count);
    }
  });

  it('marks overlapping words once per stretch, each mark’s id where it starts, the text escaped', () => {
    const text = 'The <army> said 12 soldiers were killed.';
    const claims = [
      { ...emptyClaim(), marks: [{ figure: 0, start: 0, end: 10, role: 'claimant' as const }, { figure: 0, start: 16, end: 39, role: 'figure' as const }] },
      { ...emptyClaim(), marks: [{ figure: 0, start: 16, end: 27, role: 'figure' as const }] },
    ];
    const html = String(MarkedArticle({ text, language: 'en', claims }));
    expect(html).toContain('<mark id="d0-c" class="claimant" title="Claim 1, claimant">The &lt;army&gt;</mark> said ');
    expect(html).toContain('<span id="d1-f0"></span><mark id="d0-f0" class="figure" title="Claim 1, figure 1; Claim 2, figure 1">12 soldiers</mark><mark class="figure" title="Claim 1, figure 1"> were killed</mark>.');
  });
});
