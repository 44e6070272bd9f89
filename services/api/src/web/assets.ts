import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';

/**
 * The workbench's stylesheet and script, served by the service itself under names that carry their
 * content hash, so a browser may keep them for a year and never runs a stale copy.
 */
interface Asset {
  path: string;
  body: string;
  type: string;
}

function asset(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [name, ext] = file.split('.') as [string, string];
  return { path: `/assets/${name}.${hash}.${ext}`, body, type };
}

const CSS = asset('app.css', 'text/css; charset=utf-8');
const JS = asset('app.js', 'text/javascript; charset=utf-8');

export const ASSET_PATHS = { css: CSS.path, js: JS.path } as const;

/** A small icon, so browsers asking for one get it rather than a 404. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f2a37"/><path d="M3 11h2V6H3zm4 0h2V3H7zm4 0h2V8h-2z" fill="#f4b400"/></svg>';

export function registerAssets(app: Hono): void {
  app.get('/favicon.ico', (c) => c.body(FAVICON, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }));
  for (const a of [CSS, JS]) {
    app.get(a.path, (c) =>
      c.body(a.body, 200, { 'content-type': a.type, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' }),
    );
  }
}
