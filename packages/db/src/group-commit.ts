export interface GroupCommitOptions {
  /** Items in one group at most. */
  maxSize?: number;
  /** How long the first item of a group waits for company. */
  maxWaitMs?: number;
}

/** What a flush gives each item: its result, or the error that item alone failed with. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve(value: R): void;
  reject(err: unknown): void;
}

/**
 * Group commit: gathers the items that concurrent callers bring within a few milliseconds and hands
 * them to `flush` together (one transaction, one fsync), then settles each caller's promise with its
 * own outcome. A flush that throws fails every item of its group.
 */
export class GroupCommit<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly maxSize: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly flush: (items: I[]) => Promise<Outcome<R>[]> | Outcome<R>[],
    options: GroupCommitOptions = {},
  ) {
    this.maxSize = options.maxSize ?? 256;
    this.maxWaitMs = options.maxWaitMs ?? 2;
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.maxWaitMs);
    });
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.waiting;
    this.waiting = [];
    if (group.length > 0) void this.run(group);
  }

  private async run(group: Waiting<I, R>[]): Promise<void> {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await this.flush(group.map((w) => w.item));
    } catch (err) {
      for (const w of group) w.reject(err);
      return;
    }
    group.forEach((w, i) => {
      const o = outcomes[i];
      if (!o) w.reject(new Error('group commit lost an item'));
      else if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
  }
}

/** Runs `all` over the items; if it throws, runs `one` per item so one bad item fails alone. */
export async function allOrEach<I, R>(items: I[], all: (items: I[]) => Promise<R[]>, one: (item: I) => Promise<R>): Promise<Outcome<R>[]> {
  try {
    return (await all(items)).map((value) => ({ ok: true, value }));
  } catch {
    const out: Outcome<R>[] = [];
    for (const item of items) {
      try {
        out.push({ ok: true, value: await one(item) });
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
    return out;
  }
}
