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
