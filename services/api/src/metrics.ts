/** A small Prometheus text-format registry: counters kept in memory, gauges read at scrape time. */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();

  counter(name: string, help: string): void {
    if (!this.counters.has(name)) this.counters.set(name, { help, values: new Map() });
  }

  /** Label sets seen before, by their fields and values joined: most requests repeat one. */
  private readonly labelTexts = new Map<string, string>();

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const c = this.counters.get(name);
    if (!c) throw new Error(`unknown counter ${name}`);
    let memo = '';
    for (const k in labels) memo += `${k}\u0000${labels[k]}\u0000`;
    let key = this.labelTexts.get(memo);
    if (key === undefined) {
      key = labelText(labels);
      if (this.labelTexts.size < 10_000) this.labelTexts.set(memo, key);
    }
    c.values.set(key, (c.values.get(key) ?? 0) + by);
  }

  /** The exposition text, with gauges appended. */
  render(gauges: { name: string; help: string; values: { labels?: Record<string, string>; value: number }[] }[] = []): string {
    const lines: string[] = [];
    for (const [name, c] of this.counters) {
      lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      for (const [labels, v] of c.values) lines.push(`${name}${labels} ${v}`);
    }
    for (const g of gauges) {
      lines.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
      for (const v of g.values) lines.push(`${g.name}${labelText(v.labels ?? {})} ${v.value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function labelText(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${esc(labels[k]!)}"`).join(',')}}`;
}
