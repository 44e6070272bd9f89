import type { Context } from 'hono';
import { acceptsGzip } from '../report-cache.js';
import type { CachedPage, PageCache } from './page-cache.js';

/**
 * Every page's headers: scripts and styles only from the service itself, no inline script, no
 * external resource, forms post only here, not framable, not sniffed as anything else.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** A cached page: gzipped when the client accepts it (most browsers), as plain headers the server writes directly. */
export function cachedPageAnswer(c: Context, page: CachedPage, cache: PageCache): Response {
  if (acceptsGzip(c.req.header('accept-encoding'))) {
    return new Response(cache.gzipOf(page) as Uint8Array<ArrayBuffer>, { status: 200, headers: { ...PAGE_HEADERS, 'cache-control': 'no-cache', vary: 'Accept, Accept-Encoding', 'content-encoding': 'gzip' } });
  }
  return new Response(page.html, { status: 200, headers: { ...PAGE_HEADERS, 'cache-control': 'no-cache', vary: 'Accept, Accept-Encoding' } });
}

export function htmlAnswer(c: Context, page: string, status: 200 | 400 | 401 | 403 | 404 | 409 | 503 = 200): Response {
  return c.body(page, status, { ...PAGE_HEADERS, 'cache-control': 'no-store' });
}

/**
 * Whether a request to a path that also answers JSON wants the page: a browser's navigation asks
 * for text/html first; API clients ask for JSON, or for anything (`*` / `*`).
 */
export function wantsHtml(c: Context): boolean {
  const accept = c.req.header('accept');
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  if (html < 0) return false;
  const json = accept.indexOf('application/json');
  return json < 0 || html < json;
}

/** Query parameters with empty values dropped (a GET form sends every field, filled or not). */
export function filledQuery(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v.trim() !== '') out[k] = v.trim();
  return out;
}
