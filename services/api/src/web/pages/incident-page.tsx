/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ActorRef, ActorView, Perspective, Report, ReportCell, ReportClaim, Source, SupersededClaim } from '@recon/domain';
import { boundsText, rangeText } from '@recon/domain';
import { raw } from 'hono/html';
import { esc } from '../markup.js';
import { agreementText, cellRangeText, countText, isLinkableUrl, shortId, words } from '../format.js';
import { Page } from '../layout.js';
import { MapPin } from './map-pin.js';
import { Legend, RangeChart } from './range-chart.js';

/**
 * An incident as an analyst reads it: a summary block (per party and outcome, the range and the
 * agreement in words), then per cell a range chart, the claims with their claimants, relays, words
 * and sources, the revisions as a timeline; totals per claimant; a map pin; links to the versions.
 */

const cellTitle = (cell: ReportCell): string => `${cell.party.name}, ${words(cell.outcome)}`;
const anchor = (n: number): string => `cell-${n + 1}`;

/** Claim rows as markup text (see markup.ts): every value through `esc`. */
const actorText = (a: ActorView): string => `${esc(a.name)} <span class="muted">(${esc(words(a.kind))})</span>`;

const viaText = (chain: readonly ActorRef[]): string => (chain.length === 0 ? '<span class="muted">direct</span>' : esc(chain.map((a) => a.name).join(' → ')));

function sourceText(s: Source | null): string {
  if (!s) return '<span class="muted">none</span>';
  const head = [s.publisher, s.title].filter((x): x is string => typeof x === 'string' && x.length > 0);
  let out = head.length > 0 ? `<div>${esc(head.join(' — '))}</div>` : '';
  if (s.publishedAt) out += `<div class="muted">published ${esc(s.publishedAt)}</div>`;
  if (s.url) out += isLinkableUrl(s.url) ? `<div><a href="${esc(s.url)}" rel="noopener noreferrer nofollow">${esc(s.url)}</a></div>` : `<div><span class="id">${esc(s.url)}</span></div>`;
  if (s.excerpt) out += `<blockquote>${esc(s.excerpt)}</blockquote>`;
  return out;
}

function claimRow(c: ReportClaim, supersededBy?: string): string {
  const range = c.quantified ? boundsText(c.low, c.high, c.highOpen) : 'unquantified';
  return (
    `<tr${supersededBy ? ' class="superseded"' : ''}><td>${esc(c.statedAt)}</td><td>${actorText(c.claimant)}</td><td>${viaText(c.via ?? [])}</td>` +
    `<td>${esc(words(c.perspective))}</td><td>${esc(c.partyAsReported)}</td><td class="num">${esc(countText(c.count))}</td><td class="num">${esc(range)}</td>` +
    `<td>${c.wording === null ? '<span class="muted">—</span>' : esc(c.wording)}</td><td>${sourceText(c.source)}</td>` +
    `<td class="id"><a href="/claims/${esc(c.claimId)}">${esc(shortId(c.claimId))}</a>${supersededBy ? `<div class="muted">superseded by ${esc(shortId(supersededBy))}</div>` : ''}</td></tr>`
  );
}

function Actor({ a }: { a: ActorView }) {
  return <>{raw(actorText(a))}</>;
}

