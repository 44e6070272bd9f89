import type { FieldError } from '@recon/domain';

/** Why a curation action was refused: nothing of it was written. */
export class CurationError extends Error {
  override name = 'CurationError';
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}
