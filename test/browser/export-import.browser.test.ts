import { readFileSync } from 'node:fs';
import type { Report } from '@recon/domain';
import { startAll, type RunningService } from '@recon/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, watchPage } from '../support/browser.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { postJson } from '../support/http.js';

/** Download the claims CSV from one service's list page, paste it into another's form: the same reports. */

const corpus = JSON.parse(readFileSync(new URL('../../samples/corpus-claims.json', import.meta.url), 'utf8')) as unknown[];

describe.skipIf(!browserAvailable)('export and import in the browser', () => {
  const services: { h: Harness; s: RunningService; base: string }[] = [];
  let browser: Browser;

  beforeAll(async () => {
    for (let n = 0; n < 2; n++) {
      const h = await createHarness();
      const s = await startAll(h.ctx, { port: 0 });
      services.push({ h, s, base: `http://127.0.0.1:${s.http.port}` });
    }
    const res = await postJson(services[0]!.base, '/claims', { claims: corpus });
    expect(res.status).toBe(202);
    await waitForDrain(services[0]!.h.ctx);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const { h, s } of services) {
      await s.close();
      await h.close();
    }
  });

  const reports = async (base: string): Promise<Map<string, unknown>> => {
    const { incidents } = (await (await fetch(`${base}/incidents?limit=1000`)).json()) as { incidents: { id: string }[] };
    const out = new Map<string, unknown>();
    for (const { id } of incidents) {
      const r = (await (await fetch(`${base}/incidents/${id}/report`)).json()) as Report;
      out.set(id, { incident: r.incident, claimCount: r.claimCount, cells: r.cells, totals: r.totals });
    }
    return out;
  };

  it('downloads the CSV from the list and pastes it into a fresh service, whose reports are the same', async () => {
    const [a, b] = services as [(typeof services)[0], (typeof services)[0]];
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${a.base}/incidents`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download claims (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^recon-claims-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^incident_id,incident_key,/);

    await page.goto(`${b.base}/claims/new`);
    await page.locator('#paste').fill(csv);
    await page.getByRole('button', { name: 'Submit pasted claims' }).click();
    await expect(page.locator('#outcome').textContent()).resolves.toContain(`${corpus.length} claims accepted, 0 rejected.`);
    await waitForDrain(b.h.ctx);
    const [ra, rb] = [await reports(a.base), await reports(b.base)];
    expect(rb.size).toBe(ra.size);
    for (const [id, content] of ra) expect(rb.get(id), id).toEqual(content);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
