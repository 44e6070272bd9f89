import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { ApiDeps } from './api-deps.js';
import { validationHook } from './request-parsing.js';
import { apiError } from './api-error.js';
import { authMiddleware } from './auth.js';
import { registerActorRoutes } from './routes/actor-routes.js';
import { registerClaimRoutes, registerProblemClaimRoutes } from './routes/claims-routes.js';
import { registerCurationRoutes } from './routes/curation-routes.js';
import { registerIncidentRoutes } from './routes/incident-routes.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { registerReportPageRoute } from './routes/report-page-route.js';
import { registerExportRoutes } from './routes/export-routes.js';
import { registerExtractRoutes } from './routes/extract-routes.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerWebRoutes } from './web/web-routes.js';

export const API_VERSION = '1.0.0';

/** The HTTP API (CONTRACT.md section 6), with its OpenAPI 3.1 document at /openapi.json. */
export function createApp(deps: ApiDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // Every request gets an id (the client's X-Request-Id, or a new one), answered back and logged.
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.req.routePath;
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
    if (deps.log.enabled('debug')) deps.log.debug('request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, route, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
  });
  app.use('*', authMiddleware(deps.auth));

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', { type: 'http', scheme: 'bearer' });
  // Pages first: on paths the JSON API shares, they answer only requests that ask for HTML.
  registerWebRoutes(app, deps);
  registerClaimRoutes(app, deps);
  registerProblemClaimRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerCurationRoutes(app, deps);
  registerActorRoutes(app, deps);
  registerReportPageRoute(app, deps);
  registerExportRoutes(app, deps);
  registerExtractRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerOpsRoutes(app, deps);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Casualty-claim reconciliation API',
      version: API_VERSION,
      description:
        'Enqueue casualty claims (one statement by one claimant about one incident) and read per-incident reconciliation reports. The service never averages and never picks a winner.',
    },
  });

  app.notFound((c) => apiError(c, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 415) {
      return apiError(c, 'unsupported_media_type', 'send the body as JSON, with the header Content-Type: application/json');
    }
    deps.log.error('unhandled error', { err, path: c.req.path, requestId: c.get('requestId') });
    return apiError(c, 'internal', 'internal error');
  });
  return app;
}
