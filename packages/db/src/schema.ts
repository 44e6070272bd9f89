import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Incidents, as incident resolution (packages/domain, src/incidents) forms them: fields derived from
 * their claims in statedAt-then-id order, or set by hand (`overrides`). An anchor is fixed by a key
 * or by an analyst and matched by its core place and dates (`match*`); the others are formed
 * automatically from keyless claims. An incident merged into another keeps its row with
 * `mergedInto`, so its id keeps answering: `retiredBy` says whether an analyst merged it
 * (`curation`) or new claims regrouped its claims (`auto`). `claimSeq` counts changes to its
 * claims or fields; `reportedSeq` is the change its latest report reflects, so
 * `claimSeq > reportedSeq` = dirty.
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
    anchor: integer('anchor', { mode: 'boolean' }).notNull().default(false),
    matchCountry: text('match_country'),
    matchPlaceId: text('match_place_id'),
    matchFirst: integer('match_first'),
    matchLast: integer('match_last'),
    /** The Derivation (packages/domain) of its claims, so that adding one is a merge. */
    derivation: text('derivation').notNull().default('{}'),
    /** Fields set by hand (IncidentOverrides). */
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

/**
 * Stored claims: the submitted JSON kept verbatim (`body`) beside the canonical fields. The primary
 * key is the claim id (digest of the canonical JSON), so a claim is stored at most once.
 */
export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    /** Null only inside the transaction that stores the claim, until resolution places it. */
    incidentId: text('incident_id').references(() => incidents.id),
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
    /** IncidentFacts (packages/domain) as JSON: what incident resolution reads of the claim. */
    facts: text('facts'),
    country: text('country'),
    placeId: text('place_id'),
    firstDay: integer('first_day'),
    lastDay: integer('last_day'),
    /** IncidentFacts.signature: claims with equal ones describe their incident identically. */
    signature: text('signature'),
    /** The incident an analyst put the claim in. */
    pinnedTo: text('pinned_to'),
    /** A keyless, unpinned claim with a place: matched by place and dates. */
    pool: integer('pool', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // An incident's stored claims (reconcile); and the counts of stored claims, from the index alone.
    index('claims_incident_idx').on(t.incidentId, t.status),
    // Exports read an incident's claims a page at a time, in statedAt order, after the last page's.
    // Every index costs each stored claim a write: none that no query reads.
    index('claims_incident_stated_idx').on(t.incidentId, t.statedInstant, t.id),
    // Keyless matching reads only one place's claims whose last day is near the window (a matched
    // claim spans at most MAX_MATCH_SPAN_DAYS, which bounds last_day from above too).
    index('claims_pool_match_idx').on(t.country, t.placeId, t.lastDay).where(sql`pool = 1`),
    // A keyless claim described exactly like one an analyst put somewhere goes there.
    index('claims_pinned_signature_idx').on(t.signature).where(sql`pinned_to IS NOT NULL`),
  ],
);

/** Keys whose claims go to an incident other than the key's own (set by merges, splits and edits). */
export const keyRoutes = sqliteTable('key_routes', {
  key: text('key').primaryKey(),
  incidentId: text('incident_id').notNull(),
});

/**
 * The audit log: every curation action (and retraction), append-only. `effects` is what the action
 * did to incident resolution (CurationEffects), so that the claims plus this log give the incidents.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    incidentIds: text('incident_ids', { mode: 'json' }).$type<string[]>().notNull(),
    claimIds: text('claim_ids', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    before: text('before', { mode: 'json' }).notNull(),
    after: text('after', { mode: 'json' }).notNull(),
    effects: text('effects', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('audit_events_id_unique').on(t.id), index('audit_events_at_idx').on(t.at)],
);

/** Which incidents each audit event touched, for an incident's history. */
export const auditIncidents = sqliteTable(
  'audit_incidents',
  {
    incidentId: text('incident_id').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.seq] })],
);

/**
 * One row per figure of a stored claim, for queries across incidents. No query reads them yet, so
 * they carry no index beyond their key: one comes with the first query that needs it.
 */
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
    /** The widest range claimed killed (lists show and sort by it); null: none quantified. */
    killedLow: integer('killed_low'),
    killedHigh: integer('killed_high'),
    killedHighOpen: integer('killed_high_open', { mode: 'boolean' }).notNull().default(false),
    /** Distinct claimants of the current claims. */
    claimantCount: integer('claimant_count').notNull().default(0),
    generatedAt: text('generated_at').notNull(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] })],
);
