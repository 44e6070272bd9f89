/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { IncidentClaimRow, IncidentRow } from '@recon/db';
import type { Child } from 'hono/jsx';
import { shortId } from '../format.js';
import { Page } from '../layout.js';
import { CSRF_FIELD } from '../session.js';
import { OutcomeNotice, type Outcome } from './claim-form-page.js';

/** An incident as the review page shows it: its facts, its summary line and its claims. */
export interface ReviewIncident {
  row: IncidentRow;
  summary: string | null;
  claims: (IncidentClaimRow & { claimantName: string })[];
}

export interface ReviewItem {
  incident: ReviewIncident;
  candidates: ReviewIncident[];
}

const title = (r: IncidentRow): string => r.title ?? r.key ?? r.id;
const href = (r: IncidentRow): string => `/incidents/${encodeURIComponent(r.id)}`;

function Note({ id }: { id: string }) {
  return (
    <>
      <label for={id}>Note (why)</label> <input id={id} type="text" name="note" required maxlength={2000} />
    </>
  );
}

function Action({ csrf, action, children, label, id }: { csrf: string; action: string; label: string; id: string; children?: Child }) {
  return (
    <form method="post" action={action}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
      <Note id={id} /> <button type="submit">{label}</button>
    </form>
  );
}

function Facts({ i }: { i: ReviewIncident }) {
  const r = i.row;
  return (
    <div class="card">
      <h3>
        <a href={href(r)}>{title(r)}</a>
      </h3>
      <dl class="facts">
        <dt>Key</dt>
        <dd>{r.key ?? <span class="muted">none</span>}</dd>
        <dt>Place</dt>
        <dd>
          {r.location ?? <span class="muted">not given</span>}, {r.country}
        </dd>
        <dt>Dates</dt>
        <dd>
          {r.startDate}
          {r.endDate && r.endDate !== r.startDate ? ` – ${r.endDate}` : ''}
        </dd>
        <dt>Claims</dt>
        <dd>{i.claims.filter((c) => c.status === 'stored').length}</dd>
        <dt>Report</dt>
        <dd>{i.summary ?? <span class="muted">none yet</span>}</dd>
      </dl>
    </div>
  );
}

function ReviewEntry({ item, csrf, n }: { item: ReviewItem; csrf: string; n: number }) {
  const r = item.incident.row;
  const base = `/ui/incidents/${encodeURIComponent(r.id)}`;
  const stored = item.incident.claims.filter((c) => c.status === 'stored');
  return (
    <section aria-labelledby={`rev-${n}`}>
      <h2 id={`rev-${n}`}>{title(r)}</h2>
      <p>Its claims also fit the incidents beside it. Merge them, split claims out, move a claim, or confirm it as a separate incident.</p>
      <div class="cols">
        <Facts i={item.incident} />
        {item.candidates.map((cand) => (
          <Facts i={cand} />
        ))}
      </div>
      <div class="actions">
        <Action csrf={csrf} action={`${base}/review`} label="Confirm: a separate incident" id={`confirm-${n}`}>
          <input type="hidden" name="decision" value="confirmed" />
        </Action>
        {item.candidates.map((cand, k) => (
          <>
            <Action csrf={csrf} action={`${base}/merge`} label={`Merge into “${title(cand.row)}”`} id={`merge-${n}-${k}`}>
              <input type="hidden" name="into" value={cand.row.id} />
            </Action>
            <Action csrf={csrf} action={`/ui/incidents/${encodeURIComponent(cand.row.id)}/merge`} label={`Merge “${title(cand.row)}” into this one`} id={`mergein-${n}-${k}`}>
              <input type="hidden" name="into" value={r.id} />
            </Action>
          </>
        ))}
      </div>
      {stored.length > 1 ? (
        <form method="post" action={`${base}/split`} class="card">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <fieldset>
            <legend>Split claims out into a new incident</legend>
            {stored.map((c) => (
              <div>
                <input type="checkbox" id={`split-${n}-${c.id}`} name="claimIds" value={c.id} />{' '}
                <label for={`split-${n}-${c.id}`}>
                  <span class="id">{shortId(c.id)}</span> by {c.claimantName}, stated {c.statedAt}
                </label>
              </div>
            ))}
            <label for={`split-key-${n}`}>New key (optional)</label> <input id={`split-key-${n}`} type="text" name="key" />{' '}
            <label for={`split-title-${n}`}>New title (optional)</label> <input id={`split-title-${n}`} type="text" name="title" />
          </fieldset>
          <Note id={`split-note-${n}`} /> <button type="submit">Split out</button>
        </form>
      ) : null}
      {item.candidates.length > 0 && stored.length > 0 ? (
        <form method="post" action="/ui/claims/move" class="card">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <label for={`move-claim-${n}`}>Move claim</label>{' '}
          <select id={`move-claim-${n}`} name="claim">
            {stored.map((c) => (
              <option value={c.id}>
                {shortId(c.id)} by {c.claimantName}
              </option>
            ))}
          </select>{' '}
          <label for={`move-to-${n}`}>to</label>{' '}
          <select id={`move-to-${n}`} name="incident">
            {item.candidates.map((cand) => (
              <option value={cand.row.id}>{title(cand.row)}</option>
            ))}
          </select>{' '}
          <Note id={`move-note-${n}`} /> <button type="submit">Move</button>
        </form>
      ) : null}
      <p>
        <a href={`/incidents/${encodeURIComponent(r.id)}/history`}>History of this incident</a>
      </p>
    </section>
  );
}

export function ReviewPage({ items, csrf, outcome }: { items: readonly ReviewItem[]; csrf: string; outcome?: Outcome | undefined }) {
  return (
    <Page title="Review" section="review">
      <h1>Incidents that need review</h1>
      {outcome ? <OutcomeNotice outcome={outcome} /> : null}
      {items.length === 0 ? <p>Nothing needs review.</p> : items.map((item, n) => <ReviewEntry item={item} csrf={csrf} n={n} />)}
    </Page>
  );
}
