/** Shapes the HTTP API answers with besides the report itself (CONTRACT.md section 6), shared by server and clients. */
import type { FieldError } from './claim-schema.js';

export interface IncidentListItem {
  id: string;
  key: string | null;
  country: string;
  location: string | null;
  title: string | null;
  startDate: string;
  endDate: string | null;
  needsReview: boolean;
  claimCount: number;
  disputedCells: number;
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
  status: 'queued' | 'stored' | 'rejected' | 'retracted';
  incidentId: string | null;
  errors: FieldError[];
}

export interface AcceptedClaim {
  index: number;
  id: string;
  status: 'queued' | 'duplicate';
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
  limit?: number;
  offset?: number;
}
