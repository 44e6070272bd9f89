import type { Words } from './compiled-lexicon.js';
import type { Sentence } from './tokens.js';

/** A date said in the text: a day when it can be told, else the year (or month) it names. */
export interface DateMention {
  start: number;
  end: number;
  /** YYYY-MM-DD, when the day is known. */
  day: string | null;
  /** The year named, for "in 2013" (a figure of another year is likely another incident). */
  year: number | null;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): string | null {
  const t = Date.UTC(y, m, d);
  const date = new Date(t);
  return date.getUTCMonth() === m && date.getUTCDate() === d ? `${y}-${pad(m + 1)}-${pad(d)}` : null;
}

/**
 * Dates in a sentence, relative to the day of publication: "on Sunday" is the last Sunday up to that
 * day, "yesterday" the day before, "May 19" or "le 19 mai" in its year (or the year before, when it
 * would fall after publication).
 */
export function dateMentions(s: Sentence, w: Words, published: string | null): DateMention[] {
  const out: DateMention[] = [];
  const tokens = s.tokens;
  const pub = published ? Date.parse(`${published}T00:00:00Z`) : null;
  const pubYear = pub !== null ? new Date(pub).getUTCFullYear() : null;
  const yearAt = (k: number): number | null => {
    const t = tokens[k];
    return t && t.kind === 'num' && /^\d{4}$/.test(t.text) && Number(t.text) >= 1900 && Number(t.text) <= 2100 ? Number(t.text) : null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const weekday = w.weekdays.get(t.norm);
    if (weekday !== undefined) {
      // "Sunday, 5 July" is read as the date that follows.
      let day: string | null = null;
      if (pub !== null) {
        const back = (new Date(pub).getUTCDay() - weekday + 7) % 7;
        day = iso(pub - back * DAY_MS);
      }
      out.push({ start: i, end: i + 1, day, year: null });
      continue;
    }
    const relative = w.relativeDays.at(tokens, i);
    if (relative) {
      out.push({ start: i, end: relative.end, day: pub !== null ? iso(pub + relative.value * DAY_MS) : null, year: null });
      i = relative.end - 1;
      continue;
    }
    const lastYear = w.lastYear.at(tokens, i);
    if (lastYear) {
      out.push({ start: i, end: lastYear.end, day: null, year: pubYear !== null ? pubYear - 1 : null });
      i = lastYear.end - 1;
      continue;
    }
    const month = w.months.get(t.norm);
    if (month !== undefined) {
      // "May 19", "May 19, 2020", "19 May", "le 19 mai 2020", "January 2013", "in May"
      const before = tokens[i - 1];
      const after = tokens[i + 1];
      let dayOfMonth: number | null = null;
      let start = i;
      let end = i + 1;
      if (after && after.kind === 'num' && /^\d{1,2}$/.test(after.text)) {
        dayOfMonth = Number(after.text);
        end = i + 2;
      } else if (before && before.kind === 'num' && /^\d{1,2}$/.test(before.text)) {
        dayOfMonth = Number(before.text);
        start = i - 1;
      } else if (before && (before.norm === '1er' || before.norm === 'premier')) {
        dayOfMonth = 1;
        start = i - 1;
      }
      if (tokens[end]?.text === ',' && yearAt(end + 1) !== null) end++;
      let year = yearAt(end);
      if (year !== null) end++;
      if (dayOfMonth === null) {
        out.push({ start, end, day: null, year: year ?? null });
        i = end - 1;
        continue;
      }
      if (year === null && pubYear !== null) {
        year = pubYear;
        const candidate = validDay(year, month, dayOfMonth);
        if (candidate && pub !== null && Date.parse(`${candidate}T00:00:00Z`) > pub) year--;
      }
      out.push({ start, end, day: year !== null ? validDay(year, month, dayOfMonth) : null, year });
      i = end - 1;
      continue;
    }
    const year = yearAt(i);
    if (year !== null && i > 0 && ['in', 'since', 'en', 'depuis', 'of', 'de', 'until', 'jusqu', 'by'].includes(tokens[i - 1]!.norm)) {
      out.push({ start: i - 1, end: i + 1, day: null, year });
    }
  }
  return out;
}
