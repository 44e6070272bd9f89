/**
 * The store and the pure code produce some answers before the API sends them (incident lists, claim
 * statuses, problem claims, report versions, submit answers, reports), typed by the domain's
 * interfaces. This file fails to compile if any of them drifts from the schema the API documents
 * and validates with: each pair must be assignable both ways.
 */
import type { ClaimStatusView, IncidentListItem, ProblemClaim, Report, ReportVersionInfo, SubmitAnswer } from '@recon/domain';
import type { z } from 'zod';
import type { ClaimStatusSchema, IncidentListItemSchema, ProblemClaimsSchema, ReportSchema, ReportVersionsSchema, SubmitResultSchema } from './schemas.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;

export const DOMAIN_SHAPES_MATCH: [
  Same<IncidentListItem, Out<typeof IncidentListItemSchema>>,
  Same<ClaimStatusView, Out<typeof ClaimStatusSchema>>,
  Same<ProblemClaim, Out<typeof ProblemClaimsSchema>['claims'][number]>,
  Same<ReportVersionInfo, Out<typeof ReportVersionsSchema>['versions'][number]>,
  Same<SubmitAnswer, Out<typeof SubmitResultSchema>>,
] = [true, true, true, true, true];

/**
 * A report the pure reconciler builds is one the schema allows. (Only this way round: the schema
 * reads a count as one object whose forms are checked by a refinement, the domain as a union.)
 */
export const REPORT_FITS: [Report] extends [Out<typeof ReportSchema>] ? true : false = true;
