import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the scrape reads at its own time: the store's row counts and the queues' job counts. */
export interface MetricSources {
  storeCounts(): Promise<object> | object;
  queueCounts(): Promise<Record<string, Record<string, number>>>;
  finishedCounts(): Promise<Record<string, { completed: number; failed: number }>>;
  recentJobTimes(): Promise<Record<string, { duration: number[]; latency: number[] }>>;
}

const QUANTILES = [0.5, 0.9, 0.99, 1];
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * The API's metrics, through prom-client, in a registry of its own (one per app, so tests and
 * several apps in a process do not share counters): HTTP requests and their latency per route,
 * claims submitted by result, rows in the store and jobs per queue and state (read when scraped),
 * whether Redis answered, and Node's own process and event-loop metrics (`recon_` prefixed).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'recon_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'recon_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly claimsSubmitted = new Counter({ name: 'recon_claims_submitted_total', help: 'Claims submitted, by result (queued, duplicate, rejected)', labelNames: ['result'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'recon_' });
  }

  private observing = false;

  /** Adds the gauges read at scrape time, from the app's own store and queues (once). */
  observe(sources: MetricSources): void {
    if (this.observing) return;
    this.observing = true;
    // One queue read per scrape, shared by the two gauges that report it (prom-client collects them together).
    let queueRead: Promise<Record<string, Record<string, number>> | null> = Promise.resolve(null);
    new Gauge({
      name: 'recon_store_rows',
      help: 'Rows in the database by kind',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [kind, value] of Object.entries(await sources.storeCounts()) as [string, number][]) this.set({ kind }, value);
      },
    });
    new Gauge({
      name: 'recon_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        queueRead = sources.queueCounts().catch(() => null);
        const counts = await queueRead;
        this.reset();
        for (const [queue, states] of Object.entries(counts ?? {})) for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value);
      },
    });
    new Counter({
      name: 'recon_jobs_finished_total',
      help: 'Jobs finished by queue and outcome (completed, failed), as BullMQ counts them',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
      async collect() {
        const finished = await sources.finishedCounts().catch(() => null);
        this.reset();
        for (const [queue, n] of Object.entries(finished ?? {})) {
          this.inc({ queue, outcome: 'completed' }, n.completed);
          this.inc({ queue, outcome: 'failed' }, n.failed);
        }
      },
    });
    // Workers run in processes of their own; their jobs' times are read back from BullMQ's records of
    // the last 100 completed jobs per queue, as quantiles (a reconcile job's latency is how long an
    // incident's report stayed behind once it was due: from queued to written).
    let timesRead: Promise<Record<string, { duration: number[]; latency: number[] }> | null> = Promise.resolve(null);
    const timeGauge = (name: string, help: string, pick: 'duration' | 'latency', read: boolean) =>
      new Gauge({
        name,
        help,
        labelNames: ['queue', 'quantile'],
        registers: [this.registry],
        async collect() {
          if (read) timesRead = sources.recentJobTimes().catch(() => null);
          const times = await timesRead;
          this.reset();
          for (const [queue, t] of Object.entries(times ?? {})) {
            const sorted = [...t[pick]].sort((a, b) => a - b);
            if (sorted.length > 0) for (const q of QUANTILES) this.set({ queue, quantile: String(q) }, quantile(sorted, q));
          }
        },
      });
    timeGauge('recon_job_duration_seconds', 'Time a worker spent on each of the last 100 completed jobs per queue, as quantiles', 'duration', true);
    timeGauge('recon_job_latency_seconds', 'Time from queued to done of the last 100 completed jobs per queue, as quantiles (reconcile: report latency once due)', 'latency', false);
    new Gauge({
      name: 'recon_queue_up',
      help: 'Whether Redis answered this scrape',
      registers: [this.registry],
      async collect() {
        this.set((await queueRead) === null ? 0 : 1);
      },
    });
  }

  /** The exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
