import { sql } from 'drizzle-orm';
import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL mirror of schema.ts: the same tables, columns, indexes and keys, so that one text of
 * hand-written SQL runs unchanged on both engines. Hence the SQL types match SQLite's, not PostgreSQL's
 * idioms: the flags SQLite keeps as `integer` 0/1 (drizzle's boolean mode) are plain `integer` 0/1
 * here too, not `boolean` (queries say `anchor = 1`, and the partial indexes too), so they read as
 * numbers; JSON stays text (`text`, not `jsonb`), read and written as JSON text; `real` is
 * `double precision`. Documentation of the tables and columns: schema.ts. Generate migrations with
 * `npm run db:generate:postgres` (into migrations/postgres).
 */
export const incidents = pgTable(
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
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    firstDay: integer('first_day').notNull(),
    lastDay: integer('last_day').notNull(),
    searchText: text('search_text').notNull().default(''),
    /** 0 or 1. */
    needsReview: integer('needs_review').notNull().default(0),
    /** JSON text: string[]. */
    candidates: text('candidates').notNull().default('[]'),
    /** 0 or 1. */
    anchor: integer('anchor').notNull().default(0),
    matchCountry: text('match_country'),
    matchPlaceId: text('match_place_id'),
    matchFirst: integer('match_first'),
    matchLast: integer('match_last'),
    derivation: text('derivation').notNull().default('{}'),
    overrides: text('overrides').notNull().default('{}'),
    reviewDecision: text('review_decision'),
    mergedInto: text('merged_into'),
    retiredBy: text('retired_by', { enum: ['auto', 'curation'] }),
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
    index('incidents_anchor_match_idx').on(t.matchCountry, t.matchPlaceId, t.matchLast).where(sql`anchor = 1`),
    index('incidents_merged_idx').on(t.mergedInto).where(sql`merged_into IS NOT NULL`),
  ],
);

export const claims = pgTable(
  'claims',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').references(() => incidents.id),
    status: text('status', { enum: ['stored', 'retracted'] }).notNull(),
    body: text('body').notNull(),
    resolved: text('resolved').notNull(),
    claimantId: text('claimant_id').notNull(),
    statedAt: text('stated_at').notNull(),
    statedInstant: text('stated_instant').notNull(),
    receivedAt: text('received_at').notNull(),
    storedAt: text('stored_at').notNull(),
    retractedAt: text('retracted_at'),
    retractedBy: text('retracted_by'),
    facts: text('facts'),
    country: text('country'),
    placeId: text('place_id'),
    firstDay: integer('first_day'),
    lastDay: integer('last_day'),
    signature: text('signature'),
    pinnedTo: text('pinned_to'),
    /** 0 or 1. */
    pool: integer('pool').notNull().default(0),
  },
  (t) => [
    // An incident's stored claims (reconcile); and the counts of stored claims, from the index alone.
    index('claims_incident_idx').on(t.incidentId, t.status),
    index('claims_incident_stated_idx').on(t.incidentId, t.statedInstant, t.id),
    index('claims_pool_match_idx').on(t.country, t.placeId, t.lastDay).where(sql`pool = 1`),
    index('claims_pinned_signature_idx').on(t.signature).where(sql`pinned_to IS NOT NULL`),
  ],
);

export const keyRoutes = pgTable('key_routes', {
  key: text('key').primaryKey(),
  incidentId: text('incident_id').notNull(),
});

export const auditEvents = pgTable(
  'audit_events',
  {
    /** SQLite's INTEGER PRIMARY KEY AUTOINCREMENT: numbered by the database (INSERT … RETURNING seq). */
    seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    /** JSON text: string[]. */
    incidentIds: text('incident_ids').notNull(),
    /** JSON text: string[]. */
    claimIds: text('claim_ids').notNull(),
    note: text('note'),
    /** JSON text. */
    before: text('before').notNull(),
    /** JSON text. */
    after: text('after').notNull(),
    /** JSON text (CurationEffects). */
    effects: text('effects').notNull(),
  },
  (t) => [uniqueIndex('audit_events_id_unique').on(t.id), index('audit_events_at_idx').on(t.at)],
);

export const auditIncidents = pgTable(
  'audit_incidents',
  {
    incidentId: text('incident_id').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.seq] })],
);

export const figures = pgTable(
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
    /** JSON text. */
    count: text('count').notNull(),
    // Counts can pass 2^31 (SQLite's integers are 64-bit): bigint, read back as numbers.
    low: bigint('low', { mode: 'number' }),
    high: bigint('high', { mode: 'number' }),
    /** 0 or 1. */
    quantified: integer('quantified').notNull(),
    perspective: text('perspective').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.ordinal] }),
  ],
);

export const rejections = pgTable(
  'rejections',
  {
    id: text('id').primaryKey(),
    body: text('body').notNull(),
    /** JSON text: { path: string; message: string }[]. */
    errors: text('errors').notNull(),
    stage: text('stage', { enum: ['api', 'worker'] }).notNull(),
    attempts: integer('attempts').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('rejections_created_idx').on(t.createdAt)],
);

export const claimFailures = pgTable(
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

export const reports = pgTable(
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
    summary: text('summary').notNull(),
    killedLow: bigint('killed_low', { mode: 'number' }),
    killedHigh: bigint('killed_high', { mode: 'number' }),
    /** 0 or 1. */
    killedHighOpen: integer('killed_high_open').notNull().default(0),
    claimantCount: integer('claimant_count').notNull().default(0),
    generatedAt: text('generated_at').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] })],
);
