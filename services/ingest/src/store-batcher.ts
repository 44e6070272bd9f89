import { allOrEach, GroupCommit, type ClaimStore, type GroupCommitOptions, type StoreClaimInput, type StoreResult } from '@recon/db';
import type { ReconQueues } from '@recon/queue';

/**
 * Stores the claims that concurrent jobs bring in one transaction (one write lock and fsync on SQLite)
 * and marks their incidents dirty once per group (one round trip to Redis); each claim counts as
 * ingested only after it is committed and its incident marked, as without grouping. If the group's
 * transaction fails, its claims are stored one by one, so one bad claim cannot fail the others.
 */
export function createStoreBatcher(
  store: Pick<ClaimStore, 'storeClaims' | 'storeClaim'>,
  queues: Pick<ReconQueues, 'markDirty'>,
  options: GroupCommitOptions = {},
): GroupCommit<StoreClaimInput, StoreResult> {
  return new GroupCommit<StoreClaimInput, StoreResult>(async (inputs) => {
    const outcomes = await allOrEach(inputs, (all) => store.storeClaims(all), (one) => store.storeClaim(one));
    // Also for duplicates: a crash after a commit and before this line must not leave a report stale.
    await queues.markDirty([...new Set(outcomes.flatMap((o) => (o.ok ? o.value.touched : [])))]);
    return outcomes;
  }, { maxSize: 1_000, ...options });
}
