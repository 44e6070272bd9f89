import type { IncidentListItem } from '@recon/domain';
import { startAll, type RunningService } from '@recon/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, watchPage } from '../support/browser.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { postJson } from '../support/http.js';
import { oracle, stored } from '../support/incident-oracle.js';

/** Every page in a real browser: hostile claim text stays text, axe finds nothing serious; review and merge. */

const PAYLOAD = `<script>alert(1)</script> "><img src=x onerror=alert(2)> ' onmouseover='alert(3) javascript:alert(4) <svg onload=alert(5)>`;
const hostile = (field: string): string => `${field} ${PAYLOAD}`;

function claim(startDate: string, n: number, statedAt: string, incident: Record<string, unknown>, claimant = hostile('claimant')) {
  return {
    incident: { title: hostile('title'), country: 'ML', location: 'Gao', admin1: hostile('admin1'), startDate, endDate: startDate, ...incident },
    claimant: { name: claimant, kind: 'armed_group' },
    via: [{ name: hostile('via'), kind: 'media' }],
    statedAt,
    source: { url: 'https://example.org/?q="><script>alert(6)</script>', publisher: hostile('publisher'), title: hostile('source'), excerpt: hostile('excerpt') },
    figures: [{ party: hostile('party'), partyKind: 'pmc', outcome: 'killed', count: { exact: n }, wording: hostile('wording') }],
  };
}

describe.skipIf(!browserAvailable)('the workbench in a browser', () => {
  let h: Harness;
  let service: RunningService;
  let base: string;
  let browser: Browser;
  const submitted: unknown[] = [];

  const submit = async (claims: unknown[]) => {
    const res = await postJson(base, '/claims', { claims });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { rejected: unknown[] };
    submitted.push(...claims.filter((_, i) => !(body.rejected as { index: number }[]).some((r) => r.index === i)));
    await waitForDrain(h.ctx);
  };

  beforeAll(async () => {
    h = await createHarness();
    service = await startAll(h.ctx, { port: 0 });
    base = `http://127.0.0.1:${service.http.port}`;
    browser = await launchBrowser();
    // A keyed incident revised by its claimant, two keyed incidents four days apart at Gao, and a
    // keyless claim between them that fits both (so it needs review), all in hostile words; and an
    // invalid claim, so that the problem list has one.
    await submit([claim('2024-07-25', 50, '2024-07-28', { key: hostile('key'), location: hostile('place') }), claim('2024-03-01', 1, '2024-03-02', { key: 'gao-1' }), claim('2024-03-05', 2, '2024-03-06', { key: 'gao-2' })]);
    await submit([claim('2024-07-25', 70, '2024-08-02', { key: hostile('key'), location: hostile('place') }), claim('2024-03-03', 3, '2024-03-04', {}, 'MINUSMA')]);
    await postJson(base, '/claims', { ...claim('2024-07-25', 1, hostile('date'), {}) });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await h?.close();
  });

  const incidents = async () => ((await (await fetch(`${base}/incidents`)).json()) as { incidents: IncidentListItem[] }).incidents;

  it('shows hostile claim text as text on every page, runs no script of it, and passes axe', async () => {
    const list = await incidents();
    const keyed = list.find((i) => i.key === hostile('key'))!;
    const review = list.find((i) => i.needsReview)!;
    expect(review).toBeDefined();
    const id = encodeURIComponent(keyed.id);
    const keyedClaimId = (await h.ctx.store.incidentClaims(keyed.id))[0]!.id;
    const paths = [
      '/',
      '/incidents?disputed=false&sort=killed',
      `/incidents/${id}`,
      `/incidents/${id}?version=1`,
      `/incidents/${id}/versions`,
      `/incidents/${id}/diff?from=1&to=2`,
      `/incidents/${id}/history`,
      `/incidents/${encodeURIComponent(review.id)}`,
      '/review',
      '/claims?status=rejected',
      '/claims?status=failed',
      `/claims/${encodeURIComponent(keyedClaimId)}`,
      '/claims/new',
      '/export',
      '/signin',
    ];
    const page = await browser.newPage();
    const watch = watchPage(page);
    for (const path of paths) {
      const res = await page.goto(`${base}${path}`);
      expect(res?.status(), path).toBe(200);
      // Only the service's own script, no element made from the data, and the words shown as written.
      const found = await page.evaluate(() => ({
        scripts: [...document.scripts].map((s) => new URL(s.src).pathname),
        imgs: document.images.length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        text: document.body.innerText,
      }));
      expect(found.scripts, path).toHaveLength(1);
      expect(found.scripts[0], path).toMatch(/^\/assets\/app\.[0-9a-f]{12}\.js$/);
      expect(found.imgs, path).toBe(0);
      expect(found.handlers, path).toEqual([]);
      if (!['/claims/new', '/export', '/signin', '/claims?status=failed', '/claims?status=rejected'].includes(path) && !path.startsWith('/claims/')) expect(found.text, path).toContain('<script>alert(1)</script>');
      await expectAccessible(page, path);
    }
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it('reviews an incident and merges it into a candidate, with a note, and the reports follow', async () => {
    const before = await incidents();
    const review = before.find((i) => i.needsReview)!;
    const target = before.find((i) => i.key === 'gao-1')!;
    expect(review.candidates).toContain(target.id);
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${base}/review`);
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2 }) }).first();
    // The incident and its candidates side by side.
    await expect(section.locator('.card h3').allTextContents()).resolves.toHaveLength(3);
    const merge = section.locator('form', { has: page.getByRole('button', { name: /^Merge into “gao-1”$|^Merge into “title/ }) }).filter({ has: page.locator(`input[name="into"][value="${target.id}"]`) });
    await merge.getByLabel('Note (why)').fill('same clash at Gao, reported twice');
    await merge.getByRole('button').click();
    await expect(page.locator('#outcome').textContent()).resolves.toContain('Merged');
    await expect(page.locator('main').textContent()).resolves.toContain('Nothing needs review.');
    await waitForDrain(h.ctx);

    // The merged id answers with the target; the history names the note; the store matches the oracle.
    await page.goto(`${base}/incidents/${encodeURIComponent(review.id)}/history`);
    await expect(page.locator('main').textContent()).resolves.toContain('same clash at Gao, reported twice');
    const truth = await oracle(submitted, new Set(), h.ctx.registry, h.ctx.store);
    const held = await stored(h.ctx.store);
    expect(held.incidents).toEqual(truth.incidents);
    for (const [incidentId, content] of truth.reports) expect(held.reports.get(incidentId), incidentId).toEqual(content);
    expect(truth.incidents.find((i) => i.id === target.id)?.claimIds).toHaveLength(2);
    await expectAccessible(page, 'history after merge');
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
