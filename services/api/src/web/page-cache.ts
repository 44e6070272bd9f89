import { gzipSync } from 'node:zlib';

/** A rendered page, and the same gzipped (made on the first request that accepts it). */
export interface CachedPage {
  html: string;
  gzip?: Buffer;
}

/**
 * Rendered pages by key, most recently used kept, up to `maxBytes`. Keys carry what the page was
 * made from (an incident's report version; the database's change stamp for lists), so an entry never
 * goes stale: a change makes a new key, and old keys age out.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get(key: string): CachedPage | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(key: string, html: string): CachedPage {
    const page: CachedPage = { html };
    const size = html.length * 2;
    if (size > this.maxBytes / 8 || this.entries.has(key)) return page;
    this.entries.set(key, page);
    this.bytes += size;
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= old.html.length * 2 + (old.gzip?.byteLength ?? 0);
    }
    return page;
  }

  /** The cached page, or the one `make` renders (and keeps). */
  getOrPut(key: string, make: () => string): CachedPage {
    return this.get(key) ?? this.put(key, make());
  }

  /** The page gzipped, once. */
  gzipOf(page: CachedPage): Buffer {
    if (!page.gzip) {
      page.gzip = gzipSync(page.html, { level: 6 });
      this.bytes += page.gzip.byteLength;
    }
    return page.gzip;
  }
}
