/**
 * Rendered pages by key, most recently used kept, up to `maxBytes`. Keys carry what the page was
 * made from (an incident's report version; the database's change stamp for lists), so an entry never
 * goes stale: a change makes a new key, and old keys age out.
 */
export class PageCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(key: string, page: string): string {
    const size = page.length * 2;
    if (size > this.maxBytes / 8 || this.entries.has(key)) return page;
    this.entries.set(key, page);
    this.bytes += size;
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= old.length * 2;
    }
    return page;
  }

  /** The cached page, or the one `make` renders (and keeps). */
  getOrPut(key: string, make: () => string): string {
    return this.get(key) ?? this.put(key, make());
  }
}
