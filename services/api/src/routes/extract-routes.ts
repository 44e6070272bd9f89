import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ExtractBodySchema, ExtractionSchema, MAX_ARTICLE_CHARS } from '@recon/contract';
import { extractClaims } from '@recon/extract';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses } from '../api-error.js';
import { CpuLane } from '../cpu-lane.js';
import { bodyRef, registerBodies, serve } from '../openapi-route.js';
import { parseJsonBody } from '../request-parsing.js';

/** An article of 100,000 characters is at most 600,000 bytes of JSON (every one escaped as \uXXXX), with room for the rest. */
export const MAX_EXTRACT_BODY_BYTES = 1024 * 1024;

const extractRoute = createRoute({
  method: 'post',
  path: '/extract',
  summary: 'Draft claims from an article: each draft a claim that passes `POST /claims` validation, with the words it was read from; nothing is stored',
  security: [{ Bearer: [] }],
  request: { body: bodyRef('ExtractArticle') },
  responses: {
    200: { description: 'The drafts (none when no figure was found), with their evidence, confidence and warnings', content: { 'application/json': { schema: ExtractionSchema } } },
    ...errorResponses({
      400: 'Not JSON, or a field is wrong (text missing, empty or over 100,000 characters; a language other than en or fr; a date that is not YYYY-MM-DD)',
      401: 'Missing or wrong bearer token',
      413: 'Body over 1 MiB',
      429: 'Busy (too many requests at once, or the service lags): send again after Retry-After',
    }),
  },
});

/**
 * `POST /extract`: the rules of `@recon/extract` over an article, the drafts answered as they are,
 * for an analyst to check and submit through `POST /claims`. Extraction is CPU work that cannot be
 * sliced: requests take turns on a lane of their own (one at a time, I/O served between them), and
 * the admission control of submissions bounds how many wait.
 */
export function registerExtractRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  const lane = new CpuLane();
  const admit: MiddlewareHandler = deps.admission?.middleware() ?? (async (_c, next) => next());
  registerBodies(app, { ExtractArticle: ExtractBodySchema });
  serve(
    app,
    {
      ...extractRoute,
      middleware: [
        admit,
        bodyLimit({
          maxSize: MAX_EXTRACT_BODY_BYTES,
          // Connection: close, because the rest of the unread body would otherwise be taken for the next request.
          onError: (c) =>
            apiError(c, 'payload_too_large', `the body is larger than ${MAX_EXTRACT_BODY_BYTES} bytes (1 MiB); an article may have at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters`, undefined, {
              Connection: 'close',
            }),
        }),
      ],
    },
    async (c) => {
      const body = await parseJsonBody(c, ExtractBodySchema);
      if (!body.ok) return apiError(c, 'invalid_request', 'bad request body', body.errors);
      const today = deps.now().slice(0, 10);
      const extraction = await lane.run(() => extractClaims(body.value, { registry: deps.registry, gazetteer: deps.gazetteer, today }));
      return c.json(extraction, 200);
    },
  );
}
