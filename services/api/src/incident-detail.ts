import { identityOf, type ClaimStore, type IncidentRow } from '@recon/db';
import type { z } from '@hono/zod-openapi';
import type { IncidentDetailSchema } from '@recon/contract';

export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/** An incident as `GET /incidents/:id` shows it: its fields, curation state and latest report line. */
export async function incidentDetail(store: ClaimStore, row: IncidentRow, resolvedFrom: string | null = null): Promise<IncidentDetail> {
  // Only the latest version's line, not every version's.
  const [latest] = await store.reportVersions(row.id, row.latestVersion);
  return {
    ...identityOf(row, await store.mergedFrom(row.id)),
    resolvedFrom,
    reviewDecision: (row.reviewDecision as IncidentDetail['reviewDecision']) ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    claimCount: latest?.claimCount ?? 0,
    reportVersion: row.latestVersion,
    upToDate: row.reportedSeq >= row.claimSeq,
    summary: latest?.summary ?? null,
  };
}
