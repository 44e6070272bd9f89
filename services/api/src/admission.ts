import type { MiddlewareHandler } from 'hono';
import { apiError } from './api-error.js';

export interface AdmissionOptions {
  /** Submissions handled at once at most; one more is answered 429 before any work starts. */
  maxInFlight: number;
  /** Event-loop lag (ms) past which new submissions are answered 429. */
  maxLagMs: number;
}

/**
 * Admission control for writes that start work (POST /claims): when too many are in flight, or the
 * event loop lags, a request is answered `429` with `Retry-After` before anything of it is done, so
 * a flood of batches slows the senders down instead of stalling every answer (health checks and
 * report reads included). The lag is sampled by a timer that notes how late it fires.
 */
export class Admission {
  private inFlight = 0;
  private lagMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly options: AdmissionOptions) {
    const every = 50;
    let expected = Date.now() + every;
    this.timer = setInterval(() => {
      const now = Date.now();
      // The latest lateness, decaying: one late tick does not shut the door for long.
      this.lagMs = Math.max(now - expected, this.lagMs * 0.5);
      expected = now + every;
    }, every);
    this.timer.unref();
  }

  /** The measured event-loop lag, in ms. */
  get lag(): number {
    return this.lagMs;
  }

  get active(): number {
    return this.inFlight;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const busy = this.inFlight >= this.options.maxInFlight;
      if (busy || this.lagMs > this.options.maxLagMs) {
        const why = busy ? `${this.inFlight} submissions are being handled` : `the service is lagging (${Math.round(this.lagMs)} ms)`;
        return apiError(c, 'too_many_requests', `busy: ${why}; nothing of this request was accepted, send it again after Retry-After`, undefined, {
          'Retry-After': '1',
        });
      }
      this.inFlight += 1;
      try {
        await next();
      } finally {
        this.inFlight -= 1;
      }
    };
  }

  close(): void {
    clearInterval(this.timer);
  }
}
