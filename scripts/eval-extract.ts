/**
 * Scores the extractor against the evaluation sets in samples/extract (dev/ and heldout/): precision,
 * recall and F1 per figure (claimant + party + outcome + count), per set and language. --verbose and
 * --drafts print the held-out set's figures only with --set heldout: whoever works on the rules must
 * not read them.
 *
 *   npm run eval:extract [-- --verbose] [-- --set dev|heldout] [-- --file en-001]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActorRegistry, Gazetteer, epochDay } from '@recon/domain';
import { addScore, emptyScore, extractClaims, f1, foundLines, goldLines, precision, recall, scoreLines, type GoldFigure, type Score } from '@recon/extract';

const ROOT = new URL('../samples/extract/', import.meta.url).pathname;
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const showDrafts = args.includes('--drafts');
const onlySet = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
const onlyFile = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;

interface GoldFile {
  language: 'en' | 'fr';
  publishedAt?: string;
  source?: Record<string, string>;
  incident?: { country: string };
  figures: GoldFigure[];
}

const registry = ActorRegistry.create();
const gazetteer = Gazetteer.create();
const totals = new Map<string, Score>();
const add = (label: string, s: Score) => totals.set(label, addScore(totals.get(label) ?? emptyScore(), s));
const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
const line = (label: string, s: Score) =>
  `${label.padEnd(14)} gold ${String(s.gold).padStart(3)}  found ${String(s.found).padStart(3)}  matched ${String(s.matched).padStart(3)}  P ${pct(precision(s))}  R ${pct(recall(s))}  F1 ${pct(f1(s))}  (F1 ignoring claimant ${pct(f1({ ...s, matched: s.matchedIgnoringClaimant }))}, relays right ${s.matched ? pct(s.viaRight / s.matched) : '   - '})`;

for (const set of ['dev', 'heldout']) {
  if (onlySet && set !== onlySet) continue;
  let files: string[];
  try {
    files = readdirSync(join(ROOT, set)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    continue;
  }
  console.log(`\n${set}`);
  for (const file of files) {
    const id = file.replace(/\.json$/, '');
    if (onlyFile && id !== onlyFile) continue;
    const gold = JSON.parse(readFileSync(join(ROOT, set, file), 'utf8')) as GoldFile;
    const text = readFileSync(join(ROOT, set, `${id}.txt`), 'utf8');
    const started = performance.now();
    const extraction = extractClaims(
      { text, language: gold.language, ...(gold.publishedAt ? { publishedAt: gold.publishedAt } : {}), ...(gold.source ? { source: gold.source } : {}), ...(gold.incident ? { incident: gold.incident } : {}) },
      { registry, gazetteer, today: new Date().toISOString().slice(0, 10) },
    );
    const ms = performance.now() - started;
    const at = { country: gold.incident?.country ?? extraction.incident.country, day: epochDay(gold.publishedAt ?? extraction.incident.startDate) };
    const { score, missed, extra } = scoreLines(goldLines(registry, gold.figures, at), foundLines(registry, extraction, at));
    add(`${set}`, score);
    add(`${set} ${gold.language}`, score);
    console.log(`  ${line(id, score)}  ${ms.toFixed(1)} ms`);
    // The held-out texts stay unread by whoever works on the rules: only their scores, unless asked by name.
    const details = set !== 'heldout' || onlySet === 'heldout';
    if (showDrafts && details) {
      for (const d of extraction.claims) {
        const c = d.claim;
        console.log(`      ${c.claimant.name} (${c.claimant.kind})${c.via ? ` via ${c.via.map((v) => v.name).join(' → ')}` : ''} at ${c.statedAt} [${d.confidence}]`);
        for (const f of c.figures) console.log(`          ${f.party} ${f.outcome} ${JSON.stringify(f.count)} «${f.wording}»`);
        for (const x of d.warnings) console.log(`          ! ${x}`);
      }
    }
    if (verbose && details) {
      for (const m of missed) console.log(`      missed  ${m.text}`);
      for (const e of extra) console.log(`      extra   ${e.text}`);
    }
  }
}
console.log('\ntotals');
for (const [label, s] of [...totals].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${line(label, s)}`);
