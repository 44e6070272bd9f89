import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, type JobsOptions, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import { isConnectionError, QueueOutcomeUnknownError, QueueUnavailableError } from './errors.js';
import { waitReady } from './redis-connection.js';
import { jobIdOfMark, RELEASE_CLAIMS_SCRIPT, RESERVE_CLAIMS_SCRIPT } from './scripts/reserve-claims.js';

/** How long a claim reserved for a job that is not added yet counts as being queued (then: free again). */
const RESERVATION_MS = 60_000;
import { CLAIMS_PER_JOB, jobCatalog, QUEUE_NAMES, type JobName, type QueuedClaim } from './job-catalog.js';

type JobState = JobType;

/** KEYS: dirty-last, dirty-first. ARGV: quiet cutoff, max-wait cutoff, limit. Takes and returns the due incidents. */
const TAKE_DUE_SCRIPT = `
local due = {}
local seen = {}
for _, pair in ipairs({{KEYS[1], ARGV[1]}, {KEYS[2], ARGV[2]}}) do
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', pair[1], '-inf', pair[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
    if not seen[id] then seen[id] = true; due[#due + 1] = id end
  end
end
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  redis.call('ZREM', KEYS[2], unpack(due))
end
return due
`;

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

/** The producer side of both queues. */
export class ReconQueues {
  readonly claims: Queue;
  readonly reconcile: Queue;
  /** Adds a request's claim jobs in one MULTI: all of them or none (a Queue's addBulk is a plain pipeline). */
  readonly #jobAdder: FlowProducer;
  /**
   * Which job carries each queued claim: a hash from claim id to job id, written before the job is
   * added and cleared once the claim is settled (stored, rejected, or failed for good).
   */
  readonly pendingClaimsKey: string;
  /**
   * Incidents whose claims changed and whose reconcile is not yet queued: by when their claims last
   * changed, and by when they first did (two sorted sets, scores in ms since the epoch).
   */
  readonly dirtyLastKey: string;
  readonly dirtyFirstKey: string;

  constructor(
    readonly connection: Redis,
    readonly prefix = 'recon',
    /** How long one queue operation may wait for Redis before failing with QueueUnavailableError. */
    readonly opTimeoutMs = 5_000,
  ) {
    this.claims = new Queue(QUEUE_NAMES.claims, { connection, prefix });
    this.reconcile = new Queue(QUEUE_NAMES.reconcile, { connection, prefix });
    this.#jobAdder = new FlowProducer({ connection, prefix });
    this.pendingClaimsKey = `${prefix}:${QUEUE_NAMES.claims}:pending-claims`;
    this.dirtyLastKey = `${prefix}:${QUEUE_NAMES.reconcile}:dirty-last`;
    this.dirtyFirstKey = `${prefix}:${QUEUE_NAMES.reconcile}:dirty-first`;
    // Errors surface on the calls that fail; without a listener Node would treat them as crashes.
    this.claims.on('error', () => undefined);
    this.reconcile.on('error', () => undefined);
    this.#jobAdder.on('error', () => undefined);
  }

