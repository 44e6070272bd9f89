import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, ClaimStore, openDatabase } from '@recon/db';
import { ActorRegistry, digestOf, Gazetteer, reconcile } from '@recon/domain';
import { createIngestHandler } from '@recon/ingest';
import { generateClaims } from '../test/support/claim-generator.js';
const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'rp-')), 'x.db'));
applyMigrations(db);
const store = new ClaimStore(db);
const ingest = createIngestHandler({ store, registry: ActorRegistry.create(), gazetteer: Gazetteer.create(), queues: { requestReconcile: async () => undefined } });
const claims = generateClaims({ claims: 10000, incidents: 1, seed: 10000, keylessShare: 0 });
let id = '';
await Promise.all(claims.map(async (c) => { id = (await ingest({ id: digestOf(c), claim: c, receivedAt: 'x' })).incidentId; }));
const snap = store.reconcileSnapshot(id)!;
const times: number[] = [];
for (let i = 0; i < 40; i++) { const s = performance.now(); reconcile(snap.identity, snap.claims); times.push(performance.now() - s); }
times.sort((a, b) => a - b);
console.log('reconcile p50', times[20]!.toFixed(1), 'min', times[0]!.toFixed(1));
