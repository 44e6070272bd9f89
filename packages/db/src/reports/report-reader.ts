import type { ReportVersionInfo } from '@recon/domain';
import type Database from 'better-sqlite3';

/** How often a store asks SQLite whether another connection committed (see latestReportVersion). */
const LATEST_VERSION_CHECK_MS = 20;

export interface ReportBytes {
  incidentId: string;
  version: number;
  body: Buffer;
}

/**
 * Report reads: one indexed lookup each, of live incidents by id or key (an id merged into another
 * incident is resolved by the caller first), with the latest version per incident cached.
 */
export class ReportReader {
  private readonly q;

  constructor(sqlite: Database.Database) {
    this.q = {
      // A report read is one indexed lookup; the body comes back as UTF-8 bytes, ready to send.
      latestReportBytes: sqlite.prepare(
        `SELECT i.id AS incidentId, r.version AS version, CAST(r.body AS BLOB) AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = i.latest_version
          WHERE (i.id = @id OR i.key = @id) AND i.merged_into IS NULL
          ORDER BY i.id = @id DESC LIMIT 1`,
      ),
      dataVersion: sqlite.prepare('PRAGMA data_version').pluck(),
      latestVersionOf: sqlite.prepare(
        `SELECT id AS incidentId, latest_version AS version FROM incidents
          WHERE (id = @id OR key = @id) AND latest_version > 0 AND merged_into IS NULL ORDER BY id = @id DESC LIMIT 1`,
      ),
      versionReportBytes: sqlite.prepare(
        `SELECT i.id AS incidentId, r.version AS version, CAST(r.body AS BLOB) AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = @version
          WHERE (i.id = @id OR i.key = @id) AND i.merged_into IS NULL
          ORDER BY i.id = @id DESC LIMIT 1`,
      ),
      ownVersionBytes: sqlite.prepare(
        'SELECT incident_id AS incidentId, version, CAST(body AS BLOB) AS body FROM reports WHERE incident_id = ? AND version = ?',
      ),
      versions: sqlite.prepare(
        `SELECT version, generated_at AS generatedAt, claim_count AS claimCount, disputed_cells AS disputedCells, summary
           FROM reports WHERE incident_id = ? ORDER BY version`,
      ),
      oneVersion: sqlite.prepare(
        `SELECT version, generated_at AS generatedAt, claim_count AS claimCount, disputed_cells AS disputedCells, summary
           FROM reports WHERE incident_id = ? AND version = ?`,
      ),
    };
  }

  /**
   * A report's JSON as UTF-8 bytes (the latest version, or `version`), for a live incident's id or
   * key, in one indexed lookup. Null when there is no such incident or no such report.
   */
  reportBytes(idOrKey: string, version?: number): ReportBytes | null {
    const row = version === undefined ? this.q.latestReportBytes.get({ id: idOrKey }) : this.q.versionReportBytes.get({ id: idOrKey, version });
    return (row as ReportBytes | undefined) ?? null;
  }

  /** A version of one incident's own report, by its id alone (a merged incident's earlier reports). */
  ownReportBytes(incidentId: string, version: number): ReportBytes | null {
    return (this.q.ownVersionBytes.get(incidentId, version) as ReportBytes | undefined) ?? null;
  }

  /** The report JSON text of a version (latest when `version` is omitted). */
  reportJson(incidentIdOrKey: string, version?: number): string | null {
    return this.reportBytes(incidentIdOrKey, version)?.body.toString('utf8') ?? null;
  }

  /** Every version of an incident's report, oldest first; or only `version` when given. */
  reportVersions(incidentId: string, version?: number): ReportVersionInfo[] {
    return (version === undefined ? this.q.versions.all(incidentId) : this.q.oneVersion.all(incidentId, version)) as ReportVersionInfo[];
  }

  /** The live incident (by id or key) and its latest report version, without reading the report. */
  latestReportVersion(idOrKey: string): { incidentId: string; version: number } | null {
    this.revalidate();
    const hit = this.latestVersions.get(idOrKey);
    if (hit) return hit;
    const found = (this.q.latestVersionOf.get({ id: idOrKey }) as { incidentId: string; version: number } | undefined) ?? null;
    if (found) {
      if (this.latestVersions.size >= 100_000) this.latestVersions.clear();
      this.latestVersions.set(idOrKey, found);
    }
    return found;
  }

  /** Forgets the cached latest versions (this connection wrote reports or changed incidents). */
  invalidate(): void {
    this.localChanges++;
    this.latestVersions.clear();
  }

  /**
   * The latest report version per incident, as read, so that a report read costs no SQL. Cleared
   * when this connection writes, and when another connection (another process) has committed
   * anything: SQLite's data_version says so, and it is asked at most every
   * LATEST_VERSION_CHECK_MS, which is then the most a read can lag a report another process wrote.
   */
  private readonly latestVersions = new Map<string, { incidentId: string; version: number }>();
  private localChanges = 0;
  private dataVersion = -1;
  private dataVersionCheckedAt = 0;

  /**
   * Changes whenever the database may have: another connection committed (SQLite's data_version), or
   * this one wrote through the store. Pages built from several rows (lists) are cached under it.
   */
  changeStamp(): string {
    return `${this.q.dataVersion.get() as number}:${this.localChanges}`;
  }

  private revalidate(): void {
    const now = Date.now();
    if (now - this.dataVersionCheckedAt < LATEST_VERSION_CHECK_MS) return;
    this.dataVersionCheckedAt = now;
    const v = this.q.dataVersion.get() as number;
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.latestVersions.clear();
    }
  }
}
