import { describe, it, expect } from 'vitest';
import { OUTCOMES, reconcile } from '../src/index.js';
import { cellOf, fig, IDENTITY, makeClaim, rc, resolved, run } from './helpers.js';

describe('reconcile: current and superseded claims', () => {
  const army12 = rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 12 })] });
  const army14 = rc({ claimant: 'Malian army', statedAt: '2024-07-28', figures: [fig('Malian troops', 'killed', { exact: 14 })] });

  it('supersedes an earlier statement by the same (canonical) claimant on the same cell', () => {
    const cell = cellOf(run([army12, army14]), 'fama', 'killed');
    expect(cell.claims.map((c) => c.claimId)).toEqual([army14.id]);
    expect(cell.superseded).toHaveLength(1);
    expect(cell.superseded[0]!.claimId).toBe(army12.id);
    expect(cell.superseded[0]!.supersededBy).toBe(army14.id);
    expect(cell.superseded[0]!.low).toBe(12);
  });

  it('computes the range from the current claim only', () => {
    const cell = cellOf(run([army12, army14]), 'fama', 'killed');
    expect(cell.range).toEqual({ low: 14, high: 14, highOpen: false });
    expect(cell.agreement).toBe('single_source');
    expect(cell.consensus).toBeNull();
    expect(cell.byPerspective).toEqual({ self: { low: 14, high: 14, highOpen: false } });
  });

  it('does not let a superseded claim count in the totals', () => {
    const killed = run([army12, army14]).totals.find((t) => t.outcome === 'killed')!;
    expect(killed.byClaimant).toHaveLength(1);
    expect(killed.byClaimant[0]).toMatchObject({ low: 14, high: 14, highOpen: false });
    expect(killed.range).toEqual({ low: 14, high: 14, highOpen: false });
  });

  it('keeps both statements current when statedAt is equal', () => {
    const a = rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 12 })] });
    const b = rc({ claimant: 'FAMa', statedAt: '2024-07-26T00:00:00Z', figures: [fig('FAMa', 'killed', { exact: 14 })] });
    const cell = cellOf(run([a, b]), 'fama', 'killed');
    expect(cell.claims.map((c) => c.claimId).sort()).toEqual([a.id, b.id].sort());
    expect(cell.superseded).toEqual([]);
    expect(cell.range).toEqual({ low: 12, high: 14, highOpen: false });
    expect(cell.agreement).toBe('disputed');
  });

  it('compares statedAt as instants: a date-time with an offset can be the earlier statement', () => {
    // 2024-07-28T01:00:00+03:00 is 2024-07-27T22:00:00Z, before 2024-07-28 (midnight UTC).
    const early = rc({ claimant: 'FAMa', statedAt: '2024-07-28T01:00:00+03:00', figures: [fig('FAMa', 'killed', { exact: 12 })] });
    const late = rc({ claimant: 'FAMa', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 14 })] });
    const cell = cellOf(run([early, late]), 'fama', 'killed');
    expect(cell.claims.map((c) => c.claimId)).toEqual([late.id]);
    expect(cell.superseded.map((c) => c.claimId)).toEqual([early.id]);
  });

  it('supersedes per cell: an older claim stays current for a cell the newer one does not cover', () => {
    const first = rc({
      claimant: 'FAMa',
      statedAt: '2024-07-26',
      figures: [fig('FAMa', 'killed', { exact: 12 }), fig('FAMa', 'wounded', { exact: 20 })],
    });
    const second = rc({ claimant: 'FAMa', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 14 })] });
    const report = run([first, second]);
    const killed = cellOf(report, 'fama', 'killed');
    const wounded = cellOf(report, 'fama', 'wounded');
    expect(killed.claims.map((c) => c.claimId)).toEqual([second.id]);
    expect(killed.superseded.map((c) => c.claimId)).toEqual([first.id]);
    expect(wounded.claims.map((c) => c.claimId)).toEqual([first.id]);
    expect(wounded.superseded).toEqual([]);
    expect(wounded.range).toEqual({ low: 20, high: 20, highOpen: false });
  });

  it('never supersedes across claimants', () => {
    const army = rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 2 })] });
    const jnim = rc({ claimant: 'JNIM', statedAt: '2024-07-30', figures: [fig('FAMa', 'killed', { exact: 10 })] });
    const cell = cellOf(run([army, jnim]), 'fama', 'killed');
    expect(cell.claims).toHaveLength(2);
    expect(cell.superseded).toEqual([]);
  });

  it('never supersedes across two different unknown claimants, however long their names', () => {
    const prefix = 'a senior security official speaking to AFP on condition of anonymity for safety reasons, in ';
    const gao = rc({ claimant: `${prefix}Gao`, kind: 'anonymous', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 4 })] });
    const kidal = rc({ claimant: `${prefix}Kidal`, kind: 'anonymous', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 9 })] });
    const cell = cellOf(run([gao, kidal]), 'fama', 'killed');
    expect(cell.superseded).toEqual([]);
    expect(cell.claims.map((c) => c.claimId).sort()).toEqual([gao.id, kidal.id].sort());
    expect(cell.range).toEqual({ low: 4, high: 9, highOpen: false });
  });

  it('points every superseded statement at the current one, over several revisions', () => {
    const r1 = rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 5 })] });
    const r2 = rc({ claimant: 'FAMa', statedAt: '2024-07-27', figures: [fig('FAMa', 'killed', { exact: 9 })] });
    const r3 = rc({ claimant: 'FAMa', statedAt: '2024-07-29', figures: [fig('FAMa', 'killed', { exact: 12 })] });
    const cell = cellOf(run([r3, r1, r2]), 'fama', 'killed');
    expect(cell.claims.map((c) => c.claimId)).toEqual([r3.id]);
    expect(cell.superseded.map((c) => [c.claimId, c.supersededBy])).toEqual([
      [r1.id, r3.id],
      [r2.id, r3.id],
    ]);
  });
});

