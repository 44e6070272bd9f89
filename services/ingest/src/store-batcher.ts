import { allOrEach, GroupCommit, type ClaimStore, type GroupCommitOptions, type StoreClaimInput, type StoreResult } from '@recon/db';
import type { ReconQueues } from '@recon/queue';

/**
 * Stores the claims that concurrent jobs bring in one SQLite transaction (one write lock, one fsync)
 * and asks once per group for their incidents' reports to be rebuilt; each job completes only after
 * its claim is committed and its reconcile requested, as without grouping. If the group's
 * transaction fails, its claims are stored one by one, so one bad claim cannot fail the others.
 */
export function createStoreBatcher(
  store: Pick<ClaimStore, 'storeClaims' | 'storeClaim'>,
  queues: Pick<ReconQueues, 'requestReconcile'>,
  options: GroupCommitOptions = {},
): GroupCommit<StoreClaimInput, StoreResult> {
  return new GroupCommit<StoreClaimInput, StoreResult>(async (inputs) => {
    const outcomes = allOrEach(inputs, (all) => store.storeClaims(all), (one) => store.storeClaim(one));
    // Also for duplicates: a crash after a commit and before this line must not leave a report stale.
    await queues.requestReconcile(outcomes.flatMap((o) => (o.ok ? [o.value.incidentId] : [])));
    return outcomes;
  }, options);
}
