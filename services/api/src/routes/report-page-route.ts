import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Report } from '@recon/domain';
import type { ApiDeps } from '../api-deps.js';
import { renderReportPage } from '../html/report-page.js';
import { requestedReport } from './incident-routes.js';
import { ErrorSchema, IdParamSchema, VersionQuerySchema } from '../schemas.js';

const json = { 'application/json': { schema: ErrorSchema } };

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
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/incidents/{id}/report.html',
    summary: "The incident's reconciliation report as a read-only HTML page: the latest version, or `?version=N`",
    request: { params: IdParamSchema, query: VersionQuerySchema },
    responses: {
      200: { description: 'The report page', content: { 'text/html': { schema: { type: 'string' } } } },
      400: { description: 'A bad query parameter', content: json },
      404: { description: 'No such incident, version, or no report yet', content: json },
    },
  });
  app.get('/incidents/:id/report.html', (c) => {
    const found = requestedReport(c, deps.store, deps.reportCache);
    if (found instanceof Response) return found;
    return c.body(renderReportPage(JSON.parse(found.json.toString('utf8')) as Report), 200, { ...REPORT_PAGE_HEADERS });
  });
}