describe('reconcile: range', () => {
  it('exact 50 + min 20 + min 1 → low 1, high 50, closed', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { exact: 50 })] }),
        rc({ claimant: 'Russian bloggers', kind: 'media', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 20 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 1 })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.range).toEqual({ low: 1, high: 50, highOpen: false });
  });

  it('exact 10 + min 20 → high 20, open', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { exact: 10 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 20 })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.range).toEqual({ low: 10, high: 20, highOpen: true });
  });

  it('uses the interval of every count form', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-28', figures: [fig('civilians', 'killed', { max: 30 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('civilians', 'killed', { term: 'several' })] }),
        rc({ claimant: 'Human Rights Watch', statedAt: '2024-07-29', figures: [fig('civilians', 'killed', { min: 25, max: 82 })] }),
      ]),
      'civilians',
      'killed',
    );
    expect(cell.range).toEqual({ low: 0, high: 82, highOpen: false });
    expect(cell.claims.map((c) => [c.claimant.id, c.low, c.high, c.highOpen])).toEqual([
      ['fama', 0, 30, false],
      ['afp', 3, 9, false],
      ['human-rights-watch', 25, 82, false],
    ]);
  });

  it('lists unquantified claims but lets them set no bound', () => {
    const wagner = rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'many' }, { wording: 'severe losses' })] });
    const jnim = rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { exact: 50 })] });
    const cell = cellOf(run([wagner, jnim]), 'wagner-group', 'killed');
    expect(cell.claims).toHaveLength(2);
    expect(cell.range).toEqual({ low: 50, high: 50, highOpen: false });
    const unq = cell.claims.find((c) => c.claimId === wagner.id)!;
    expect(unq).toMatchObject({ quantified: false, low: null, high: null, highOpen: false, wording: 'severe losses', count: { term: 'many' } });
  });

  it('is null when no current claim is quantified', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'many' })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'unknown' })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.range).toBeNull();
    expect(cell.agreement).toBe('unquantified');
    expect(cell.consensus).toBeNull();
    expect(cell.claims).toHaveLength(2);
  });

  it('is null when the only quantified statement was superseded by an unquantified one', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 3 })] }),
        rc({ claimant: 'FAMa', statedAt: '2024-07-27', figures: [fig('FAMa', 'killed', { term: 'unknown' })] }),
      ]),
      'fama',
      'killed',
    );
    expect(cell.range).toBeNull();
    expect(cell.superseded).toHaveLength(1);
  });
});

