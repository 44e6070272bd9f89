import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, launchBrowser, watchPage } from '../support/browser.js';
import { waitForDrain } from '../support/harness.js';
import { useRunningService } from '../support/running-service.js';

/**
 * An analyst pastes an article on /claims/new in a real browser: the page comes back with the
 * article, the figure's words marked, and the drafts filled into the claim form; submitting them
 * goes through POST /claims like any claim. Only what holds for any correct extractor is asserted.
 */

const SENTENCE = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';

describe.skipIf(!browserAvailable)('drafting claims from an article in the browser', () => {
  const running = useRunningService();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks the figure’s words in the pasted article, fills the form with the drafts, and submits them', async () => {
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(`${running.base}/claims/new`);

    await page.getByLabel(/The article's text/).fill(`Attack on Boulkessi\n\n${SENTENCE}\n`);
    await page.locator('#extract-country').fill('ML');
    await page.locator('#extract-key').fill('ml-2024-05-boulkessi');
    await page.locator('#extract-language').selectOption('en');
    await page.getByRole('button', { name: 'Draft claims from the article' }).click();

    // The article, the figure's words marked; each mark's draft links to it.
    await expect(page.locator('#outcome').textContent()).resolves.toMatch(/\d+ drafts? from the article/);
    const marked = page.locator('.article mark.figure', { hasText: '12 soldiers' });
    await expect(marked.count()).resolves.toBeGreaterThan(0);
    const markId = await marked.first().getAttribute('id');
    expect(markId).toMatch(/^d\d+-f\d+$/);
    await expect(page.locator(`a[href="#${markId}"]`).count()).resolves.toBe(1);
    // The drafts are the form's claims, filled in; the incident is the one typed.
    await expect(page.locator('#incident-key').inputValue()).resolves.toBe('ml-2024-05-boulkessi');
    const numbers = await page.locator('[name$=".n"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(numbers).toContain('12');
    await expectAccessible(page, 'drafts from an article');

    // Submitting sends every draft through POST /claims: accepted.
    const drafts = await page.locator('fieldset.claim-block').count();
    await page.locator('#submit-claims').click();
    await expect(page.locator('#outcome').textContent()).resolves.toContain(`${drafts} claim${drafts === 1 ? '' : 's'} queued`);
    await expect(page.locator('#outcome').textContent()).resolves.not.toContain('not accepted');
    await waitForDrain(running.h.ctx);
    expect((await running.h.ctx.store.counts()).claims).toBe(drafts);
    await expectAccessible(page, 'drafts submitted');
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
