/**
 * Partial dates of the contract: `YYYY-MM-DD` or `YYYY-MM` for incidents, and a date or an ISO 8601
 * date-time for `statedAt`/`publishedAt`. Everything here is UTC and pure.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** `YYYY-MM-DD` or `YYYY-MM`, a real calendar date (year 1000..9999). */
export function isPartialDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  if (y < 1000) return false;
  return validYmd(y, Number(m[2]), m[3] === undefined ? 1 : Number(m[3]));
}

/** A calendar date `YYYY-MM-DD` or a date-time with a `Z` or `±hh:mm` offset. */
export function isDateOrDateTime(s: string): boolean {
  if (DATE_RE.test(s)) return isPartialDate(s) && s.length === 10;
  const m = DATETIME_RE.exec(s);
  if (!m) return false;
  if (!validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const hh = Number(m[4]);
  const mm = Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  return hh <= 23 && mm <= 59 && ss <= 59 && !Number.isNaN(Date.parse(s));
}

/** First and last day (epoch days) covered by a partial date. */
export function dayRange(s: string): { first: number; last: number } {
  const m = DATE_RE.exec(s);
  if (!m) throw new RangeError(`not a partial date: ${s}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (m[3] !== undefined) {
    const d = Date.UTC(y, mo - 1, Number(m[3])) / DAY_MS;
    return { first: d, last: d };
  }
  return { first: Date.UTC(y, mo - 1, 1) / DAY_MS, last: Date.UTC(y, mo, 0) / DAY_MS };
}

/** The span of an incident: from the first day of `start` to the last day of `end` (or of `start`). */
export function spanOf(start: string, end?: string | null): { first: number; last: number } {
  const a = dayRange(start);
  const b = end ? dayRange(end) : a;
  return { first: a.first, last: Math.max(a.last, b.last) };
}

/**
 * A sortable UTC instant for a date or date-time: `2024-08-01` → `2024-08-01T00:00:00.000Z`.
 * Two statements made the same instant compare equal.
 */
export function instantKey(s: string): string {
  // The common case, a full date, without parsing: "2024-08-01" → "2024-08-01T00:00:00.000Z".
  if (s.length === 10 && s[4] === '-' && s[7] === '-') return `${s}T00:00:00.000Z`;
  if (DATE_RE.test(s)) {
    const { first } = dayRange(s);
    return new Date(first * DAY_MS).toISOString();
  }
  return new Date(Date.parse(s)).toISOString();
}

/** The epoch day of a date or date-time (in UTC). */
export function epochDay(s: string): number {
  return Math.floor(Date.parse(instantKey(s)) / DAY_MS);
}
