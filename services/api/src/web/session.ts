import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The browser's session: the API token an analyst signed in with, kept in an `HttpOnly`,
 * `SameSite=Strict` cookie (never readable by scripts, never sent by other sites), and a CSRF
 * token that every form carries back (double submit: the form's hidden field must equal this
 * browser's own cookie, which another site can neither read nor set).
 */
export const SESSION_COOKIE = 'recon_session';
export const CSRF_COOKIE = 'recon_csrf';
export const CSRF_FIELD = '_csrf';

const secure = (c: Context): boolean => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
const cookieOptions = (c: Context) => ({ httpOnly: true, sameSite: 'Strict' as const, path: '/', secure: secure(c) });

/** The token this browser signed in with, if any. */
export function sessionToken(c: Context): string | undefined {
  const t = getCookie(c, SESSION_COOKIE);
  return t && t.length > 0 ? t : undefined;
}

export function startSession(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: 12 * 3600 });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
}

/** This browser's CSRF token, made (and set as a cookie on the answer) on its first form. */
export function csrfToken(c: Context): string {
  const known = getCookie(c, CSRF_COOKIE);
  if (known && /^[A-Za-z0-9_-]{32,}$/.test(known)) return known;
  const made = randomBytes(24).toString('base64url');
  setCookie(c, CSRF_COOKIE, made, cookieOptions(c));
  return made;
}

/** Whether a posted form carries this browser's CSRF token. */
export function csrfValid(c: Context, posted: unknown): boolean {
  const cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || typeof posted !== 'string' || posted.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(posted), Buffer.from(cookie));
}
