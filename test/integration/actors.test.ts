import { fileURLToPath } from 'node:url';
import { apiDepsOf, createApp } from '@recon/api';
import { ReconClient, runCli, type CliIo } from '@recon/cli';
import { digestOf } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

const UKRAINE_FILE = fileURLToPath(new URL('../../examples/actors-ukraine.json', import.meta.url));

const uaClaim = {
  incident: { key: 'ua-2023-03-bakhmut', country: 'UA', location: 'Bakhmut', startDate: '2023-03-01' },
  claimant: { name: 'Ukrainian General Staff', kind: 'government' },
  statedAt: '2023-03-02',
  figures: [{ party: 'Russian forces', outcome: 'killed', count: { min: 100 } }],
};

/** Scoped actors through the service: a claim stored and reconciled, GET /actors and recon actors. */
describe('actors beyond one conflict', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  const partyOf = async (env: Record<string, string>) => {
    const h = await createHarness(env);
    open.push(h);
    await createClaimIngester(h.ctx)({ id: digestOf(uaClaim), claim: uaClaim, receivedAt: 't' });
    const snap = (await h.ctx.store.reconcileSnapshot((await h.ctx.store.findIncident('ua-2023-03-bakhmut'))!.id))!;
    return { h, figure: snap.claims[0]!.figures[0]! };
  };

  it('keeps "Russian forces" in Ukraine apart from the Mali registry’s Africa Corps, with no actors file', async () => {
    const { figure } = await partyOf({});
    expect(figure.party).toEqual({ id: 'russian-forces', name: 'Russian forces', kind: 'other' });
  });

  it('reads it as the Russian armed forces with examples/actors-ukraine.json, and lists the registry', async () => {
    const { h, figure } = await partyOf({ RECON_ACTORS_FILE: UKRAINE_FILE });
    expect(figure).toMatchObject({ party: { id: 'russian-armed-forces' }, perspective: 'adversary' });

    const app = createApp(apiDepsOf(h.ctx));
    const get = async (q: string) => (await (await app.request(`/actors${q}`)).json()) as { actors: { id: string; aliases: { alias: string; countries: string[] | null }[] }[] };
    const ua = await get('?q=russian%20forces&country=UA');
    expect(ua.actors.map((a) => a.id)).toEqual(['russian-armed-forces']);
    const ml = await get('?q=russian%20forces&country=ML');
    expect(ml.actors.map((a) => a.id)).toEqual(['africa-corps']);
    expect((await app.request('/actors?country=mali')).status).toBe(400);

    const out: string[] = [];
    const io: CliIo = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      readInput: () => Promise.reject(new Error('no input')),
      makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
    };
    expect(await runCli(['actors', '--q', 'Africa Corps'], io)).toBe(0);
    expect(out.join('')).toMatch(/africa-corps\s+Africa Corps\s+foreign_forces\s+mali-state/);
    expect(out.join('')).toContain('Russian forces [ML,BF,NE,LY,CF,SD 2021-12–…]');
  });
});
