/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Report } from '@recon/domain';
import { IdParamSchema, VersionQuerySchema } from '@recon/contract';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-error.js';
import { htmlAnswer } from '../web/html-answer.js';
import { renderPage } from '../web/layout.js';
import { IncidentPage } from '../web/pages/incident-page.js';
import { requestedReport } from './incident-routes.js';

/** Declared, and routed by hand like the JSON report, whose lookup and query parsing it shares. */
const reportPageRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/report.html',
  summary: "The incident's reconciliation report as an HTML page (the workbench's incident page): the latest version, or `?version=N`",
  request: { params: IdParamSchema, query: VersionQuerySchema },
  responses: {
    200: { description: 'The report page', content: { 'text/html': { schema: z.string().openapi({ description: 'An HTML page' }) } } },
    ...errorResponses({ 400: 'A bad query parameter', 404: 'No such incident, version, or no report yet' }),
  },
});

/** `GET /incidents/:id/report.html`: the report (latest, or `?version=N`) as the incident page, whatever the Accept header. */
export function registerReportPageRoute(app: OpenAPIHono, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath(reportPageRoute);
  app.get('/incidents/:id/report.html', async (c) => {
    const found = await requestedReport(c, deps.store, deps.reportCache);
    if (found instanceof Response) return found;
    const latest = (await deps.store.latestReportVersion(found.incidentId))?.version ?? found.version;
    return htmlAnswer(c, renderPage(<IncidentPage report={JSON.parse(found.json.toString('utf8')) as Report} latest={latest} />));
  });
}
