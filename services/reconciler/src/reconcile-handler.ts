import type { ClaimStore } from '@recon/db';
import { reconcile } from '@recon/domain';
import { InvalidJobError, type PayloadOf } from '@recon/queue';

export interface ReconcileDeps {
  store: ClaimStore;
  now?: () => string;
}

/** Rebuilds one incident's report from its stored claims; writes a version only when content changed. */
export function createReconcileHandler(deps: ReconcileDeps) {
  const now = deps.now ?? (() => new Date().toISOString());
  return async (payload: PayloadOf<'reconcile-incident'>): Promise<{ version: number; written: boolean }> => {
    const snapshot = deps.store.reconcileSnapshot(payload.incidentId);
    if (!snapshot) throw new InvalidJobError(`incident ${payload.incidentId} does not exist`);
    const content = reconcile(snapshot.identity, snapshot.claims);
    return deps.store.writeReport(payload.incidentId, content, snapshot.seq, now());
  };
}
