import { apiDepsOf, createApp } from '@recon/api';
import { ReconClient, runCli, type CliIo } from '@recon/cli';
import { digestOf } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';

/** The curation commands of `recon`, against the real app (app.request as the client's fetch). */
describe('recon curation commands', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[];

  const run = async (argv: string[], token = 'tok-carol'): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env: { RECON_TOKEN: token },
      readInput: () => Promise.reject(new Error('no input')),
      makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
    };
    const code = await runCli(argv, io);
    return { code, out: out.join(''), err: err.join('') };
  };

  const a = claim({ key: 'kidal-1', location: 'Kidal', startDate: '2024-05-01', claimant: 'CSP-PSD', claimantKind: 'rebel_group' });
  const b = claim({ key: 'kidal-2', location: 'Kidal', startDate: '2024-05-04', claimant: 'Malian army', claimantKind: 'state_forces' });
  const c = claim({ location: 'Kidal', startDate: '2024-05-02', endDate: '2024-05-03', claimant: 'AFP', claimantKind: 'media' });
  const b2 = claim({ key: 'kidal-2', location: 'Kidal', startDate: '2024-05-04', claimant: 'JNIM', claimantKind: 'armed_group' });

  beforeAll(async () => {
    h = await createHarness();
    app = createApp({ ...apiDepsOf(h.ctx), auth: { writeTokens: ['carol:tok-carol'], readToken: undefined } });
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { concurrency: 2, sweepMs: 500 })];
    const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer tok-carol' }, body: JSON.stringify({ claims: [a, b, c, b2] }) });
    expect(res.status).toBe(202);
    await waitForDrain(h.ctx);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h.close();
  });

  it('lists incidents that need review, and settles one', async () => {
    const list = await run(['incidents', '--needs-review']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('(needs review)');
    const reviewId = (await h.ctx.store.claimStatus(digestOf(c)))!.incidentId!;
    const r = await run(['review', reviewId, '--note', 'a third clash']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain(`review ${reviewId} (confirmed): done`);
    expect(r.out).toContain('carol  review');
    expect((await run(['review', reviewId])).out).toContain('done already');
    expect((await run(['incidents', '--needs-review'])).out).toContain('No incidents match.');
  });

  it('merges, splits, moves, edits and shows the history', async () => {
    expect((await run(['merge', 'kidal-2', '--into', 'kidal-1', '--note', 'same fight'])).code).toBe(0);
    const kidal1 = (await h.ctx.store.findIncident('kidal-1'))!.id;
    expect((await h.ctx.store.findIncident('kidal-2'))!.id).toBe(kidal1);

    const split = await run(['split', 'kidal-1', digestOf(b2), '--key', 'kidal-jnim', '--title', 'JNIM account', '--note', 'JNIM speaks of another day']);
    expect(split.code).toBe(0);
    expect(split.out).toContain('(kidal-jnim)');
    const moved = await run(['move', digestOf(b), '--to', 'kidal-jnim', '--note', 'the army means that day too']);
    expect(moved.code).toBe(0);
    expect((await h.ctx.store.claimStatus(digestOf(b)))!.incidentId).toBe((await h.ctx.store.findIncident('kidal-jnim'))!.id);

    const edit = await run(['edit', 'kidal-1', '--title', 'Kidal, May 2024', '--end', '2024-05-02', '--note', 'per MINUSMA']);
    expect(edit.code).toBe(0);
    expect(await h.ctx.store.findIncident('kidal-1')).toMatchObject({ title: 'Kidal, May 2024', endDate: '2024-05-02' });
    const bad = await run(['edit', 'kidal-1', '--end', '2024-04-01']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('endDate');
    expect((await run(['edit', 'kidal-1', '--lat', 'north'])).code).toBe(2);

    const history = await run(['history', 'kidal-1']);
    expect(history.code).toBe(0);
    expect(history.out.trim().split('\n').map((l) => l.split('  ')[2])).toEqual(['merge (2 claims)', 'split (1 claim)', 'move (1 claim)', 'edit']);

    await waitForDrain(h.ctx);
    const report = await run(['report', 'kidal-2']);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(/merged from\s+inc-/);
    expect(report.out).toMatch(/set by hand\s+endDate, title/);
  });

  it('retracts with a note, and says who may write', async () => {
    const r = await run(['retract', digestOf(a), '--note', 'CSP withdrew it']);
    expect(r.code).toBe(0);
    expect(await h.ctx.store.claimStatus(digestOf(a))).toMatchObject({ status: 'retracted', retractedBy: 'carol' });
    const refused = await run(['merge', 'kidal-1', '--into', 'kidal-jnim'], 'wrong-token');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('RECON_TOKEN');
    expect((await run(['merge', 'kidal-1'])).code).toBe(2);
  });
});
