import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ClaimStore } from '@recon/db';
import type { Context } from 'hono';
import { acceptsGzip, type CachedReport, type ReportCache } from '../report-cache.js';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses } from '../api-error.js';
import { serve } from '../openapi-route.js';
import { incidentDetail } from '../incident-detail.js';
import { parseQuery, parseQueryValues } from '../request-parsing.js';
import {
  IdParamSchema,
  IncidentDetailSchema,
  IncidentListSchema,
  IncidentQuerySchema,
  incidentFilterOf,
  ReportSchema,
  ReportVersionsSchema,
  VersionQuerySchema,
} from '@recon/contract';

const idParam = { params: IdParamSchema };
const notFound = errorResponses({ 400: 'A bad id', 404: 'No incident has this id or key' });

const listRoute = createRoute({
  method: 'get',
  path: '/incidents',
  summary: 'Incidents, newest first, each with a one-line summary of its latest report',
  request: { query: IncidentQuerySchema },
  responses: { 200: { description: 'The incidents', content: { 'application/json': { schema: IncidentListSchema } } }, ...errorResponses({ 400: 'A bad query parameter' }) },
});
const incidentRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}',
  summary: 'One incident (by id or key; an id or key merged into another incident answers with that one)',
  request: idParam,
  responses: { 200: { description: 'The incident', content: { 'application/json': { schema: IncidentDetailSchema } } }, ...notFound },
});
/**
 * The hottest read: served from cached bytes with a query parsed only when there is one, so it is
 * declared here but routed by hand (`registerPath` + `app.get`) rather than through the validator.
 */
const reportRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/report',
  summary: "The incident's reconciliation report: the latest version, or `?version=N`",
  request: { params: IdParamSchema, query: VersionQuerySchema },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: ReportSchema } } },
    304: { description: 'Not modified (If-None-Match named this version)' },
    ...errorResponses({ 400: 'A bad version number', 404: 'No such incident, version, or no report yet' }),
  },
});
const versionsRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/reports',
  summary: "Every version of the incident's report (a merged incident: its own earlier versions, and `mergedInto`)",
  request: idParam,
  responses: { 200: { description: 'The versions, oldest first', content: { 'application/json': { schema: ReportVersionsSchema } } }, ...notFound },
});

export function registerIncidentRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const { store } = deps;

  serve(app, listRoute, async (c) => {
    return c.json({ incidents: await store.listIncidents(incidentFilterOf(c.req.valid('query'))) });
  });

  serve(app, incidentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const found = await store.lookupIncident(id);
    if (!found) return apiError(c, 'not_found', `no incident has the id or key ${id}`);
    return c.json(await incidentDetail(store, found.row, found.resolvedFrom));
  });

  app.openAPIRegistry.registerPath(reportRoute);
  app.get('/incidents/:id/report', async (c) => {
    const found = await requestedReport(c, store, deps.reportCache);
    if (found instanceof Response) return found;
    // A version never changes: its ETag is its incident and number.
    const etag = `"${found.incidentId}-v${found.version}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, Vary: 'Accept-Encoding' });
    // A Response with plain headers: the server writes it without building a Headers object.
    if (acceptsGzip(c.req.header('accept-encoding'))) {
      return new Response(found.gzip as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', etag, vary: 'Accept-Encoding', 'content-encoding': 'gzip' },
      });
    }
    return new Response(found.json as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', etag, vary: 'Accept-Encoding' },
    });
  });

  serve(app, versionsRoute, async (c) => {
    const { id } = c.req.valid('param');
    // A merged incident lists its own versions, and says where it went.
    const own = await store.incidentRow(id);
    if (own && own.mergedInto !== null) {
      return c.json({ incidentId: own.id, mergedInto: (await store.findIncident(own.id))?.id ?? own.mergedInto, versions: await store.reportVersions(own.id) });
    }
    const row = await store.findIncident(id);
    if (!row) return apiError(c, 'not_found', `no incident has the id or key ${id}`);
    return c.json({ incidentId: row.id, versions: await store.reportVersions(row.id) });
  });
}

/**
 * The report that `/incidents/:id/report[?version=N]` (and its HTML page) asks for, from the cache or
 * in one indexed lookup, or the error answer: a bad version, no such incident or version, or no
 * report yet.
 */
export async function requestedReport(c: Context, store: ClaimStore, cache: ReportCache, query?: Record<string, string>): Promise<CachedReport | Response> {
  // Most reads ask for the latest version: no query to validate.
  const q: ReturnType<typeof parseQuery<typeof VersionQuerySchema>> =
    query !== undefined ? parseQueryValues(query, VersionQuerySchema) : c.req.url.includes('?') ? parseQuery(c, VersionQuerySchema) : { ok: true, value: {} };
  if (!q.ok) return apiError(c, 'invalid_request', 'bad query parameters', q.errors);
  const id = c.req.param('id') ?? '';
  const wanted = q.value.version === undefined ? await store.latestReportVersion(id) : null;
  if (wanted) {
    const hit = cache.get(wanted.incidentId, wanted.version);
    if (hit) return hit;
  }
  let found = await store.reportBytes(id, q.value.version);
  // An id merged into another incident keeps its own earlier versions; its latest report is the
  // other incident's.
  const own = found || q.value.version === undefined ? null : await store.incidentRow(id);
  if (own && own.mergedInto !== null) found = await store.ownReportBytes(own.id, q.value.version!);
  const row = found ? null : await store.findIncident(id);
  if (!found && row && row.id !== id && q.value.version === undefined) found = await store.reportBytes(row.id);
  if (found) return cache.get(found.incidentId, found.version) ?? cache.put(found.incidentId, found.version, found.body);
  if (!row) return apiError(c, 'not_found', `no incident has the id or key ${id}`);
  return q.value.version === undefined
    ? apiError(c, 'report_not_ready', `incident ${row.id} has no report yet; its claims are still being reconciled`)
    : apiError(c, 'not_found', `incident ${row.id} has no report version ${q.value.version} (latest is ${row.latestVersion})`);
}

