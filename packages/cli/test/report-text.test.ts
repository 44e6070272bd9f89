import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report-text.js';
import { sampleReport } from './fixtures/sample-report.js';

const text = renderReport(sampleReport).join('\n');

describe('renderReport', () => {
  it('starts with the incident header', () => {
    for (const part of ['inc-0123456789abcdef', 'ml-2024-07-tinzaouaten', 'Tinzaouaten', '2024-07-25 – 2024-07-27', 'needs review  no', 'version       4', '2026-11-20T10:00:00Z']) {
      expect(text).toContain(part);
    }
  });

  it('shows each cell with its range, agreement and ranges by perspective', () => {
    expect(text).toContain('Wagner Group — killed');
    expect(text).toMatch(/range +20–84/);
    expect(text).toMatch(/agreement +disputed/);
    expect(text).toContain('adversary 50–84; independent 20+');
  });

  it('lists claims with count as stated, relay chain and truncated wording', () => {
    expect(text).toContain('exact 50');
    expect(text).toContain('≥ 20');
    expect(text).toContain('SITE Intelligence Group → AFP');
    expect(text).toContain('"killed 84 fighters from Wagner, in a long statement that go…"');
  });

  it('marks superseded claims with the first 8 characters of the superseding id', () => {
    expect(text).toMatch(/2024-07-27 +Malian Armed Forces +self +exact 12 .*\(superseded by fama-2-r\)/);
  });

  it('shows totals per outcome and per claimant, open sums with +', () => {
    expect(text).toContain('killed: 14–84');
    expect(text).toMatch(/Grey Zone +20\+ +Wagner Group/);
    expect(text).toContain('not summed (unquantified): Malian Armed Forces');
  });

  it('prints no terminal control sequence from claim text', () => {
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(text).toContain('"at least 20 Wagner"');
  });

  it('says "unquantified" and shows the consensus when the cell has them', () => {
    const [fama, wagner] = sampleReport.cells;
    const report = {
      ...sampleReport,
      cells: [
        { ...fama!, range: null, agreement: 'unquantified' as const },
        { ...wagner!, agreement: 'consistent' as const, consensus: { low: 50, high: 50, highOpen: false } },
      ],
    };
    const lines = renderReport(report).join('\n');
    expect(lines).toMatch(/range +unquantified/);
    expect(lines).toContain('consistent (consensus 50)');
  });
});
