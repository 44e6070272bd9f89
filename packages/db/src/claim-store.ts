import {
  dayRange,
  fold,
  instantKey,
  intervalOf,
  sha256Hex,
  spanOf,
  summarize,
  type Claim,
  type ClaimStatusView,
  type FieldError,
  type IncidentFilter,
  type IncidentIdentity,
  type IncidentListItem,
  type ReportVersionInfo,
  type Place,
  type ProblemClaim,
  type ReportContent,
  type ResolvedClaim,
} from '@recon/domain';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DatabaseHandle, Db } from './database.js';
import { claimFailures, claims, incidents, rejections, reports } from './schema.js';

/** Days either side within which a keyless claim's dates must overlap an incident's (CONTRACT.md 3). */
export const MATCH_TOLERANCE_DAYS = 2;

export interface StoreClaimInput {
  id: string;
  /** The submitted JSON, verbatim. */
  body: string;
  claim: Claim;
  resolved: ResolvedClaim;
  /** The canonical place of `claim.incident.location`, if it has one. */
  place: Place | null;
  receivedAt: string;
  now: string;
}

export type StoreResult =
  | { status: 'stored'; incidentId: string; createdIncident: boolean }
  | { status: 'duplicate'; incidentId: string };

export type ClaimStatus = ClaimStatusView & { status: Exclude<ClaimStatusView['status'], 'queued'> };


export type IncidentRow = typeof incidents.$inferSelect;
export type { IncidentFilter, IncidentListItem, ReportVersionInfo };



export interface IncidentProgress {
  claimSeq: number;
  reportedSeq: number;
  latestVersion: number;
  /** When a claim of the incident was last stored or retracted (ISO 8601). */
  updatedAt: string;
}

export interface ReportWrite {
  version: number;
  written: boolean;
}

interface SerializedContent {
  hash: string;
  /** The report's JSON text for a version: the content's text with version and time spliced in. */
  reportBody(version: number, generatedAt: string): string;
}

/**
 * Serialises report content once. The content is built in a fixed key order, so its JSON text is
 * canonical and its digest tells whether two contents are the same; the stored report is the same
 * text with `version` and `generatedAt` after `incident`, exactly as JSON.stringify(toReport(…)).
 */
function serializeContent(content: ReportContent): SerializedContent {
  const text = JSON.stringify(content);
  const head = `{"incident":${JSON.stringify(content.incident)}`;
  if (!text.startsWith(head)) throw new Error('report content must begin with its incident');
  return {
    hash: sha256Hex(text),
    reportBody: (version, generatedAt) => `${head},"version":${version},"generatedAt":${JSON.stringify(generatedAt)}${text.slice(head.length)}`,
  };
}

export interface ReconcileSnapshot {
  identity: IncidentIdentity;
  claims: ResolvedClaim[];
  seq: number;
}

/** The incidents columns under IncidentRow's names, for the hot statements that skip drizzle's mapping. */
const INCIDENT_COLUMNS = `id, key, country, place_id AS placeId, place_name AS placeName, location, admin1, title, lat, lon,
  start_date AS startDate, end_date AS endDate, first_day AS firstDay, last_day AS lastDay, search_text AS searchText,
  needs_review AS needsReview, candidates, claim_seq AS claimSeq, reported_seq AS reportedSeq,
  latest_version AS latestVersion, created_at AS createdAt, updated_at AS updatedAt`;
type RawIncident = Omit<IncidentRow, 'needsReview' | 'candidates'> & { needsReview: number; candidates: string };
const incidentRowOf = (raw: RawIncident): IncidentRow => ({
  ...raw,
  needsReview: raw.needsReview !== 0,
  candidates: JSON.parse(raw.candidates) as string[],
});

/** How often a store asks SQLite whether another connection committed (see latestReportVersion). */
const LATEST_VERSION_CHECK_MS = 20;

const incidentIdFor = (seed: string): string => `inc-${sha256Hex(seed).slice(0, 16)}`;

type SearchFields = Pick<IncidentRow, 'key' | 'title' | 'location' | 'placeName' | 'admin1'>;
/** What `q` matches: key, title and place names, folded. */
const searchTextOf = (r: SearchFields): string =>
  [r.key, r.title, r.location, r.placeName, r.admin1].filter((v): v is string => v !== null).map(fold).join(' | ');

