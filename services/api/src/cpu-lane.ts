/** Yields to the event loop: timers and I/O (a health check, a read) run before this resumes. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs the CPU-heavy part of requests (validating a batch of claims) one request at a time, in
 * slices of at most `sliceMs`, yielding to I/O between slices. However many large submissions
 * arrive at once, the event loop is never held for long, so health checks and reads are answered
 * between slices instead of behind every batch in flight.
 */
export class CpuLane {
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly sliceMs = 5) {}

  /** Calls `step(0)` … `step(count - 1)` in order, when the lane is free, yielding every `sliceMs`. */
  async forEach(count: number, step: (index: number) => void): Promise<void> {
    const before = this.#tail;
    let release!: () => void;
    this.#tail = new Promise((resolve) => {
      release = resolve;
    });
    await before;
    try {
      let sliceStart = performance.now();
      for (let i = 0; i < count; i++) {
        step(i);
        if (i + 1 < count && performance.now() - sliceStart >= this.sliceMs) {
          await yieldToIo();
          sliceStart = performance.now();
        }
      }
    } finally {
      release();
    }
  }

  /**
   * Runs one piece of work that cannot be sliced (extracting drafts from an article), when the lane
   * is free and after a turn of the event loop, so that I/O waiting behind the work before it runs
   * first; answers what the work returns.
   */
  async run<T>(work: () => T): Promise<T> {
    let out!: T;
    await yieldToIo();
    await this.forEach(1, () => {
      out = work();
    });
    return out;
  }
}
