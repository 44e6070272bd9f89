import { z } from '@hono/zod-openapi';
import { ActorKindSchema, ActorRefSchema, ClaimSchema, CountSchema, IncidentSchema, OutcomeSchema, SourceSchema, AGREEMENTS, CURATION_ACTIONS, PERSPECTIVES, REVIEW_DECISIONS, isPartialDate } from '@recon/domain';

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

export const ClaimBodySchema = ClaimSchema.meta({
  id: 'Claim',
  description: 'One statement by one claimant, at one time, about the casualties of one incident',
  examples: [
    {
      incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', location: 'Tinzaouaten', startDate: '2024-07-25', endDate: '2024-07-27' },
      claimant: { name: 'CSP-PSD', kind: 'rebel_group' },
      via: [{ name: 'AFP', kind: 'media' }],
      statedAt: '2024-08-01',
      source: { publisher: 'AFP', publishedAt: '2024-08-02', excerpt: 'said they killed 84 fighters from Wagner' },
      figures: [{ party: 'Wagner Group', outcome: 'killed', count: { exact: 84 }, wording: 'killed 84 fighters from Wagner' }],
    },
  ],
});
export const SubmitBodySchema = z
  .union([
    ClaimBodySchema,
    z.object({
      defaults: z
        .object({ source: z.unknown().optional(), via: z.unknown().optional(), incident: z.unknown().optional(), statedAt: z.unknown().optional() })
        .optional()
        .openapi({ description: 'Merged into every claim of the batch (a claim’s own fields win; source and incident field by field) before it is validated and its id computed' }),
      claims: z.array(z.unknown()).max(1000),
    }),
  ])
  .openapi('SubmitClaims', {
    description: 'One claim, or `{ "claims": [ … ] }` with up to 1,000 claims and optional `defaults` (source, via, incident, statedAt) shared by them.',
  });

export const SubmitResultSchema = z
  .object({
    accepted: z.array(
      z.object({
        index: z.int(),
        id: z.string(),
        status: z.enum(['queued', 'duplicate']),
        warnings: z
          .array(
            z.object({
              path: z.string(),
              code: z.enum(['unknown_actor', 'several_actors', 'stated_after_published']),
              message: z.string(),
              suggestions: z.array(z.string()).optional().openapi({ description: 'Registry names it may have meant, best first' }),
            }),
          )
          .openapi({ description: 'What may be a mistake; the claim was accepted as it is' }),
      }),
    ),
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
    candidates: z.array(z.string()).openapi({ description: 'When needsReview: the incidents its claims could also belong to' }),
    mergedFrom: z.array(z.string()).openapi({ description: 'Incidents an analyst merged into this one; their ids answer with this one' }),
    setByHand: z.array(z.string()).openapi({ description: 'Fields an analyst set by hand, overriding what the claims say' }),
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
    candidates: z.array(z.string()),
    claimCount: z.int(),
    disputedCells: z.int(),
    reportVersion: z.int(),
    summary: z.string(),
  })
  .openapi('IncidentListItem');

export const IncidentListSchema = z.object({ incidents: z.array(IncidentListItemSchema) }).openapi('IncidentList');

export const IncidentDetailSchema = ReportIncidentSchema.extend({
  resolvedFrom: z.string().nullable().openapi({ description: 'The id or key asked for, when it was merged into this incident' }),
  reviewDecision: z.enum(REVIEW_DECISIONS).nullable(),
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
    mergedInto: z.string().optional().openapi({ description: 'When this incident was merged into another: that one' }),
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
  needsReview: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
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

// Curation (CONTRACT.md 7): every body may carry a note, kept in the audit log.
const note = z.string().max(2000, { error: 'must be at most 2,000 characters' }).optional().openapi({ description: 'Why: kept in the audit log' });
const incidentRef = z.string({ error: 'must be an incident id or key' }).min(1, { error: 'must be an incident id or key' }).max(500);

export const MergeBodySchema = z.strictObject({ into: incidentRef, note }).openapi('MergeIncident', { example: { into: 'ml-2024-07-tinzaouaten', note: 'same ambush, reported twice' } });
export const SplitBodySchema = z
  .strictObject({
    claimIds: z.array(z.string().min(1), { error: 'must be a list of claim ids' }).min(1, { error: 'must list at least one claim id' }).max(1000),
    incident: z.strictObject({ key: IncidentSchema.shape.key, title: IncidentSchema.shape.title }).default({}),
    note,
  })
  .openapi('SplitIncident');
export const MoveBodySchema = z.strictObject({ incident: incidentRef, note }).openapi('MoveClaim');
export const EditBodySchema = z
  .strictObject({
    key: IncidentSchema.shape.key.unwrap().nullable().optional(),
    title: IncidentSchema.shape.title.unwrap().nullable().optional(),
    location: IncidentSchema.shape.location.unwrap().nullable().optional(),
    admin1: IncidentSchema.shape.admin1.unwrap().nullable().optional(),
    lat: IncidentSchema.shape.lat.unwrap().nullable().optional(),
    lon: IncidentSchema.shape.lon.unwrap().nullable().optional(),
    startDate: IncidentSchema.shape.startDate.nullable().optional(),
    endDate: IncidentSchema.shape.endDate.unwrap().nullable().optional(),
    note,
  })
  .openapi('EditIncident', { description: 'A value sets the field by hand; null gives it back to the claims.', example: { title: 'Tinzaouaten ambush', note: 'title from the MINUSMA report' } });
export const ReviewBodySchema = z
  .strictObject({ decision: z.enum(REVIEW_DECISIONS, { error: `must be one of ${REVIEW_DECISIONS.join(', ')}` }), note })
  .openapi('ReviewIncident');

export const AuditEventSchema = z
  .object({
    id: z.string(),
    seq: z.int(),
    action: z.enum(CURATION_ACTIONS),
    actor: z.string(),
    at: z.string(),
    incidentIds: z.array(z.string()),
    claimIds: z.array(z.string()),
    note: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    effects: z.unknown(),
  })
  .openapi('AuditEvent');
export const AuditListSchema = z.object({ events: z.array(AuditEventSchema) }).openapi('AuditList');
export const AuditQuerySchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO 8601 date or date-time' }).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const CurationResultSchema = z
  .object({
    changed: z.boolean().openapi({ description: 'false: the same request had been carried out already; nothing was done' }),
    event: AuditEventSchema.nullable(),
    incident: IncidentDetailSchema,
  })
  .openapi('CurationResult');
export const IncidentClaimsSchema = z
  .object({
    incidentId: z.string(),
    claims: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'retracted']), claimantId: z.string(), statedAt: z.string(), pinned: z.boolean() })),
  })
  .openapi('IncidentClaims');

export const ActorQuerySchema = z.strictObject({
  q: z.string().max(200).optional().openapi({ description: 'Part of a name or alias (case- and accent-insensitive)' }),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code, e.g. ML' }).optional().openapi({ description: 'Only aliases that hold in this country (and those that hold everywhere)' }),
});
export const ActorListSchema = z
  .object({
    actors: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: ActorKindSchema,
        side: z.string().nullable(),
        aliases: z.array(
          z.object({
            alias: z.string(),
            countries: z.array(z.string()).nullable().openapi({ description: 'Where the alias holds (null: everywhere)' }),
            from: z.string().nullable(),
            to: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('ActorList');
