import { z } from '@hono/zod-openapi';
import {
  ACTOR_LIST_EXAMPLE,
  AUDIT_EVENT_EXAMPLE,
  CLAIM_STATUS_EXAMPLE,
  ERROR_EXAMPLE,
  EXTRACT_BODY_EXAMPLE,
  EXTRACTION_EXAMPLE,
  INCIDENT_DETAIL_EXAMPLE,
  INCIDENT_LIST_ITEM_EXAMPLE,
  REPORT_EXAMPLE,
  SUBMIT_RESULT_EXAMPLE,
} from './examples.js';
import { ActorKindSchema, ActorRefSchema, ClaimSchema, CountSchema, IncidentSchema, OutcomeSchema, SourceSchema, AGREEMENTS, CURATION_ACTIONS, INCIDENT_SORTS, PERSPECTIVES, REVIEW_DECISIONS, isPartialDate, type IncidentFilter } from '@recon/domain';

/** OpenAPI schemas: the contract's shapes, from the same zod schemas the service validates with. */

export const FieldErrorSchema = z
  .object({
    path: z.string().describe('The field, as a path into what was sent (`figures[0].count`, `query.limit`, `(body)`)'),
    message: z.string().describe('What is wrong with it, and what would be right'),
  })
  .openapi('FieldError', { description: 'One wrong field and why' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }).describe('A stable code (not_found, invalid_request, queue_unavailable, …)'),
      message: z.string().describe('What went wrong, in words'),
      errors: z.array(FieldErrorSchema).optional().describe('The wrong fields, when the request had any'),
    }).describe('What went wrong'),
  })
  .openapi('Error', { example: ERROR_EXAMPLE });

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
        .object({
          source: z.unknown().optional().describe('A source, as in Claim'),
          via: z.unknown().optional().describe('A relay chain, as in Claim'),
          incident: z.unknown().optional().describe('An incident (or some of its fields), as in Claim'),
          statedAt: z.unknown().optional().describe('A statement date, as in Claim'),
        })
        .optional()
        .describe('Merged into every claim of the batch (a claim’s own fields win; source and incident field by field) before it is validated and its id computed'),
      claims: z.array(z.unknown()).max(1000).describe('The claims (each as in Claim), up to 1,000'),
    }),
  ])
  .openapi('SubmitClaims', {
    example: {
      defaults: { source: { publisher: 'AFP', publishedAt: '2024-08-02' }, incident: { key: 'ml-2024-07-tinzaouaten', country: 'ML', startDate: '2024-07-25' } },
      claims: [
        { claimant: { name: 'CSP-PSD', kind: 'rebel_group' }, statedAt: '2024-08-01', figures: [{ party: 'Wagner Group', outcome: 'killed', count: { exact: 84 } }] },
        { claimant: { name: 'Malian army', kind: 'state_forces' }, statedAt: '2024-07-29', figures: [{ party: 'Malian soldiers', outcome: 'killed', count: { exact: 2 } }] },
      ],
    },
    description: 'One claim, or `{ "claims": [ … ] }` with up to 1,000 claims and optional `defaults` (source, via, incident, statedAt) shared by them.',
  });

export const SubmitResultSchema = z
  .object({
    accepted: z.array(
      z.object({
        index: z.int().describe('Its position in the request (0 for a single claim)'),
        id: z.string().describe('The claim id: the digest of its canonical JSON'),
        status: z.enum(['queued', 'duplicate']).describe('queued now, or a duplicate of a claim already queued or stored'),
        warnings: z
          .array(
            z.object({
              path: z.string().describe('The field it is about'),
              code: z.enum(['unknown_actor', 'several_actors', 'stated_after_published']).describe('What kind of warning'),
              message: z.string().describe('What may be wrong'),
              suggestions: z.array(z.string()).optional().describe('Registry names it may have meant, best first'),
            }),
          )
          .describe('What may be a mistake; the claim was accepted as it is'),
      }),
    ).describe('The claims accepted: each queued now or a duplicate, with warnings'),
    rejected: z
      .array(
        z.object({
          index: z.int().describe('Its position in the request (0 for a single claim)'),
          id: z.string().describe('The digest of what was sent: GET /claims/{id} answers `rejected` with the errors'),
          errors: z.array(FieldErrorSchema).describe('Every wrong field'),
        }),
      )
      .describe('The claims refused, each with its field errors; nothing of them was stored'),
  })
  .openapi('SubmitResult', { example: SUBMIT_RESULT_EXAMPLE });

