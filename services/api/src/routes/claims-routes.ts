import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { claimWarnings, defaultsErrors, digestOf, latestDayFor, LIMITS, validateClaim, withDefaults, type AcceptedClaim, type ClaimWarning, type FieldError, type RejectedClaim, type SubmitAnswer } from '@recon/domain';
import type { QueuedClaim } from '@recon/queue';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses, queueFailure } from '../api-error.js';
import { bodyRef, registerBodies, serve } from '../openapi-route.js';
import { CpuLane } from '../cpu-lane.js';
import { actorOf } from '../auth.js';
import { MAX_JSON_DEPTH, nestedDeeperThan, noteOf } from '../request-parsing.js';
import {
  ClaimStatusSchema,
  IdParamSchema,
  ProblemClaimsQuerySchema,
  ProblemClaimsSchema,
  SubmitBodySchema,
  SubmitResultSchema,
} from '@recon/contract';

export const MAX_BODY_BYTES = 1024 * 1024;


/**
 * Splits a body into claims: one claim, a JSON array, or `{ "claims": [...] }` with optional
 * `"defaults"` that every claim of the batch is merged with (its own fields win) before it is
 * validated and its id computed.
 */
function itemsOf(body: unknown): { items: unknown[] } | { error: string; errors?: FieldError[] } {
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'claims' in body && !('incident' in body)) {
    const { claims, defaults } = body as { claims: unknown; defaults?: unknown };
    if (!Array.isArray(claims)) return { error: 'claims must be an array of claims' };
    const extra = Object.keys(body).filter((k) => k !== 'claims' && k !== 'defaults');
    if (extra.length > 0) return { error: `a batch has only the fields "claims" and "defaults", not ${extra.map((k) => JSON.stringify(k)).join(', ')}` };
    if (defaults === undefined) return { items: claims };
    const errors = defaultsErrors(defaults);
    if (errors.length > 0) return { error: 'bad batch defaults', errors };
    return { items: claims.map((c) => withDefaults(defaults as Record<string, unknown>, c)) };
  }
  if (Array.isArray(body)) return { items: body };
  return { items: [body] };
}

const submitRoute = createRoute({
  method: 'post',
  path: '/claims',
  summary: 'Enqueue one claim or a batch of up to 1,000',
  security: [{ Bearer: [] }],
  request: { body: bodyRef('SubmitClaims') },
  responses: {
    202: { description: 'Each claim queued, a duplicate of one already queued or stored, or rejected with its field errors', content: { 'application/json': { schema: SubmitResultSchema } } },
    ...errorResponses({
      400: 'Not JSON, or more than 1,000 claims',
      401: 'Missing or wrong bearer token',
      413: 'Body over 1 MiB',
      429: 'Busy (too many submissions at once, or the service lags): nothing was accepted; send again after Retry-After',
      503: 'The queue is unreachable: nothing was accepted; retry after Retry-After seconds',
      504: 'The queue went away while the claims were being queued and it is not known whether they were; send the same request again (claims that were queued answer "duplicate")',
    }),
  },
});
const statusRoute = createRoute({
  method: 'get',
  path: '/claims/{id}',
  summary: "A claim's status: queued, stored, rejected (with its errors), retracted or failed",
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The status', content: { 'application/json': { schema: ClaimStatusSchema } } },
    ...errorResponses({ 400: 'A bad id', 404: 'No claim or rejected submission has this id', 503: 'Not stored, and the queue is unreachable to say whether it is queued' }),
  },
});
const retractRoute = createRoute({
  method: 'delete',
  path: '/claims/{id}',
  summary: 'Retract a stored claim (an optional JSON body `{ "note" }`): it is kept and marked, and the report is rebuilt without it',
  security: [{ Bearer: [] }],
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Retracted', content: { 'application/json': { schema: ClaimStatusSchema } } },
    ...errorResponses({ 400: 'A bad id', 401: 'Missing or wrong bearer token', 404: 'No stored claim has this id' }),
  },
});
const problemsRoute = createRoute({
  method: 'get',
  path: '/claims',
  summary: 'Claims that were rejected (invalid) or failed for good (valid, but ingest kept failing)',
  request: { query: ProblemClaimsQuerySchema },
  responses: { 200: { description: 'Most recent first', content: { 'application/json': { schema: ProblemClaimsSchema } } }, ...errorResponses({ 400: 'A bad query parameter' }) },
});
const retryRoute = createRoute({
  method: 'post',
  path: '/claims/{id}/retry',
  summary: 'Queue a failed claim again (an invalid one cannot be: fix it and submit it anew)',
  security: [{ Bearer: [] }],
  request: { params: IdParamSchema },
  responses: {
    202: { description: 'Queued again', content: { 'application/json': { schema: ClaimStatusSchema } } },
    ...errorResponses({
      400: 'A bad id',
      401: 'Missing or wrong bearer token',
      404: 'No failed claim has this id',
      409: 'The claim is stored already, or it is invalid',
      503: 'The queue is unreachable',
      504: 'The queue went away while the claim was being queued; send the request again',
    }),
  },
});

