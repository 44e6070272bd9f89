import type { ClaimStatusView, FieldError, ProblemClaim } from '@recon/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import type { IncidentResolver } from '../incidents/incident-resolver.js';
import { claimFailures, claims, rejections } from '../schema.js';

export type ClaimStatus = ClaimStatusView & { status: Exclude<ClaimStatusView['status'], 'queued'> };

export interface RejectionInput {
  id: string;
  body: string;
  errors: FieldError[];
  stage: 'api' | 'worker';
  now: string;
}

/** Claims that went wrong: rejected as invalid, or failed for good in ingest; and what a claim's status is. */
export class ProblemClaims {
  constructor(
    private readonly db: Db,
    private readonly resolver: IncidentResolver,
  ) {}

  /** Records a submission that is not a valid claim. Recording it again counts another attempt. */
  recordRejection(input: RejectionInput): void {
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
  recordRejections(list: readonly RejectionInput[]): void {
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
      const incidentId = c.incidentId === null ? null : this.resolver.liveId(c.incidentId);
      return { id, status: c.status, incidentId, errors: [], ...retraction };
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
}