  /**
   * Enqueues claims, CLAIMS_PER_JOB to a job; returns the jobs' ids and the claims it queued. Each claim
   * is first reserved with its job id in one atomic step (RESERVE_CLAIMS_SCRIPT): a claim already
   * waiting or running in a job, or being queued by another request at this moment, is left out,
   * so the same claim sent many times at once is queued once. Reservations whose job could not be
   * added are released.
   */
  async enqueueClaims(
    claims: readonly QueuedClaim[],
    overrides: Pick<JobsOptions, 'attempts' | 'backoff'> = {},
  ): Promise<{ jobIds: string[]; queued: Set<string> }> {
    if (claims.length === 0) return { jobIds: [], queued: new Set() };
    const def = jobCatalog['ingest-claims'];
    const opts = { ...optionsFor('ingest-claims'), ...overrides };
    const chunks: { jobId: string; claims: QueuedClaim[] }[] = [];
    for (let i = 0; i < claims.length; i += CLAIMS_PER_JOB) chunks.push({ jobId: randomUUID(), claims: claims.slice(i, i + CLAIMS_PER_JOB) });
    const pairs = chunks.flatMap((c) => c.claims.flatMap((q) => [q.id, c.jobId]));
    const at = Date.now();
    try {
      const reserved = new Set(
        (await this.untilDone(
          this.connection.eval(RESERVE_CLAIMS_SCRIPT, 1, this.pendingClaimsKey, `${this.prefix}:${QUEUE_NAMES.claims}:`, at, RESERVATION_MS, ...pairs),
          'reserve claims',
        )) as string[],
      );
      const jobs = chunks
        .map((c) => ({ jobId: c.jobId, claims: c.claims.filter((q) => reserved.has(q.id)) }))
        .filter((c) => c.claims.length > 0)
        .map((c) => ({ name: 'ingest-claims' as const, queueName: QUEUE_NAMES.claims, data: def.schema.parse({ claims: c.claims }), opts: { ...opts, jobId: c.jobId } }));
      const jobIds = jobs.map((j) => j.opts.jobId);
      if (jobs.length > 0) {
        // Only on a live connection: a command never waits for Redis to come back, by which time this
        // request may have been answered 503 ("nothing was queued").
        if (this.connection.status !== 'ready') throw new QueueUnavailableError(`enqueue claims: the Redis connection is ${this.connection.status}`);
        try {
          await this.untilDone(this.#jobAdder.addBulk(jobs), 'enqueue claims');
        } catch (err) {
          // Redis may have added the jobs (all or none: one MULTI) and died before answering.
          if (!isConnectionError(err) || !(await this.jobsAdded(jobIds, err))) throw err;
        }
      }
      return { jobIds, queued: reserved };
    } catch (err) {
      // Whatever of it reached Redis is undone where no job was added, now or once Redis is back.
      this.releaseReservations(at, pairs);
      throw err;
    }
  }

  /**
   * Whether jobs whose adding failed with a lost connection were added all the same: asked of Redis
   * once it answers again, within `opTimeoutMs`. Throws QueueOutcomeUnknownError when it does not.
   */
  private async jobsAdded(jobIds: string[], cause: unknown): Promise<boolean> {
    try {
      await waitReady(this.connection, this.opTimeoutMs);
      const keys = jobIds.map((id) => `${this.prefix}:${QUEUE_NAMES.claims}:${id}`);
      return (await withDeadline(this.connection.exists(...keys), this.opTimeoutMs, 'look up added jobs')) > 0;
    } catch {
      throw new QueueOutcomeUnknownError(`enqueue claims: Redis went away while the claims were being queued, and has not come back to say whether they were (${(cause as Error).message})`);
    }
  }

  /**
   * Unmarks the claims this request reserved (at `at`) whose job was never added, in the background:
   * at once if Redis answers, else the next time the connection is ready (within the reservation's
   * life, after which the marks no longer count anyway).
   */
  private releaseReservations(at: number, pairs: string[]): void {
    this.#release(at, pairs).catch(() => {
      // One listener for every release that waits: many requests may fail during one outage.
      if (this.#releasesWaiting.length === 0) this.connection.once('ready', () => this.#releaseWaiting());
      this.#releasesWaiting.push({ at, pairs });
    });
  }

  /** Releases waiting for the connection to be ready again; past the reservations' life they no longer matter. */
  readonly #releasesWaiting: { at: number; pairs: string[] }[] = [];