export function registerClaimRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const { store, registry, queues, metrics } = deps;
  const lane = new CpuLane();

  const admit: MiddlewareHandler = deps.admission?.middleware() ?? (async (_c, next) => next());
  registerBodies(app, { SubmitClaims: SubmitBodySchema });
  serve(app, { ...submitRoute, middleware: [admit, bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // Connection: close, because the rest of the unread body would otherwise be taken for the next request.
      onError: (c) =>
        apiError(c, 'payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes (1 MiB); send fewer claims per request`, undefined, {
          Connection: 'close',
        }),
    })] }, async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (err) {
        return apiError(c, 'invalid_json', `the body is not JSON: ${(err as Error).message}`);
      }
      if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
        return apiError(c, 'invalid_request', `the body is nested deeper than ${MAX_JSON_DEPTH} levels; a claim needs far fewer`);
      }
      const split = itemsOf(body);
      if ('error' in split) return apiError(c, 'invalid_request', split.error, split.errors ?? [{ path: 'claims', message: split.error }]);
      if (split.items.length > LIMITS.maxBatch) {
        return apiError(c, 'batch_too_large', `a batch holds at most ${LIMITS.maxBatch} claims, this one has ${split.items.length}`);
      }
      if (split.items.length === 0) return apiError(c, 'invalid_request', 'the batch holds no claims');

      const now = deps.now();
      const accepted: AcceptedClaim[] = [];
      const rejected: RejectedClaim[] = [];
      const fresh: { index: number; payload: QueuedClaim; warnings: ClaimWarning[] }[] = [];
      const rejections: { id: string; body: string; errors: FieldError[] }[] = [];
      const seen = new Set<string>();
      const items = split.items;
      await lane.forEach(items.length, (index) => {
        const item = items[index];
        const v = validateClaim(item, registry.partyKey, { latestDay: latestDayFor(Date.parse(now)) });
        if (!v.ok) {
          const id = digestOf(item);
          rejected.push({ index, id, errors: v.errors });
          rejections.push({ id, body: JSON.stringify(item) ?? 'null', errors: v.errors });
          return;
        }
        const id = digestOf(v.claim);
        const warnings = claimWarnings(v.claim, registry);
        if (seen.has(id)) {
          accepted.push({ index, id, status: 'duplicate', warnings });
          return;
        }
        seen.add(id);
        fresh.push({ index, payload: { id, claim: v.claim, receivedAt: now, validated: true }, warnings });
      });

      const stored = await store.storedIds(fresh.map((f) => f.payload.id));
      const toQueue = fresh.filter((f) => !stored.has(f.payload.id));
      try {
        // One atomic step per claim decides queued or duplicate, whatever the concurrency.
        const { queued } = await queues.enqueueClaims(toQueue.map((f) => f.payload));
        for (const f of fresh) {
          accepted.push({ index: f.index, id: f.payload.id, status: queued.has(f.payload.id) ? 'queued' : 'duplicate', warnings: f.warnings });
        }
      } catch (err) {
        // 503 only when Redis cannot be reached (then nothing of this request was queued), 504 when it
        // is not known; anything else is a bug, answered 500 with its stack in the log.
        deps.log.warn('could not enqueue claims', { err });
        return queueFailure(c, err);
      }
      // A claim that had failed for good and is submitted again is queued afresh.
      await store.markRequeued(accepted.filter((a) => a.status === 'queued').map((a) => a.id));
      if (rejections.length > 0) (await store.recordRejections(rejections.map((r) => ({ ...r, stage: 'api' as const, now }))));
      accepted.sort((a, b) => a.index - b.index);
      for (const a of accepted) metrics.claimsSubmitted.inc({ result: a.status });
      if (rejected.length > 0) metrics.claimsSubmitted.inc({ result: 'rejected' }, rejected.length);
      const answer: SubmitAnswer = { accepted, rejected };
      return c.json(answer, 202);
    });

  serve(app, statusRoute, async (c) => {
    const { id } = c.req.valid('param');
    const status = await store.claimStatus(id);
    if (status) return c.json(status);
    try {
      if ((await queues.claimJobStates([id])).get(id) === 'pending') return c.json({ id, status: 'queued', incidentId: null, errors: [] });
    } catch {
      return apiError(c, 'unavailable', 'the claim is not stored, and the queue (Redis) is unreachable to say whether it is queued', undefined, {
        'Retry-After': '5',
      });
    }
    return apiError(c, 'not_found', `no claim has the id ${id}`);
  });

  serve(app, retractRoute, async (c) => {
    const { id } = c.req.valid('param');
    const r = await store.retractClaim(id, actorOf(c.req.header('authorization'), deps.auth), deps.now(), await noteOf(c));
    if (!r) return apiError(c, 'not_found', `no stored claim has the id ${id}`);
    try {
      await queues.requestReconcile([r.incidentId]);
    } catch (err) {
      // The retraction is committed; the reconciler's sweep rebuilds the report once Redis is back.
      deps.log.warn('retracted, but could not request a reconcile now', { err, incidentId: r.incidentId });
    }
    return c.json({ id, status: 'retracted' as const, incidentId: r.incidentId, errors: [] });
  });
}

