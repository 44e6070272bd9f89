/** Shapes the HTTP API answers with besides the report itself (CONTRACT.md section 6), shared by server and clients. */
import type { FieldError } from './claim-schema.js';
import type { ClaimWarning } from './claim-warnings.js';
import type { Range } from './count.js';

export interface IncidentListItem {
  id: string;
  key: string | null;
  country: string;
  location: string | null;
  title: string | null;
  startDate: string;
  endDate: string | null;
  needsReview: boolean;
  /** When needsReview: the incidents its claims could also belong to. */
  candidates: string[];
  claimCount: number;
  disputedCells: number;
  /** The widest range claimed killed, over its parties; null when no claim of killed is quantified. */
  killed: Range | null;
  /** Distinct claimants of its current claims. */
  claimantCount: number;
  reportVersion: number;
  summary: string;
}

export interface ReportVersionInfo {
  version: number;
  generatedAt: string;
  claimCount: number;
  disputedCells: number;
  summary: string;
}

export interface ClaimStatusView {
  id: string;
  /** `failed`: a valid claim whose ingest failed for good; POST /claims/:id/retry queues it again. */
  status: 'queued' | 'stored' | 'rejected' | 'retracted' | 'failed';
  incidentId: string | null;
  errors: FieldError[];
  /** Attempts made, for rejected and failed claims. */
  attempts?: number;
  retractedAt?: string | null;
  retractedBy?: string | null;
}

/** One rejected or failed claim, as GET /claims?status= lists them. */
export interface ProblemClaim {
  id: string;
  status: 'rejected' | 'failed';
  errors: FieldError[];
  attempts: number;
  /** Where an invalid claim was caught (`api` or `worker`); null for failures. */
  stage: 'api' | 'worker' | null;
  firstAt: string;
  lastAt: string;
}

export interface AcceptedClaim {
  index: number;
  id: string;
  status: 'queued' | 'duplicate';
  /** What may be a mistake in the claim (unknown names with suggestions, …); it was accepted as it is. */
  warnings: ClaimWarning[];
}

export interface RejectedClaim {
  index: number;
  /** The digest of what was submitted: GET /claims/:id answers `rejected` with the errors. */
  id: string;
  errors: FieldError[];
}

/** The answer to POST /claims. */
export interface SubmitAnswer {
  accepted: AcceptedClaim[];
  rejected: RejectedClaim[];
}

/** The filters of GET /incidents. */
export interface IncidentFilter {
  country?: string;
  from?: string;
  to?: string;
  q?: string;
  disputed?: boolean;
  /** Only incidents that need review (true) or that do not (false). */
  needsReview?: boolean;
  /** Newest first (the default), oldest first, most claims, most disputed cells, highest killed figure. */
  sort?: IncidentSort;
  limit?: number;
  offset?: number;
}

export const INCIDENT_SORTS = ['newest', 'oldest', 'claims', 'disputed', 'killed'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];
