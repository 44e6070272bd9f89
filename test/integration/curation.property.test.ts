import { placeOfGazetteer } from '@recon/db';
import { digestOf, Gazetteer, validateClaim } from '@recon/domain';
import { createClaimIngester } from '@recon/ingest';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { permutation, scenarioArb } from '../../packages/domain/test/incident-arbitrary.js';
import { createHarness, type Harness } from '../support/harness.js';
import { oracle, stored } from '../support/incident-oracle.js';

const place = placeOfGazetteer(Gazetteer.create());
const ACTIONS = ['merge', 'split', 'move', 'edit', 'review'] as const;
/** Edits of every shape: a title, a place, one date, both dates, fields given back to the claims. */
const EDITS = [
  { title: 'Set by hand' },
  { location: 'Gao', endDate: '2024-04-30' },
  { startDate: '2024-03-05' },
  { endDate: '2024-03-20' },
  { startDate: '2024-02-01', endDate: '2024-02-03' },
  { location: 'Tinzaouaten' },
  { location: null, endDate: null, startDate: null },
] as const;

/**
 * Curation survives new claims, and the claims plus the audit log give the incidents: claims arrive,
 * analysts act on what they see, more claims arrive; the store then equals the pure resolveIncidents
 * over every claim submitted with the effects in the audit log.
 */
describe('curation between claims (property, real SQLite)', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('the store equals resolveIncidents over the claims and the audit log, after any actions', async () => {
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        scenarioArb(24),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.array(fc.record({ at: fc.nat(), action: fc.constantFrom(...ACTIONS), a: fc.nat(), b: fc.nat() }), { maxLength: 4 }),
        async ({ claims }, seed, actions) => {
          const h = await createHarness();
          open.push(h);
          const ingest = createClaimIngester(h.ctx);
          const order = permutation(claims.length, seed);
          const at = (n: number) => n % (claims.length + 1);
          let t = 0;
          const act = async (a: (typeof actions)[number]) => {
            const live = (await stored(h.ctx.store)).incidents;
            if (live.length === 0) return;
            const splittable = live.filter((i) => i.claimIds.length >= 2);
            const x = a.action === 'split' && splittable.length > 0 ? splittable[a.a % splittable.length]! : live[a.a % live.length]!;
            const y = live[a.b % live.length]!;
            const ctx = { actor: 'tester', now: `2026-01-01T00:00:${String(t++ % 60).padStart(2, '0')}.000Z`, note: 'property' };
            try {
              if (a.action === 'merge') await h.ctx.store.merge(x.id, y.id, ctx);
              else if (a.action === 'split') await h.ctx.store.split(x.id, x.claimIds.slice(0, 1 + (a.b % Math.max(1, x.claimIds.length - 1))), {}, ctx);
              else if (a.action === 'move') await h.ctx.store.move(x.claimIds[a.b % x.claimIds.length]!, y.id, ctx);
              else if (a.action === 'edit') await h.ctx.store.editIncident(x.id, EDITS[a.b % EDITS.length]!, place, ctx);
              else await h.ctx.store.review(x.id, 'confirmed', ctx);
            } catch (err) {
              // Refused actions (merge into itself, a split of every claim) write nothing.
              if (!(err instanceof Error && err.name === 'CurationError')) throw err;
            }
          };
          for (let i = 0; i <= order.length; i++) {
            for (const a of actions.filter((x) => at(x.at) === i)) await act(a);
            if (i === order.length) break;
            const c = claims[order[i]!]!;
            const v = validateClaim(c);
            if (!v.ok) throw new Error('invalid generated claim');
            await ingest({ id: digestOf(v.claim), claim: c, receivedAt: '2026-01-01T00:00:00.000Z' });
          }
          const got = await stored(h.ctx.store);
          for (const e of await h.ctx.store.auditLog()) seen[e.action] = (seen[e.action] ?? 0) + 1;
          const want = await oracle(claims, new Set(), h.ctx.registry, h.ctx.store);
          expect(got.incidents).toEqual(want.incidents);
          for (const inc of got.incidents) expect(JSON.stringify(got.reports.get(inc.id))).toBe(JSON.stringify(want.reports.get(inc.id)));
          await h.close();
          open.pop();
        },
      ),
      { numRuns: 60 },
    );
    // The runs did act: every kind of action was carried out at least once.
    for (const a of ACTIONS) expect(seen[a] ?? 0, a).toBeGreaterThan(0);
  }, 300_000);
});
