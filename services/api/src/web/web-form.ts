import type { Context } from 'hono';
import { CSRF_FIELD, csrfValid } from './session.js';

/**
 * A posted form, once its CSRF token is checked; null when the token is missing or wrong (the form
 * came from elsewhere, or from before the browser's cookie was made).
 */
export async function formOf(c: Context): Promise<URLSearchParams | null> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  const form = new URLSearchParams(await c.req.text());
  return csrfValid(c, form.get(CSRF_FIELD)) ? form : null;
}