function ClaimsTable({ cell }: { cell: ReportCell }) {
  const superseded = cell.superseded ?? [];
  return (
    <table>
      <caption>
        Claims: {cell.claims.length} current{superseded.length > 0 ? `, ${superseded.length} superseded` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Stated</th>
          <th scope="col">Claimant</th>
          <th scope="col">Via</th>
          <th scope="col">Perspective</th>
          <th scope="col">Party as reported</th>
          <th scope="col" class="num">Count as stated</th>
          <th scope="col" class="num">Read as</th>
          <th scope="col">Wording</th>
          <th scope="col">Source</th>
          <th scope="col">Claim</th>
        </tr>
      </thead>
      <tbody>
        {raw(cell.claims.map((c) => claimRow(c)).join('') + superseded.map((c: SupersededClaim) => claimRow(c, c.supersededBy)).join(''))}
      </tbody>
    </table>
  );
}

/** Per claimant with revisions: its statements in order, the last one current. */
function Revisions({ cell }: { cell: ReportCell }) {
  const superseded = cell.superseded ?? [];
  if (superseded.length === 0) return null;
  const byClaimant = new Map<string, { name: string; items: { c: ReportClaim; current: boolean }[] }>();
  for (const [c, current] of [...superseded.map((c) => [c, false] as const), ...cell.claims.map((c) => [c, true] as const)]) {
    const e = byClaimant.get(c.claimant.id) ?? { name: c.claimant.name, items: [] };
    e.items.push({ c, current });
    byClaimant.set(c.claimant.id, e);
  }
  const revised = [...byClaimant.values()].filter((e) => e.items.some((i) => !i.current));
  return (
    <>
      <h3>Revisions</h3>
      {revised.map((e) => (
        <div>
          <p>{e.name}</p>
          <ol class="timeline">
            {e.items
              .sort((a, b) => (a.c.statedAt < b.c.statedAt ? -1 : a.c.statedAt > b.c.statedAt ? 1 : 0))
              .map((i) => (
                <li class={i.current ? undefined : 'superseded'}>
                  {i.c.statedAt}: {countText(i.c.count)} {i.current ? '(current)' : '(superseded)'}
                </li>
              ))}
          </ol>
        </div>
      ))}
    </>
  );
}

function SummaryBlock({ report }: { report: Report }) {
  const claimants = new Set(report.cells.flatMap((c) => c.claims.map((x) => x.claimant.name)));
  const sources = new Set(report.cells.flatMap((c) => [...c.claims, ...(c.superseded ?? [])].map((x) => x.source?.url ?? x.source?.title ?? null)).filter((x) => x !== null));
  return (
    <section class="summary" aria-labelledby="summary-h">
      <h2 id="summary-h">Summary</h2>
      <p>
        {report.claimCount} claim{report.claimCount === 1 ? '' : 's'} from {claimants.size} claimant{claimants.size === 1 ? '' : 's'}
        {sources.size > 0 ? `, ${sources.size} source${sources.size === 1 ? '' : 's'}` : ''}.{' '}
        {report.totals.map((t) => `${words(t.outcome)}: ${rangeText(t.range)}`).join('; ')}
      </p>
      {report.cells.length === 0 ? (
        <p class="muted">No figures.</p>
      ) : (
        <table>
          <caption>Per party and outcome</caption>
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">Outcome</th>
              <th scope="col" class="num">Range claimed</th>
              <th scope="col">Agreement</th>
              <th scope="col" class="num">Claimants</th>
            </tr>
          </thead>
          <tbody>
            {report.cells.map((cell, n) => (
              <tr>
                <td>
                  <a href={`#${anchor(n)}`}>{cell.party.name}</a>
                </td>
                <td>{words(cell.outcome)}</td>
                <td class="num">{cellRangeText(cell)}</td>
                <td class={cell.agreement === 'disputed' ? 'disputed' : undefined}>{agreementText(cell)}</td>
                <td class="num">{new Set(cell.claims.map((c) => c.claimant.id)).size}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A cell's chart and table show at most this many claims (current ones first) unless `?all=1`: a
 * page of tens of thousands of rows helps no reader, and would hold the server for a second.
 */
export const MAX_CELL_ROWS = 300;

function shownPart(cell: ReportCell, all: boolean): { shown: ReportCell; hidden: number } {
  const superseded = cell.superseded ?? [];
  const total = cell.claims.length + superseded.length;
  if (all || total <= MAX_CELL_ROWS) return { shown: cell, hidden: 0 };
  const claims = cell.claims.slice(0, MAX_CELL_ROWS);
  return { shown: { ...cell, claims, superseded: superseded.slice(0, MAX_CELL_ROWS - claims.length) }, hidden: total - MAX_CELL_ROWS };
}

function CellSection({ cell, n, all, incidentId }: { cell: ReportCell; n: number; all: boolean; incidentId: string }) {
  const { shown, hidden } = shownPart(cell, all);
  const perspectives = Object.entries(cell.byPerspective ?? {}) as [string, ReportCell['range']][];
  return (
    <section aria-labelledby={anchor(n)}>
      <h2 id={anchor(n)}>{cellTitle(cell)}</h2>
      <p>
        Range claimed: <strong>{cellRangeText(cell)}</strong> · <span class={cell.agreement === 'disputed' ? 'disputed' : undefined}>{agreementText(cell)}</span>
        {perspectives.length > 0 ? ` · by perspective: ${perspectives.map(([p, r]) => `${words(p)} ${rangeText(r)}`).join(', ')}` : ''}
      </p>
      {hidden > 0 ? (
        <p class="notice">
          This cell has {shown.claims.length + (shown.superseded?.length ?? 0) + hidden} claims; the chart and the table show the first {MAX_CELL_ROWS}, current ones first. The range and agreement above count them all.{' '}
          <a href={`/incidents/${encodeURIComponent(incidentId)}?all=1#${anchor(n)}`}>Show every claim</a>, or download them (Export).
        </p>
      ) : null}
      <RangeChart cell={shown} title={cellTitle(cell)} />
      <ClaimsTable cell={shown} />
      <Revisions cell={shown} />
    </section>
  );
}

function Totals({ report }: { report: Report }) {
  if (report.totals.length === 0) return null;
  const names = new Map(report.cells.map((c) => [c.party.id, c.party.name]));
  const named = (ids: readonly string[] | undefined): string => (ids ?? []).map((id) => names.get(id) ?? id).join(', ');
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h">Totals per claimant</h2>
      {report.totals.map((t) => (
        <table>
          <caption>
            {words(t.outcome)}: {rangeText(t.range)} across claimants (each claimant's current figures summed over parties)
          </caption>
          <thead>
            <tr>
              <th scope="col">Claimant</th>
              <th scope="col" class="num">Sum</th>
              <th scope="col">Parties summed</th>
              <th scope="col">Unquantified parties (listed, not summed)</th>
            </tr>
          </thead>
          <tbody>
            {t.byClaimant.map((b) => (
              <tr>
                <td>
                  <Actor a={b.claimant} />
                </td>
                <td class="num">{boundsText(b.low, b.high, b.highOpen)}</td>
                <td>{named(b.parties)}</td>
                <td>{named(b.unquantifiedParties)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

export function IncidentHeader({ report, latest }: { report: Report; latest: number }) {
  const i = report.incident;
  const place = [i.location, i.admin1].filter((x): x is string => typeof x === 'string' && x.length > 0).join(', ');
  const ref = encodeURIComponent(i.id);
  return (
    <>
      <h1>{i.title ?? i.key ?? i.id}</h1>
      {report.version !== latest ? (
        <p class="notice">
          This is version {report.version}; the latest is <a href={`/incidents/${ref}`}>version {latest}</a>.
        </p>
      ) : null}
      {i.needsReview ? (
        <p class="notice bad">
          Needs review: its claims also fit {i.candidates.length} other incident{i.candidates.length === 1 ? '' : 's'}. <a href="/review">Review it</a>.
        </p>
      ) : null}
      <div class="cols">
        <dl class="facts">
          <dt>Key</dt>
          <dd>{i.key ?? <span class="muted">none</span>}</dd>
          <dt>Id</dt>
          <dd class="id">{i.id}</dd>
          <dt>Country</dt>
          <dd>{i.country}</dd>
          <dt>Place</dt>
          <dd>{place || <span class="muted">not given</span>}</dd>
          <dt>Dates</dt>
          <dd>
            {i.startDate}
            {i.endDate && i.endDate !== i.startDate ? ` – ${i.endDate}` : ''}
          </dd>
          {i.mergedFrom?.length ? (
            <>
              <dt>Merged from</dt>
              <dd class="id">{i.mergedFrom.join(', ')}</dd>
            </>
          ) : null}
          {i.setByHand?.length ? (
            <>
              <dt>Set by hand</dt>
              <dd>{i.setByHand.join(', ')}</dd>
            </>
          ) : null}
          <dt>Report</dt>
          <dd>
            version {report.version} of {latest}, generated {report.generatedAt} · <a href={`/incidents/${ref}/versions`}>versions</a> ·{' '}
            <a href={`/incidents/${ref}/history`}>history</a> · <a href={`/incidents/${ref}/report?version=${report.version}`}>JSON</a>
          </dd>
        </dl>
        {i.lat !== null && i.lon !== null ? <MapPin lat={i.lat} lon={i.lon} country={i.country} label={`Map: ${place || i.country} at ${i.lat}, ${i.lon}`} /> : null}
      </div>
    </>
  );
}

export function IncidentPage({ report, latest, all = false }: { report: Report; latest: number; all?: boolean }) {
  const perspectives = new Set<Perspective>(report.cells.flatMap((c) => [...c.claims, ...(c.superseded ?? [])].map((x) => x.perspective)));
  return (
    <Page title={report.incident.title ?? report.incident.key ?? report.incident.id} section="incidents">
      <IncidentHeader report={report} latest={latest} />
      <SummaryBlock report={report} />
      {report.cells.length > 0 ? <Legend perspectives={perspectives} /> : null}
      {report.cells.map((cell, n) => (
        <CellSection cell={cell} n={n} all={all} incidentId={report.incident.id} />
      ))}
      <Totals report={report} />
    </Page>
  );
}

/** The incident page for one report version, as HTML text (what the route caches; the bench times it). */
export function renderIncidentPage(report: Report, latest: number, all = false): string {
  return `<!DOCTYPE html>${String(<IncidentPage report={report} latest={latest} all={all} />)}`;
}
