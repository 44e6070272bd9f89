import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { wantsHtml } from './web/html-answer.js';
import { SESSION_COOKIE } from './web/session.js';
import { apiError } from './api-error.js';

export interface AuthConfig {
  /**
   * Bearer tokens allowed to write (POST, PATCH, DELETE), each bare or named `label:token`
   * (RECON_API_TOKENS). Empty: writes are open (loopback only).
   */
  writeTokens: readonly string[];
  /** When set, reads need this token (or a write token). */
  readToken?: string | undefined;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time membership: every configured token is compared, whatever matches first. */
function matches(candidate: string, tokens: readonly string[]): boolean {
  const d = digest(candidate);
  let ok = false;
  for (const t of tokens) ok = timingSafeEqual(d, digest(t)) || ok;
  return ok;
}

function bearer(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1] ?? null;
}

/** A named token `alice:tok1` (label of letters, digits and `_.@-`, then a colon), or a bare one. */
const LABELLED = /^([A-Za-z0-9_.@-]{1,64}):(.+)$/;

/** The tokens of RECON_API_TOKENS entries, with their labels: `alice:tok1` → tok1 named alice. */
export function parseTokens(entries: readonly string[]): { token: string; label: string | null }[] {
  return entries.map((e) => {
    const m = LABELLED.exec(e);
    return m ? { token: m[2]!, label: m[1]! } : { token: e, label: null };
  });
}

const tokensOf = (entries: readonly string[]): string[] => parseTokens(entries).map((t) => t.token);

/**
 * Who made a write, for the record, without the token itself: the token's label when it has one,
 * else `token:<first 8 hex of its sha256>`.
 */
export function actorOf(header: string | undefined, config?: Pick<AuthConfig, 'writeTokens'>): string {
  const token = bearer(header);
  if (!token) return 'anonymous';
  const named = config ? parseTokens(config.writeTokens).find((t) => t.label !== null && matches(token, [t.token])) : undefined;
  return named?.label ?? `token:${digest(token).toString('hex').slice(0, 8)}`;
}

/**
 * Who a token signs in as, for the workbench: its label (or `token:<digest prefix>`), with
 * `(read only)` for the read token; null when the service does not accept it.
 */
export function tokenLabel(token: string, config: AuthConfig): string | null {
  if (token.length === 0) return null;
  if (matches(token, tokensOf(config.writeTokens))) return actorOf(`Bearer ${token}`, config);
  if (config.readToken !== undefined && matches(token, [config.readToken])) return `${actorOf(`Bearer ${token}`)} (read only)`;
  return null;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Paths the check leaves to their own handlers: health, the workbench's stylesheet and script, its
 * sign-in, and its form posts (`/ui/…`, which check their CSRF token and then call the API with the
 * session's token, so the API's own check applies to what they do).
 */
const OPEN_PATHS = /^\/(healthz|readyz|assets\/|favicon\.ico$|signin$|signout$|ui\/)/;

/**
 * Bearer-token checks for writes (RECON_API_TOKENS) and, when configured, reads (RECON_READ_TOKEN).
 * A read may also carry the token in the workbench's session cookie; a write never does (an API
 * write is never made by a cookie, so no other site can make one through a signed-in browser).
 */
export function authMiddleware(config: AuthConfig): MiddlewareHandler {
  const writeTokens = tokensOf(config.writeTokens);
  return async (c, next) => {
    const isWrite = WRITE_METHODS.has(c.req.method);
    // The queue dashboard acts on jobs: reading it needs a write token too. Its own requests come
    // from the browser with the session cookie (SameSite=Strict, and JSON writes need a CORS
    // preflight this service never grants, so no other site can make them).
    const admin = c.req.path.startsWith('/admin/');
    const needed = isWrite || admin ? writeTokens : config.readToken ? [config.readToken, ...writeTokens] : [];
    if (needed.length > 0 && !OPEN_PATHS.test(c.req.path)) {
      const token = bearer(c.req.header('authorization')) ?? (isWrite && !admin ? null : (getCookie(c, SESSION_COOKIE) ?? null));
      if (!token || !matches(token, needed)) {
        if (!isWrite && wantsHtml(c)) return c.redirect(`/signin?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search ?? ''))}`, 303);
        return apiError(c, 'unauthorized', isWrite ? 'writes need Authorization: Bearer <token>' : 'reads need Authorization: Bearer <token>', undefined, {
          'WWW-Authenticate': 'Bearer',
        });
      }
    }
    await next();
  };
}
