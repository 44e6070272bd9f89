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

function numberCell(v: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v;
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

function actorList(names: string | undefined, kinds: string | undefined): { name: string; kind: string }[] {
  if (!filled(names)) return [];
  const k = filled(kinds) ? kinds.split(VIA_SEPARATOR) : [];
  return names.split(VIA_SEPARATOR).map((name, i) => ({ name, kind: k[i] ?? '' }));
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
  const via = actorList(r.via, r.via_kinds);
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
