import { LRUCache } from 'lru-cache';
import { gzipSync } from 'node:zlib';

/** A rendered page, and the same gzipped (made on the first request that accepts it). */
export interface CachedPage {
  key: string;
  html: string;
  gzip?: Buffer;
}

const sizeOf = (p: CachedPage): number => p.html.length * 2 + (p.gzip?.byteLength ?? 0);

/**
 * Rendered pages by key, most recently used kept, up to `maxBytes` (lru-cache, sized by bytes, as
 * the report cache). Keys carry what the page was made from (an incident's report version; the
 * database's change stamp for lists), so an entry never goes stale: a change makes a new key, and
 * old keys age out. A page over an eighth of the budget is served but not kept.
 */
export class PageCache {
  private readonly entries: LRUCache<string, CachedPage>;

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.entries = new LRUCache({ maxSize: maxBytes, maxEntrySize: maxBytes / 8, sizeCalculation: sizeOf });
  }

  get(key: string): CachedPage | undefined {
    return this.entries.get(key);
  }

  /** The cached page, or the one `make` renders (and keeps). */
  getOrPut(key: string, make: () => string): CachedPage {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const page: CachedPage = { key, html: make() };
    this.entries.set(key, page);
    return page;
  }

  /** The page gzipped, once; the entry is sized again with it. */
  gzipOf(page: CachedPage): Buffer {
    if (!page.gzip) {
      page.gzip = gzipSync(page.html, { level: 6 });
      if (this.entries.peek(page.key) === page) this.entries.set(page.key, page);
    }
    return page.gzip;
  }
}
