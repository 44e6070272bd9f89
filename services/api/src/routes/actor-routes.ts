import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { fold } from '@recon/domain';
import type { ApiDeps } from '../api-deps.js';
import { errorResponses } from '../api-error.js';
import { serve } from '../openapi-route.js';
import { ActorListSchema, ActorQuerySchema, type ActorList } from '@recon/contract';

const listActors = createRoute({
  method: 'get',
  path: '/actors',
  summary: 'The actor registry: id, name, kind, side, and aliases with their scopes (`q` matches names, `country` keeps what holds there)',
  request: { query: ActorQuerySchema },
  responses: {
    200: { description: 'The actors, by name', content: { 'application/json': { schema: ActorListSchema } } },
    ...errorResponses({ 400: 'A bad query parameter' }),
  },
});

/** `GET /actors`: the actor registry, with every alias and where and when it holds. */
export function registerActorRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  serve(app, listActors, (c) => {
    const q = c.req.valid('query');
    const needle = q.q === undefined ? null : fold(q.q);
    const country = q.country;
    const byActor = new Map<string, ActorList['actors'][number]>();
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
