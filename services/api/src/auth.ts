import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiError } from './api-error.js';

export interface AuthConfig {
  /** Bearer tokens allowed to write (POST, DELETE). Empty: writes are open (loopback only). */
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

/** Who made a write, for the record, without the token itself: `token:<first 8 hex of its sha256>`. */
export function actorOf(header: string | undefined): string {
  const token = bearer(header);
  return token ? `token:${digest(token).toString('hex').slice(0, 8)}` : 'anonymous';
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Bearer-token checks for writes (RECON_API_TOKENS) and, when configured, reads (RECON_READ_TOKEN). */
export function authMiddleware(config: AuthConfig): MiddlewareHandler {
  return async (c, next) => {
    const isWrite = WRITE_METHODS.has(c.req.method);
    const needed = isWrite ? config.writeTokens : config.readToken ? [config.readToken, ...config.writeTokens] : [];
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
