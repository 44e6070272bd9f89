/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ProblemClaim } from '@recon/domain';
import { Page } from '../layout.js';
import { FieldErrors } from './field-errors.js';
import { CSRF_FIELD } from '../session.js';
import { OutcomeNotice, type Outcome } from './claim-form-page.js';

/** Claims that were rejected (invalid) or failed for good, with their reasons; failed ones can be retried. */
export function ProblemsPage({ status, claims, csrf, outcome }: { status: 'rejected' | 'failed'; claims: readonly ProblemClaim[]; csrf: string; outcome?: Outcome | undefined }) {
  return (
    <Page title="Problem claims" section="problems">
      <h1>Problem claims</h1>
      <nav aria-label="Kinds of problem" class="pager">
        <a href="/claims?status=rejected" aria-current={status === 'rejected' ? 'page' : undefined}>
          Rejected (invalid)
        </a>
        <a href="/claims?status=failed" aria-current={status === 'failed' ? 'page' : undefined}>
          Failed (valid, but could not be stored)
        </a>
      </nav>
      {outcome ? <OutcomeNotice outcome={outcome} /> : null}
      <p class="muted">
        {status === 'rejected'
          ? 'A rejected claim is kept with its reasons; it cannot be retried as it is. Correct it and enter it again.'
          : 'A failed claim was valid but its storing kept failing; retry it once the cause is fixed.'}
      </p>
      <table>
        <caption>
          {claims.length} {status} claim{claims.length === 1 ? '' : 's'}, most recent first
        </caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Errors</th>
            <th scope="col" class="num">
              Attempts
            </th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
            {status === 'failed' ? <th scope="col">Retry</th> : null}
          </tr>
        </thead>
        <tbody>
          {claims.map((p) => (
            <tr>
              <td class="id">
                <a href={`/claims/${p.id}`}>{p.id.slice(0, 12)}</a>
                {p.stage ? <div class="muted">caught by the {p.stage === 'api' ? 'API' : 'worker'}</div> : null}
              </td>
              <td>
                <FieldErrors errors={p.errors} />
              </td>
              <td class="num">{p.attempts}</td>
              <td>{p.firstAt}</td>
              <td>{p.lastAt}</td>
              {status === 'failed' ? (
                <td>
                  <form method="post" action={`/ui/claims/${p.id}/retry`}>
                    <input type="hidden" name={CSRF_FIELD} value={csrf} />
                    <button type="submit" aria-label={`Retry claim ${p.id.slice(0, 12)}`}>
                      Retry
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
