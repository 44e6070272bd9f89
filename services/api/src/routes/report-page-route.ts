import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { errorResponses } from '../api-error.js';
import type { Report } from '@recon/domain';
import type { ApiDeps } from '../api-deps.js';
import { renderReportPage } from '../html/report-page.js';
import { requestedReport } from './incident-routes.js';
import { IdParamSchema, VersionQuerySchema } from '@recon/contract';

/** Declared, and routed by hand like the JSON report, whose lookup and query parsing it shares. */
const reportPageRoute = createRoute({
  method: 'get',
  path: '/incidents/{id}/report.html',
  summary: "The incident's reconciliation report as a read-only HTML page: the latest version, or `?version=N`",
  request: { params: IdParamSchema, query: VersionQuerySchema },
  responses: {
    200: { description: 'The report page', content: { 'text/html': { schema: z.string().openapi({ description: 'An HTML page' }) } } },
    ...errorResponses({ 400: 'A bad query parameter', 404: 'No such incident, version, or no report yet' }),
  },
});

/** The page's headers: no script, no external resource, not framable, not sniffed as anything else. */
export const REPORT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** `GET /incidents/:id/report.html`: the report (latest, or `?version=N`) as a read-only HTML page. */
export function registerReportPageRoute(app: OpenAPIHono, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath(reportPageRoute);
  app.get('/incidents/:id/report.html', (c) => {
    const found = requestedReport(c, deps.store, deps.reportCache);
    if (found instanceof Response) return found;
    return c.body(renderReportPage(JSON.parse(found.json.toString('utf8')) as Report), 200, { ...REPORT_PAGE_HEADERS });
  });
}
