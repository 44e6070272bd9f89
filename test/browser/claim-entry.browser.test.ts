import type { Report } from '@recon/domain';
import { startAll, type RunningService } from '@recon/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementText, cellRangeText, words } from '../../services/api/src/web/format.js';
import { browserAvailable, expectAccessible, launchBrowser, watchPage } from '../support/browser.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { oracle } from '../support/incident-oracle.js';

/**
 * An analyst enters the Tinzaouaten article (corpus article 004) through the form in a real
 * browser: typing, picking suggestions, one deliberate mistake fixed after the server's message;
 * then reads the report, checked against the pure reconciler over the claims the form should have
 * made. And the same form, by keyboard alone.
 */

const SOURCE = { title: 'A branch of Al Qaeda claims to have killed 10 Mali soldiers and 50 Russian mercenaries in Mali', publishedAt: '2024-07-29' };
const INCIDENT = { key: 'ml-2024-07-tinzaouaten', title: 'Fighting near Tinzaouaten', country: 'ML', location: 'Tinzaouaten', admin1: 'Kidal', startDate: '2024-07-22', endDate: '2024-07-27' };

/** The claims the analyst means to enter: what the form must send, and the oracle's input. */
const EXPECTED = [
  { claimant: { name: 'JNIM', kind: 'armed_group' }, via: [{ name: 'SITE Intelligence Group', kind: 'monitor' }], statedAt: '2024-07-28', figures: [{ party: 'Malian soldiers', outcome: 'killed', count: { exact: 10 } }, { party: 'Wagner mercenaries', outcome: 'killed', count: { exact: 50 } }] },
  { claimant: { name: 'CSP-PSD', kind: 'rebel_group' }, statedAt: '2024-07-27', figures: [{ party: 'Wagner mercenaries', outcome: 'killed_or_wounded', count: { term: 'many' } }, { party: 'Malian soldiers', outcome: 'killed_or_wounded', count: { term: 'many' } }] },
  { claimant: { name: 'Wagner Group', kind: 'pmc' }, statedAt: '2024-07-29', figures: [{ party: 'Wagner', outcome: 'killed', count: { min: 1 } }, { party: 'Wagner', outcome: 'killed_or_wounded', count: { term: 'many' } }] },
  { claimant: { name: 'Malian army', kind: 'state_forces' }, statedAt: '2024-07-29', figures: [{ party: 'unspecified', outcome: 'killed_or_wounded', count: { term: 'many' } }] },
  { claimant: { name: 'Russian military bloggers', kind: 'media' }, statedAt: '2024-07-29', figures: [{ party: 'Wagner', outcome: 'killed', count: { min: 20 } }] },
].map((c) => ({ incident: INCIDENT, source: SOURCE, ...c }));

/** Types into a name field, waits for the suggestion, and picks it with the mouse. */
async function pickSuggestion(page: Page, field: string, typed: string, option: string): Promise<void> {
  await page.locator(field).fill('');
  await page.locator(field).pressSequentially(typed, { delay: 20 });
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => page.locator(field).inputValue()).toBe(option.replace(/ \([^)]*\)$/, ''));
}

/** Sets a figure's party, outcome and count through the count picker. */
async function figure(page: Page, p: string, party: string, outcome: string, form: string, value: string): Promise<void> {
  await page.locator(`#${p}-party`).fill(party);
  await page.locator(`#${p}-outcome`).selectOption(outcome);
  await page.locator(`#${p}-form`).selectOption(form);
  if (form === 'term') await page.locator(`#${p}-term`).selectOption(value);
  else await page.locator(`#${p}-n`).fill(value);
}

