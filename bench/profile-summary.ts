/**
 * Summarises V8 .cpuprofile files (node --cpu-prof): self time per function and per package, so the
 * README can say where the time goes. argv: files…
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const where = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const src = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (src) return `@recon/${src[2]}`;
  return url.startsWith('node:') ? 'node' : url === '' ? '(native/vm)' : url.split('/').slice(-2).join('/');
};

for (const file of process.argv.slice(2)) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const k = n.callFrame.functionName === '(idle)' ? '(idle)' : n.callFrame.functionName === '(garbage collector)' ? '(gc)' : where(n.callFrame.url);
    pkg.set(k, (pkg.get(k) ?? 0) + us);
  }
  // Inclusive time of the project's own functions: a node's self time plus its descendants'.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (!/\/(packages|services)\//.test(n.callFrame.url) || n.callFrame.url.includes('node_modules')) continue;
      const name = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  console.log(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log('  by package:');
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${pct(us)}  ${k}`);
  console.log('  by function (self time):');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${k}`);
  console.log('  project functions (inclusive time):');
  for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${k}`);
}
