import { z } from '@hono/zod-openapi';
import { ActorKindSchema, ActorRefSchema, ClaimSchema, CountSchema, OutcomeSchema, SourceSchema, AGREEMENTS, PERSPECTIVES, isPartialDate } from '@recon/domain';

/** OpenAPI schemas: the contract's shapes, from the same zod schemas the service validates with. */

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() }).openapi('FieldError');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      errors: z.array(FieldErrorSchema).optional(),
    }),
  })
  .openapi('Error');

export const ClaimBodySchema = ClaimSchema.meta({ id: 'Claim' });
export const SubmitBodySchema = z
  .union([ClaimBodySchema, z.object({ claims: z.array(z.unknown()).max(1000) })])
  .openapi('SubmitClaims', { description: 'One claim, or `{ "claims": [ … ] }` with up to 1,000 claims.' });

export const SubmitResultSchema = z
  .object({
    accepted: z.array(z.object({ index: z.int(), id: z.string(), status: z.enum(['queued', 'duplicate']) })),
    rejected: z.array(z.object({ index: z.int(), id: z.string(), errors: z.array(FieldErrorSchema) })),
  })
  .openapi('SubmitResult');

export const ClaimStatusSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'stored', 'rejected', 'retracted', 'failed']),
    incidentId: z.string().nullable(),
    errors: z.array(FieldErrorSchema),
    attempts: z.int().optional(),
    retractedAt: z.string().nullable().optional(),
    retractedBy: z.string().nullable().optional(),
  })
  .openapi('ClaimStatus');

export const ProblemClaimsQuerySchema = z.strictObject({
  status: z.enum(['rejected', 'failed'], { error: 'must be rejected or failed' }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const ProblemClaimsSchema = z
  .object({
    claims: z.array(
      z.object({
        id: z.string(),
        status: z.enum(['rejected', 'failed']),
        errors: z.array(FieldErrorSchema),
        attempts: z.int(),
        stage: z.enum(['api', 'worker']).nullable(),
        firstAt: z.string(),
        lastAt: z.string(),
      }),
    ),
  })
  .openapi('ProblemClaims');

export const RangeSchema = z.object({ low: z.int(), high: z.int(), highOpen: z.boolean() }).openapi('Range');
const ActorViewSchema = z.object({ id: z.string(), name: z.string(), kind: ActorKindSchema }).openapi('Actor');
const PerspectiveSchema = z.enum(PERSPECTIVES);

const ReportClaimSchema = z
  .object({
    claimId: z.string(),
    claimant: ActorViewSchema,
    perspective: PerspectiveSchema,
    partyAsReported: z.string(),
    count: CountSchema,
    quantified: z.boolean(),
    low: z.int().nullable(),
    high: z.int().nullable(),
    highOpen: z.boolean(),
    wording: z.string().nullable(),
    statedAt: z.string(),
    via: z.array(ActorRefSchema),
    source: SourceSchema.nullable(),
  })
  .openapi('ReportClaim');

export const ReportIncidentSchema = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    country: z.string(),
    location: z.string().nullable(),
    placeId: z.string().nullable(),
    admin1: z.string().nullable(),
    title: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    needsReview: z.boolean(),
    candidates: z.array(z.string()),
  })
  .openapi('ReportIncident');

export const ReportSchema = z
  .object({
    incident: ReportIncidentSchema,
    version: z.int(),
    generatedAt: z.string(),
    claimCount: z.int(),
    cells: z.array(
      z.object({
        party: ActorViewSchema,
        outcome: OutcomeSchema,
        range: RangeSchema.nullable(),
        agreement: z.enum(AGREEMENTS),
        consensus: RangeSchema.nullable(),
        byPerspective: z.record(z.string(), RangeSchema.nullable()),
        claims: z.array(ReportClaimSchema),
        superseded: z.array(ReportClaimSchema.extend({ supersededBy: z.string() })),
      }),
    ),
    totals: z.array(
      z.object({
        outcome: OutcomeSchema,
        range: RangeSchema.nullable(),
        byClaimant: z.array(
          z.object({
            claimant: ActorViewSchema,
            low: z.int().nullable(),
            high: z.int().nullable(),
            highOpen: z.boolean(),
            parties: z.array(z.string()),
            unquantifiedParties: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .openapi('Report');

export const IncidentListItemSchema = z
  .object({
    id: z.string(),
    key: z.string().nullable(),
    country: z.string(),
    location: z.string().nullable(),
    title: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    needsReview: z.boolean(),
    claimCount: z.int(),
    disputedCells: z.int(),
    reportVersion: z.int(),
    summary: z.string(),
  })
  .openapi('IncidentListItem');

export const IncidentListSchema = z.object({ incidents: z.array(IncidentListItemSchema) }).openapi('IncidentList');

export const IncidentDetailSchema = ReportIncidentSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  claimCount: z.int(),
  reportVersion: z.int(),
  upToDate: z.boolean(),
  summary: z.string().nullable(),
}).openapi('IncidentDetail');

export const ReportVersionsSchema = z
  .object({
    incidentId: z.string(),
    versions: z.array(
      z.object({ version: z.int(), generatedAt: z.string(), claimCount: z.int(), disputedCells: z.int(), summary: z.string() }),
    ),
  })
  .openapi('ReportVersions');

const isoDate = z.string().refine(isPartialDate, { error: 'must be a calendar date YYYY-MM-DD or a month YYYY-MM' });

export const IncidentQuerySchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code, e.g. ML' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(200).optional(),
  disputed: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const IdParamSchema = z.object({ id: z.string().min(1).max(500) });
export const VersionQuerySchema = z.strictObject({
  version: z.coerce.number({ error: 'must be a whole number ≥ 1' }).int({ error: 'must be a whole number ≥ 1' }).min(1, { error: 'must be a whole number ≥ 1' }).optional(),
});

export const HealthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), redis: z.enum(['up', 'down']), database: z.enum(['up', 'down']) })
  .openapi('Health');
