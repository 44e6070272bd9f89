import { apiDepsOf, createApp } from '@recon/api';
import { ReconClient, runCli, type CliIo } from '@recon/cli';
import { digestOf } from '@recon/domain';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/** POST /claims and `recon submit`: batch defaults, dates in the future, teaching errors. */
describe('claims input over HTTP and the CLI', () => {
  let h: Harness;
  let app: OpenAPIHono;
  const post = async (body: unknown) => {
    const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { accepted: { index: number; id: string }[]; rejected: { index: number; errors: { path: string; message: string }[] }[]; error?: { errors: { path: string }[] } } };
  };
  const full = (i: number) => ({
    incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25' },
    claimant: { name: ['JNIM', 'CSP-PSD'][i]!, kind: ['armed_group', 'rebel_group'][i]! },
    statedAt: '2024-07-28',
    source: { publisher: 'AFP', url: 'https://example.org/tinza', excerpt: `excerpt ${i}` },
    figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 50 + i } }],
  });
  const defaults = { incident: full(0).incident, statedAt: '2024-07-28', source: { publisher: 'AFP', url: 'https://example.org/tinza' } };
  const short = (i: number) => ({ claimant: full(i).claimant, source: { excerpt: `excerpt ${i}` }, figures: full(i).figures });

  beforeAll(async () => {
    h = await createHarness();
    // A fixed clock: today is 2026-12-02 (UTC).
    app = createApp({ ...apiDepsOf(h.ctx), now: () => '2026-12-02T12:00:00.000Z' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('merges batch defaults into each claim: the ids are those of the claims written out in full', async () => {
    const r = await post({ defaults, claims: [short(0), short(1)] });
    expect(r.status).toBe(202);
    expect(r.body.accepted.map((a) => a.id)).toEqual([digestOf(full(0)), digestOf(full(1))]);
    const bad = await post({ defaults: { claimant: { name: 'x' } }, claims: [short(0)] });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.errors[0]!.path).toBe('defaults.claimant');
  });

  it('rejects dates after tomorrow and a count written as text, each naming its field', async () => {
    const r = await post({ claims: [{ ...full(0), statedAt: '2031-01-01' }, { ...full(0), statedAt: '9999-12-31T23:00:00-05:00' }, { ...full(0), figures: [{ party: 'Wagner', outcome: 'killed', count: 'about 50' }] }] });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toEqual([]);
    expect(r.body.rejected.map((x) => x.errors[0])).toEqual([
      { path: 'statedAt', message: 'must not be in the future (after 2026-12-03, today in UTC plus one day)' },
      { path: 'statedAt', message: 'must not be in the future (after 2026-12-03, today in UTC plus one day)' },
      { path: 'figures[0].count', message: 'count must be an object such as {"exact": 50}, {"approx": 50} or {"min": 50}' },
    ]);
  });

  it('answers warnings for an accepted claim, and recon submit prints them', async () => {
    const typo = { ...full(0), figures: [{ party: 'Wagnr mercenaries', outcome: 'killed', count: { exact: 50 } }] };
    const r = await post(typo);
    expect(r.status).toBe(202);
    const accepted = r.body.accepted as unknown as { warnings: { path: string; code: string; suggestions?: string[] }[] }[];
    expect(accepted[0]!.warnings).toEqual([expect.objectContaining({ path: 'figures[0].party', code: 'unknown_actor', suggestions: ['Wagner Group'] })]);
    const out: string[] = [];
    const io: CliIo = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      readInput: async () => JSON.stringify(typo),
      makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
    };
    expect(await runCli(['submit', '-'], io)).toBe(0);
    expect(out.join('')).toContain('#0: warning: figures[0].party the party "Wagnr mercenaries" is not in the actor registry');
  });

  it('recon submit applies the defaults of a file the same way', async () => {
    const out: string[] = [];
    const io: CliIo = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      readInput: async () => JSON.stringify({ defaults, claims: [short(0), short(1)] }),
      makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
    };
    expect(await runCli(['submit', 'claims.json', '--json'], io)).toBe(0);
    const answer = JSON.parse(out.join('')) as { accepted: { id: string; status: string }[] };
    expect(answer.accepted.map((a) => [a.id, a.status])).toEqual([
      [digestOf(full(0)), 'duplicate'],
      [digestOf(full(1)), 'duplicate'],
    ]);
  });
});
