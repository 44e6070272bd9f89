import type { ClaimStore, StoreResult } from '@recon/db';
import { digestOf, resolveClaim, validateClaim, type ActorRegistry, type Gazetteer } from '@recon/domain';
import { InvalidJobError, type PayloadOf, type ReconQueues } from '@recon/queue';
import type { GroupCommitOptions } from '@recon/db';
import { createStoreBatcher } from './store-batcher.js';

export interface IngestDeps {
  store: ClaimStore;
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  queues: Pick<ReconQueues, 'requestReconcile'>;
  now?: () => string;
}

/**
 * Ingests one queued claim: validates it again, canonicalises its actors and place, stores it with
 * its incident (in one transaction shared with the claims of concurrent jobs), then asks for that
 * incident's report to be rebuilt. An invalid
 * claim is recorded as rejected and fails without retries; anything else (Redis, a locked
 * database) throws and is retried with backoff.
 */
export function createIngestHandler(deps: IngestDeps, batching: GroupCommitOptions = {}) {
  const now = deps.now ?? (() => new Date().toISOString());
  const batcher = createStoreBatcher(deps.store, deps.queues, batching);
  return async (payload: PayloadOf<'ingest-claim'>): Promise<StoreResult> => {
    const body = JSON.stringify(payload.claim) ?? 'null';
    const validation = validateClaim(payload.claim, deps.registry.partyKey);
    if (!validation.ok) {
      deps.store.recordRejection({ id: payload.id, body, errors: validation.errors, stage: 'worker', now: now() });
      throw new InvalidJobError(`claim ${payload.id} is invalid`, validation.errors);
    }
    const { claim } = validation;
    const id = digestOf(claim);
    if (id !== payload.id) {
      const errors = [{ path: '(root)', message: `the claim's content digests to ${id}, not to the queued id` }];
      deps.store.recordRejection({ id: payload.id, body, errors, stage: 'worker', now: now() });
      throw new InvalidJobError(`claim ${payload.id} does not match its id`, errors);
    }
    const place = claim.incident.location ? deps.gazetteer.resolve(claim.incident.country, claim.incident.location) : null;
    return batcher.submit({
      id,
      body,
      claim,
      resolved: resolveClaim(id, claim, deps.registry),
      place,
      receivedAt: payload.receivedAt,
      now: now(),
    });
  };
}