describe('reconcile: agreement', () => {
  it('single_source for one current claim (quantified or not)', () => {
    const one = cellOf(run([rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 2 })] })]), 'fama', 'killed');
    expect(one.agreement).toBe('single_source');
    expect(one.consensus).toBeNull();
    const unq = cellOf(run([rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { term: 'many' })] })]), 'fama', 'killed');
    expect(unq.agreement).toBe('single_source');
    expect(unq.range).toBeNull();
  });

  it('unquantified when several current claims give no numbers', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('terrorists', 'killed', { term: 'many' })] }),
        rc({ claimant: 'Wagner', statedAt: '2024-07-26', figures: [fig('jihadists', 'killed', { term: 'unknown' })] }),
      ]),
      'unidentified-militants',
      'killed',
    );
    expect(cell.agreement).toBe('unquantified');
  });

  it('consistent when all quantified intervals share a point; consensus is the intersection', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { min: 40, max: 60 })] }),
        rc({ claimant: 'CSP-PSD', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { exact: 50 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 45 })] }),
        rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'many' })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.agreement).toBe('consistent');
    expect(cell.consensus).toEqual({ low: 50, high: 50, highOpen: false });
    expect(cell.range).toEqual({ low: 40, high: 60, highOpen: false });
  });

  it('consistent with a wider consensus for overlapping ranges', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { min: 10, max: 30 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { max: 20 })] }),
      ]),
      'fama',
      'killed',
    );
    expect(cell.agreement).toBe('consistent');
    expect(cell.consensus).toEqual({ low: 10, high: 20, highOpen: false });
  });

  it('consistent with an open consensus when every interval is open', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'AFP', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { min: 20 })] }),
        rc({ claimant: 'Reuters', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { term: 'dozens' })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.agreement).toBe('consistent');
    expect(cell.consensus).toEqual({ low: 24, high: 24, highOpen: true });
    expect(cell.range).toEqual({ low: 20, high: 24, highOpen: true });
  });

  it('disputed when the intervals share no point', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 2 })] }),
        rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 10 })] }),
        rc({ claimant: 'CSP-PSD', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { min: 5, max: 12 })] }),
      ]),
      'fama',
      'killed',
    );
    expect(cell.agreement).toBe('disputed');
    expect(cell.consensus).toBeNull();
    expect(cell.range).toEqual({ low: 2, high: 12, highOpen: false });
  });

  it('disputed when a denial meets a figure', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('civilians', 'killed', { exact: 0 })] }),
        rc({ claimant: 'Human Rights Watch', statedAt: '2024-07-28', figures: [fig('civilians', 'killed', { term: 'a_few' })] }),
      ]),
      'civilians',
      'killed',
    );
    expect(cell.agreement).toBe('disputed');
  });
});

describe('reconcile: byPerspective', () => {
  it('computes the range separately for each perspective present', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('Wagner', 'killed', { exact: 50 })] }),
        rc({ claimant: 'CSP-PSD', statedAt: '2024-07-28', figures: [fig('Wagner Group', 'killed', { exact: 84 })] }),
        rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 20 })] }),
        rc({ claimant: 'Human Rights Watch', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { max: 25 })] }),
        rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'many' })] }),
        rc({ claimant: 'FAMa', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { exact: 3 })] }),
      ]),
      'wagner-group',
      'killed',
    );
    expect(cell.byPerspective).toEqual({
      self: null,
      ally: { low: 3, high: 3, highOpen: false },
      adversary: { low: 50, high: 84, highOpen: false },
      independent: { low: 0, high: 25, highOpen: false },
    });
    expect(Object.keys(cell.byPerspective)).toEqual(['self', 'ally', 'adversary', 'independent']);
    expect(cell.claims.find((c) => c.claimant.id === 'afp')!.perspective).toBe('independent');
  });

  it('leaves out superseded claims and absent perspectives', () => {
    const cell = cellOf(
      run([
        rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('civilians', 'killed', { exact: 40 })] }),
        rc({ claimant: 'FAMa', statedAt: '2024-07-27', figures: [fig('civilians', 'killed', { exact: 0 })] }),
        rc({ claimant: 'a local official', kind: 'anonymous', statedAt: '2024-07-27', figures: [fig('civilians', 'killed', { approx: 30 })] }),
      ]),
      'civilians',
      'killed',
    );
    expect(cell.byPerspective).toEqual({
      belligerent: { low: 0, high: 0, highOpen: false },
      unknown: { low: 27, high: 33, highOpen: false },
    });
  });
});

