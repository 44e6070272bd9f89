/**
 * `npm run screenshots`: the README's pictures of the workbench, made anew. Starts the whole service
 * on a scratch database and a private Redis, submits the corpus claims, and photographs the main
 * pages in Debian's Chromium (docs/screenshots/*.png, committed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createContext, parseEnv, startPrivateRedis } from '@recon/runtime';
import { startAll } from '@recon/server';

const OUT = new URL('../docs/screenshots/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('../samples/corpus-claims.json', import.meta.url), 'utf8')) as unknown;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'recon-shots-'));
  const redis = await startPrivateRedis(join(dir, 'redis'), { appendOnly: false });
  const ctx = await createContext(parseEnv({ DATABASE_PATH: join(dir, 'recon.db'), REDIS_URL: redis.url, LOG_LEVEL: 'error', RECONCILE_DELAY_MS: '20' }), { migrate: true });
  const service = await startAll(ctx, { port: 0 });
  const base = `http://127.0.0.1:${service.http.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const post = async (body: unknown): Promise<void> => {
      const res = await fetch(`${base}/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 202) throw new Error(`submitting claims answered ${res.status}`);
    };
    await post(corpus);
    // For the review page only: two made-up incidents near Gao four days apart, and a claim without a
    // key between them, which fits both (marked as an illustration in their titles).
    const example = (key: string | undefined, day: string, claimant: string, kind: string, n: number) => ({
      incident: { ...(key ? { key, title: `Illustration: clash near Gao on ${day}` } : {}), country: 'ML', location: 'Gao', startDate: day },
      claimant: { name: claimant, kind },
      statedAt: day,
      figures: [{ party: 'civilians', outcome: 'killed', count: { exact: n } }],
    });
    await post([example('example-gao-1', '2024-03-01', 'MINUSMA', 'un', 4), example('example-gao-2', '2024-03-05', 'AFP', 'media', 2)]);
    for (let tries = 0; (await ctx.store.listIncidents({ q: 'example-gao' })).length < 2; tries++) {
      if (tries > 300) throw new Error('the example incidents did not appear in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    await post([example(undefined, '2024-03-03', 'Malian army', 'state_forces', 3)]);
    // Wait until every incident has a report.
    for (let tries = 0; ; tries++) {
      const { incidents } = (await (await fetch(`${base}/incidents`)).json()) as { incidents: { reportVersion: number }[] };
      if (incidents.length > 0 && incidents.every((i) => i.reportVersion > 0) && (await ctx.store.counts()).dirty === 0) break;
      if (tries > 300) throw new Error('the reports did not appear in 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const shots: [string, string, boolean][] = [
      ['incidents', '/incidents', false],
      ['incident', '/incidents/ml-2024-07-tinzaouaten', true],
      ['claim-form', '/claims/new', false],
      ['review', '/review', false],
    ];
    for (const [name, path, full] of shots) {
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage: full, clip: full ? { x: 0, y: 0, width: 1280, height: 1800 } : undefined });
      console.log(`docs/screenshots/${name}.png  ${path}`);
    }
  } finally {
    await browser.close();
    await service.close();
    await ctx.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
