import type { ClaimStore } from '@recon/db';
import type { ActorRegistry, Gazetteer } from '@recon/domain';
import type { ReconQueues } from '@recon/queue';
import type { Logger } from '@recon/runtime';
import type { Redis } from 'ioredis';
import type { Admission } from './admission.js';
import type { AuthConfig } from './auth.js';
import type { Metrics } from './metrics.js';
import type { ReportCache } from './report-cache.js';

export interface ApiDeps {
  store: ClaimStore;
  registry: ActorRegistry;
  /** Canonical places, for locations an analyst sets by hand. */
  gazetteer: Gazetteer;
  queues: ReconQueues;
  /** A connection for health checks (apart from the producer's, so a ping never waits behind jobs). */
  redis: Redis;
  log: Logger;
  auth: AuthConfig;
  metrics: Metrics;
  /** Recently read report versions, shared by the JSON and HTML routes. */
  reportCache: ReportCache;
  now: () => string;
  /** Bounds the submissions handled at once (absent: no bound). */
  admission?: Admission;
}