describe('reconcile: totals', () => {
  const claims = [
    rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 2 }), fig('terrorists', 'killed', { exact: 20 })] }),
    rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 10 }), fig('Wagner', 'killed', { exact: 50 }), fig('FAMa', 'captured', { exact: 4 })] }),
    rc({ claimant: 'CSP-PSD', statedAt: '2024-07-28', figures: [fig('Wagner Group', 'killed', { exact: 84 }), fig('Malian troops', 'killed', { exact: 47 }), fig('CSP-PSD', 'killed', { exact: 9 })] }),
    rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { min: 20 }), fig('FAMa', 'killed', { max: 15 }), fig('civilians', 'killed', { term: 'many' })] }),
    rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'killed', { term: 'many' })] }),
  ];

  it('sums each current claimant’s figures over the parties it named, per outcome', () => {
    const killed = run(claims).totals.find((t) => t.outcome === 'killed')!;
    expect(killed.byClaimant.map((r) => [r.claimant.id, r.low, r.high, r.highOpen])).toEqual([
      ['afp', 20, 20, true],
      ['csp-psd', 140, 140, false],
      ['fama', 22, 22, false],
      ['jnim', 60, 60, false],
      ['wagner-group', null, null, false],
    ]);
    const afp = killed.byClaimant.find((r) => r.claimant.id === 'afp')!;
    expect(afp.parties).toEqual(['fama', 'wagner-group']);
    expect(afp.unquantifiedParties).toEqual(['civilians']);
    const wagner = killed.byClaimant.find((r) => r.claimant.id === 'wagner-group')!;
    expect(wagner.parties).toEqual([]);
    expect(wagner.unquantifiedParties).toEqual(['wagner-group']);
  });

  it('gives the range across claimants', () => {
    const killed = run(claims).totals.find((t) => t.outcome === 'killed')!;
    expect(killed.range).toEqual({ low: 20, high: 140, highOpen: false });
  });

  it('lists outcomes in contract order, only those present', () => {
    const totals = run(claims).totals;
    expect(totals.map((t) => t.outcome)).toEqual(['killed', 'captured']);
    expect(totals[1]).toEqual({
      outcome: 'captured',
      range: { low: 4, high: 4, highOpen: false },
      byClaimant: [{ claimant: { id: 'jnim', name: 'JNIM', kind: 'armed_group' }, low: 4, high: 4, highOpen: false, parties: ['fama'], unquantifiedParties: [] }],
    });
  });

  it('is open when the largest claimant total is open', () => {
    const totals = run([
      rc({ claimant: 'AFP', statedAt: '2024-07-29', figures: [fig('Wagner', 'wounded', { min: 30 }), fig('FAMa', 'wounded', { exact: 5 })] }),
      rc({ claimant: 'FAMa', statedAt: '2024-07-29', figures: [fig('FAMa', 'wounded', { exact: 7 })] }),
    ]).totals;
    expect(totals).toHaveLength(1);
    expect(totals[0]!.range).toEqual({ low: 7, high: 35, highOpen: true });
  });

  it('is null when no claimant gave a number', () => {
    const totals = run([rc({ claimant: 'Wagner', statedAt: '2024-07-29', figures: [fig('Wagner', 'missing', { term: 'unknown' })] })]).totals;
    expect(totals).toEqual([
      {
        outcome: 'missing',
        range: null,
        byClaimant: [{ claimant: { id: 'wagner-group', name: 'Wagner Group', kind: 'pmc' }, low: null, high: null, highOpen: false, parties: [], unquantifiedParties: ['wagner-group'] }],
      },
    ]);
  });
});

