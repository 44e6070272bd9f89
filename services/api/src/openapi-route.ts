import type { OpenAPIHono, RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { z } from 'zod';

/**
 * A JSON request body that its handler reads itself, with the same schema (`parseJsonBody`, or the
 * claims parser): the route declares it by reference, so the document shows the schema while the
 * route's validator neither reads the body first nor refuses it for its content type. Register the
 * schemas once per app with `registerBodies`.
 */
export const bodyRef = (name: string) =>
  ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } }) as const;

export function registerBodies(app: OpenAPIHono, bodies: Record<string, z.ZodType>): void {
  for (const [name, schema] of Object.entries(bodies)) app.openAPIRegistry.register(name, schema);
}

/**
 * Serves a route declared with `createRoute`: the same declaration puts it in the document and
 * validates its parameters (answering `400` through the app's `validationHook`). Its answers are
 * checked against the declared schemas by the OpenAPI test rather than by the compiler, because
 * error answers (`apiError`) are plain Responses shared by every route.
 */
export function serve<R extends RouteConfig>(app: OpenAPIHono, route: R, handler: (c: Parameters<RouteHandler<R>>[0]) => Response | Promise<Response>): void {
  app.openapi(route, handler as never);
}
