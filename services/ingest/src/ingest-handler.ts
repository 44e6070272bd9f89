import type { ClaimStore, GroupCommitOptions, StoreResult } from '@recon/db';
import { digestOf, latestDayFor, resolveClaim, validateClaim, type ActorRegistry, type Claim, type Gazetteer } from '@recon/domain';
import { InvalidJobError, type PayloadOf, type QueuedClaim, type ReconQueues } from '@recon/queue';
import { createStoreBatcher } from './store-batcher.js';

export interface IngestDeps {
  store: ClaimStore;
  registry: ActorRegistry;
  gazetteer: Gazetteer;
  queues: Pick<ReconQueues, 'markDirty' | 'settleClaims'>;
  now?: () => string;
}

/**
 * Ingests one queued claim: validates it again, canonicalises its actors and place, stores it with
 * its incident (in one transaction shared with the claims ingested at the same moment), then marks
 * the incident dirty, so that its report is rebuilt once its claims pause. An invalid claim is
 * recorded as rejected and fails with InvalidJobError; anything else (Redis, a locked database)
 * throws as it is, to be retried.
 */
export function createClaimIngester(deps: Omit<IngestDeps, 'queues'> & { queues: Pick<ReconQueues, 'markDirty'> }, batching: GroupCommitOptions = {}) {
  const now = deps.now ?? (() => new Date().toISOString());
  const batcher = createStoreBatcher(deps.store, deps.queues, batching);
  return async (queued: QueuedClaim): Promise<StoreResult> => {
    const body = JSON.stringify(queued.claim) ?? 'null';
    // A claim the API validated is validated once: its digest, checked here, proves it is the claim
    // the API checked. Any other (a job from elsewhere, or from before the flag) is validated in full.
    let claim: Claim;
    if (queued.validated === true && isClaimShaped(queued.claim)) claim = queued.claim;
    else {
      const validation = validateClaim(queued.claim, deps.registry.partyKey, { latestDay: latestDayFor(Date.parse(now())) });
      if (!validation.ok) {
        await deps.store.recordRejection({ id: queued.id, body, errors: validation.errors, stage: 'worker', now: now() });
        throw new InvalidJobError(`claim ${queued.id} is invalid`, validation.errors);
      }
      claim = validation.claim;
    }
    const id = digestOf(claim);
    if (id !== queued.id) {
      const errors = [{ path: '(root)', message: `the claim's content digests to ${id}, not to the queued id` }];
      await deps.store.recordRejection({ id: queued.id, body, errors, stage: 'worker', now: now() });
      throw new InvalidJobError(`claim ${queued.id} does not match its id`, errors);
    }
    const place = claim.incident.location ? deps.gazetteer.resolve(claim.incident.country, claim.incident.location) : null;
    return batcher.submit({
      id,
      body,
      claim,
      resolved: resolveClaim(id, claim, deps.registry),
      place,
      receivedAt: queued.receivedAt,
      now: now(),
    });
  };
}

/** What one ingest job did with its claims. */
export interface IngestSummary {
  stored: number;
  duplicate: number;
  rejected: number;
}

/** One claim of a job that could not be stored this time: the job is retried. */
export class IngestFailedError extends Error {
  override name = 'IngestFailedError';
  constructor(
    message: string,
    /** The ids of the claims not stored. */
    readonly claimIds: string[],
  ) {
    super(message);
  }
}

/**
 * The `ingest-claims` job: ingests every claim of the job (their writes share transactions), then
 * clears the queue marks of the claims it settled. An invalid claim is recorded as rejected and does
 * not hold up the others. If any claim could not be stored, the job fails after the others are
 * stored and is retried as a whole: the stored ones are then found stored and cost nothing more.
 */
export function createIngestHandler(deps: IngestDeps, batching: GroupCommitOptions = {}) {
  const ingest = createClaimIngester(deps, batching);
  return async (payload: PayloadOf<'ingest-claims'>): Promise<IngestSummary> => {
    const outcomes = await Promise.allSettled(payload.claims.map(ingest));
    const summary: IngestSummary = { stored: 0, duplicate: 0, rejected: 0 };
    const settled: string[] = [];
    const failed: { id: string; error: unknown }[] = [];
    outcomes.forEach((o, i) => {
      const id = payload.claims[i]!.id;
      if (o.status === 'fulfilled') {
        settled.push(id);
        summary[o.value.status] += 1;
      } else if (o.reason instanceof InvalidJobError) {
        settled.push(id);
        summary.rejected += 1;
      } else {
        failed.push({ id, error: o.reason });
      }
    });
    await deps.queues.settleClaims(settled);
    if (failed.length > 0) {
      const first = failed[0]!.error;
      throw new IngestFailedError(
        `${failed.length} of ${payload.claims.length} claims could not be stored (first: ${first instanceof Error ? first.message : String(first)})`,
        failed.map((f) => f.id),
      );
    }
    return summary;
  };
}

/** An object with the parts of a claim ingest reads first (the digest then proves the rest). */
function isClaimShaped(value: unknown): value is Claim {
  const c = value as Partial<Claim> | null;
  return typeof c === 'object' && c !== null && typeof c.incident === 'object' && c.incident !== null && typeof c.claimant === 'object' && Array.isArray(c.figures);
}
