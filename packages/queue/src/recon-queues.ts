import { Queue, type JobsOptions, type JobType } from 'bullmq';

type JobState = JobType;
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from './errors.js';
import { jobCatalog, QUEUE_NAMES, type JobName, type PayloadOf } from './job-catalog.js';

/**
 * Resolves like `work`, or rejects with QueueUnavailableError after `ms`: BullMQ waits for a
 * connection that is down, and a caller answering an HTTP request must not wait with it.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function optionsFor(name: JobName): JobsOptions {
  const def = jobCatalog[name];
  return {
    attempts: def.attempts,
    backoff: { type: 'exponential', delay: def.backoffMs, jitter: 0.5 },
    removeOnComplete: { count: 1_000 },
    removeOnFail: false,
  };
}

export interface QueuedClaim {
  payload: PayloadOf<'ingest-claim'>;
}

/** The producer side of both queues. */
export class ReconQueues {
  readonly claims: Queue;
  readonly reconcile: Queue;

  constructor(
    readonly connection: Redis,
    readonly prefix = 'recon',
    /** How long one queue operation may wait for Redis before failing with QueueUnavailableError. */
    readonly opTimeoutMs = 5_000,
    /**
     * How long a reconcile request waits before it runs. Requests for an incident that arrive while
     * one waits are absorbed by it, so a burst of claims costs each incident one reconcile.
     */
    readonly reconcileDelayMs = 0,
  ) {
    this.claims = new Queue(QUEUE_NAMES.claims, { connection, prefix });
    this.reconcile = new Queue(QUEUE_NAMES.reconcile, { connection, prefix });
    // Errors surface on the calls that fail; without a listener Node would treat them as crashes.
    this.claims.on('error', () => undefined);
    this.reconcile.on('error', () => undefined);
  }

  /** Enqueues claims; the job id is the claim id, so a claim already waiting is not queued twice. */
  async enqueueClaims(payloads: readonly PayloadOf<'ingest-claim'>[]): Promise<void> {
    if (payloads.length === 0) return;
    const opts = optionsFor('ingest-claim');
    const jobs = payloads.map((p) => ({
      name: 'ingest-claim',
      data: jobCatalog['ingest-claim'].schema.parse(p),
      opts: { ...opts, jobId: p.id },
    }));
    await withDeadline(this.claims.addBulk(jobs), this.opTimeoutMs, 'enqueue claims');
  }

  /**
   * Which of these claims have a job in the claims queue: `pending` (waiting, delayed or running) or
   * `finished` (completed or failed, not yet removed). One round trip for the lot.
   */
  async claimJobStates(ids: readonly string[]): Promise<Map<string, 'pending' | 'finished'>> {
    const out = new Map<string, 'pending' | 'finished'>();
    if (ids.length === 0) return out;
    const pipeline = this.connection.pipeline();
    for (const id of ids) pipeline.hmget(`${this.prefix}:${QUEUE_NAMES.claims}:${id}`, 'timestamp', 'finishedOn');
    const results = (await withDeadline(pipeline.exec(), this.opTimeoutMs, 'look up claim jobs')) ?? [];
    results.forEach(([err, value], i) => {
      if (err) throw err;
      const [timestamp, finishedOn] = value as [string | null, string | null];
      if (timestamp !== null) out.set(ids[i]!, finishedOn === null ? 'pending' : 'finished');
    });
    return out;
  }

  /** Removes finished jobs so that their claims can be queued again. */
  async removeFinishedClaimJobs(ids: readonly string[]): Promise<void> {
    await withDeadline(Promise.all(ids.map((id) => this.claims.remove(id))), this.opTimeoutMs, 'remove finished claim jobs');
  }

  /**
   * Asks for an incident's report to be rebuilt. One job per incident at a time: a request while one
   * waits is absorbed by it; while one runs, the last request is kept and runs after it, so nothing
   * stored during a reconcile is missed.
   */
  async requestReconcile(incidentIds: Iterable<string>): Promise<void> {
    const opts = optionsFor('reconcile-incident');
    const unique = [...new Set(incidentIds)];
    const adds = Promise.all(
      unique.map((incidentId) =>
        this.reconcile.add(
          'reconcile-incident',
          jobCatalog['reconcile-incident'].schema.parse({ incidentId }),
          { ...opts, delay: this.reconcileDelayMs, deduplication: { id: incidentId, keepLastIfActive: true } },
        ),
      ),
    );
    await withDeadline(adds, this.opTimeoutMs, 'request reconcile');
  }

  /** Jobs per state in each queue. */
  async jobCounts(
    states: readonly JobState[] = ['waiting', 'active', 'delayed', 'failed', 'completed'],
  ): Promise<{ claims: Record<string, number>; reconcile: Record<string, number> }> {
    const [claims, reconcile] = await withDeadline(
      Promise.all([this.claims.getJobCounts(...states), this.reconcile.getJobCounts(...states)]),
      this.opTimeoutMs,
      'count jobs',
    );
    return { claims, reconcile };
  }

  /** Jobs not yet finished in both queues. */
  async pendingCounts(): Promise<{ claims: number; reconcile: number }> {
    const { claims, reconcile } = await this.jobCounts(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    return { claims: sum(claims), reconcile: sum(reconcile) };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.claims.close(), this.reconcile.close()]);
  }
}