describe.skipIf(!browserAvailable)('entering an article in the browser', () => {
  let h: Harness;
  let service: RunningService;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    h = await createHarness();
    service = await startAll(h.ctx, { port: 0 });
    base = `http://127.0.0.1:${service.http.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await h?.close();
  });

  it('takes the Tinzaouaten article through the form, a mistake fixed after the server says why, and shows the report', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/claims/new`);
    await expectAccessible(page, 'empty form');

    await page.locator('#source-title').fill(SOURCE.title);
    await page.locator('#source-publishedAt').fill(SOURCE.publishedAt);
    for (const [k, v] of Object.entries(INCIDENT)) await page.locator(`#incident-${k}`).fill(v);

    // Claim 1: JNIM through SITE, two figures. The date is mistyped (July has no 32nd).
    await pickSuggestion(page, '#c0-claimant-name', 'JNI', 'JNIM (armed group)');
    await expect.poll(() => page.locator('#c0-claimant-kind').inputValue()).toBe('armed_group');
    await pickSuggestion(page, '#c0-via0-name', 'SITE', 'SITE Intelligence Group (monitor)');
    await page.locator('#c0-statedAt').fill('2024-07-32');
    await figure(page, 'c0-f0', 'Malian soldiers', 'killed', 'exact', '10');
    await expect(page.locator('[data-count="c0.f0"] [data-interval]').textContent()).resolves.toBe('read as exactly 10');
    await page.getByRole('button', { name: 'Add a figure to claim 1' }).click();
    await figure(page, 'c0-f1', 'Wagner mercenaries', 'killed', 'exact', '50');

    const claims = EXPECTED.slice(1);
    for (const [n, c] of claims.entries()) {
      const i = n + 1;
      await page.getByRole('button', { name: 'Add another claim' }).click();
      await page.locator(`#c${i}-claimant-name`).fill(c.claimant.name);
      if (c.claimant.name === 'Russian military bloggers') await page.locator(`#c${i}-claimant-kind`).selectOption('media');
      await page.locator(`#c${i}-statedAt`).fill(c.statedAt);
      for (const [j, f] of c.figures.entries()) {
        if (j > 0) await page.getByRole('button', { name: `Add a figure to claim ${i + 1}` }).click();
        const count = f.count as Record<string, number | string>;
        const [form, value] = 'term' in count ? ['term', String(count.term)] : 'min' in count ? ['min', String(count.min)] : ['exact', String(count.exact)];
        await figure(page, `c${i}-f${j}`, f.party, f.outcome, form, value);
      }
    }
    await page.getByRole('button', { name: 'Submit claims' }).click();

    // The server's message is beside the date; everything typed is still there.
    await expect(page.locator('#msg-c0-statedAt .error').textContent()).resolves.toMatch(/^statedAt: /);
    await expect(page.locator('#c0-statedAt').getAttribute('aria-invalid')).resolves.toBe('true');
    // The first field the server named has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('c0-statedAt');
    await expect(page.locator('#c4-claimant-name').inputValue()).resolves.toBe('Russian military bloggers');
    await expectAccessible(page, 'form with an error');
    // The other four claims were queued already; sending them again is safe.
    expect(await page.locator('#outcome').textContent()).toContain('Claims 2, 3, 4, 5 were accepted');

    await page.locator('#c0-statedAt').fill('2024-07-28');
    await page.getByRole('button', { name: 'Submit claims' }).click();
    await expect(page.locator('#outcome').textContent()).resolves.toContain('1 claim queued, 4 already known (duplicate)');

    // Exactly the intended claims are stored: the oracle's ids are the form's.
    await waitForDrain(h.ctx);
    const truth = await oracle(EXPECTED, new Set(), h.ctx.registry, h.ctx.store);
    expect(truth.reports.size).toBe(1);
    const [incidentId, content] = [...truth.reports][0]!;
    expect((await h.ctx.store.counts()).claims).toBe(EXPECTED.length);

    // The report page updates once reconciled; its summary says what the oracle says.
    await page.getByRole('link', { name: /The incident’s report/ }).click();
    await expect.poll(async () => {
      await page.reload();
      return page.locator('svg.chart').count();
    }, { timeout: 20_000 }).toBe(content.cells.length);
    const report = (await (await fetch(`${base}/incidents/${incidentId}/report`)).json()) as Report;
    expect({ cells: report.cells, totals: report.totals }).toEqual({ cells: content.cells, totals: content.totals });
    const rows = await page.locator('.summary tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(rows).toEqual(content.cells.map((c) => [c.party.name, words(c.outcome), cellRangeText(c), agreementText(c), String(new Set(c.claims.map((x) => x.claimant.id)).size)]));
    // Wagner killed: 1–50, and two of its claims say "at least", which the page says.
    expect(rows.find((r) => r[0] === 'Wagner Group' && r[1] === 'killed')?.[2]).toBe('1–50 (2 claims say “at least”: no upper bound)');
    // The Wagner killed cell: three claims, "at least" claims drawn as arrows, labelled for screen readers.
    const wagner = page.locator('section', { has: page.getByRole('heading', { name: 'Wagner Group, killed', exact: true }) });
    const marks = await wagner.locator('svg.chart [role="listitem"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')));
    expect(marks).toHaveLength(3);
    expect(marks.some((m) => m?.includes('JNIM') && m.includes('read as exactly 50'))).toBe(true);
    expect(marks.some((m) => m?.includes('Russian military bloggers') && m.includes('read as 20 or more'))).toBe(true);
    expect(await wagner.locator('svg.chart polygon').count()).toBe(2);
    await expectAccessible(page, 'incident page');
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('can be filled in and sent with the keyboard alone', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/claims/new`);
    /** Presses Tab until the focused control is the one named, and says how it is named. */
    const tabTo = async (name: string): Promise<void> => {
      for (let n = 0; n < 80; n++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          if (!el) return '';
          return (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
        });
        if (focused === name) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    // The skip link comes first and leads to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo('Published on (YYYY-MM-DD)');
    await page.keyboard.type('2024-07-29');
    await tabTo('Key (your id for it)');
    await page.keyboard.type('ml-keyboard-only');
    await tabTo('Country (ISO code) (required)');
    await page.keyboard.type('ML');
    await tabTo('Place');
    await page.keyboard.type('Tinzaouaten');
    await tabTo('First day (YYYY-MM-DD) (required)');
    await page.keyboard.type('2024-07-25');
    await tabTo('Claimant (who said it) (required)');
    await page.keyboard.type('Wagn', { delay: 20 });
    await page.getByRole('option', { name: 'Wagner Group (pmc)' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('#c0-claimant-name').inputValue()).toBe('Wagner Group');
    await tabTo('Figure 1: whose casualties (party) (required)');
    await page.keyboard.type('Wagner');
    await page.keyboard.press('Escape');
    await tabTo('Number');
    await page.keyboard.type('3');
    // Enter in a field sends the claims (not the incident search, the form's first button).
    await page.keyboard.press('Enter');
    await expect(page.locator('#outcome').textContent()).resolves.toContain('1 claim queued');
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
