import { z } from 'zod';

/**
 * The typed job catalog: every job's queue, payload schema, retries and time limit in one place,
 * so producers and handlers cannot disagree about a payload.
 */
export const QUEUE_NAMES = { claims: 'claims', reconcile: 'reconcile' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** One claim as the API queued it. */
export const QueuedClaimSchema = z.strictObject({
  /** The claim id the API computed (digest of the canonical JSON); the worker checks it again. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  /** The claim as submitted. */
  claim: z.unknown(),
  receivedAt: z.string(),
  /**
   * Set by the API, which validated the claim (and computed `id` from it): ingest then checks only
   * that the claim digests to `id`, instead of validating it a second time.
   */
  validated: z.literal(true).optional(),
});
export type QueuedClaim = z.infer<typeof QueuedClaimSchema>;

/** Claims in one job at most: a submitted batch is split into jobs of this size. */
export const CLAIMS_PER_JOB = 100;

/**
 * The claims of one submission (or a part of one), ingested together: the queue's cost is paid once
 * per job, not once per claim. Each claim still has its own outcome (stored, duplicate, rejected) and
 * its own status; a job is retried as a whole, which is safe because storing a claim twice is a no-op.
 */
export const IngestClaimsPayload = z.strictObject({
  claims: z.array(QueuedClaimSchema).min(1).max(1_000),
});

export const ReconcileIncidentPayload = z.strictObject({
  incidentId: z.string().min(1),
});

export interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  schema: S;
  /** Tries in all, the first included; transient failures back off exponentially with jitter. */
  attempts: number;
  backoffMs: number;
  /** A handler running longer than this fails the attempt. */
  timeoutMs: number;
}

export const jobCatalog = {
  'ingest-claims': {
    queue: QUEUE_NAMES.claims,
    schema: IngestClaimsPayload,
    attempts: 10,
    backoffMs: 200,
    timeoutMs: 30_000,
  },
  'reconcile-incident': {
    queue: QUEUE_NAMES.reconcile,
    schema: ReconcileIncidentPayload,
    attempts: 10,
    backoffMs: 200,
    timeoutMs: 120_000,
  },
} as const satisfies Record<string, JobDefinition<z.ZodType>>;

export type JobName = keyof typeof jobCatalog;
export type PayloadOf<N extends JobName> = z.infer<(typeof jobCatalog)[N]['schema']>;
