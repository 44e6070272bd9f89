import type { OpenAPIHono } from '@hono/zod-openapi';
import { CurationError, placeOfGazetteer, type CurationContext, type CurationResult } from '@recon/db';
import type { Context } from 'hono';
import type { ApiDeps } from '../api-deps.js';
import { apiError } from '../api-error.js';
import { actorOf } from '../auth.js';
import { incidentDetail } from '../incident-detail.js';
import { parseJsonBody, parseQuery } from '../request-parsing.js';
import {
  AuditListSchema,
  AuditQuerySchema,
  CurationResultSchema,
  EditBodySchema,
  ErrorSchema,
  IdParamSchema,
  IncidentClaimsSchema,
  MergeBodySchema,
  MoveBodySchema,
  ReviewBodySchema,
  SplitBodySchema,
} from '../schemas.js';

const json = { 'application/json': { schema: ErrorSchema } };
const curationResponses = {
  200: { description: 'Done (`changed: true`, with its audit event), or done already (`changed: false`)', content: { 'application/json': { schema: CurationResultSchema } } },
  400: { description: 'A field of the body is wrong', content: json },
  401: { description: 'Missing or wrong bearer token', content: json },
  404: { description: 'No such incident or claim', content: json },
  409: { description: 'The key belongs to another incident', content: json },
};

/**
 * Curation by people: merge, split, move, edit, review; each one an audit event, each one rebuilding
 * the reports it changes (as new versions). Repeating a request does nothing the second time.
 */
export function registerCurationRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const { store } = deps;
  const place = placeOfGazetteer(deps.gazetteer);

  /** Runs an action, queues the reconciles it calls for and answers with the incident it leaves. */
  const act = async (c: Context, note: string | undefined, run: (ctx: CurationContext) => CurationResult): Promise<Response> => {
    let result: CurationResult;
    try {
      result = run({ actor: actorOf(c.req.header('authorization'), deps.auth), now: deps.now(), note: note ?? null });
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
    const row = store.findIncident(result.incidentId)!;
    return c.json({ changed: result.changed, event: result.event, incident: incidentDetail(store, row) });
  };

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/incidents/{id}/merge',
    summary: 'Merge this incident into another: its claims move there, and its id and key answer with it',
    security: [{ Bearer: [] }],
    request: { params: IdParamSchema, body: { content: { 'application/json': { schema: MergeBodySchema } } } },
    responses: curationResponses,
  });
  app.post('/incidents/:id/merge', async (c) => {
    const b = await parseJsonBody(c, MergeBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad merge request', b.errors);
    return act(c, b.value.note, (ctx) => store.merge(c.req.param('id'), b.value.into, ctx));
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/incidents/{id}/split',
    summary: 'Split claims out of this incident into a new one (with a key and title if given)',
    security: [{ Bearer: [] }],
    request: { params: IdParamSchema, body: { content: { 'application/json': { schema: SplitBodySchema } } } },
    responses: curationResponses,
  });
  app.post('/incidents/:id/split', async (c) => {
    const b = await parseJsonBody(c, SplitBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad split request', b.errors);
    const { key, title } = b.value.incident;
    const incident = { ...(key === undefined ? {} : { key }), ...(title === undefined ? {} : { title }) };
    return act(c, b.value.note, (ctx) => store.split(c.req.param('id'), b.value.claimIds, incident, ctx));
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/claims/{id}/move',
    summary: 'Move a claim to another incident',
    security: [{ Bearer: [] }],
    request: { params: IdParamSchema, body: { content: { 'application/json': { schema: MoveBodySchema } } } },
    responses: curationResponses,
  });
  app.post('/claims/:id/move', async (c) => {
    const b = await parseJsonBody(c, MoveBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad move request', b.errors);
    return act(c, b.value.note, (ctx) => store.move(c.req.param('id'), b.value.incident, ctx));
  });

  app.openAPIRegistry.registerPath({
    method: 'patch',
    path: '/incidents/{id}',
    summary: "Correct an incident's fields by hand (null gives a field back to the claims)",
    security: [{ Bearer: [] }],
    request: { params: IdParamSchema, body: { content: { 'application/json': { schema: EditBodySchema } } } },
    responses: curationResponses,
  });
  app.patch('/incidents/:id', async (c) => {
    const b = await parseJsonBody(c, EditBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad incident edit', b.errors);
    const { note, ...patch } = b.value;
    return act(c, note, (ctx) => store.editIncident(c.req.param('id'), patch, place, ctx));
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/incidents/{id}/review',
    summary: "Settle an incident's review (it keeps its claims and no longer needs review)",
    security: [{ Bearer: [] }],
    request: { params: IdParamSchema, body: { content: { 'application/json': { schema: ReviewBodySchema } } } },
    responses: curationResponses,
  });
  app.post('/incidents/:id/review', async (c) => {
    const b = await parseJsonBody(c, ReviewBodySchema);
    if (!b.ok) return apiError(c, 'invalid_request', 'bad review', b.errors);
    return act(c, b.value.note, (ctx) => store.review(c.req.param('id'), b.value.decision, ctx));
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/incidents/{id}/history',
    summary: 'The audit trail of an incident (and of the incidents merged into it), oldest first',
    request: { params: IdParamSchema },
    responses: {
      200: { description: 'The events', content: { 'application/json': { schema: AuditListSchema } } },
      404: { description: 'No incident has this id or key', content: json },
    },
  });
  app.get('/incidents/:id/history', (c) => {
    const row = store.findIncident(c.req.param('id'));
    if (!row) return apiError(c, 'not_found', `no incident has the id or key ${c.req.param('id')}`);
    return c.json({ events: store.history(row.id) });
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/incidents/{id}/claims',
    summary: "An incident's claims (retracted ones too), in statedAt order; `pinned`: put there by an analyst",
    request: { params: IdParamSchema },
    responses: {
      200: { description: 'The claims', content: { 'application/json': { schema: IncidentClaimsSchema } } },
      404: { description: 'No incident has this id or key', content: json },
    },
  });
  app.get('/incidents/:id/claims', (c) => {
    const row = store.findIncident(c.req.param('id'));
    if (!row) return apiError(c, 'not_found', `no incident has the id or key ${c.req.param('id')}`);
    return c.json({ incidentId: row.id, claims: store.incidentClaims(row.id) });
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/audit',
    summary: 'The audit log: every curation action and retraction, oldest first (`since` a time, `after` a log position)',
    request: { query: AuditQuerySchema },
    responses: {
      200: { description: 'The events', content: { 'application/json': { schema: AuditListSchema } } },
      400: { description: 'A bad query parameter', content: json },
    },
  });
  app.get('/audit', (c) => {
    const q = parseQuery(c, AuditQuerySchema);
    if (!q.ok) return apiError(c, 'invalid_request', 'bad query parameters', q.errors);
    const since = q.value.since === undefined ? '' : new Date(Date.parse(q.value.since)).toISOString();
    return c.json({ events: store.auditSince(since, q.value.limit, q.value.after) });
  });
}
