/** How a field error of an API answer reads: `path message` (just the message when it has no path). */
import type { FieldError } from './api-client.js';
import { cleanLine } from './sanitize.js';

/** One line, sanitized: the path and message come from the API. */
export function fieldErrorText(error: FieldError): string {
  return cleanLine(error.path === '' ? error.message : `${error.path} ${error.message}`);
}
