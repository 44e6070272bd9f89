/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from '../api-deps.js';
import { registerAssets } from './assets.js';
import { registerClaimForm } from './claim-form-routes.js';
import { registerCurationPages } from './curation-pages.js';
import { htmlAnswer } from './html-answer.js';
import { renderPage } from './layout.js';
import { PageCache } from './page-cache.js';
import { MessagePage } from './pages/message-page.js';
import { registerReadPages } from './read-pages.js';
import { registerSessionPages } from './session-pages.js';

/** hono/csrf's Origin check, answering a refused form with a page rather than a bare 403. */
function sameOrigin(): MiddlewareHandler {
  const check = csrf();
  return async (c, next) => {
    try {
      return await check(c, next);
    } catch (err) {
      if (!(err instanceof HTTPException) || err.status !== 403) throw err;
      return htmlAnswer(c, renderPage(<MessagePage title="Refused" message="This form was sent from another site: nothing was done." />), 403);
    }
  };
}

/** Paths that only the workbench serves (pages, its assets, its form posts); the rest are the API's. */
const WORKBENCH_ONLY = /^\/($|favicon\.ico$|assets\/|signin$|signout$|export$|review$|claims\/new$|ui\/|incidents\/\{id\}\/(versions|diff)$)/;

export const isWorkbenchRoute = (path: string): boolean => WORKBENCH_ONLY.test(path);

/**
 * The analyst's workbench: server-rendered pages on the API's own process. Reads come from the
 * store (pages cached by version); every write goes through the API's own routes, as the signed-in
 * analyst, behind a CSRF token and an Origin check.
 */
export function registerWebRoutes(app: Hono, deps: ApiDeps): void {
  const pages = new PageCache();
  for (const path of ['/ui/*', '/signin', '/signout']) app.use(path, sameOrigin());
  registerAssets(app);
  registerSessionPages(app, deps);
  registerReadPages(app, deps, pages);
  registerClaimForm(app, deps);
  registerCurationPages(app, deps);
}
