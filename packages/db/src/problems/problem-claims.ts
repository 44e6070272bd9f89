import type { ClaimStatusView, FieldError, ProblemClaim } from '@recon/domain';
import type { IncidentResolver } from '../incidents/incident-resolver.js';
import { all, chunks, column, get, placeholders, run, type Work } from '../sql/work.js';

export type ClaimStatus = ClaimStatusView & { status: Exclude<ClaimStatusView['status'], 'queued'> };

export interface RejectionInput {
  id: string;
  body: string;
  errors: FieldError[];
  stage: 'api' | 'worker';
  now: string;
}

export interface ClaimFailure {
  id: string;
  body: string;
  error: string;
  attempts: number;
  status: 'failed' | 'requeued';
  requeues: number;
  firstFailedAt: string;
  lastFailedAt: string;
}

const FAILURE_COLUMNS = `id, body, error, attempts, status, requeues, first_failed_at AS "firstFailedAt", last_failed_at AS "lastFailedAt"`;

const Q = {
  recordRejection: `INSERT INTO rejections (id, body, errors, stage, attempts, created_at, updated_at) VALUES (@id, @body, @errors, @stage, 1, @now, @now)
     ON CONFLICT (id) DO UPDATE SET attempts = rejections.attempts + 1, updated_at = @now, errors = @errors, stage = @stage`,
  claim: 'SELECT status, incident_id AS "incidentId", retracted_at AS "retractedAt", retracted_by AS "retractedBy" FROM claims WHERE id = ?',
  rejection: 'SELECT errors, attempts FROM rejections WHERE id = ?',
  recordFailure: `INSERT INTO claim_failures (id, body, error, attempts, status, first_failed_at, last_failed_at)
     VALUES (@id, @body, @error, @attempts, 'failed', @now, @now)
     ON CONFLICT (id) DO UPDATE SET status = 'failed', error = @error, attempts = claim_failures.attempts + @attempts, last_failed_at = @now`,
  failure: `SELECT ${FAILURE_COLUMNS} FROM claim_failures WHERE id = ?`,
  failedAmong: (n: number) => `SELECT id FROM claim_failures WHERE status = 'failed' AND id IN (${placeholders(n)})`,
  requeue: "UPDATE claim_failures SET status = 'requeued', requeues = requeues + 1 WHERE id = ?",
  rejected: `SELECT id, errors, attempts, stage, created_at AS "createdAt", updated_at AS "updatedAt" FROM rejections
     ORDER BY updated_at DESC, id ASC LIMIT ? OFFSET ?`,
  failed: `SELECT ${FAILURE_COLUMNS} FROM claim_failures f WHERE status = 'failed' AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = f.id)
     ORDER BY last_failed_at DESC, id ASC LIMIT ? OFFSET ?`,
  stored: (n: number) => `SELECT id FROM claims WHERE id IN (${placeholders(n)})`,
};

/**
 * PostgreSQL's text cannot hold U+0000, which a rejected submission may: it is kept as U+FFFD there
 * (the rejection's errors say what was wrong; a valid claim is JSON, which escapes it).
 */
const storable = (text: string): string => (text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text);

/** Claims that went wrong: rejected as invalid, or failed for good in ingest; and what a claim's status is. */
export class ProblemClaims {
  constructor(private readonly resolver: IncidentResolver) {}

  /** Records a submission that is not a valid claim. Recording it again counts another attempt. */
  *recordRejection(input: RejectionInput): Work<void> {
    yield* run(Q.recordRejection, { id: input.id, body: storable(input.body), errors: storable(JSON.stringify(input.errors)), stage: input.stage, now: input.now });
  }

  /** Records several rejected submissions (one transaction, when the store runs it). */
  *recordRejections(list: readonly RejectionInput[]): Work<void> {
    for (const r of list) yield* this.recordRejection(r);
  }

  /** What the store knows of a claim by its id: stored or retracted, rejected, or failed for good. */
  *claimStatus(id: string): Work<ClaimStatus | null> {
    const c = yield* get<{ status: 'stored' | 'retracted'; incidentId: string | null; retractedAt: string | null; retractedBy: string | null }>(Q.claim, [id]);
    if (c) {
      const retraction = c.status === 'retracted' ? { retractedAt: c.retractedAt, retractedBy: c.retractedBy } : {};
      const incidentId = c.incidentId === null ? null : yield* this.resolver.liveId(c.incidentId);
      return { id, status: c.status, incidentId, errors: [], ...retraction };
    }
    const r = yield* get<{ errors: string; attempts: number }>(Q.rejection, [id]);
    if (r) return { id, status: 'rejected', incidentId: null, errors: JSON.parse(r.errors) as FieldError[], attempts: r.attempts };
    const f = yield* this.failure(id);
    if (f?.status === 'failed') {
      return { id, status: 'failed', incidentId: null, errors: [{ path: '(ingest)', message: f.error }], attempts: f.attempts };
    }
    return null;
  }

  /**
   * Records that a valid claim's ingest failed for good. A claim that fails again after being
   * requeued adds its attempts to the earlier ones.
   */
  *recordFailure(input: { id: string; body: string; error: string; attempts: number; now: string }): Work<void> {
    yield* run(Q.recordFailure, { ...input, error: storable(input.error) });
  }

  *failure(id: string): Work<ClaimFailure | null> {
    return (yield* get<ClaimFailure>(Q.failure, [id])) ?? null;
  }

  /** Which of these claims had failed for good (one read per 500 ids). */
  *failedAmong(ids: readonly string[]): Work<string[]> {
    const failed: string[] = [];
    for (const chunk of chunks(ids)) failed.push(...(yield* column<string>(Q.failedAmong(chunk.length), chunk)));
    return failed;
  }

  /** Marks these failed claims as queued again. */
  *markRequeued(failed: readonly string[]): Work<void> {
    for (const id of failed) yield* run(Q.requeue, [id]);
  }

  /** Rejected (invalid) or failed claims, most recent first. */
  *problemClaims(status: 'rejected' | 'failed', limit = 100, offset = 0): Work<ProblemClaim[]> {
    const lim = Math.min(Math.max(limit, 1), 1000);
    const off = Math.max(offset, 0);
    if (status === 'rejected') {
      const rows = yield* all<{ id: string; errors: string; attempts: number; stage: 'api' | 'worker'; createdAt: string; updatedAt: string }>(Q.rejected, [lim, off]);
      return rows.map((r) => ({ id: r.id, status, errors: JSON.parse(r.errors) as FieldError[], attempts: r.attempts, stage: r.stage, firstAt: r.createdAt, lastAt: r.updatedAt }));
    }
    const rows = yield* all<ClaimFailure>(Q.failed, [lim, off]);
    return rows.map((f) => ({
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
  *storedIds(ids: readonly string[]): Work<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks(ids)) for (const id of yield* column<string>(Q.stored(chunk.length), chunk)) out.add(id);
    return out;
  }
}