describe('reconcile: ordering and counting', () => {
  it('sorts cells by party id, then outcome in contract order', () => {
    const report = run([
      rc({
        claimant: 'JNIM',
        statedAt: '2024-07-28',
        figures: [
          fig('Wagner', 'killed', { exact: 1 }),
          fig('FAMa', 'killed_or_captured', { exact: 1 }),
          fig('FAMa', 'missing', { exact: 1 }),
          fig('FAMa', 'wounded', { exact: 1 }),
          fig('civilians', 'missing', { exact: 1 }),
          fig('FAMa', 'killed_or_wounded', { exact: 1 }),
          fig('FAMa', 'captured', { exact: 1 }),
          fig('FAMa', 'killed', { exact: 1 }),
          fig('AQIM', 'wounded', { exact: 1 }),
        ],
      }),
    ]);
    expect(report.cells.map((c) => `${c.party.id}/${c.outcome}`)).toEqual([
      'aqim/wounded',
      'civilians/missing',
      'fama/killed',
      'fama/wounded',
      'fama/captured',
      'fama/missing',
      'fama/killed_or_wounded',
      'fama/killed_or_captured',
      'wagner-group/killed',
    ]);
    expect(OUTCOMES).toEqual(['killed', 'wounded', 'captured', 'missing', 'killed_or_wounded', 'killed_or_captured']);
  });

  it('sorts claims by statedAt (as an instant), then claimant id, then claim id', () => {
    const jnim = rc({ claimant: 'JNIM', statedAt: '2024-07-27', figures: [fig('FAMa', 'killed', { exact: 10 })] });
    const csp = rc({ claimant: 'CSP-PSD', statedAt: '2024-07-27', figures: [fig('FAMa', 'killed', { exact: 47 })] });
    const army = rc({ claimant: 'FAMa', statedAt: '2024-07-27T12:00:00Z', figures: [fig('FAMa', 'killed', { exact: 2 })] });
    const afpEarly = rc({ claimant: 'AFP', statedAt: '2024-07-27T01:00:00+03:00', figures: [fig('FAMa', 'killed', { exact: 5 })] });
    const hrwA = rc({ claimant: 'HRW', statedAt: '2024-07-29', figures: [fig('FAMa', 'killed', { exact: 7 })], tag: 'a' });
    const hrwB = rc({ claimant: 'HRW', statedAt: '2024-07-29', figures: [fig('FAMa', 'killed', { exact: 8 })], tag: 'b' });
    const hrw = [hrwA, hrwB].sort((x, y) => (x.id < y.id ? -1 : 1));
    const cell = cellOf(run([hrwB, army, jnim, hrwA, csp, afpEarly]), 'fama', 'killed');
    expect(cell.claims.map((c) => c.claimId)).toEqual([afpEarly.id, csp.id, jnim.id, army.id, hrw[0]!.id, hrw[1]!.id]);
  });

  it('sorts superseded claims the same way', () => {
    const a1 = rc({ claimant: 'AFP', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 1 })] });
    const a2 = rc({ claimant: 'AFP', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 2 })] });
    const j1 = rc({ claimant: 'JNIM', statedAt: '2024-07-25', figures: [fig('FAMa', 'killed', { exact: 3 })] });
    const j2 = rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 4 })] });
    const cell = cellOf(run([a2, j2, a1, j1]), 'fama', 'killed');
    expect(cell.superseded.map((c) => c.claimId)).toEqual([j1.id, a1.id]);
    expect(cell.claims.map((c) => c.claimId)).toEqual([a2.id, j2.id]);
  });

  it('counts distinct claims, superseded ones included, duplicates once', () => {
    const a = rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 12 })] });
    const b = rc({ claimant: 'FAMa', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 14 })] });
    const c = rc({ claimant: 'JNIM', statedAt: '2024-07-28', figures: [fig('FAMa', 'killed', { exact: 30 })] });
    expect(run([a, b, c]).claimCount).toBe(3);
    expect(run([a, b, c, a, resolved(makeClaim({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 12 })] }))]).claimCount).toBe(3);
    expect(run([]).claimCount).toBe(0);
    expect(run([]).cells).toEqual([]);
    expect(run([]).totals).toEqual([]);
  });

  it('shows each claim with what the report needs', () => {
    const claim = makeClaim({ claimant: 'CSP-DPA', statedAt: '2024-08-01', figures: [fig('Wagner mercenaries', 'killed', { exact: 84 }, { wording: 'killed 84 fighters from Wagner' })] });
    const r = resolved(claim);
    const cell = cellOf(run([r]), 'wagner-group', 'killed');
    expect(cell.party).toEqual({ id: 'wagner-group', name: 'Wagner Group', kind: 'pmc' });
    expect(cell.claims[0]).toEqual({
      claimId: r.id,
      claimant: { id: 'csp-psd', name: 'CSP-PSD', kind: 'rebel_group' },
      perspective: 'adversary',
      partyAsReported: 'Wagner mercenaries',
      count: { exact: 84 },
      quantified: true,
      low: 84,
      high: 84,
      highOpen: false,
      wording: 'killed 84 fighters from Wagner',
      statedAt: '2024-08-01',
      via: [],
      source: null,
    });
  });

  it('reports the incident from its identity and the claims', () => {
    const content = reconcile(IDENTITY, [rc({ claimant: 'FAMa', statedAt: '2024-07-26', figures: [fig('FAMa', 'killed', { exact: 2 })] })]);
    expect(content.incident).toMatchObject({ id: 'inc-1', key: 'ml-test', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25', needsReview: false });
  });
});
