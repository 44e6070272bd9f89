/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CSRF_FIELD } from '../session.js';
import { Page } from '../layout.js';

export interface SessionState {
  /** Writes need a token (RECON_API_TOKENS is set). */
  writesNeedToken: boolean;
  /** Reads need a token (RECON_READ_TOKEN is set). */
  readsNeedToken: boolean;
  /** Who this browser is signed in as, if it is. */
  signedInAs: string | null;
}

export function SignInPage({ csrf, next, state, error }: { csrf: string; next: string; state: SessionState; error?: string }) {
  return (
    <Page title="Session" section="session">
      <h1>Session</h1>
      {state.signedInAs !== null ? (
        <p class="notice">Signed in as {state.signedInAs}.</p>
      ) : !state.writesNeedToken && !state.readsNeedToken ? (
        <p class="notice">This service asks for no token (it listens on loopback only): you can read and write without signing in.</p>
      ) : (
        <p>Sign in with an API token (the same bearer token the API and the `recon` command use). It is kept in a cookie that scripts cannot read.</p>
      )}
      {error ? (
        <p class="notice bad" role="alert" id="token-error">
          {error}
        </p>
      ) : null}
      <form method="post" action="/signin">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="token">API token</label>
          <input id="token" type="password" name="token" autocomplete="current-password" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'token-error' : undefined} />
        </div>
        <p>
          <button type="submit">Sign in</button>
        </p>
      </form>
      {state.signedInAs !== null ? (
        <form method="post" action="/signout">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit" class="secondary">
            Sign out
          </button>
        </form>
      ) : null}
    </Page>
  );
}
