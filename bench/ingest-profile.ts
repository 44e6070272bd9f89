/**
 * `node --import tsx bench/ingest-profile.ts [N]`: stores N generated claims straight into a fresh
 * SQLite file through the store (no queue, no HTTP), in groups of 256 as ingest does, and prints the
 * CPU time per claim. Run with --cpu-prof to see where the store spends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, ClaimStore, openEngine, type StoreClaimInput } from '@recon/db';
import { ActorRegistry, digestOf, Gazetteer, resolveClaim, validateClaim } from '@recon/domain';
import { generateClaims } from '../test/support/claim-generator.js';

const n = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'recon-ingest-profile-'));
// DATABASE_URL=postgres://… profiles the PostgreSQL engine (on an empty, migrated database of yours).
const engine = openEngine({ url: process.env.DATABASE_URL || undefined, path: join(dir, 'recon.db') });
await applyMigrations(engine);
const store = new ClaimStore(engine);
const registry = ActorRegistry.create();
const gazetteer = Gazetteer.create();
const inputs: StoreClaimInput[] = generateClaims({ claims: n, incidents: Math.max(1, Math.round(n / 25)), seed: 2026, keylessShare: Number(process.env.KEYLESS ?? 0.1) }).map((raw) => {
  const v = validateClaim(raw, registry.partyKey);
  if (!v.ok) throw new Error('invalid generated claim');
  const id = digestOf(v.claim);
  const place = v.claim.incident.location ? gazetteer.resolve(v.claim.incident.country, v.claim.incident.location) : null;
  return { id, body: JSON.stringify(raw), claim: v.claim, resolved: resolveClaim(id, v.claim, registry), place, receivedAt: 't', now: new Date().toISOString() };
});
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < inputs.length; i += 256) await store.storeClaims(inputs.slice(i, i + 256));
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(`${n} claims stored in ${Math.round(ms)} ms: ${Math.round((cpu.user + cpu.system) / n)} CPU-µs a claim; ${(await store.counts()).incidents} incidents`);
await store.close();
rmSync(dir, { recursive: true, force: true });
