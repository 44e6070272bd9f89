import { canonicalJson, fold, type ActorContext, type ActorRegistry, type Count, type Outcome } from '@recon/domain';
import type { Extraction, Language } from './types.js';

/** A figure of an evaluation set (samples/extract/README.md). */
export interface GoldFigure {
  claimant: string | { name: string; kind: string };
  via?: string[];
  party: string;
  outcome: Outcome;
  count: Count;
  words?: string;
}

export interface Score {
  gold: number;
  found: number;
  matched: number;
  /** Matched on outcome, count and party, whoever said it. */
  matchedIgnoringClaimant: number;
  /** Of the matched figures, those whose relay chain is right too. */
  viaRight: number;
}

export const emptyScore = (): Score => ({ gold: 0, found: 0, matched: 0, matchedIgnoringClaimant: 0, viaRight: 0 });

export function addScore(a: Score, b: Score): Score {
  return {
    gold: a.gold + b.gold,
    found: a.found + b.found,
    matched: a.matched + b.matched,
    matchedIgnoringClaimant: a.matchedIgnoringClaimant + b.matchedIgnoringClaimant,
    viaRight: a.viaRight + b.viaRight,
  };
}

export const precision = (s: Score) => (s.found === 0 ? (s.gold === 0 ? 1 : 0) : s.matched / s.found);
export const recall = (s: Score) => (s.gold === 0 ? 1 : s.matched / s.gold);
export const f1 = (s: Score) => {
  const p = precision(s);
  const r = recall(s);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

const LEADING = /^(a few|the|an|a|some|several|les|le|la|l'|des|un|une|quelques|plusieurs)\s+/i;

/** Who said it, as one key: the registry's actor, any anonymous source, or the name folded. */
export function speakerKey(registry: ActorRegistry, name: string, kind: string | undefined, at: ActorContext): string {
  if (kind === 'anonymous') return 'anonymous';
  const actor = registry.lookup(name, at);
  if (actor) return actor.id;
  return `name:${fold(name.replace(LEADING, '').replace(LEADING, ''))}`;
}

export interface FigureLine {
  key: string;
  loose: string;
  via: string;
  text: string;
}

/** The gold figures of a text as keys (claimant, party, outcome, count). */
export function goldLines(registry: ActorRegistry, figures: GoldFigure[], at: ActorContext): FigureLine[] {
  return figures.map((g) => {
    const claimant = typeof g.claimant === 'string' ? speakerKey(registry, g.claimant, undefined, at) : speakerKey(registry, g.claimant.name, g.claimant.kind, at);
    const loose = `${registry.partyKey(g.party, at)}|${g.outcome}|${canonicalJson(g.count)}`;
    const via = (g.via ?? []).map((v) => speakerKey(registry, v, undefined, at)).join('>');
    const name = typeof g.claimant === 'string' ? g.claimant : g.claimant.name;
    return { key: `${claimant}|${loose}`, loose, via, text: `${name} · ${g.party} ${g.outcome} ${canonicalJson(g.count)}` };
  });
}

/** The extracted figures as keys. */
export function foundLines(registry: ActorRegistry, extraction: Extraction, at: ActorContext): FigureLine[] {
  return extraction.claims.flatMap((d) =>
    d.claim.figures.map((f) => {
      const claimant = speakerKey(registry, d.claim.claimant.name, d.claim.claimant.kind, at);
      const loose = `${registry.partyKey(f.party, at)}|${f.outcome}|${canonicalJson(f.count)}`;
      const via = (d.claim.via ?? []).map((v) => speakerKey(registry, v.name, v.kind, at)).join('>');
      return { key: `${claimant}|${loose}`, loose, via, text: `${d.claim.claimant.name} · ${f.party} ${f.outcome} ${canonicalJson(f.count)}` };
    }),
  );
}

/** Scores found figures against gold ones (each matched once), with the misses and the extras. */
export function scoreLines(gold: FigureLine[], found: FigureLine[]): { score: Score; missed: FigureLine[]; extra: FigureLine[] } {
  const left = [...found];
  const missed: FigureLine[] = [];
  let matched = 0;
  let viaRight = 0;
  for (const g of gold) {
    const i = left.findIndex((f) => f.key === g.key);
    if (i < 0) {
      missed.push(g);
      continue;
    }
    matched++;
    if (left[i]!.via === g.via) viaRight++;
    left.splice(i, 1);
  }
  const looseLeft = found.map((f) => f.loose);
  let loose = 0;
  for (const g of gold) {
    const i = looseLeft.indexOf(g.loose);
    if (i >= 0) {
      loose++;
      looseLeft.splice(i, 1);
    }
  }
  return { score: { gold: gold.length, found: found.length, matched, matchedIgnoringClaimant: loose, viaRight }, missed, extra: left };
}

export type { Language };