/** Listing and re-queueing the claims that did not make it: `GET /claims?status=`, `POST /claims/:id/retry`. */
export function registerProblemClaimRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const { store, queues, registry } = deps;

  serve(app, problemsRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json({ claims: await store.problemClaims(q.status, q.limit, q.offset) });
  });

  serve(app, retryRoute, async (c) => {
    const { id } = c.req.valid('param');
    const status = await store.claimStatus(id);
    if (status?.status === 'stored' || status?.status === 'retracted') {
      return apiError(c, 'conflict', `claim ${id} is ${status.status} already; there is nothing to retry`);
    }
    if (status?.status === 'rejected') {
      return apiError(c, 'conflict', `claim ${id} is invalid and cannot be retried; correct it and submit it again`, status.errors);
    }
    const failure = await store.failure(id);
    if (!failure) return apiError(c, 'not_found', `no failed claim has the id ${id}`);
    const claim: unknown = JSON.parse(failure.body);
    const v = validateClaim(claim, registry.partyKey, { latestDay: latestDayFor(Date.parse(deps.now())) });
    if (!v.ok || digestOf(v.claim) !== id) {
      return apiError(c, 'conflict', `claim ${id} no longer validates and cannot be retried`, v.ok ? [] : v.errors);
    }
    try {
      await queues.enqueueClaims([{ id, claim: v.claim, receivedAt: deps.now(), validated: true }]);
    } catch (err) {
      deps.log.warn('could not re-queue a failed claim', { err, id });
      return queueFailure(c, err);
    }
    await store.markRequeued([id]);
    return c.json({ id, status: 'queued' as const, incidentId: null, errors: [] }, 202);
  });
}
