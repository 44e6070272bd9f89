import { gzipSync } from 'node:zlib';

export interface CachedReport {
  incidentId: string;
  version: number;
  /** The report's JSON, as stored. */
  json: Buffer;
  /** The same, gzipped once, for clients that accept it. */
  gzip: Buffer;
}

/**
 * The most recently read report versions, in memory, up to `maxBytes`. A version never changes, so
 * an entry never goes stale: a new version is a new key. Reads of a popular report cost one indexed
 * lookup of its latest version number and no decoding, re-encoding or compressing.
 */
export class ReportCache {
  private readonly entries = new Map<string, CachedReport>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(incidentId: string, version: number): CachedReport | undefined {
    const key = `${incidentId}\u0000${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Map order is insertion order: move the hit to the back (most recently used).
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(incidentId: string, version: number, json: Buffer): CachedReport {
    const entry: CachedReport = { incidentId, version, json, gzip: gzipSync(json, { level: 6 }) };
    const size = entry.json.byteLength + entry.gzip.byteLength;
    if (size > this.maxBytes / 4) return entry; // too large to keep: serve it, don't cache it
    this.entries.set(`${incidentId}\u0000${version}`, entry);
    this.bytes += size;
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= old.json.byteLength + old.gzip.byteLength;
    }
    return entry;
  }
}

const gzipAnswers = new Map<string, boolean>();

/** Whether the request's Accept-Encoding allows gzip. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  // Clients repeat one header: remember the last answers.
  const known = gzipAnswers.get(header);
  if (known !== undefined) return known;
  const answer = /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(header);
  if (gzipAnswers.size >= 256) gzipAnswers.clear();
  gzipAnswers.set(header, answer);
  return answer;
}
