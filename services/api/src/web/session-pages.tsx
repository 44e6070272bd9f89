/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';
import type { ApiDeps } from '../api-deps.js';
import { tokenLabel } from '../auth.js';
import { htmlAnswer } from './html-answer.js';
import { renderPage } from './layout.js';
import { SignInPage, type SessionState } from './pages/signin-page.js';
import { csrfToken, endSession, sessionToken, startSession } from './session.js';
import { formOf } from './web-form.js';

/** Only a path on this site may be where sign-in leads. */
export const safeNext = (next: unknown): string => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export function sessionState(c: Context, deps: ApiDeps): SessionState {
  const token = sessionToken(c);
  return {
    writesNeedToken: deps.auth.writeTokens.length > 0,
    readsNeedToken: deps.auth.readToken !== undefined,
    signedInAs: token === undefined ? null : tokenLabel(token, deps.auth),
  };
}

/** `/signin`: a token in, kept in an HttpOnly SameSite=Strict cookie; `/signout`: the cookie gone. */
export function registerSessionPages(app: Hono, deps: ApiDeps): void {
  app.get('/signin', (c) => htmlAnswer(c, renderPage(<SignInPage csrf={csrfToken(c)} next={safeNext(c.req.query('next'))} state={sessionState(c, deps)} />)));

  app.post('/signin', async (c) => {
    const form = await formOf(c);
    if (!form) return htmlAnswer(c, renderPage(<SignInPage csrf={csrfToken(c)} next="/" state={sessionState(c, deps)} error="The form expired: send it again." />), 403);
    const token = String(form.get('token') ?? '').trim();
    const next = safeNext(form.get('next'));
    if (tokenLabel(token, deps.auth) === null) {
      return htmlAnswer(c, renderPage(<SignInPage csrf={csrfToken(c)} next={next} state={sessionState(c, deps)} error="token: this token is not one the service accepts." />), 401);
    }
    startSession(c, token);
    return c.redirect(next, 303);
  });

  app.post('/signout', async (c) => {
    if (!(await formOf(c))) return c.redirect('/signin', 303);
    endSession(c);
    return c.redirect('/signin', 303);
  });
}
