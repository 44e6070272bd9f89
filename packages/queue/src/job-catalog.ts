import { z } from 'zod';

/**
 * The typed job catalog: every job's queue, payload schema, retries and time limit in one place,
 * so producers and handlers cannot disagree about a payload.
 */
export const QUEUE_NAMES = { claims: 'claims', reconcile: 'reconcile' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const IngestClaimPayload = z.strictObject({
  /** The claim id the API computed (digest of the canonical JSON); the worker checks it again. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  /** The claim as submitted. */
  claim: z.unknown(),
  receivedAt: z.string(),
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
  'ingest-claim': {
    queue: QUEUE_NAMES.claims,
    schema: IngestClaimPayload,
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
