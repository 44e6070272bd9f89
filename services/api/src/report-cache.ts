import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';

export interface CachedReport {
  incidentId: string;
  version: number;
  /** The report's JSON, as stored. */
  json: Buffer;
  /** The same, gzipped once, for clients that accept it. */
  gzip: Buffer;
}

/**
 * The most recently read report versions, in memory, up to `maxBytes` (lru-cache, sized by bytes).
 * A version never changes, so an entry never goes stale: a new version is a new key. Reads of a
 * popular report cost one indexed lookup of its latest version number and no decoding, re-encoding
 * or compressing. A report over a quarter of the budget is served but not kept.
 */
export class ReportCache {
  private readonly entries: LRUCache<string, CachedReport>;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.entries = new LRUCache({ maxSize: maxBytes, maxEntrySize: maxBytes / 4, sizeCalculation: (e) => e.json.byteLength + e.gzip.byteLength });
  }

  get(incidentId: string, version: number): CachedReport | undefined {
    return this.entries.get(`${incidentId}\u0000${version}`);
  }

  put(incidentId: string, version: number, json: Buffer): CachedReport {
    const entry: CachedReport = { incidentId, version, json, gzip: gzipSync(json, { level: 6 }) };
    this.entries.set(`${incidentId}\u0000${version}`, entry);
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
