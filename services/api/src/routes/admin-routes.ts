import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiDeps } from '../api-deps.js';

export const ADMIN_BASE = '/admin/queues';

/**
 * Bull Board (the queues' own dashboard: jobs by state, their data and errors, retry and clean) at
 * /admin/queues, behind the write token (authMiddleware). Its page is the library's, with a
 * policy that keeps it to this service (its web font request is refused; the browser's own font
 * is used).
 */
export function registerAdminRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const serverAdapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: [new BullMQAdapter(deps.queues.claims), new BullMQAdapter(deps.queues.reconcile)],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Claim queues' } },
  });
  serverAdapter.setBasePath(ADMIN_BASE);
  app.use(`${ADMIN_BASE}/*`, async (c, next) => {
    await next();
    c.res.headers.set(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });
  app.route(ADMIN_BASE, serverAdapter.registerPlugin());
}
