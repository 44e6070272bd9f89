import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Incidents. Matching fields (country, place, day span) are set when the incident is created and
 * gaps are filled by later claims, never overwritten. `claimSeq` counts changes to its claims;
 * `reportedSeq` is the change its latest report reflects, so `claimSeq > reportedSeq` = dirty.
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    key: text('key'),
    country: text('country').notNull(),
    placeId: text('place_id'),
    placeName: text('place_name'),
    location: text('location'),
    admin1: text('admin1'),
    title: text('title'),
    lat: real('lat'),
    lon: real('lon'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    firstDay: integer('first_day').notNull(),
    lastDay: integer('last_day').notNull(),
    /** Folded (case-, accent-insensitive) key, title and place names, for `q` searches. */
    searchText: text('search_text').notNull().default(''),
    needsReview: integer('needs_review', { mode: 'boolean' }).notNull().default(false),
    candidates: text('candidates', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    claimSeq: integer('claim_seq').notNull().default(0),
    reportedSeq: integer('reported_seq').notNull().default(0),
    latestVersion: integer('latest_version').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('incidents_key_unique').on(t.key),
    index('incidents_match_idx').on(t.country, t.placeId, t.firstDay),
    index('incidents_start_idx').on(t.startDate),
    index('incidents_dirty_idx').on(t.claimSeq, t.reportedSeq),
  ],
);

/**
 * Stored claims: the submitted JSON kept verbatim (`body`) beside the canonical fields. The primary
 * key is the claim id (digest of the canonical JSON), so a claim is stored at most once.
 */
export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    status: text('status', { enum: ['stored', 'retracted'] }).notNull(),
    body: text('body').notNull(),
    /** The claim with actors canonicalised and perspectives decided (ResolvedClaim as JSON). */
    resolved: text('resolved').notNull(),
    claimantId: text('claimant_id').notNull(),
    statedAt: text('stated_at').notNull(),
    statedInstant: text('stated_instant').notNull(),
    receivedAt: text('received_at').notNull(),
    storedAt: text('stored_at').notNull(),
    retractedAt: text('retracted_at'),
    retractedBy: text('retracted_by'),
  },
  (t) => [index('claims_incident_idx').on(t.incidentId, t.status), index('claims_claimant_idx').on(t.claimantId)],
);

/** One row per figure of a stored claim, for queries across incidents. */
export const figures = sqliteTable(
  'figures',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    ordinal: integer('ordinal').notNull(),
    incidentId: text('incident_id').notNull(),
    partyId: text('party_id').notNull(),
    partyAsReported: text('party_as_reported').notNull(),
    outcome: text('outcome').notNull(),
    count: text('count', { mode: 'json' }).notNull(),
    low: integer('low'),
    high: integer('high'),
    quantified: integer('quantified', { mode: 'boolean' }).notNull(),
    perspective: text('perspective').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.ordinal] }),
    index('figures_cell_idx').on(t.incidentId, t.partyId, t.outcome),
    index('figures_party_idx').on(t.partyId, t.outcome),
  ],
);

/** Submissions that were not valid claims, with the reasons, by the digest of what was sent. */
export const rejections = sqliteTable(
  'rejections',
  {
    id: text('id').primaryKey(),
    body: text('body').notNull(),
    errors: text('errors', { mode: 'json' }).$type<{ path: string; message: string }[]>().notNull(),
    stage: text('stage', { enum: ['api', 'worker'] }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('rejections_created_idx').on(t.createdAt)],
);

/**
 * Valid claims whose ingest failed for good (retries exhausted: a broken disk, a bug), with the last
 * error and the attempts made. Such a claim can be queued again (`status` becomes `requeued`).
 */
export const claimFailures = sqliteTable(
  'claim_failures',
  {
    id: text('id').primaryKey(),
    body: text('body').notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    status: text('status', { enum: ['failed', 'requeued'] }).notNull(),
    requeues: integer('requeues').notNull().default(0),
    firstFailedAt: text('first_failed_at').notNull(),
    lastFailedAt: text('last_failed_at').notNull(),
  },
  (t) => [index('claim_failures_status_idx').on(t.status, t.lastFailedAt)],
);

/** Every version of every incident's report, as ready JSON text. */
export const reports = sqliteTable(
  'reports',
  {
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    claimSeq: integer('claim_seq').notNull(),
    claimCount: integer('claim_count').notNull(),
    disputedCells: integer('disputed_cells').notNull(),
    /** One line for incident lists. */
    summary: text('summary').notNull(),
    generatedAt: text('generated_at').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] })],
);
