import type { ReportVersionInfo } from '@recon/domain';
import type { Engine } from '../sql/engine.js';
import { all, get } from '../sql/work.js';

/** How often a store asks the database whether another connection committed (see latestReportVersion). */
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

  constructor(private readonly engine: Engine) {
    const bytes = engine.dialect.bytes('r.body');
    this.q = {
      // A report read is one indexed lookup; the body comes back as UTF-8 bytes, ready to send.
      latestReportBytes: `SELECT i.id AS "incidentId", r.version AS version, ${bytes} AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = i.latest_version
          WHERE (i.id = @id OR i.key = @id) AND i.merged_into IS NULL
          ORDER BY i.id = @id DESC LIMIT 1`,
      latestVersionOf: `SELECT id AS "incidentId", latest_version AS version FROM incidents
          WHERE (id = @id OR key = @id) AND latest_version > 0 AND merged_into IS NULL ORDER BY id = @id DESC LIMIT 1`,
      versionReportBytes: `SELECT i.id AS "incidentId", r.version AS version, ${bytes} AS body
           FROM incidents i JOIN reports r ON r.incident_id = i.id AND r.version = @version
          WHERE (i.id = @id OR i.key = @id) AND i.merged_into IS NULL
          ORDER BY i.id = @id DESC LIMIT 1`,
      ownVersionBytes: `SELECT r.incident_id AS "incidentId", r.version, ${bytes} AS body FROM reports r WHERE r.incident_id = ? AND r.version = ?`,
      versions: `SELECT version, generated_at AS "generatedAt", claim_count AS "claimCount", disputed_cells AS "disputedCells", summary
           FROM reports WHERE incident_id = ? ORDER BY version`,
      oneVersion: `SELECT version, generated_at AS "generatedAt", claim_count AS "claimCount", disputed_cells AS "disputedCells", summary
           FROM reports WHERE incident_id = ? AND version = ?`,
    };
  }

  /**
   * A report's JSON as UTF-8 bytes (the latest version, or `version`), for a live incident's id or
   * key, in one indexed lookup. Null when there is no such incident or no such report.
   */
  async reportBytes(idOrKey: string, version?: number): Promise<ReportBytes | null> {
    const row = await this.engine.read(() =>
      version === undefined ? get<ReportBytes>(this.q.latestReportBytes, { id: idOrKey }) : get<ReportBytes>(this.q.versionReportBytes, { id: idOrKey, version }),
    );
    return row ?? null;
  }

  /** A version of one incident's own report, by its id alone (a merged incident's earlier reports). */
  async ownReportBytes(incidentId: string, version: number): Promise<ReportBytes | null> {
    return (await this.engine.read(() => get<ReportBytes>(this.q.ownVersionBytes, [incidentId, version]))) ?? null;
  }

  /** The report JSON text of a version (latest when `version` is omitted). */
  async reportJson(incidentIdOrKey: string, version?: number): Promise<string | null> {
    return (await this.reportBytes(incidentIdOrKey, version))?.body.toString('utf8') ?? null;
  }

  /** Every version of an incident's report, oldest first; or only `version` when given. */
  reportVersions(incidentId: string, version?: number): Promise<ReportVersionInfo[]> {
    return this.engine.read(() =>
      version === undefined ? all<ReportVersionInfo>(this.q.versions, [incidentId]) : all<ReportVersionInfo>(this.q.oneVersion, [incidentId, version]),
    );
  }

  /** The live incident (by id or key) and its latest report version, without reading the report. */
  async latestReportVersion(idOrKey: string): Promise<{ incidentId: string; version: number } | null> {
    await this.revalidate();
    const hit = this.latestVersions.get(idOrKey);
    if (hit) return hit;
    const found = (await this.engine.read(() => get<{ incidentId: string; version: number }>(this.q.latestVersionOf, { id: idOrKey }))) ?? null;
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
   * anything: the engine's change stamp says so (SQLite's data_version), and it is asked at most every
   * LATEST_VERSION_CHECK_MS, which is then the most a read can lag a report another process wrote.
   */
  private readonly latestVersions = new Map<string, { incidentId: string; version: number }>();
  private localChanges = 0;
  private dataVersion = '';
  private dataVersionCheckedAt = 0;

  /**
   * Changes whenever the database may have: another connection committed (SQLite's data_version), or
   * this one wrote through the store. Pages built from several rows (lists) are cached under it.
   */
  async changeStamp(): Promise<string> {
    return `${await this.engine.changeStamp()}:${this.localChanges}`;
  }

  private async revalidate(): Promise<void> {
    const now = Date.now();
    if (now - this.dataVersionCheckedAt < LATEST_VERSION_CHECK_MS) return;
    this.dataVersionCheckedAt = now;
    const v = await this.engine.changeStamp();
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.latestVersions.clear();
    }
  }
}
