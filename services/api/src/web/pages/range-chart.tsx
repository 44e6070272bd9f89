/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PERSPECTIVES, type Perspective, type ReportCell, type ReportClaim } from '@recon/domain';
import { raw } from 'hono/html';
import { esc } from '../markup.js';
import { countText, words } from '../format.js';

/**
 * One cell's claims on a shared axis, as inline SVG: a dot for an exact figure, a bar for a range,
 * an arrow for an open "at least", a note for an unquantified claim; coloured by perspective,
 * superseded claims faded. Every mark is a list item with its own label for screen readers.
 */

const WIDTH = 720;
const LABEL_W = 200;
const X0 = LABEL_W + 10;
const X1 = WIDTH - 24;
const ROW = 22;
const AXIS_H = 30;

/** A round axis end above `n`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** A round step giving four to ten ticks up to `max`: 1, 2 or 5 times a power of ten, never below 1. */
export function tickStep(max: number): number {
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (max / (m * p) <= 10) return m * p;
}

interface Row {
  claim: ReportClaim;
  superseded: boolean;
}

const isOpen = (c: ReportClaim): boolean => c.highOpen || (c.low !== null && c.high === null);
const top = (c: ReportClaim): number => (c.low === null ? 0 : isOpen(c) ? c.low * 1.25 + 1 : (c.high ?? c.low));

function markLabel(r: Row): string {
  const c = r.claim;
  const read = !c.quantified ? 'unquantified' : isOpen(c) ? `${c.low} or more` : c.low === c.high ? `exactly ${c.low}` : `${c.low} to ${c.high}`;
  return `${c.claimant.name} (${words(c.perspective)}${r.superseded ? ', superseded' : ''}), ${c.statedAt}: ${countText(c.count)}, read as ${read}`;
}

const trim = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One claim's mark, as markup text (see markup.ts): a large cell's chart has thousands. */
function mark(row: Row, y: number, x: (n: number) => number): string {
  const c = row.claim;
  const cls = `p-${esc(c.perspective)}`;
  const mid = y + ROW / 2;
  if (!c.quantified || c.low === null) return `<text x="${X0}" y="${mid + 4}" class="muted" aria-hidden="true">unquantified: ${esc(countText(c.count))}</text>`;
  if (isOpen(c)) {
    const a = x(c.low);
    return `<g class="${cls}"><circle cx="${a}" cy="${mid}" r="5"/><line x1="${a}" y1="${mid}" x2="${X1}" y2="${mid}" stroke-width="3"/><polygon points="${X1 + 10},${mid} ${X1},${mid - 6} ${X1},${mid + 6}"/></g>`;
  }
  if (c.low === c.high) return `<circle class="${cls}" cx="${x(c.low)}" cy="${mid}" r="6"/>`;
  const a = x(c.low);
  const b = x(c.high ?? c.low);
  return `<rect class="${cls}" x="${a}" y="${mid - 5}" width="${Math.max(b - a, 2)}" height="10" rx="2"/>`;
}

function markRow(r: Row, i: number, x: (n: number) => number): string {
  const label = trim(`${r.claim.claimant.name} · ${r.claim.statedAt.slice(0, 10)}`, 34);
  return `<g role="listitem" aria-label="${esc(markLabel(r))}"${r.superseded ? ' class="faded"' : ''}><text x="${LABEL_W}" y="${i * ROW + ROW / 2 + 4}" text-anchor="end" aria-hidden="true">${esc(label)}</text>${mark(r, i * ROW, x)}</g>`;
}

export function RangeChart({ cell, title }: { cell: ReportCell; title: string }) {
  const rows: Row[] = [...cell.claims.map((claim) => ({ claim, superseded: false })), ...(cell.superseded ?? []).map((claim) => ({ claim, superseded: true }))];
  const max = niceMax(Math.max(1, ...rows.map((r) => top(r.claim))));
  const x = (n: number): number => Math.round((X0 + (Math.min(n, max) / max) * (X1 - X0)) * 10) / 10;
  const quantified = rows.some((r) => r.claim.quantified && r.claim.low !== null);
  const height = rows.length * ROW + (quantified ? AXIS_H : 4);
  const step = tickStep(max);
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="list" aria-label={`Range chart: ${title}, ${rows.length} claim${rows.length === 1 ? '' : 's'}`}>
      <g aria-hidden="true" display={quantified ? undefined : 'none'}>
        {ticks.map((t) => (
          <line class="grid-line" x1={x(t)} x2={x(t)} y1="0" y2={rows.length * ROW} />
        ))}
        <line class="axis" x1={X0} x2={X1} y1={rows.length * ROW} y2={rows.length * ROW} />
        {ticks.map((t) => (
          <text x={x(t)} y={rows.length * ROW + 16} text-anchor="middle">
            {String(t)}
          </text>
        ))}
      </g>
      {raw(rows.map((r, i) => markRow(r, i, x)).join(''))}
    </svg>
  );
}

/** The colours' key, listing only the perspectives present. */
export function Legend({ perspectives }: { perspectives: ReadonlySet<Perspective> }) {
  const shown = PERSPECTIVES.filter((p) => perspectives.has(p));
  return (
    <ul class="legend" aria-label="Colours by perspective">
      {shown.map((p) => (
        <li>
          <span class={`swatch p-${p}`} aria-hidden="true"></span>
          {words(p)}
        </li>
      ))}
      <li>
        <span class="muted">faded: superseded by a later statement of the same claimant</span>
      </li>
    </ul>
  );
}
