import type { OpenAPIHono } from '@hono/zod-openapi';
import { fold } from '@recon/domain';
import type { ApiDeps } from '../api-deps.js';
import { apiError } from '../api-error.js';
import { parseQuery } from '../request-parsing.js';
import { ActorListSchema, ActorQuerySchema, ErrorSchema } from '../schemas.js';

/** `GET /actors`: the actor registry, with every alias and where and when it holds. */
export function registerActorRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/actors',
    summary: 'The actor registry: id, name, kind, side, and aliases with their scopes (`q` matches names, `country` keeps what holds there)',
    request: { query: ActorQuerySchema },
    responses: {
      200: { description: 'The actors, by name', content: { 'application/json': { schema: ActorListSchema } } },
      400: { description: 'A bad query parameter', content: { 'application/json': { schema: ErrorSchema } } },
    },
  });
  app.get('/actors', (c) => {
    const q = parseQuery(c, ActorQuerySchema);
    if (!q.ok) return apiError(c, 'invalid_request', 'bad query parameters', q.errors);
    const needle = q.value.q === undefined ? null : fold(q.value.q);
    const country = q.value.country;
    const byActor = new Map<string, { id: string; name: string; kind: string; side: string | null; aliases: { alias: string; countries: string[] | null; from: string | null; to: string | null }[] }>();
    for (const { alias, actor, scope } of deps.registry.aliases()) {
      if (country !== undefined && scope.countries !== null && !scope.countries.includes(country)) continue;
      const entry = byActor.get(actor.id) ?? { id: actor.id, name: actor.name, kind: actor.kind, side: actor.side, aliases: [] };
      entry.aliases.push({ alias, ...scope });
      byActor.set(actor.id, entry);
    }
    const actors = [...byActor.values()]
      .filter((a) => needle === null || fold(a.name).includes(needle) || a.id.includes(needle.replace(/ /g, '-')) || a.aliases.some((x) => fold(x.alias).includes(needle)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return c.json({ actors });
  });
}
