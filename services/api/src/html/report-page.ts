import { rangeText, type ActorRef, type ActorView, type Count, type Range, type Report, type ReportCell, type ReportClaim, type Source, type SupersededClaim } from '@recon/domain';
import { html, type SafeHtml } from './escape-html.js';

/**
 * The report as a small, read-only HTML page (CONTRACT.md section 5, for reading in a browser).
 * Every string from the report goes through `html`'s escaping; there is no script, no external
 * resource, and links are made only for http(s) source URLs.
 */


const words = (s: string): string => s.replace(/_/g, ' ');

/** A count as the claimant stated it: `50`, `at least 12`, `at most 5`, `12–20`, `about 500`, `dozens`. */
function countText(count: Count): string {
  if ('exact' in count) return String(count.exact);
  if ('approx' in count) return `about ${count.approx}`;
  if ('term' in count) return words(count.term);
  if ('min' in count && 'max' in count) return `${count.min}–${count.max}`;
  if ('min' in count) return `at least ${count.min}`;
  if ('max' in count) return `at most ${count.max}`;
  return JSON.stringify(count);
}

/** Bounds that may be missing (unquantified) as a range. */
function boundsText(low: number | null, high: number | null, highOpen: boolean): string {
  return rangeText(low === null ? null : { low, high: high ?? low, highOpen });
}

const shortId = (id: string): string => id.slice(0, 8);

/** Whether a URL may become a link: only http(s), whatever the stored data says. */
export function isLinkableUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function actor(a: ActorView): SafeHtml {
  return html`${a.name} <span class="muted">(${words(a.kind)})</span>`;
}

function range(r: Range | null): SafeHtml {
  return html`${rangeText(r)}`;
}

function source(s: Source | null): SafeHtml {
  if (!s) return html`<span class="muted">none</span>`;
  const head = [s.publisher, s.title].filter((x): x is string => typeof x === 'string' && x.length > 0);
  const url =
    typeof s.url === 'string' && s.url.length > 0
      ? isLinkableUrl(s.url)
        ? html`<a href="${s.url}" rel="noopener noreferrer nofollow">${s.url}</a>`
        : html`<span class="id">${s.url}</span>`
      : null;
  return html`${head.length > 0 ? html`<div>${head.join(' — ')}</div>` : null}${s.publishedAt ? html`<div class="muted">published ${s.publishedAt}</div>` : null}${
    url ? html`<div>${url}</div>` : null
  }${s.excerpt ? html`<blockquote>${s.excerpt}</blockquote>` : null}`;
}

function via(chain: readonly ActorRef[]): SafeHtml {
  return chain.length === 0 ? html`<span class="muted">direct</span>` : html`${chain.map((a) => a.name).join(' → ')}`;
}

const CLAIM_HEADERS = html`<th scope="col">Stated at</th><th scope="col">Claimant</th><th scope="col">Perspective</th><th scope="col">Party as reported</th><th scope="col">Count as stated</th><th scope="col">Low–high</th><th scope="col">Via</th><th scope="col">Wording</th><th scope="col">Source</th><th scope="col">Claim</th>`;

function claimCells(c: ReportClaim): SafeHtml {
  return html`<td>${c.statedAt}</td><td>${actor(c.claimant)}</td><td>${words(c.perspective)}</td><td>${c.partyAsReported}</td><td class="num">${countText(
    c.count,
  )}</td><td class="num">${c.quantified ? boundsText(c.low, c.high, c.highOpen) : 'unquantified'}</td><td>${via(c.via ?? [])}</td><td>${
    c.wording ?? html`<span class="muted">—</span>`
  }</td><td>${source(c.source)}</td><td class="id">${shortId(c.claimId)}</td>`;
}

function claimsTable(claims: readonly ReportClaim[]): SafeHtml {
  return html`<table>
<caption>Current claims (${claims.length})</caption>
<thead><tr>${CLAIM_HEADERS}</tr></thead>
<tbody>
${claims.map((c) => html`<tr>${claimCells(c)}</tr>\n`)}</tbody>
</table>`;
}

function supersededTable(claims: readonly SupersededClaim[]): SafeHtml {
  if (claims.length === 0) return html``;
  return html`<table class="superseded">
<caption>Superseded claims (${claims.length}): replaced by a later statement of the same claimant</caption>
<thead><tr>${CLAIM_HEADERS}<th scope="col">Superseded by</th></tr></thead>
<tbody>
${claims.map((c) => html`<tr>${claimCells(c)}<td class="id">${shortId(c.supersededBy)}</td></tr>\n`)}</tbody>
</table>`;
}