function identityOf(row: IncidentRow): IncidentIdentity {
  return {
    id: row.id,
    key: row.key,
    country: row.country,
    placeId: row.placeId,
    placeName: row.placeName,
    startDate: row.startDate,
    needsReview: row.needsReview,
    candidates: row.candidates,
  };
}

/**
 * All reads and writes of claims, incidents, rejections and reports. Each write is one SQLite
 * transaction; writes take the write lock up front (BEGIN IMMEDIATE) so that several processes
 * sharing the file queue for it instead of failing half-way.
 */
export class ClaimStore {
  private readonly db: Db;
  /** The statements every stored claim runs, prepared once. */
  private readonly q;

  constructor(readonly handle: DatabaseHandle) {
    this.db = handle.db;
    const match = `country = @country AND place_id = @placeId AND first_day <= @last AND last_day >= @first`;
    this.q = {
      claimIncident: handle.sqlite.prepare('SELECT incident_id FROM claims WHERE id = ?').pluck(),
      incidentById: handle.sqlite.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`),
      incidentByKey: handle.sqlite.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE key = ?`),
      matchAny: handle.sqlite.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE ${match} ORDER BY id`),
      matchKeyless: handle.sqlite.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE ${match} AND key IS NULL ORDER BY id`),
      insertClaim: handle.sqlite.prepare(
        `INSERT INTO claims (id, incident_id, status, body, resolved, claimant_id, stated_at, stated_instant, received_at, stored_at)
         VALUES (?, ?, 'stored', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFigure: handle.sqlite.prepare(
        `INSERT INTO figures (claim_id, ordinal, incident_id, party_id, party_as_reported, outcome, count, low, high, quantified, perspective)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      bumpSeq: handle.sqlite.prepare('UPDATE incidents SET claim_seq = claim_seq + 1, updated_at = ? WHERE id = ?'),
      incidentSeq: handle.sqlite.prepare('SELECT reported_seq AS reportedSeq, latest_version AS latestVersion FROM incidents WHERE id = ?'),
      reportHash: handle.sqlite.prepare('SELECT content_hash AS hash FROM reports WHERE incident_id = ? AND version = ?'),
      markReported: handle.sqlite.prepare('UPDATE incidents SET reported_seq = ? WHERE id = ?'),
      progress: handle.sqlite.prepare(
        'SELECT claim_seq AS claimSeq, reported_seq AS reportedSeq, latest_version AS latestVersion, updated_at AS updatedAt FROM incidents WHERE id = ?',
      ),
      insertReport: handle.sqlite.prepare(
        `INSERT INTO reports (incident_id, version, content_hash, claim_seq, claim_count, disputed_cells, summary, generated_at, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      markVersion: handle.sqlite.prepare('UPDATE incidents SET reported_seq = ?, latest_version = ? WHERE id = ?'),
      storedResolved: handle.sqlite.prepare("SELECT resolved FROM claims WHERE incident_id = ? AND status = 'stored'").pluck(),
      // A report read is one indexed lookup; the body comes back as UTF-8 bytes, ready to send.
      latestReportBytes: handle.sqlite.prepare(
        `SELECT i.id AS incidentId, r.version AS version, CAST(r.body AS BLOB) AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = i.latest_version
          WHERE i.id = @id OR i.key = @id
          ORDER BY i.id = @id DESC LIMIT 1`,
      ),
      dataVersion: handle.sqlite.prepare('PRAGMA data_version').pluck(),
      latestVersionOf: handle.sqlite.prepare(
        `SELECT id AS incidentId, latest_version AS version FROM incidents
          WHERE (id = @id OR key = @id) AND latest_version > 0 ORDER BY id = @id DESC LIMIT 1`,
      ),
      versionReportBytes: handle.sqlite.prepare(
        `SELECT i.id AS incidentId, r.version AS version, CAST(r.body AS BLOB) AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = @version
          WHERE i.id = @id OR i.key = @id
          ORDER BY i.id = @id DESC LIMIT 1`,
      ),
    };
  }

  /**
   * Stores a valid claim: resolves its incident (by key, else by place and dates), inserts the claim
   * and its figures and marks the incident changed, all in one transaction. A claim already stored
   * is a no-op.
   */
  storeClaim(input: StoreClaimInput): StoreResult {
    return this.storeClaims([input])[0]!;
  }

  /**
   * Stores a batch of valid claims in ONE transaction (one write lock, one fsync), in order: a claim
   * sees the incidents the claims before it created. All or nothing: if one insert fails, none is kept.
   */
  storeClaims(inputs: readonly StoreClaimInput[]): StoreResult[] {
    return this.db.transaction((tx) => inputs.map((input) => this.storeOne(tx, input)), { behavior: 'immediate' });
  }

  private storeOne(tx: Db, input: StoreClaimInput): StoreResult {
    const existing = this.q.claimIncident.get(input.id) as string | undefined;
    if (existing !== undefined) return { status: 'duplicate' as const, incidentId: existing };

    const { incident: found, created } = this.resolveIncident(tx, input);
    this.q.insertClaim.run(
      input.id,
      found.id,
      input.body,
      JSON.stringify(input.resolved),
      input.resolved.claimant.id,
      input.claim.statedAt,
      instantKey(input.claim.statedAt),
      input.receivedAt,
      input.now,
    );
    input.resolved.figures.forEach((f, ordinal) => {
      const i = intervalOf(f.count);
      this.q.insertFigure.run(
        input.id,
        ordinal,
        found.id,
        f.party.id,
        f.partyAsReported,
        f.outcome,
        JSON.stringify(f.count),
        i.low,
        i.high,
        i.quantified ? 1 : 0,
        f.perspective,
      );
    });
    this.q.bumpSeq.run(input.now, found.id);
    return { status: 'stored' as const, incidentId: found.id, createdIncident: created };
  }

  /** Finds or creates the incident a claim belongs to, and fills its gaps from the claim. */
  private resolveIncident(tx: Db, input: StoreClaimInput): { incident: IncidentRow; created: boolean } {
    const inc = input.claim.incident;
    const span = spanOf(inc.startDate, inc.endDate);
    const matches = (keyless: boolean): IncidentRow[] => {
      if (!input.place) return [];
      const params = { country: inc.country, placeId: input.place.id, first: span.first - MATCH_TOLERANCE_DAYS, last: span.last + MATCH_TOLERANCE_DAYS };
      return ((keyless ? this.q.matchKeyless : this.q.matchAny).all(params) as RawIncident[]).map(incidentRowOf);
    };

    let row: IncidentRow | undefined;
    let candidates: string[] = [];
    let seed: string;
    if (inc.key !== undefined) {
      const raw = this.q.incidentByKey.get(inc.key) as RawIncident | undefined;
      row = raw && incidentRowOf(raw);
      if (!row) {
        // A keyless incident already opened by claims about the same event takes the key.
        const open = matches(true);
        if (open.length === 1) {
          row = { ...open[0]!, key: inc.key };
          tx.update(incidents).set({ key: inc.key, searchText: searchTextOf(row) }).where(eq(incidents.id, row.id)).run();
        }
      }
      seed = `key:${inc.key}`;
    } else {
      const found = matches(false);
      if (found.length === 1) row = found[0];
      else if (found.length > 1) candidates = found.map((r) => r.id);
      seed = `claim:${input.id}`;
    }

    if (row) {
      this.fillGaps(tx, row, input);
      return { incident: row, created: false };
    }
    const created: typeof incidents.$inferInsert = {
      id: incidentIdFor(seed),
      key: inc.key ?? null,
      country: inc.country,
      placeId: input.place?.id ?? null,
      placeName: input.place?.name ?? null,
      location: inc.location ?? null,
      admin1: inc.admin1 ?? input.place?.admin1 ?? null,
      title: inc.title ?? null,
      lat: inc.lat ?? null,
      lon: inc.lon ?? null,
      startDate: inc.startDate,
      endDate: inc.endDate ?? null,
      firstDay: span.first,
      lastDay: span.last,
      needsReview: candidates.length > 0,
      candidates,
      searchText: '',
      createdAt: input.now,
      updatedAt: input.now,
    };
    created.searchText = searchTextOf({
      key: created.key ?? null,
      title: created.title ?? null,
      location: created.location ?? null,
      placeName: created.placeName ?? null,
      admin1: created.admin1 ?? null,
    });
    const inserted = tx.insert(incidents).values(created).returning().get();
    return { incident: inserted, created: true };
  }

  /** Incident details from later claims fill gaps, never overwrite (CONTRACT.md section 3). */
  private fillGaps(tx: Db, row: IncidentRow, input: StoreClaimInput): void {
    const inc = input.claim.incident;
    const patch: Partial<typeof incidents.$inferInsert> = {};
    if (row.location === null && inc.location !== undefined) patch.location = inc.location;
    if (row.placeId === null && input.place) {
      patch.placeId = input.place.id;
      patch.placeName = input.place.name;
    }
    if (row.admin1 === null && (inc.admin1 ?? input.place?.admin1)) patch.admin1 = inc.admin1 ?? input.place?.admin1 ?? null;
    if (row.title === null && inc.title !== undefined) patch.title = inc.title;
    if (row.lat === null && inc.lat !== undefined) patch.lat = inc.lat;
    if (row.lon === null && inc.lon !== undefined) patch.lon = inc.lon;
    if (row.endDate === null && inc.endDate !== undefined) {
      patch.endDate = inc.endDate;
      patch.lastDay = Math.max(row.lastDay, dayRange(inc.endDate).last);
    }
    if (Object.keys(patch).length > 0) {
      patch.searchText = searchTextOf({ ...row, ...patch } as SearchFields);
      tx.update(incidents).set(patch).where(eq(incidents.id, row.id)).run();
    }
  }

  /** Records a submission that is not a valid claim. Recording it again counts another attempt. */
  recordRejection(input: { id: string; body: string; errors: FieldError[]; stage: 'api' | 'worker'; now: string }): void {
    this.db
      .insert(rejections)
      .values({ ...input, attempts: 1, createdAt: input.now, updatedAt: input.now })
      .onConflictDoUpdate({
        target: rejections.id,
        set: { attempts: sql`${rejections.attempts} + 1`, updatedAt: input.now, errors: input.errors, stage: input.stage },
      })
      .run();
  }

  /** Records several rejected submissions in one transaction. */
  recordRejections(list: readonly { id: string; body: string; errors: FieldError[]; stage: 'api' | 'worker'; now: string }[]): void {
    this.db.transaction(() => {
      for (const r of list) this.recordRejection(r);
    }, { behavior: 'immediate' });
  }

  /** What the store knows of a claim by its id: stored or retracted, rejected, or failed for good. */
  claimStatus(id: string): ClaimStatus | null {
    const c = this.db
      .select({ status: claims.status, incidentId: claims.incidentId, retractedAt: claims.retractedAt, retractedBy: claims.retractedBy })
      .from(claims)
      .where(eq(claims.id, id))
      .get();
    if (c) {
      const retraction = c.status === 'retracted' ? { retractedAt: c.retractedAt, retractedBy: c.retractedBy } : {};
      return { id, status: c.status, incidentId: c.incidentId, errors: [], ...retraction };
    }
    const r = this.db.select({ errors: rejections.errors, attempts: rejections.attempts }).from(rejections).where(eq(rejections.id, id)).get();
    if (r) return { id, status: 'rejected', incidentId: null, errors: r.errors, attempts: r.attempts };
    const f = this.failure(id);
    if (f?.status === 'failed') {
      return { id, status: 'failed', incidentId: null, errors: [{ path: '(ingest)', message: f.error }], attempts: f.attempts };
    }
    return null;
  }

  /**
   * Records that a valid claim's ingest failed for good. A claim that fails again after being
   * requeued adds its attempts to the earlier ones.
   */
  recordFailure(input: { id: string; body: string; error: string; attempts: number; now: string }): void {
    this.db
      .insert(claimFailures)
      .values({ ...input, status: 'failed', firstFailedAt: input.now, lastFailedAt: input.now })
      .onConflictDoUpdate({
        target: claimFailures.id,
        set: {
          status: 'failed',
          error: input.error,
          attempts: sql`${claimFailures.attempts} + ${input.attempts}`,
          lastFailedAt: input.now,
        },
      })
      .run();
  }

  failure(id: string): typeof claimFailures.$inferSelect | null {
    return this.db.select().from(claimFailures).where(eq(claimFailures.id, id)).get() ?? null;
  }

  /** Marks the claims among these that had failed for good as queued again (one read when none had). */
  markRequeued(ids: readonly string[]): void {
    const failed: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const r of this.db
        .select({ id: claimFailures.id })
        .from(claimFailures)
        .where(and(inArray(claimFailures.id, chunk), eq(claimFailures.status, 'failed')))
        .all()) {
        failed.push(r.id);
      }
    }
    if (failed.length === 0) return;
    this.db.transaction(() => {
      for (const id of failed) {
        this.db
          .update(claimFailures)
          .set({ status: 'requeued', requeues: sql`${claimFailures.requeues} + 1` })
          .where(eq(claimFailures.id, id))
          .run();
      }
    }, { behavior: 'immediate' });
  }

  /** Rejected (invalid) or failed claims, most recent first. */
  problemClaims(status: 'rejected' | 'failed', limit = 100, offset = 0): ProblemClaim[] {
    const lim = Math.min(Math.max(limit, 1), 1000);
    const off = Math.max(offset, 0);
    if (status === 'rejected') {
      return this.db
        .select()
        .from(rejections)
        .orderBy(desc(rejections.updatedAt), asc(rejections.id))
        .limit(lim)
        .offset(off)
        .all()
        .map((r) => ({ id: r.id, status, errors: r.errors, attempts: r.attempts, stage: r.stage, firstAt: r.createdAt, lastAt: r.updatedAt }));
    }
    return this.db
      .select()
      .from(claimFailures)
      .where(and(eq(claimFailures.status, 'failed'), sql`${claimFailures.id} NOT IN (SELECT id FROM claims)`))
      .orderBy(desc(claimFailures.lastFailedAt), asc(claimFailures.id))
      .limit(lim)
      .offset(off)
      .all()
      .map((f) => ({
        id: f.id,
        status,
        errors: [{ path: '(ingest)', message: f.error }],
        attempts: f.attempts,
        stage: null,
        firstAt: f.firstFailedAt,
        lastAt: f.lastFailedAt,
      }));
  }

  /** Which of these claim ids are stored already (retracted included). */
  storedIds(ids: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const r of this.db.select({ id: claims.id }).from(claims).where(inArray(claims.id, chunk)).all()) out.add(r.id);
    }
    return out;
  }

  /** An incident by id or by key. */
  findIncident(idOrKey: string): IncidentRow | null {
    return (
      this.db
        .select()
        .from(incidents)
        .where(or(eq(incidents.id, idOrKey), eq(incidents.key, idOrKey)))
        .orderBy(sql`${incidents.id} = ${idOrKey} DESC`)
        .get() ?? null
    );
  }

  /** An incident's current claims and change counter, read as one consistent snapshot. */
  /**
   * Where an incident's report stands against its claims, in one indexed lookup: the change count of
   * its claims, the change its latest report reflects, and when its last claim change was stored.
   */
  incidentProgress(incidentId: string): IncidentProgress | null {
    return (this.q.progress.get(incidentId) as IncidentProgress | undefined) ?? null;
  }

  reconcileSnapshot(incidentId: string): ReconcileSnapshot | null {
    return this.db.transaction((tx) => {
      const raw = this.q.incidentById.get(incidentId) as RawIncident | undefined;
      if (!raw) return null;
      const row = incidentRowOf(raw);
      const stored = this.q.storedResolved.all(incidentId) as string[];
      return { identity: identityOf(row), claims: stored.map((c) => JSON.parse(c) as ResolvedClaim), seq: row.claimSeq };
    });
  }

  /**
   * Writes a new report version when the content differs from the latest one. A snapshot older than
   * what the latest report already reflects is dropped, so a slow reconcile never rolls a report back.
   */
  writeReport(incidentId: string, content: ReportContent, seq: number, now: string): ReportWrite {
    return this.writeReports([{ incidentId, content, seq }], now)[0]!;
  }

  /**
   * `writeReport` for several incidents in one transaction (one write lock, one fsync). The reports
   * are serialised before the lock is taken.
   */
  writeReports(items: readonly { incidentId: string; content: ReportContent; seq: number }[], now: string): ReportWrite[] {
    const ready = items.map((item) => ({ ...item, ...serializeContent(item.content) }));
    const written = this.db.transaction(() => ready.map((r) => this.writeOneReport(r, now)), { behavior: 'immediate' });
    this.latestVersions.clear();
    return written;
  }

  private writeOneReport(
    r: { incidentId: string; content: ReportContent; seq: number } & SerializedContent,
    now: string,
  ): ReportWrite {
    const row = this.q.incidentSeq.get(r.incidentId) as { reportedSeq: number; latestVersion: number } | undefined;
    if (!row) throw new Error(`incident ${r.incidentId} does not exist`);
    if (row.latestVersion > 0 && r.seq <= row.reportedSeq) return { version: row.latestVersion, written: false };
    if (row.latestVersion > 0) {
      const latest = this.q.reportHash.get(r.incidentId, row.latestVersion) as { hash: string } | undefined;
      if (latest?.hash === r.hash) {
        this.q.markReported.run(r.seq, r.incidentId);
        return { version: row.latestVersion, written: false };
      }
    }
    const version = row.latestVersion + 1;
    this.q.insertReport.run(
      r.incidentId,
      version,
      r.hash,
      r.seq,
      r.content.claimCount,
      r.content.cells.filter((c) => c.agreement === 'disputed').length,
      summarize(r.content),
      now,
      r.reportBody(version, now),
    );
    this.q.markVersion.run(r.seq, version, r.incidentId);
    return { version, written: true };
  }

  /**
   * A report's JSON as UTF-8 bytes (the latest version, or `version`), for an incident id or key, in
   * one indexed lookup. Null when there is no such incident or no such report.
   */
  reportBytes(idOrKey: string, version?: number): { incidentId: string; version: number; body: Buffer } | null {
    const row =
      version === undefined ? this.q.latestReportBytes.get({ id: idOrKey }) : this.q.versionReportBytes.get({ id: idOrKey, version });
    return (row as { incidentId: string; version: number; body: Buffer } | undefined) ?? null;
  }

  /** The incident (by id or key) and its latest report version, without reading the report. */
  latestReportVersion(idOrKey: string): { incidentId: string; version: number } | null {
    this.revalidateLatestVersions();
    const hit = this.latestVersions.get(idOrKey);
    if (hit) return hit;
    const found = (this.q.latestVersionOf.get({ id: idOrKey }) as { incidentId: string; version: number } | undefined) ?? null;
    if (found) {
      if (this.latestVersions.size >= 100_000) this.latestVersions.clear();
      this.latestVersions.set(idOrKey, found);
    }
    return found;
  }

  /**
   * The latest report version per incident, as read, so that a report read costs no SQL. Cleared
   * when this connection writes a report, and when another connection (another process) has
   * committed anything: SQLite's data_version says so, and it is asked at most every
   * LATEST_VERSION_CHECK_MS, which is then the most a read can lag a report another process wrote.
   */
  private readonly latestVersions = new Map<string, { incidentId: string; version: number }>();
  private dataVersion = -1;
  private dataVersionCheckedAt = 0;

  private revalidateLatestVersions(): void {
    const now = Date.now();
    if (now - this.dataVersionCheckedAt < LATEST_VERSION_CHECK_MS) return;
    this.dataVersionCheckedAt = now;
    const v = this.q.dataVersion.get() as number;
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.latestVersions.clear();
    }
  }

  /** The report JSON text of a version (latest when `version` is omitted). */
  reportJson(incidentIdOrKey: string, version?: number): string | null {
    return this.reportBytes(incidentIdOrKey, version)?.body.toString('utf8') ?? null;
  }

  /** Every version of an incident's report, oldest first; or only `version` when given. */
  reportVersions(incidentId: string, version?: number): ReportVersionInfo[] {
    return this.db
      .select({
        version: reports.version,
        generatedAt: reports.generatedAt,
        claimCount: reports.claimCount,
        disputedCells: reports.disputedCells,
        summary: reports.summary,
      })
      .from(reports)
      .where(and(eq(reports.incidentId, incidentId), version === undefined ? undefined : eq(reports.version, version)))
      .orderBy(asc(reports.version))
      .all();
  }


  listIncidents(filter: IncidentFilter = {}): IncidentListItem[] {
    const conds: SQL[] = [];
    if (filter.country) conds.push(eq(incidents.country, filter.country));
    if (filter.from) conds.push(gte(incidents.lastDay, dayRange(filter.from).first));
    if (filter.to) conds.push(lte(incidents.firstDay, dayRange(filter.to).last));
    if (filter.q !== undefined && fold(filter.q) === '') {
      // Nothing but punctuation and spaces: folded names hold none of it, so nothing matches.
      conds.push(sql`0`);
    } else if (filter.q) {
      const like = `%${fold(filter.q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`${incidents.searchText} LIKE ${like} ESCAPE '\\'`);
    }
    if (filter.disputed !== undefined) {
      conds.push(filter.disputed ? gt(reports.disputedCells, 0) : sql`coalesce(${reports.disputedCells}, 0) = 0`);
    }
    const rows = this.db
      .select({
        id: incidents.id,
        key: incidents.key,
        country: incidents.country,
        location: sql<string | null>`coalesce(${incidents.placeName}, ${incidents.location})`,
        title: incidents.title,
        startDate: incidents.startDate,
        endDate: incidents.endDate,
        needsReview: incidents.needsReview,
        claimCount: sql<number>`coalesce(${reports.claimCount}, 0)`,
        disputedCells: sql<number>`coalesce(${reports.disputedCells}, 0)`,
        reportVersion: incidents.latestVersion,
        summary: sql<string>`coalesce(${reports.summary}, 'no report yet')`,
      })
      .from(incidents)
      .leftJoin(reports, and(eq(reports.incidentId, incidents.id), eq(reports.version, incidents.latestVersion)))
      .where(conds.length > 0 ? and(...conds) : undefined)
      .orderBy(desc(incidents.startDate), asc(incidents.id))
      .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
      .offset(Math.max(filter.offset ?? 0, 0))
      .all();
    return rows.map((r) => ({ ...r, needsReview: Boolean(r.needsReview) }));
  }

  /**
   * Marks a stored claim retracted (who and when); its incident is marked changed so the report is
   * rebuilt. Returns null for an unknown claim.
   */
  retractClaim(id: string, by: string, now: string): { incidentId: string; alreadyRetracted: boolean } | null {
    return this.db.transaction(
      (tx) => {
        const c = tx.select({ incidentId: claims.incidentId, status: claims.status }).from(claims).where(eq(claims.id, id)).get();
        if (!c) return null;
        if (c.status === 'retracted') return { incidentId: c.incidentId, alreadyRetracted: true };
        tx.update(claims).set({ status: 'retracted', retractedAt: now, retractedBy: by }).where(eq(claims.id, id)).run();
        tx.update(incidents)
          .set({ claimSeq: sql`${incidents.claimSeq} + 1`, updatedAt: now })
          .where(eq(incidents.id, c.incidentId))
          .run();
        return { incidentId: c.incidentId, alreadyRetracted: false };
      },
      { behavior: 'immediate' },
    );
  }

  /**
   * Incidents whose latest report does not reflect their latest claim change; with `changedBefore`
   * (ISO 8601), only those whose claims last changed before then.
   */
  dirtyIncidents(limit = 10_000, changedBefore?: string): string[] {
    const dirty = gt(incidents.claimSeq, incidents.reportedSeq);
    return this.db
      .select({ id: incidents.id })
      .from(incidents)
      .where(changedBefore === undefined ? dirty : and(dirty, lt(incidents.updatedAt, changedBefore)))
      .limit(limit)
      .all()
      .map((r) => r.id);
  }

  /** Counts for health and metrics. */
  counts(): { incidents: number; claims: number; rejections: number; reports: number; dirty: number } {
    const one = (q: string): number => (this.handle.sqlite.prepare(q).get() as { n: number }).n;
    return {
      incidents: one('SELECT count(*) AS n FROM incidents'),
      claims: one("SELECT count(*) AS n FROM claims WHERE status = 'stored'"),
      rejections: one('SELECT count(*) AS n FROM rejections'),
      reports: one('SELECT count(*) AS n FROM reports'),
      dirty: one('SELECT count(*) AS n FROM incidents WHERE claim_seq > reported_seq'),
    };
  }
}
