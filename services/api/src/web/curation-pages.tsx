/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';
import type { ClaimStatusView } from '@recon/domain';
import type { Context } from 'hono';
import type { ApiDeps } from '../api-deps.js';
import { incidentDetail } from '../incident-detail.js';
import { apiProblem, callApi } from './claim-form-routes.js';
import { htmlAnswer, wantsHtml } from './html-answer.js';
import { renderPage } from './layout.js';
import type { Outcome } from './pages/claim-form-page.js';
import { ProblemsPage } from './pages/problems-page.js';
import { ClaimPage } from './pages/claim-page.js';
import { MessagePage } from './pages/message-page.js';
import { ReviewPage, type ReviewIncident, type ReviewItem } from './pages/review-page.js';
import { csrfToken } from './session.js';
import { formOf } from './web-form.js';

const DONE: Record<string, string> = {
  review: 'Review settled: the incident is confirmed as separate.',
  merge: 'Merged. The reports of both incidents are rebuilt as new versions.',
  split: 'Split out into a new incident.',
  move: 'Claim moved.',
  retry: 'Claim queued again.',
};

/**
 * `/review` (incidents that need review, beside their candidates, with merge, split, move and
 * confirm) and `/claims?status=rejected|failed` (problem claims, failed ones with a retry button).
 * Each button posts a form that is checked for its CSRF token and then made as the API's own
 * curation request, as the signed-in analyst, with the note the analyst gave.
 */
export function registerCurationPages(app: Hono, deps: ApiDeps): void {
  const { store } = deps;

  const reviewIncident = async (id: string): Promise<ReviewIncident | null> => {
    const row = await store.findIncident(id);
    if (!row) return null;
    const name = (id: string): string => deps.registry.get(id)?.name ?? id;
    const claims = await store.incidentClaims(row.id);
    return { row, summary: (await incidentDetail(store, row)).summary, claims: claims.map((c) => ({ ...c, claimantName: name(c.claimantId) })) };
  };

  const reviewPage = async (c: Context, outcome?: Outcome, status: 200 | 400 | 403 = 200): Promise<Response> => {
    const items: ReviewItem[] = [];
    for (const i of await store.listIncidents({ needsReview: true, limit: 50 })) {
      const incident = await reviewIncident(i.id);
      if (!incident) continue;
      const candidates: ReviewIncident[] = [];
      for (const id of i.candidates) {
        const cand = await reviewIncident(id);
        if (cand && cand.row.id !== incident.row.id) candidates.push(cand);
      }
      items.push({ incident, candidates });
    }
    return htmlAnswer(c, renderPage(<ReviewPage items={items} csrf={csrfToken(c)} outcome={outcome} />), status);
  };

  app.get('/review', (c) => {
    const done = DONE[c.req.query('done') ?? ''];
    return reviewPage(c, done ? { kind: 'ok', lines: [done] } : undefined);
  });

  /** Posts a curation form to the API and comes back to `back` with the outcome. */
  const curate = async (c: Context, path: string | ((form: URLSearchParams) => string), body: (form: URLSearchParams) => unknown, done: string, back: (c: Context, o: Outcome, s: 400 | 403) => Response | Promise<Response>, okTo: string) => {
    const form = await formOf(c);
    if (!form) return back(c, { kind: 'bad', lines: ['The form had expired (or came from another site): nothing was done. Try again.'] }, 403);
    const answer = await callApi(app, c, 'POST', typeof path === 'string' ? path : path(form), body(form));
    if (answer.status >= 300) return back(c, { kind: 'bad', lines: [apiProblem(answer)] }, 400);
    return c.redirect(`${okTo}${okTo.includes('?') ? '&' : '?'}done=${done}`, 303);
  };
  const backToReview = (c: Context, o: Outcome, s: 400 | 403) => reviewPage(c, o, s);
  const note = (f: URLSearchParams): string => (f.get('note') ?? '').trim();
  const opt = (v: string | null): string | undefined => (v && v.trim() ? v.trim() : undefined);

  app.post('/ui/incidents/:id/review', (c) =>
    curate(c, `/incidents/${encodeURIComponent(c.req.param('id'))}/review`, (f) => ({ decision: f.get('decision') ?? 'confirmed', note: note(f) }), 'review', backToReview, '/review'),
  );
  app.post('/ui/incidents/:id/merge', (c) =>
    curate(c, `/incidents/${encodeURIComponent(c.req.param('id'))}/merge`, (f) => ({ into: f.get('into') ?? '', note: note(f) }), 'merge', backToReview, '/review'),
  );
  app.post('/ui/incidents/:id/split', (c) =>
    curate(
      c,
      `/incidents/${encodeURIComponent(c.req.param('id'))}/split`,
      (f) => {
        const key = opt(f.get('key'));
        const title = opt(f.get('title'));
        return { claimIds: f.getAll('claimIds'), incident: { ...(key ? { key } : {}), ...(title ? { title } : {}) }, note: note(f) };
      },
      'split',
      backToReview,
      '/review',
    ),
  );
  app.post('/ui/claims/move', (c) =>
    curate(c, (f) => `/claims/${encodeURIComponent(f.get('claim') ?? '')}/move`, (f) => ({ incident: f.get('incident') ?? '', note: note(f) }), 'move', backToReview, '/review'),
  );

  const problemsPage = async (c: Context, status: 'rejected' | 'failed', outcome?: Outcome, code: 200 | 400 | 403 = 200) =>
    htmlAnswer(c, renderPage(<ProblemsPage status={status} claims={await store.problemClaims(status, 200)} csrf={csrfToken(c)} outcome={outcome} />), code);

  app.get('/claims', (c, next) => {
    if (!wantsHtml(c)) return next();
    const status = c.req.query('status') === 'failed' ? 'failed' : 'rejected';
    const done = DONE[c.req.query('done') ?? ''];
    return problemsPage(c, status, done ? { kind: 'ok', lines: [done] } : undefined);
  });
  app.get('/claims/:id', async (c, next) => {
    if (!wantsHtml(c)) return next();
    const answer = await callApi(app, c, 'GET', `/claims/${encodeURIComponent(c.req.param('id'))}`);
    if (answer.status !== 200) return htmlAnswer(c, renderPage(<MessagePage title="Claim" message={apiProblem(answer)} />), answer.status === 404 ? 404 : 503);
    return htmlAnswer(c, renderPage(<ClaimPage claim={answer.body as ClaimStatusView} csrf={csrfToken(c)} />));
  });

  app.post('/ui/claims/:id/retry', (c) =>
    curate(c, `/claims/${encodeURIComponent(c.req.param('id'))}/retry`, () => undefined, 'retry', (cc, o, s) => problemsPage(cc, 'failed', o, s), '/claims?status=failed'),
  );
}
