import { allOrEach, GroupCommit, type ClaimStore, type GroupCommitOptions, type ReportWrite } from '@recon/db';
import { reconcile, type ReportContent } from '@recon/domain';
import { InvalidJobError, type PayloadOf } from '@recon/queue';

export interface ReconcileDeps {
  store: Pick<ClaimStore, 'reconcileSnapshot' | 'writeReport' | 'writeReports' | 'incidentProgress'>;
  now?: () => string;
}

interface PendingReport {
  incidentId: string;
  content: ReportContent;
  seq: number;
}

/** What a reconcile job did: wrote a version, found the content unchanged, or had nothing to do. */
export type ReconcileOutcome = ReportWrite | { version: number; written: false; upToDate: true };

/**
 * Rebuilds one incident's report from its stored claims; a version is written only when content
 * changed. The writes of concurrent jobs share one transaction (group commit). A job for an incident
 * whose report already reflects every claim does nothing.
 */
export function createReconcileHandler(deps: ReconcileDeps, batching: GroupCommitOptions = {}) {
  const now = deps.now ?? (() => new Date().toISOString());
  const writes = new GroupCommit<PendingReport, ReportWrite>(
    (items) =>
      allOrEach(
        items,
        (all) => deps.store.writeReports(all, now()),
        (one) => deps.store.writeReport(one.incidentId, one.content, one.seq, now()),
      ),
    batching,
  );
  return async (payload: PayloadOf<'reconcile-incident'>): Promise<ReconcileOutcome> => {
    const progress = await deps.store.incidentProgress(payload.incidentId);
    if (!progress) throw new InvalidJobError(`incident ${payload.incidentId} does not exist`);
    // Merged into another incident: that one's report is rebuilt instead.
    if (progress.retired || (progress.latestVersion > 0 && progress.reportedSeq >= progress.claimSeq)) {
      return { version: progress.latestVersion, written: false, upToDate: true };
    }
    const snapshot = await deps.store.reconcileSnapshot(payload.incidentId);
    if (!snapshot) throw new InvalidJobError(`incident ${payload.incidentId} does not exist`);
    const content = reconcile(snapshot.identity, snapshot.claims);
    return writes.submit({ incidentId: payload.incidentId, content, seq: snapshot.seq });
  };
}
