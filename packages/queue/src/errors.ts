import { UnrecoverableError } from 'bullmq';
import type { FieldError } from '@recon/domain';

/** A job whose input can never succeed: it is not retried. */
export class InvalidJobError extends UnrecoverableError {
  override name = 'InvalidJobError';
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Redis cannot be reached: the caller should try again later. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/**
 * Redis went away while claims were being queued and did not come back in time to say whether they
 * were: sending the same claims again is safe (those queued answer "duplicate").
 */
export class QueueOutcomeUnknownError extends Error {
  override name = 'QueueOutcomeUnknownError';
}

/** Whether an error means Redis could not be reached (down, refused, closed), not a bug or bad input. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof QueueUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (err.name === 'MaxRetriesPerRequestError') return true;
  // ioredis: a command sent on a connection that closed before it answered.
  if (err.name === 'AbortError' && /connection close/i.test(err.message)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|connect ECONNREFUSED|Connection timeout/i.test(err.message);
}