function cellSection(cell: ReportCell, index: number): SafeHtml {
  const headingId = `cell-${index + 1}`;
  const perspectives = Object.entries(cell.byPerspective ?? {}) as [string, Range | null][];
  return html`<section aria-labelledby="${headingId}">
<h2 id="${headingId}">${cell.party.name} — ${words(cell.outcome)}</h2>
<dl class="facts">
<dt>Party</dt><dd>${actor(cell.party)} <span class="id">${cell.party.id}</span></dd>
<dt>Outcome</dt><dd>${words(cell.outcome)}</dd>
<dt>Range</dt><dd>${range(cell.range)}</dd>
<dt>Agreement</dt><dd${cell.agreement === 'disputed' ? html` class="disputed"` : null}>${words(cell.agreement)}${
    cell.consensus ? html` (consensus ${range(cell.consensus)})` : null
  }</dd>
${
  perspectives.length > 0
    ? html`<dt>By perspective</dt><dd><ul>${perspectives.map(([p, r]) => html`<li>${words(p)}: ${range(r)}</li>`)}</ul></dd>`
    : null
}
</dl>
${claimsTable(cell.claims ?? [])}
${supersededTable(cell.superseded ?? [])}
</section>`;
}

function totalsSection(report: Report): SafeHtml {
  const totals = report.totals ?? [];
  return html`<section aria-labelledby="totals">
<h2 id="totals">Totals per outcome</h2>
${
  totals.length === 0
    ? html`<p class="muted">No figures.</p>`
    : totals.map(
        (t) => html`<h3>${words(t.outcome)}: ${range(t.range)}</h3>
<table>
<caption>${words(t.outcome)} by claimant (a claimant's current figures summed over parties)</caption>
<thead><tr><th scope="col">Claimant</th><th scope="col">Sum</th><th scope="col">Parties summed</th><th scope="col">Unquantified parties (listed, not summed)</th></tr></thead>
<tbody>
${t.byClaimant.map(
  (b) => html`<tr><td>${actor(b.claimant)}</td><td class="num">${boundsText(b.low, b.high, b.highOpen)}</td><td>${(b.parties ?? []).join(', ')}</td><td>${(
    b.unquantifiedParties ?? []
  ).join(', ')}</td></tr>\n`,
)}</tbody>
</table>
`,
      )
}
</section>`;
}

function header(report: Report): SafeHtml {
  const i = report.incident;
  const candidates = i.candidates ?? [];
  const heading = i.title ?? i.key ?? i.id;
  const place = [i.location, i.admin1].filter((x): x is string => typeof x === 'string' && x.length > 0).join(', ');
  return html`<header>
<h1>${heading}</h1>
<dl class="facts">
<dt>Incident id</dt><dd class="id">${i.id}</dd>
<dt>Key</dt><dd>${i.key ?? html`<span class="muted">none</span>`}</dd>
${i.title ? html`<dt>Title</dt><dd>${i.title}</dd>` : null}
<dt>Country</dt><dd>${i.country}</dd>
<dt>Location</dt><dd>${place || html`<span class="muted">not given</span>`}${
    i.lat !== null && i.lat !== undefined && i.lon !== null && i.lon !== undefined ? html` <span class="muted">(${i.lat}, ${i.lon})</span>` : null
  }</dd>
<dt>Dates</dt><dd>${i.startDate}${i.endDate && i.endDate !== i.startDate ? html` – ${i.endDate}` : null}</dd>
<dt>Needs review</dt><dd${i.needsReview ? html` class="review"` : null}>${i.needsReview ? 'yes' : 'no'}${
    candidates.length > 0 ? html` (candidates: ${candidates.map((c, n) => html`${n > 0 ? ', ' : ''}<span class="id">${c}</span>`)})` : null
  }</dd>
${i.mergedFrom?.length ? html`<dt>Merged from</dt><dd>${i.mergedFrom.map((c, n) => html`${n > 0 ? ', ' : ''}<span class="id">${c}</span>`)}</dd>` : null}
${i.setByHand?.length ? html`<dt>Set by hand</dt><dd>${i.setByHand.join(', ')}</dd>` : null}
<dt>Report version</dt><dd>${report.version}</dd>
<dt>Generated at</dt><dd>${report.generatedAt}</dd>
<dt>Claims</dt><dd>${report.claimCount}</dd>
</dl>
</header>`;
}

/** A complete HTML5 page for one report. */
export function renderReportPage(report: Report): string {
  const i = report.incident;
  const label = i.key ? `${i.key} (${i.id})` : i.id;
  const cells = report.cells ?? [];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Report ${label}, version ${report.version}</title>
<style>
:root { color-scheme: light dark; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 1rem 1.25rem 3rem; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #8884; padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #8886; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #8882; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
blockquote { margin: .25rem 0 0; padding-left: .5rem; border-left: 3px solid #8886; white-space: pre-wrap; }
.id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
.muted { opacity: .75; }
.disputed { color: #b3261e; font-weight: 600; }
.review { color: #8a5a00; font-weight: 600; }
table.superseded { opacity: .8; }
a { overflow-wrap: anywhere; }
</style>
</head>
<body>
${header(report)}
<main>
${cells.length === 0 ? html`<p class="muted">No figures.</p>` : cells.map((cell, n) => cellSection(cell, n))}
${totalsSection(report)}
</main>
<footer><p class="muted">Read-only rendering of the reconciliation report. Figures are as claimed; the service never averages and never picks a winner.</p></footer>
</body>
</html>
`;
  return page.toString();
}
