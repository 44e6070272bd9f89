import { VIA_SEPARATOR, type ClaimColumn } from './claim-rows.js';

/**
 * Rows in the claims export's shape back into claims: rows with one `claim_id` are one claim (its
 * figures in `figure` order). Cells hold text as a CSV gives it; what a claim leaves out is an empty
 * cell. A row set without `claim_id` treats each row as a claim of one figure. Nothing is validated
 * here: `POST /claims` does that, naming the field and the row's claim.
 */
export type RowRecord = Partial<Record<ClaimColumn | string, string>>;

export interface RowsToClaims {
  claims: Record<string, unknown>[];
  /** Claims left out because their rows say `retracted` true. */
  skippedRetracted: string[];
}

const filled = (v: string | undefined): v is string => v !== undefined && v !== '';

/** A JSON number's syntax (what `String(n)` writes for any finite number, `1e-7` included). */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function numberCell(v: string): number | string {
  return NUMBER.test(v.trim()) ? Number(v.trim()) : v;
}

/** A count from its form and text: `range` is `a-b`; numbers stay text when they are not numbers (the API says why). */
export function countOfCells(form: string | undefined, text: string | undefined): Record<string, unknown> {
  const t = (text ?? '').trim();
  const n = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);
  switch (form) {
    case 'exact':
    case 'min':
    case 'max':
    case 'approx':
      return { [form]: n(t) };
    case 'range': {
      const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(t);
      return m ? { min: Number(m[1]), max: Number(m[2]) } : { range: t };
    }
    case 'term':
      return { term: t };
    default:
      return { [form || 'count_form']: t };
  }
}

/** The relays' names: split at ` > `, or a JSON array when the shape says `via=json`. */
function viaNames(names: string, json: boolean): string[] {
  if (!json) return names.split(VIA_SEPARATOR);
  try {
    const parsed = JSON.parse(names) as unknown;
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    // Not JSON after all: read it as names joined by ` > `, and let POST /claims judge them.
  }
  return names.split(VIA_SEPARATOR);
}

function actorList(names: string | undefined, kinds: string | undefined, json: boolean): { name: string; kind: string }[] {
  if (!filled(names)) return [];
  const k = filled(kinds) ? kinds.split(VIA_SEPARATOR) : [];
  return viaNames(names, json).map((name, i) => ({ name, kind: k[i] ?? '' }));
}

function claimOf(rows: readonly RowRecord[]): Record<string, unknown> {
  const r = rows[0]!;
  const shape = new Set((r.shape ?? '').split(';').filter(Boolean));
  const incident: Record<string, unknown> = { country: r.country ?? '', startDate: r.start_date ?? '' };
  if (filled(r.incident_key)) incident.key = r.incident_key;
  if (filled(r.incident_title)) incident.title = r.incident_title;
  if (filled(r.location)) incident.location = r.location;
  if (filled(r.admin1)) incident.admin1 = r.admin1;
  if (filled(r.lat)) incident.lat = numberCell(r.lat);
  if (filled(r.lon)) incident.lon = numberCell(r.lon);
  if (filled(r.end_date)) incident.endDate = r.end_date;
  const claim: Record<string, unknown> = { incident, claimant: { name: r.claimant ?? '', kind: r.claimant_kind ?? '' } };
  const via = actorList(r.via, r.via_kinds, shape.has('via=json'));
  if (via.length > 0 || shape.has('via=[]')) claim.via = via;
  claim.statedAt = r.stated_at ?? '';
  const source: Record<string, string> = {};
  if (filled(r.source_url)) source.url = r.source_url;
  if (filled(r.source_publisher)) source.publisher = r.source_publisher;
  if (filled(r.source_title)) source.title = r.source_title;
  if (filled(r.source_published_at)) source.publishedAt = r.source_published_at;
  if (filled(r.source_excerpt)) source.excerpt = r.source_excerpt;
  if (Object.keys(source).length > 0 || shape.has('source={}')) claim.source = source;
  const ordered = [...rows].sort((a, b) => Number(a.figure ?? 0) - Number(b.figure ?? 0));
  claim.figures = ordered.map((f) => {
    const figure: Record<string, unknown> = { party: f.party_as_reported ?? f.party ?? '', outcome: f.outcome ?? '', count: countOfCells(f.count_form, f.count) };
    if (filled(f.party_kind)) figure.partyKind = f.party_kind;
    if (filled(f.wording)) figure.wording = f.wording;
    return figure;
  });
  return claim;
}

export function claimsOfRows(rows: readonly RowRecord[]): RowsToClaims {
  const groups = new Map<string, RowRecord[]>();
  rows.forEach((row, n) => {
    const key = filled(row.claim_id) ? row.claim_id : `row ${n + 1}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  });
  const claims: Record<string, unknown>[] = [];
  const skippedRetracted: string[] = [];
  for (const [id, list] of groups) {
    if (list.some((r) => r.retracted === 'true')) skippedRetracted.push(id);
    else claims.push(claimOf(list));
  }
  return { claims, skippedRetracted };
}

/** Whether a JSON value is a row of the claims export (NDJSON), rather than a claim. */
export function isClaimJsonRow(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'claim_id' in value && 'count_form' in value;
}

/**
 * A row of the NDJSON claims export as the cells a CSV would give (unguarded): null is an empty
 * cell, numbers and booleans their text, the relays' names a JSON array (marked `via=json` in the
 * shape, so a name holding ` > ` stays one name), the other lists joined by ` > `.
 */
export function rowRecordOfJson(row: Record<string, unknown>): RowRecord {
  const out: RowRecord = {};
  const marks = typeof row.shape === 'string' && row.shape !== '' ? row.shape.split(';') : [];
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined || k === 'shape') continue;
    if (Array.isArray(v)) {
      if (k === 'via') {
        if (v.length > 0) {
          out.via = JSON.stringify(v);
          marks.push('via=json');
        }
      } else out[k] = v.map(String).join(VIA_SEPARATOR);
    } else out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  if (marks.length > 0) out.shape = marks.join(';');
  return out;
}