  #releaseWaiting(): void {
    for (const { at, pairs } of this.#releasesWaiting.splice(0)) {
      if (Date.now() - at < RESERVATION_MS) void this.#release(at, pairs).catch(() => undefined);
    }
  }

  #release(at: number, pairs: string[]): Promise<unknown> {
    return this.connection.eval(RELEASE_CLAIMS_SCRIPT, 1, this.pendingClaimsKey, `${this.prefix}:${QUEUE_NAMES.claims}:`, at, ...pairs);
  }

  /**
   * Waits for a queue operation. Past `opTimeoutMs` it fails with QueueUnavailableError only if
   * the connection is not up (then the operation cannot complete); a Redis that is up but busy is
   * waited for, so that an answer of "unavailable" never hides work that was done.
   */
  private async untilDone<T>(work: Promise<T>, what: string): Promise<T> {
    try {
      return await withDeadline(work, this.opTimeoutMs, what);
    } catch (err) {
      if (!(err instanceof QueueUnavailableError) || this.connection.status !== 'ready') {
        work.catch(() => undefined);
        throw err instanceof QueueUnavailableError || isConnectionError(err) ? new QueueUnavailableError(`${what}: ${(err as Error).message}`) : err;
      }
      return work;
    }
  }

  /**
   * Which of these claims are in the claims queue: `pending` (their job is waiting, delayed or
   * running) or `finished` (their job completed or failed but the claim was not settled). Two round
   * trips for the lot.
   */
  async claimJobStates(ids: readonly string[]): Promise<Map<string, 'pending' | 'finished'>> {
    const out = new Map<string, 'pending' | 'finished'>();
    if (ids.length === 0) return out;
    return withDeadline(
      (async () => {
        const jobIds = (await this.connection.hmget(this.pendingClaimsKey, ...ids)).map((m) => (m === null ? null : jobIdOfMark(m)));
        const distinct = [...new Set(jobIds.filter((j): j is string => j !== null))];
        if (distinct.length === 0) return out;
        const pipeline = this.connection.pipeline();
        for (const jobId of distinct) pipeline.hmget(`${this.prefix}:${QUEUE_NAMES.claims}:${jobId}`, 'timestamp', 'finishedOn');
        const states = new Map<string, 'pending' | 'finished'>();
        ((await pipeline.exec()) ?? []).forEach(([err, value], i) => {
          if (err) throw err;
          const [timestamp, finishedOn] = value as [string | null, string | null];
          if (timestamp !== null) states.set(distinct[i]!, finishedOn === null ? 'pending' : 'finished');
        });
        ids.forEach((id, i) => {
          const state = jobIds[i] ? states.get(jobIds[i]) : undefined;
          if (state) out.set(id, state);
        });
        return out;
      })(),
      this.opTimeoutMs,
      'look up claim jobs',
    );
  }

  /** The job that carries a queued claim, if any. */
  async jobOfClaim(id: string): Promise<string | null> {
    const mark = await withDeadline(this.connection.hget(this.pendingClaimsKey, id), this.opTimeoutMs, 'look up a claim job');
    return mark === null ? null : jobIdOfMark(mark);
  }

  /** Clears the queue marks of claims that are settled: stored, rejected, or failed for good. */
  async settleClaims(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await withDeadline(this.connection.hdel(this.pendingClaimsKey, ...ids), this.opTimeoutMs, 'settle claims');
  }

  /**
   * Asks for incidents' reports to be rebuilt now. One job per incident at a time: a request while one
   * waits is absorbed by it; while one runs, the last request is kept and runs after it, so nothing
   * stored during a reconcile is missed.
   */
  async requestReconcile(incidentIds: Iterable<string>): Promise<void> {
    const opts = optionsFor('reconcile-incident');
    const unique = [...new Set(incidentIds)];
    const adds = Promise.all(
      unique.map((incidentId) =>
        this.reconcile.add('reconcile-incident', jobCatalog['reconcile-incident'].schema.parse({ incidentId }), {
          ...opts,
          deduplication: { id: incidentId, keepLastIfActive: true },
        }),
      ),
    );
    await withDeadline(adds, this.opTimeoutMs, 'request reconcile');
  }

  /**
   * Notes that these incidents' claims changed (call it after the change is committed). Their
   * reconcile is queued by `queueDueReconciles` once they have been quiet for a while: a burst of
   * claims costs an incident one reconcile, and costs Redis one round trip per group of claims,
   * whatever the number of incidents in it.
   */
  async markDirty(incidentIds: Iterable<string>): Promise<void> {
    const unique = [...new Set(incidentIds)];
    if (unique.length === 0) return;
    const now = Date.now();
    const members = unique.flatMap((id) => [now, id]);
    const tx = this.connection.multi().zadd(this.dirtyLastKey, ...members).zadd(this.dirtyFirstKey, 'NX', ...members);
    await withDeadline(tx.exec(), this.opTimeoutMs, 'mark incidents dirty');
  }

  /**
   * Takes the dirty incidents that have had no change for `quietMs`, or have waited `maxWaitMs` since
   * their first change, and queues their reconcile. Several reconcilers may call this at once: an
   * incident is taken by one of them (and a reconcile queued twice would be absorbed anyway). An
   * incident changed again after it was taken is marked afresh, and its change is committed before
   * the reconcile queued here can start. Returns how many incidents it queued.
   */
  async queueDueReconciles(quietMs: number, maxWaitMs: number, limit = 1_000): Promise<number> {
    const now = Date.now();
    const taken = (await withDeadline(
      this.connection.eval(TAKE_DUE_SCRIPT, 2, this.dirtyLastKey, this.dirtyFirstKey, now - quietMs, now - maxWaitMs, limit),
      this.opTimeoutMs,
      'take due incidents',
    )) as string[];
    // If this fails the incidents are no longer marked, but their reports are behind their claims in
    // the database, and the reconciler's sweep queues them.
    await this.requestReconcile(taken);
    return taken.length;
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

  /** Jobs finished since the queue began, completed and failed, from BullMQ's own metrics (workers record them). */
  async finishedCounts(): Promise<Record<'claims' | 'reconcile', { completed: number; failed: number }>> {
    const of = async (q: Queue) => {
      const [completed, failed] = await Promise.all([q.getMetrics('completed', 0, 0), q.getMetrics('failed', 0, 0)]);
      return { completed: completed.meta.count, failed: failed.meta.count };
    };
    const [claims, reconcile] = await withDeadline(Promise.all([of(this.claims), of(this.reconcile)]), this.opTimeoutMs, 'read job metrics');
    return { claims, reconcile };
  }

  /**
   * The times of each queue's last `n` completed jobs, in seconds: `duration` from a worker taking
   * the job to finishing it, `latency` from the job being queued to finishing it. Only the three
   * timestamps of each job are read (an ingest job's claims stay in Redis).
   */
  async recentJobTimes(n = 100): Promise<Record<'claims' | 'reconcile', { duration: number[]; latency: number[] }>> {
    const of = async (q: Queue) => {
      const ids = await this.connection.zrevrange(q.keys.completed!, 0, n - 1);
      const pipe = this.connection.pipeline();
      for (const id of ids) pipe.hmget(q.toKey(id), 'timestamp', 'processedOn', 'finishedOn');
      const rows = ((await pipe.exec()) ?? []).map(([err, v]) => (err ? null : (v as (string | null)[])));
      const out = { duration: [] as number[], latency: [] as number[] };
      for (const r of rows) {
        const [added, taken, finished] = (r ?? []).map(Number);
        if (!finished || !taken || !added) continue;
        out.duration.push((finished - taken) / 1000);
        out.latency.push((finished - added) / 1000);
      }
      return out;
    };
    const [claims, reconcile] = await withDeadline(Promise.all([of(this.claims), of(this.reconcile)]), this.opTimeoutMs, 'read job times');
    return { claims, reconcile };
  }

  /** Jobs not yet finished in both queues; for reconcile, with the dirty incidents not yet queued. */
  async pendingCounts(): Promise<{ claims: number; reconcile: number }> {
    const [{ claims, reconcile }, dirty] = await Promise.all([
      this.jobCounts(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']),
      withDeadline(this.connection.zcard(this.dirtyLastKey), this.opTimeoutMs, 'count dirty incidents'),
    ]);
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    return { claims: sum(claims), reconcile: sum(reconcile) + dirty };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.claims.close(), this.reconcile.close(), this.#jobAdder.close()]);
  }
}
