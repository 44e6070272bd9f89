/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ClaimStatusView } from '@recon/domain';
import { Page } from '../layout.js';
import { FieldErrors } from './field-errors.js';
import { CSRF_FIELD } from '../session.js';

const MEANING: Record<ClaimStatusView['status'], string> = {
  queued: 'Queued: accepted, waiting to be stored. Reload in a moment.',
  stored: 'Stored, in the incident below.',
  rejected: 'Rejected: the claim is invalid, for the reasons below. Correct it and enter it again.',
  retracted: 'Retracted: kept, but no report counts it.',
  failed: 'Failed: valid, but storing it kept failing. It can be queued again.',
};

/** One claim's status, as `GET /claims/:id` answers it, for a browser. */
export function ClaimPage({ claim, csrf }: { claim: ClaimStatusView; csrf: string }) {
  return (
    <Page title={`Claim ${claim.id.slice(0, 12)}`} section={null}>
      <h1>Claim {claim.id.slice(0, 12)}</h1>
      <dl class="facts">
        <dt>Id</dt>
        <dd class="id">{claim.id}</dd>
        <dt>Status</dt>
        <dd>{MEANING[claim.status] ?? claim.status}</dd>
        {claim.incidentId ? (
          <>
            <dt>Incident</dt>
            <dd>
              <a href={`/incidents/${encodeURIComponent(claim.incidentId)}`}>{claim.incidentId}</a>
            </dd>
          </>
        ) : null}
        {claim.retractedAt ? (
          <>
            <dt>Retracted</dt>
            <dd>
              {claim.retractedAt} by {claim.retractedBy ?? 'unknown'}
            </dd>
          </>
        ) : null}
        {claim.attempts !== undefined ? (
          <>
            <dt>Attempts</dt>
            <dd>{claim.attempts}</dd>
          </>
        ) : null}
      </dl>
      <FieldErrors errors={claim.errors} />
      {claim.status === 'failed' ? (
        <form method="post" action={`/ui/claims/${claim.id}/retry`}>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit">Queue it again</button>
        </form>
      ) : null}
    </Page>
  );
}
