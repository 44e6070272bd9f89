import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError } from '@recon/domain';
import { ErrorSchema } from '@recon/contract';
import { isConnectionError, QueueOutcomeUnknownError } from '@recon/queue';

/** The closed set of error codes the API answers with, and the HTTP status of each. */
export const API_ERRORS = {
  invalid_json: 400,
  invalid_request: 400,
  batch_too_large: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  report_not_ready: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  queue_unavailable: 503,
  queue_outcome_unknown: 504,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; errors?: FieldError[] };
}

/** Answers with `{ error: { code, message, errors? } }` and the code's status. */
export function apiError(
  c: Context,
  code: ApiErrorCode,
  message: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(errors ? { errors } : {}) } };
  return c.json(body, API_ERRORS[code], headers);
}

/** Seconds a client should wait before retrying while the queue is down. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a failure to queue: `503` when Redis could not be reached (nothing of the request was
 * queued), `504` when it went away in the middle and did not come back to say what it had queued
 * (sending the same request again is safe). Anything else is not a queue failure: rethrown.
 */
export function queueFailure(c: Context, err: unknown): Response {
  if (err instanceof QueueOutcomeUnknownError) {
    return apiError(
      c,
      'queue_outcome_unknown',
      'the claims queue (Redis) went away while this request was being queued, and it is not known whether it was; send the same request again: claims that were queued answer "duplicate"',
      undefined,
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  }
  if (isConnectionError(err)) return queueUnavailable(c);
  throw err;
}

export function queueUnavailable(c: Context): Response {
  return apiError(c, 'queue_unavailable', 'the claims queue (Redis) is unreachable; nothing was accepted, try again shortly', undefined, {
    'Retry-After': String(RETRY_AFTER_SECONDS),
  });
}

/** The OpenAPI error responses of a route: its statuses, each with what it means there. */
export function errorResponses<S extends number>(meanings: Record<S, string>): Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }> {
  return Object.fromEntries(
    Object.entries(meanings).map(([status, description]) => [status, { description, content: { 'application/json': { schema: ErrorSchema } } }]),
  ) as Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }>;
}
