import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
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

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Bearer-token checks for writes (RECON_API_TOKENS) and, when configured, reads (RECON_READ_TOKEN). */
export function authMiddleware(config: AuthConfig): MiddlewareHandler {
  const writeTokens = tokensOf(config.writeTokens);
  return async (c, next) => {
    const isWrite = WRITE_METHODS.has(c.req.method);
    const needed = isWrite ? writeTokens : config.readToken ? [config.readToken, ...writeTokens] : [];
    if (needed.length > 0 && !c.req.path.startsWith('/healthz')) {
      const token = bearer(c.req.header('authorization'));
      if (!token || !matches(token, needed)) {
        return apiError(c, 'unauthorized', isWrite ? 'writes need Authorization: Bearer <token>' : 'reads need Authorization: Bearer <token>', undefined, {
          'WWW-Authenticate': 'Bearer',
        });
      }
    }
    await next();
  };
}
