/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { IncidentQuerySchema, incidentFilterOf, VersionQuerySchema } from '@recon/contract';
import type { Report } from '@recon/domain';
import type { Context } from 'hono';
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';
import type { ApiDeps } from '../api-deps.js';
import { requestedReport } from '../routes/incident-routes.js';
import { cachedPageAnswer, filledQuery, htmlAnswer, wantsHtml } from './html-answer.js';
import { renderPage } from './layout.js';
import type { PageCache } from './page-cache.js';
import { HistoryPage } from './pages/history-page.js';
import { IncidentListPage, PAGE_SIZE, type ListQuery } from './pages/incident-list-page.js';
import { renderIncidentPage } from './pages/incident-page.js';
import { MessagePage } from './pages/message-page.js';
import { DiffPage, VersionsPage } from './pages/version-pages.js';
import { ExportPage } from './pages/export-page.js';
import { diffReports } from './report-diff.js';

/**
 * The read-only pages: the incident list (at `/` and, for browsers, `/incidents`), an incident
 * (`/incidents/:id`, `?version=N`), its versions and the diff of two, its history. Paths the JSON
 * API also answers give the page only to a request that asks for HTML first. Incident pages are
 * cached by report version, lists by the database's change stamp and their query.
 */
export function registerReadPages(app: Hono, deps: ApiDeps, pages: PageCache): void {
  const { store } = deps;

  const listPage = async (c: Context): Promise<Response> => {
    const parsed = IncidentQuerySchema.safeParse(filledQuery(c));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
      return htmlAnswer(c, renderPage(<IncidentListPage q={{}} items={[]} errors={errors} />), 400);
    }
    const { disputed, needsReview, offset, sort, q, country, from, to } = parsed.data;
    const query: ListQuery = { q, country, from, to, disputed, needsReview, sort, offset };
    const key = `list\u0000${await store.changeStamp()}\u0000${JSON.stringify(query)}`;
    const hit = pages.get(key);
    if (hit) return cachedPageAnswer(c, hit, pages);
    const items = await store.listIncidents({ ...incidentFilterOf(query), limit: PAGE_SIZE, offset: offset ?? 0 });
    return cachedPageAnswer(c, pages.getOrPut(key, () => renderPage(<IncidentListPage q={query} items={items} />)), pages);
  };

  app.get('/', listPage);
  app.get('/export', (c) => htmlAnswer(c, renderPage(<ExportPage />)));
  app.get('/incidents', (c, next) => (wantsHtml(c) ? listPage(c) : next()));

  app.get('/incidents/:id', async (c, next) => {
    if (!wantsHtml(c)) return next();
    const id = c.req.param('id');
    // The common read, the latest version: one in-memory lookup of it, then the cached page.
    if (!c.req.url.includes('?')) {
      const wanted = await store.latestReportVersion(id);
      const hit = wanted ? pages.get(incidentKey(wanted.incidentId, wanted.version, wanted.version)) : undefined;
      if (hit) return cachedPageAnswer(c, hit, pages);
    }
    const found = await store.lookupIncident(id);
    if (!found) return notFound(c, id);
    // `all=1` shows every claim of large cells; the rest of the query is the report's.
    const { all: allParam, ...rest } = filledQuery(c);
    const all = allParam === '1';
    const version = VersionQuerySchema.safeParse(rest);
    if (!version.success) return htmlAnswer(c, renderPage(<MessagePage title="Bad version" message="version must be a whole number ≥ 1" />), 400);
    const report = await requestedReport(c, store, deps.reportCache, rest);
    if (report instanceof Response) {
      const message =
        found.row.latestVersion === 0
          ? 'This incident has no report yet: its claims are still being reconciled. Reload the page in a moment.'
          : `This incident has no report version ${version.data.version ?? ''} (the latest is ${found.row.latestVersion}).`;
      return htmlAnswer(c, renderPage(<MessagePage title={found.row.title ?? found.row.key ?? found.row.id} message={message} section="incidents" />), 404);
    }
    const latest = (await store.latestReportVersion(found.row.id))?.version ?? report.version;
    const page = pages.getOrPut(`${incidentKey(report.incidentId, report.version, latest)}${all ? '\u0000all' : ''}`, () =>
      renderIncidentPage(JSON.parse(report.json.toString('utf8')) as Report, latest, all),
    );
    return cachedPageAnswer(c, page, pages);
  });

  const incidentRef = async (id: string) => {
    const row = await store.findIncident(id);
    return row ? { id: row.id, title: row.title ?? row.key ?? row.id } : null;
  };

  app.get('/incidents/:id/versions', async (c) => {
    const incident = await incidentRef(c.req.param('id'));
    if (!incident) return notFound(c, c.req.param('id'));
    return htmlAnswer(c, renderPage(<VersionsPage incident={incident} versions={await store.reportVersions(incident.id)} />));
  });

  app.get('/incidents/:id/diff', async (c) => {
    const incident = await incidentRef(c.req.param('id'));
    if (!incident) return notFound(c, c.req.param('id'));
    const from = Number(c.req.query('from'));
    const to = Number(c.req.query('to'));
    const a = Number.isInteger(from) && from >= 1 ? await store.reportJson(incident.id, from) : null;
    const b = Number.isInteger(to) && to >= 1 ? await store.reportJson(incident.id, to) : null;
    if (!a || !b) {
      return htmlAnswer(
        c,
        renderPage(<MessagePage title="No such versions" message={`Pick two versions of this incident's report (from and to, each a whole number ≥ 1 that exists).`} section="incidents" />),
        404,
      );
    }
    return htmlAnswer(c, renderPage(<DiffPage incident={incident} diff={diffReports(JSON.parse(a) as Report, JSON.parse(b) as Report)} />));
  });

  app.get('/incidents/:id/history', async (c, next) => {
    if (!wantsHtml(c)) return next();
    const incident = await incidentRef(c.req.param('id'));
    if (!incident) return notFound(c, c.req.param('id'));
    return htmlAnswer(c, renderPage(<HistoryPage incident={incident} events={await store.history(incident.id)} />));
  });
}

const incidentKey = (incidentId: string, version: number, latest: number): string => `incident\u0000${incidentId}\u0000${version}\u0000${latest}`;

export function notFound(c: Context, id: string): Response {
  return htmlAnswer(c, renderPage(<MessagePage title="Not found" message={`No incident has the id or key ${id}.`} />), 404);
}
