/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { INCIDENT_SORTS, rangeText, type IncidentListItem, type IncidentSort } from '@recon/domain';
import { queryString } from '../format.js';
import { Page } from '../layout.js';

/** The list's filters, as the query string carries them (validated by the API's own query schema). */
export interface ListQuery {
  q?: string | undefined;
  country?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  disputed?: 'true' | 'false' | undefined;
  needsReview?: 'true' | 'false' | undefined;
  sort?: IncidentSort | undefined;
  offset?: number | undefined;
}

export const PAGE_SIZE = 50;

const SORT_LABEL: Record<IncidentSort, string> = { newest: 'newest first', oldest: 'oldest first', claims: 'most claims', disputed: 'most disputed', killed: 'most killed claimed' };

function YesNo({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="" selected={value === undefined}>
          any
        </option>
        <option value="true" selected={value === 'true'}>
          yes
        </option>
        <option value="false" selected={value === 'false'}>
          no
        </option>
      </select>
    </div>
  );
}

function Filters({ q }: { q: ListQuery }) {
  return (
    <form class="filters" method="get" action="/incidents" role="search" aria-label="Filter incidents">
      <div>
        <label for="f-q">Search</label>
        <input id="f-q" type="search" name="q" value={q.q ?? ''} placeholder="place, key, title" />
      </div>
      <div>
        <label for="f-country">Country</label>
        <input id="f-country" type="text" name="country" value={q.country ?? ''} size={3} maxlength={2} placeholder="ML" />
      </div>
      <div>
        <label for="f-from">From</label>
        <input id="f-from" type="date" name="from" value={q.from ?? ''} />
      </div>
      <div>
        <label for="f-to">To</label>
        <input id="f-to" type="date" name="to" value={q.to ?? ''} />
      </div>
      <YesNo name="disputed" label="Disputed" value={q.disputed} />
      <YesNo name="needsReview" label="Needs review" value={q.needsReview} />
      <div>
        <label for="f-sort">Sort</label>
        <select id="f-sort" name="sort">
          {INCIDENT_SORTS.map((s) => (
            <option value={s} selected={(q.sort ?? 'newest') === s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Apply</button>
      <a class="button secondary" href={`/export/claims.csv${queryString({ ...q, sort: undefined, offset: undefined })}`}>
        Download claims (CSV)
      </a>
    </form>
  );
}

/** A column heading that sorts by it. */
function SortHeader({ q, sort, label, num }: { q: ListQuery; sort: IncidentSort; label: string; num?: boolean }) {
  const active = (q.sort ?? 'newest') === sort;
  return (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={active ? 'descending' : undefined}>
      <a href={`/incidents${queryString({ ...q, sort, offset: undefined })}`}>{label}</a>
    </th>
  );
}

export function IncidentListPage({ q, items, errors }: { q: ListQuery; items: readonly IncidentListItem[]; errors?: readonly string[] }) {
  const offset = q.offset ?? 0;
  return (
    <Page title="Incidents" section="incidents">
      <h1>Incidents</h1>
      <Filters q={q} />
      {errors && errors.length > 0 ? (
        <div class="notice bad" role="alert">
          {errors.map((e) => (
            <p>{e}</p>
          ))}
        </div>
      ) : null}
      <table>
        <caption>
          {items.length === 0 ? 'No incidents match.' : `Incidents ${offset + 1}–${offset + items.length}, ${SORT_LABEL[q.sort ?? 'newest']}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Place</th>
            <SortHeader q={q} sort="newest" label="Dates" />
            <SortHeader q={q} sort="killed" label="Killed (widest range)" num />
            <th scope="col" class="num">
              Claimants
            </th>
            <SortHeader q={q} sort="claims" label="Claims" num />
            <SortHeader q={q} sort="disputed" label="Disputed" />
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr>
              <td>
                <a href={`/incidents/${encodeURIComponent(i.id)}`}>{i.title ?? i.key ?? i.id}</a>
                {i.key && i.title ? <div class="muted id">{i.key}</div> : null}
                {i.needsReview ? <div class="review">needs review</div> : null}
              </td>
              <td>
                {i.location ?? <span class="muted">—</span>}, {i.country}
              </td>
              <td>
                {i.startDate}
                {i.endDate && i.endDate !== i.startDate ? ` – ${i.endDate}` : ''}
              </td>
              <td class="num">{i.reportVersion === 0 || i.killed === null ? '—' : rangeText(i.killed)}</td>
              <td class="num">{i.claimantCount}</td>
              <td class="num">{i.claimCount}</td>
              <td class={i.disputedCells > 0 ? 'disputed' : undefined}>{i.reportVersion === 0 ? '' : i.disputedCells > 0 ? `disputed (${i.disputedCells})` : 'no'}</td>
              <td>{i.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {offset > 0 ? <a href={`/incidents${queryString({ ...q, offset: Math.max(0, offset - PAGE_SIZE) || undefined })}`}>← Previous</a> : null}
        {items.length === PAGE_SIZE ? <a href={`/incidents${queryString({ ...q, offset: offset + PAGE_SIZE })}`}>Next →</a> : null}
      </nav>
    </Page>
  );
}
