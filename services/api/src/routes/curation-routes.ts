import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CurationError, placeOfGazetteer, type CurationContext, type CurationResult } from '@recon/db';
import type { Context } from 'hono';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses } from '../api-error.js';
import { bodyRef, registerBodies, serve } from '../openapi-route.js';
import { actorOf } from '../auth.js';
import { incidentDetail } from '../incident-detail.js';
import { parseJsonBody } from '../request-parsing.js';
import {
  AuditListSchema,
  AuditQuerySchema,
  CurationResultSchema,
  EditBodySchema,
  IdParamSchema,
  IncidentClaimsSchema,
  MergeBodySchema,
  MoveBodySchema,
  ReviewBodySchema,
  SplitBodySchema,
} from '@recon/contract';

const idParam = { params: IdParamSchema };
const curationResponses = {
  200: { description: 'Done (`changed: true`, with its audit event), or done already (`changed: false`)', content: { 'application/json': { schema: CurationResultSchema } } },
  ...errorResponses({ 400: 'A field of the body is wrong', 401: 'Missing or wrong bearer token', 404: 'No such incident or claim', 409: 'The key belongs to another incident' }),
};
const curation = (method: 'post' | 'patch', path: string, summary: string, body: string) =>
  createRoute({ method, path, summary, security: [{ Bearer: [] }], request: { ...idParam, body: bodyRef(body) }, responses: curationResponses });

const mergeRoute = curation('post', '/incidents/{id}/merge', 'Merge this incident into another: its claims move there, and its id and key answer with it', 'MergeIncident');
const splitRoute = curation('post', '/incidents/{id}/split', 'Split claims out of this incident into a new one (with a key and title if given)', 'SplitIncident');
const moveRoute = curation('post', '/claims/{id}/move', 'Move a claim to another incident', 'MoveClaim');
const editRoute = curation('patch', '/incidents/{id}', "Correct an incident's fields by hand (null gives a field back to the claims)", 'EditIncident');
const reviewRoute = curation('post', '/incidents/{id}/review', "Settle an incident's review (it keeps its claims and no longer needs review)", 'ReviewIncident');
const historyRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/history',
  summary: 'The audit trail of an incident (and of the incidents merged into it), oldest first',
  request: idParam,
  responses: { 200: { description: 'The events', content: { 'application/json': { schema: AuditListSchema } } }, ...errorResponses({ 400: 'A bad id', 404: 'No incident has this id or key' }) },
});
const incidentClaimsRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/claims',
  summary: "An incident's claims (retracted ones too), in statedAt order; `pinned`: put there by an analyst",
  request: idParam,
  responses: { 200: { description: 'The claims', content: { 'application/json': { schema: IncidentClaimsSchema } } }, ...errorResponses({ 400: 'A bad id', 404: 'No incident has this id or key' }) },
});
const auditRoute = createRoute({
  method: 'get',
  path: '/audit',
  summary: 'The audit log: every curation action and retraction, oldest first (`since` a time, `after` a log position)',
  request: { query: AuditQuerySchema },
  responses: { 200: { description: 'The events', content: { 'application/json': { schema: AuditListSchema } } }, ...errorResponses({ 400: 'A bad query parameter' }) },
});

/**
 * Curation by people: merge, split, move, edit, review; each one an audit event, each one rebuilding
 * the reports it changes (as new versions). Repeating a request does nothing the second time.
 */
export function registerCurationRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const { store } = deps;
  const place = placeOfGazetteer(deps.gazetteer);
  registerBodies(app, { MergeIncident: MergeBodySchema, SplitIncident: SplitBodySchema, MoveClaim: MoveBodySchema, EditIncident: EditBodySchema, ReviewIncident: ReviewBodySchema });

  /** Runs an action, queues the reconciles it calls for and answers with the incident it leaves. */
  const act = async (c: Context, note: string | undefined, run: (ctx: CurationContext) => Promise<CurationResult>): Promise<Response> => {
    let result: CurationResult;
    try {
      result = await run({ actor: actorOf(c.req.header('authorization'), deps.auth), now: deps.now(), note: note ?? null });
    } catch (err) {
      if (err instanceof CurationError) {
        return apiError(c, err.code === 'invalid' ? 'invalid_request' : err.code, err.message, err.errors.length > 0 ? err.errors : undefined);
      }
      throw err;
    }
    if (result.touched.length > 0) {
      try {
        await deps.queues.requestReconcile(result.touched);
      } catch (err) {
        // The action is committed; the reconciler's sweep rebuilds the reports once Redis is back.
        deps.log.warn('curated, but could not request reconciles now', { err, incidentIds: result.touched });
      }
    }
    const row = (await store.findIncident(result.incidentId))!;
    return c.json({ changed: result.changed, event: result.event, incident: await incidentDetail(store, row) });
  };

  serve(app, mergeRoute, async (c) => {
    const b = await parseJsonBody(c, MergeBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad merge request', b.errors);
    return act(c, b.value.note, (ctx) => store.merge(c.req.valid('param').id, b.value.into, ctx));
  });

  serve(app, splitRoute, async (c) => {
    const b = await parseJsonBody(c, SplitBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad split request', b.errors);
    const { key, title } = b.value.incident;
    const incident = { ...(key === undefined ? {} : { key }), ...(title === undefined ? {} : { title }) };
    return act(c, b.value.note, (ctx) => store.split(c.req.valid('param').id, b.value.claimIds, incident, ctx));
  });

  serve(app, moveRoute, async (c) => {
    const b = await parseJsonBody(c, MoveBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad move request', b.errors);
    return act(c, b.value.note, (ctx) => store.move(c.req.valid('param').id, b.value.incident, ctx));
  });

  serve(app, editRoute, async (c) => {
    const b = await parseJsonBody(c, EditBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad incident edit', b.errors);
    const { note, ...patch } = b.value;
    return act(c, note, (ctx) => store.editIncident(c.req.valid('param').id, patch, place, ctx));
  });

  serve(app, reviewRoute, async (c) => {
    const b = await parseJsonBody(c, ReviewBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad review', b.errors);
    return act(c, b.value.note, (ctx) => store.review(c.req.valid('param').id, b.value.decision, ctx));
  });

  serve(app, historyRoute, async (c) => {
    const row = await store.findIncident(c.req.valid('param').id);
    if (!row) return apiError(c, 'not_found', `no incident has the id or key ${c.req.valid('param').id}`);
    return c.json({ events: await store.history(row.id) });
  });

  serve(app, incidentClaimsRoute, async (c) => {
    const row = await store.findIncident(c.req.valid('param').id);
    if (!row) return apiError(c, 'not_found', `no incident has the id or key ${c.req.valid('param').id}`);
    return c.json({ incidentId: row.id, claims: await store.incidentClaims(row.id) });
  });

  serve(app, auditRoute, async (c) => {
    const q = c.req.valid('query');
    const since = q.since === undefined ? '' : new Date(Date.parse(q.since)).toISOString();
    return c.json({ events: await store.auditSince(since, q.limit, q.after) });
  });
}