export const ClaimStatusSchema = z
  .object({
    id: z.string().describe('The claim id'),
    status: z.enum(['queued', 'stored', 'rejected', 'retracted', 'failed']).describe('queued, stored, rejected (invalid), retracted, or failed (valid but ingest kept failing)'),
    incidentId: z.string().nullable().describe('Its incident, once stored'),
    errors: z.array(FieldErrorSchema).describe('Why it was rejected or failed'),
    attempts: z.int().optional().describe('How many times it was tried'),
    retractedAt: z.string().nullable().optional().describe('When it was retracted'),
    retractedBy: z.string().nullable().optional().describe('Who retracted it (a token label)'),
  })
  .openapi('ClaimStatus', { example: CLAIM_STATUS_EXAMPLE });

export const ProblemClaimsQuerySchema = z.strictObject({
  status: z.enum(['rejected', 'failed'], { error: 'must be rejected or failed' }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const ProblemClaimsSchema = z
  .object({
    claims: z.array(
      z.object({
        id: z.string().describe('The claim id'),
        status: z.enum(['rejected', 'failed']).describe('rejected (invalid) or failed (valid, ingest failed for good)'),
        errors: z.array(FieldErrorSchema).describe('Every wrong field'),
        attempts: z.int().describe('How many times it was tried'),
        stage: z.enum(['api', 'worker']).nullable().describe('Where an invalid claim was caught (`api` or `worker`); null for a failure'),
        firstAt: z.string().describe('When it was first rejected or failed'),
        lastAt: z.string().describe('When it was last rejected or failed'),
      }),
    ).describe('Most recent first'),
  })
  .openapi('ProblemClaims');

export const RangeSchema = z
  .object({
    low: z.int().describe('The lowest figure any of the claims allows'),
    high: z.int().describe('The highest figure any of the claims allows (when highOpen: the highest lower bound)'),
    highOpen: z.boolean().describe('Some claim has no upper bound ("at least 20")'),
  })
  .openapi('Range', { description: 'A span of figures, never an average' });
const ActorViewSchema = z
  .object({
    id: z.string().describe('The registry id (a slug), or an id made from an unknown name'),
    name: z.string().describe('The name to show'),
    kind: ActorKindSchema.describe('What kind of actor it is'),
  })
  .openapi('Actor', { description: 'An actor of the registry, or one named in a claim that the registry does not know' });
const PerspectiveSchema = z.enum(PERSPECTIVES);

const ReportClaimSchema = z
  .object({
    claimId: z.string().describe('The claim'),
    claimant: ActorViewSchema.describe('Who made the claim'),
    perspective: PerspectiveSchema.describe("The claimant's side relative to the party: own losses, the enemy's, or neither"),
    partyAsReported: z.string().describe('The party as the claim names it'),
    count: CountSchema.describe('The count as claimed, one form of the contract'),
    quantified: z.boolean().describe('The count bounds the figure (false for "unknown")'),
    low: z.int().nullable().describe('The lowest figure the claim allows (null when unquantified)'),
    high: z.int().nullable().describe('The highest figure it allows (null when unquantified; with highOpen, its lower bound)'),
    highOpen: z.boolean().describe('No upper bound ("at least")'),
    wording: z.string().nullable().describe("The claim's own words for the figure"),
    statedAt: z.string().describe('When the claimant said it'),
    via: z.array(ActorRefSchema).describe('Who relayed it, claimant first then each relay'),
    source: SourceSchema.nullable().describe('Where it was read'),
  })
  .openapi('ReportClaim');

export const ReportIncidentSchema = z
  .object({
    id: z.string().describe('The incident id'),
    key: z.string().nullable().describe('The key given in the claims or by an analyst, if any'),
    country: z.string().describe('ISO 3166-1 alpha-2 country code'),
    location: z.string().nullable().describe('The place, as the gazetteer names it'),
    placeId: z.string().nullable().describe("The gazetteer's id of the place, when it knows it"),
    admin1: z.string().nullable().describe('First-level administrative region'),
    title: z.string().nullable().describe('A short title'),
    lat: z.number().nullable().describe('Latitude (decimal degrees)'),
    lon: z.number().nullable().describe('Longitude (decimal degrees)'),
    startDate: z.string().describe('First day (YYYY-MM-DD, or YYYY-MM when only the month is known)'),
    endDate: z.string().nullable().describe('Last day, when it spans more than one'),
    needsReview: z.boolean().describe('Its claims could belong to more than one incident: an analyst should look'),
    candidates: z.array(z.string()).describe('When needsReview: the incidents its claims could also belong to'),
    mergedFrom: z.array(z.string()).describe('Incidents an analyst merged into this one; their ids answer with this one'),
    setByHand: z.array(z.string()).describe('Fields an analyst set by hand, overriding what the claims say'),
  })
  .openapi('ReportIncident');

export const ReportSchema = z
  .object({
    incident: ReportIncidentSchema.describe('The incident the report is about'),
    version: z.int().describe('The report version, from 1'),
    generatedAt: z.string().describe('When this version was written (ISO 8601)'),
    claimCount: z.int().describe('Current claims it reflects'),
    cells: z.array(
      z.object({
        party: ActorViewSchema.describe('Whose casualties'),
        outcome: OutcomeSchema.describe('killed, wounded, captured, missing, killed_or_wounded or killed_or_captured'),
        range: RangeSchema.nullable().describe('What all the current claims span together (null when none is quantified)'),
        agreement: z.enum(AGREEMENTS).describe('How the claims relate: one source only, compatible, or disagree'),
        consensus: RangeSchema.nullable().describe('The figures every current claim allows (null when they disagree)'),
        byPerspective: z.record(z.string(), RangeSchema.nullable()).describe('The span of the claims of each perspective'),
        claims: z.array(ReportClaimSchema).describe("The current claims: each claimant's latest statement"),
        superseded: z.array(ReportClaimSchema.extend({ supersededBy: z.string().describe('The later claim that replaced it') })).describe('Claims revised later by the same claimant'),
      }),
    ).describe('One per (party, outcome) that some claim speaks of'),
    totals: z.array(
      z.object({
        outcome: OutcomeSchema.describe('killed, wounded, captured, missing, killed_or_wounded or killed_or_captured'),
        range: RangeSchema.nullable().describe('What all the current claims span together (null when none is quantified)'),
        byClaimant: z.array(
          z.object({
            claimant: ActorViewSchema.describe('Who made the claim'),
            low: z.int().nullable().describe('The lowest figure the claim allows (null when unquantified)'),
            high: z.int().nullable().describe('The highest figure it allows (null when unquantified; with highOpen, its lower bound)'),
            highOpen: z.boolean().describe('No upper bound ("at least")'),
            parties: z.array(z.string()).describe('The parties its total covers'),
            unquantifiedParties: z.array(z.string()).describe('Parties it speaks of without a number'),
          }),
        ).describe("Each claimant's own total over the parties it speaks of"),
      }),
    ).describe('Per outcome, across parties'),
  })
  .openapi('Report', { example: REPORT_EXAMPLE });

export const IncidentListItemSchema = z
  .object({
    id: z.string().describe('The incident id'),
    key: z.string().nullable().describe('The key given in the claims or by an analyst, if any'),
    country: z.string().describe('ISO 3166-1 alpha-2 country code'),
    location: z.string().nullable().describe('The place, as the gazetteer names it'),
    title: z.string().nullable().describe('A short title'),
    startDate: z.string().describe('First day (YYYY-MM-DD, or YYYY-MM when only the month is known)'),
    endDate: z.string().nullable().describe('Last day, when it spans more than one'),
    needsReview: z.boolean().describe('Its claims could belong to more than one incident: an analyst should look'),
    candidates: z.array(z.string()).describe('When needsReview: the incidents its claims could also belong to'),
    claimCount: z.int().describe('Claims counted (retracted ones excluded)'),
    disputedCells: z.int().describe('Cells (party × outcome) whose claims disagree'),
    killed: RangeSchema.nullable().describe('The widest range claimed killed, over all parties (null when no claim of killed is quantified)'),
    claimantCount: z.int().describe('Distinct claimants of the current claims'),
    reportVersion: z.int().describe('The latest report version (0: none yet)'),
    summary: z.string().describe('One line about the latest report'),
  })
  .openapi('IncidentListItem', { example: INCIDENT_LIST_ITEM_EXAMPLE });

export const IncidentListSchema = z.object({ incidents: z.array(IncidentListItemSchema).describe('The incidents of this page') }).openapi('IncidentList');

export const IncidentDetailSchema = ReportIncidentSchema.extend({
  resolvedFrom: z.string().nullable().describe('The id or key asked for, when it was merged into this incident'),
  reviewDecision: z.enum(REVIEW_DECISIONS).nullable().describe('How an analyst settled its review, if they did'),
  createdAt: z.string().describe('When the incident was first made'),
  updatedAt: z.string().describe('When it last changed'),
  claimCount: z.int().describe('Claims counted (retracted ones excluded)'),
  reportVersion: z.int().describe('The latest report version (0: none yet)'),
  upToDate: z.boolean().describe('Its latest report reflects every stored claim'),
  summary: z.string().nullable().describe('One line about the latest report'),
}).openapi('IncidentDetail', { example: INCIDENT_DETAIL_EXAMPLE });

export const ReportVersionsSchema = z
  .object({
    incidentId: z.string().describe('The incident'),
    mergedInto: z.string().optional().describe('When this incident was merged into another: that one'),
    versions: z.array(
      z.object({
        version: z.int().describe('The version number, from 1'),
        generatedAt: z.string().describe('When it was written (ISO 8601)'),
        claimCount: z.int().describe('Claims it reflects'),
        disputedCells: z.int().describe('Cells (party × outcome) whose claims disagree'),
        summary: z.string().describe('One line about it'),
      }),
    ).describe('Oldest first'),
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
  sort: z.enum(INCIDENT_SORTS, { error: `must be one of ${INCIDENT_SORTS.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The list's filters, for exports: every incident that matches, so no paging. */
export const ExportQuerySchema = IncidentQuerySchema.omit({ limit: true, offset: true });

/** The store's filter for a parsed list query (the list, its page and the exports share it): `'true'`/`'false'` as booleans. */
export function incidentFilterOf<Q extends z.output<typeof ExportQuerySchema> & { limit?: number | undefined; offset?: number | undefined }>(
  query: Q,
): IncidentFilter {
  const { disputed, needsReview, ...rest } = query;
  const filter: IncidentFilter = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (filter as Record<string, unknown>)[k] = v;
  if (disputed !== undefined) filter.disputed = disputed === 'true';
  if (needsReview !== undefined) filter.needsReview = needsReview === 'true';
  return filter;
}

export const IdParamSchema = z.object({ id: z.string().min(1).max(500) });
export const VersionQuerySchema = z.strictObject({
  version: z.coerce.number({ error: 'must be a whole number ≥ 1' }).int({ error: 'must be a whole number ≥ 1' }).min(1, { error: 'must be a whole number ≥ 1' }).optional(),
});

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']).describe('ok when both Redis and the database answer'),
    redis: z.enum(['up', 'down']).describe('Whether Redis (the queues) answered'),
    database: z.enum(['up', 'down']).describe('Whether the database answered'),
  })
  .openapi('Health');

export const ReadySchema = z
  .object({
    status: z.enum(['ready', 'not_ready']).describe('ready when Redis and the database answer and every migration is applied'),
    redis: z.enum(['up', 'down']).describe('Whether Redis (the queues) answered'),
    database: z.enum(['up', 'down']).describe('Whether the database answered'),
    migrations: z.enum(['applied', 'missing', 'unknown']).describe('Whether the database has every migration this code expects (unknown when the database does not answer)'),
    reason: z.string().optional().describe('What is missing, when not ready'),
  })
  .openapi('Ready');

// Curation (CONTRACT.md 7): every body may carry a note, kept in the audit log.
const note = z.string().max(2000, { error: 'must be at most 2,000 characters' }).optional().describe('Why: kept in the audit log');
const incidentRef = z.string({ error: 'must be an incident id or key' }).min(1, { error: 'must be an incident id or key' }).max(500);

export const MergeBodySchema = z.strictObject({ into: incidentRef.describe('The incident (id or key) to merge this one into'), note }).openapi('MergeIncident', { example: { into: 'ml-2024-07-tinzaouaten', note: 'same ambush, reported twice' } });
export const SplitBodySchema = z
  .strictObject({
    claimIds: z.array(z.string().min(1), { error: 'must be a list of claim ids' }).min(1, { error: 'must list at least one claim id' }).max(1000).describe('The claims to split out'),
    incident: z.strictObject({ key: IncidentSchema.shape.key, title: IncidentSchema.shape.title }).default({}).describe('The new incident\'s key and title, if you give them'),
    note,
  })
  .openapi('SplitIncident');
export const MoveBodySchema = z.strictObject({ incident: incidentRef.describe('The incident (id or key) the claim moves to'), note }).openapi('MoveClaim');
export const EditBodySchema = z
  .strictObject({
    key: IncidentSchema.shape.key.unwrap().nullable().optional().describe('The incident key; null gives it back to the claims'),
    title: IncidentSchema.shape.title.unwrap().nullable().optional().describe('The title; null gives it back to the claims'),
    location: IncidentSchema.shape.location.unwrap().nullable().optional().describe('The place; null gives it back to the claims'),
    admin1: IncidentSchema.shape.admin1.unwrap().nullable().optional().describe('The region; null gives it back to the claims'),
    lat: IncidentSchema.shape.lat.unwrap().nullable().optional().describe('Latitude; null gives it back to the claims'),
    lon: IncidentSchema.shape.lon.unwrap().nullable().optional().describe('Longitude; null gives it back to the claims'),
    startDate: IncidentSchema.shape.startDate.nullable().optional().describe('First day; null gives it back to the claims'),
    endDate: IncidentSchema.shape.endDate.unwrap().nullable().optional().describe('Last day; null gives it back to the claims'),
    note,
  })
  .openapi('EditIncident', { description: 'A value sets the field by hand; null gives it back to the claims.', example: { title: 'Tinzaouaten ambush', note: 'title from the MINUSMA report' } });
export const ReviewBodySchema = z
  .strictObject({ decision: z.enum(REVIEW_DECISIONS, { error: `must be one of ${REVIEW_DECISIONS.join(', ')}` }).describe('How the review was settled'), note })
  .openapi('ReviewIncident');

export const AuditEventSchema = z
  .object({
    id: z.string().describe('The event id'),
    seq: z.int().describe('Position in the audit log'),
    action: z.enum(CURATION_ACTIONS).describe('What was done'),
    actor: z.string().describe('Who did it (a token label)'),
    at: z.string().describe('When (ISO 8601)'),
    incidentIds: z.array(z.string()).describe('Incidents it touched'),
    claimIds: z.array(z.string()).describe('Claims it touched'),
    note: z.string().nullable().describe('Why, as the analyst wrote it'),
    before: z.unknown().describe("The state before (fields, or the claims' incidents)"),
    after: z.unknown().describe('The state after'),
    effects: z.unknown().describe('What the action changes in incident resolution'),
  })
  .openapi('AuditEvent', { example: AUDIT_EVENT_EXAMPLE });
export const AuditListSchema = z.object({ events: z.array(AuditEventSchema).describe('The events, oldest first') }).openapi('AuditList');
export const AuditQuerySchema = z.strictObject({
  since: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO 8601 date or date-time' }).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const CurationResultSchema = z
  .object({
    changed: z.boolean().describe('false: the same request had been carried out already; nothing was done'),
    event: AuditEventSchema.nullable().describe('The audit event (null when nothing changed)'),
    incident: IncidentDetailSchema.describe('The incident as the action left it'),
  })
  .openapi('CurationResult', { example: { changed: true, event: AUDIT_EVENT_EXAMPLE, incident: INCIDENT_DETAIL_EXAMPLE } });
export const IncidentClaimsSchema = z
  .object({
    incidentId: z.string().describe('The incident'),
    claims: z
      .array(
        z.object({
          id: z.string().describe('The claim id'),
          status: z.enum(['stored', 'retracted']).describe('Retracted claims are kept and no longer count'),
          claimantId: z.string().describe('Who made the claim (actor id)'),
          statedAt: z.string().describe('When the claimant said it'),
          pinned: z.boolean().describe('Put in this incident by an analyst (merge, split, move): later claims never undo it'),
        }),
      )
      .describe('In statedAt order'),
  })
  .openapi('IncidentClaims');

export const ActorQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe('Part of a name or alias (case- and accent-insensitive)'),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code, e.g. ML' }).optional().describe('Only aliases that hold in this country (and those that hold everywhere)'),
});
export const ActorListSchema = z
  .object({
    actors: z.array(
      z.object({
        id: z.string().describe('The registry id'),
        name: z.string().describe('The canonical name'),
        kind: ActorKindSchema.describe('What kind of actor'),
        side: z.string().nullable().describe('The side the actor fights on, if any'),
        aliases: z.array(
          z.object({
            alias: z.string().describe('The name'),
            countries: z.array(z.string()).nullable().describe('Where the alias holds (null: everywhere)'),
            from: z.string().nullable().describe('From this month or day (null: always)'),
            to: z.string().nullable().describe('Until this month or day (null: still)'),
          }),
        ).describe('Names that mean this actor, each with where and when it holds'),
      }),
    ).describe('By name'),
  })
  .openapi('ActorList', { example: ACTOR_LIST_EXAMPLE });

// Drafts from an article (`POST /extract`): the article in, draft claims with their evidence out.

/** The languages the extractor reads (`@recon/extract`'s `LANGUAGES`; extract-shapes.ts checks they agree). */
export const EXTRACT_LANGUAGES = ['en', 'fr'] as const;
/** The longest article `POST /extract` takes, in characters (UTF-16 code units, as JavaScript counts). */
export const MAX_ARTICLE_CHARS = 100_000;

export const ExtractBodySchema = z
  .strictObject({
    text: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string: the article\u2019s text') })
      .min(1, { error: 'must not be empty' })
      .max(MAX_ARTICLE_CHARS, { error: `must be at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters` })
      .refine((s) => s.isWellFormed(), { error: 'must be well-formed Unicode (no lone surrogates)' })
      .describe(`The article's text, up to ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters; evidence offsets count in it (UTF-16 code units)`),
    language: z
      .enum(EXTRACT_LANGUAGES, { error: `must be one of ${EXTRACT_LANGUAGES.join(', ')}` })
      .optional()
      .describe('The language of the text (en or fr); detected from the text when absent'),
    publishedAt: z
      .string({ error: 'must be a calendar date YYYY-MM-DD' })
      .refine((s) => s.length === 10 && isPartialDate(s), { error: 'must be a calendar date YYYY-MM-DD' })
      .optional()
      .describe('When the article was published (YYYY-MM-DD): the day relative dates ("on Sunday") count from, and the statement date when the text gives none'),
    source: SourceSchema.optional().describe('The article as a source (publisher, URL, title…), copied into every draft'),
    incident: IncidentSchema.partial()
      .optional()
      .describe('The incident as far as you know it (any of its fields); the gaps are filled from the text'),
  })
  .openapi('ExtractArticle', { example: EXTRACT_BODY_EXAMPLE, description: 'An article to draft claims from, and what you know of it' });

export const EvidenceSchema = z
  .object({
    figure: z.int().min(0).describe("The index in the draft's `claim.figures` of the figure these words are about"),
    start: z.int().min(0).describe('Where the words start in the request\u2019s `text` (UTF-16 offset)'),
    end: z.int().min(0).describe('Where they end (exclusive): `text.slice(start, end)` is the words'),
    text: z.string().describe('The words themselves'),
    role: z.enum(['figure', 'claimant']).describe('What the words are: the figure itself, or who said it'),
  })
  .openapi('Evidence', { description: 'Words of the article that a draft rests on' });

export const DraftClaimSchema = z
  .object({
    claim: ClaimBodySchema,
    evidence: z.array(EvidenceSchema).describe('The words of the article each figure (and its claimant) was read from'),
    confidence: z.number().min(0).max(1).describe('0 to 1: how sure the rules are (attribution found, party known, count read)'),
    warnings: z.array(z.string()).describe('What the analyst should check ("party not in the registry", "no attribution: the publisher is the claimant")'),
  })
  .openapi('DraftClaim', { description: 'A claim drafted from the article: it passes `POST /claims` validation as it is; an analyst should check it before submitting it' });

export const ExtractionSchema = z
  .object({
    language: z.enum(EXTRACT_LANGUAGES).describe('The language the text was read in (given, or detected)'),
    incident: IncidentSchema.describe('The incident every draft is filed under: what was given, the gaps filled from the text'),
    claims: z.array(DraftClaimSchema).describe('The drafts, in the order of the article (none when no figure was found)'),
    warnings: z.array(z.string()).describe('What the analyst should know of the whole extraction (no country found in the text, a draft left out)'),
  })
  .openapi('Extraction', { example: EXTRACTION_EXAMPLE, description: 'Draft claims read from an article; nothing is stored' });

// The answers' types, derived from the schemas above: what the CLI client and other TypeScript
// clients receive.
export type ApiErrorAnswer = z.output<typeof ErrorSchema>;
export type SubmitResult = z.output<typeof SubmitResultSchema>;
export type ClaimStatus = z.output<typeof ClaimStatusSchema>;
export type ProblemClaimList = z.output<typeof ProblemClaimsSchema>;
export type ReportAnswer = z.output<typeof ReportSchema>;
export type IncidentList = z.output<typeof IncidentListSchema>;
export type IncidentDetail = z.output<typeof IncidentDetailSchema>;
export type ReportVersionList = z.output<typeof ReportVersionsSchema>;
export type AuditEvent = z.output<typeof AuditEventSchema>;
export type AuditList = z.output<typeof AuditListSchema>;
export type CurationAnswer = z.output<typeof CurationResultSchema>;
export type IncidentClaims = z.output<typeof IncidentClaimsSchema>;
export type ActorList = z.output<typeof ActorListSchema>;
export type ActorEntry = ActorList['actors'][number];
export type Health = z.output<typeof HealthSchema>;
/** The fields an edit sets (a value) or gives back to the claims (null); `note` travels apart. */
export type IncidentEdit = Omit<z.input<typeof EditBodySchema>, 'note'>;
export type SplitRequest = z.input<typeof SplitBodySchema>;
/** What `POST /extract` takes, as a client writes it. */
export type ExtractBody = z.input<typeof ExtractBodySchema>;
export type ExtractionAnswer = z.output<typeof ExtractionSchema>;
export type DraftClaimAnswer = ExtractionAnswer['claims'][number];
export type EvidenceAnswer = DraftClaimAnswer['evidence'][number];
