import type { Outcome } from '@recon/domain';
import { readCount, type CountMatch } from './counts.js';
import type { FigureReader, Found } from './figures.js';
import { phraseEnd, resolveParties, type Party } from './parties.js';

/**
 * Figures said without a count: one named person ("the death of AQIM commander X", "Droukdel was
 * killed"), heavy losses ("de lourdes pertes": many), and denials ("denied any casualties", "no civilian
 * was killed": 0). Each reads at a word of the sentence and records what it finds on the reader.
 */

const SINGULAR_AUX = new Set(['was', 'has', 'been', 'a', 'ete', 'est', 'fut', 'had']);
export const LOSS_NOUNS = new Set(['losses', 'casualties', 'pertes', 'victimes']);
const LOSS_FILLERS = new Set(['and', 'et', 'human', 'humaines', 'material', 'materielles', 'en', 'vies', 'very', 'tres', 'particularly', 'extremely']);
const LOSS_VERBS = new Set(['sustained', 'suffered', 'incurred', 'took', 'recorded', 'sustaining', 'suffering', 'subi', 'subit', 'enregistre', 'essuye', 'connu']);
const INFLICT = new Set(['inflicted', 'inflicting', 'caused', 'causing', 'inflige', 'infligeant', 'cause', 'causant', 'leur', 'them']);
const LOSS_LINKS = new Set(['among', 'on', 'to', 'in', 'within', 'for', 'parmi', 'chez', 'dans', 'a', 'au', 'aux', 'de', 'du', 'des', 'cote']);

/** "the death of AQIM commander X", "killed the leader of AQIM, X", "captured Mohamed el Mrabat": one person. */
export function readPerson(r: FigureReader, triggerStart: number, npStart: number, outcome: Outcome, how: Found['how']): void {
  const { w } = r.article;
  const tokens = r.s.tokens;
  let k = npStart;
  while (tokens[k] && w.determiners.has(tokens, k) && !w.possessives.has(tokens[k]!.norm)) k = w.determiners.at(tokens, k)!.end;
  let npEnd = phraseEnd(r.article, r.s, k);
  // "Mohamed el Mrabat, veteran jihadist …": the person, not the apposition.
  for (let j = k + 1; j < npEnd; j++) if (w.and.has(tokens, j)) npEnd = j;
  if (npEnd <= k) return;
  const words = tokens.slice(k, npEnd);
  const named = r.article.nameEnd(r.s, k) > k || words.some((t, j) => j > 0 && t.cap && t.kind === 'word');
  const singularPerson = words.some((t, j) => {
    const h = w.heads.at(tokens, k + j);
    return h !== null && h.value !== 'people' && h.value !== 'others' && !/s$/.test(t.norm);
  });
  if (!named && !singularPerson) return;
  const parties = resolveParties(r.article, r.s, k, npEnd, r.lastGroup);
  if (!parties || parties.coordinated) return;
  const party = parties.parties[0]!;
  if (party.others || party.name === 'unspecified') return;
  const cm: CountMatch = { count: { exact: 1 }, start: k, end: k + 1, numeric: true, value: 1 };
  r.push(cm, party, outcome, triggerStart, npEnd, npEnd, how, {});
}

/**
 * "no civilian was killed", "aucun soldat n'a été tué", "denied that soldiers had been taken
 * prisoner": people, an outcome and a denial — a count of 0.
 */
export function readDeniedOutcome(r: FigureReader, p: number, end: number, outcome: Outcome): boolean {
  const { w } = r.article;
  const tokens = r.s.tokens;
  if (r.figures.some((f) => p >= f.start && p < f.end)) return false;
  let j = p;
  while (j > 0 && w.auxiliaries.has(tokens[j - 1]!.norm)) j--;
  if (j === p) return false;
  // The people just before the auxiliaries, and what stands before them.
  let a = j;
  while (a > 0 && j - a < 6 && tokens[a - 1]!.kind !== 'punct' && !['that', 'que', 'qu'].includes(tokens[a - 1]!.norm) && !w.none.has(tokens, a - 1)) a--;
  const noneAt = a > 0 ? w.none.endingAt(tokens, a) : null;
  const noneStart = noneAt?.start ?? (w.none.has(tokens, a) ? a : -1);
  let from = a;
  if (noneStart === a) from = w.none.at(tokens, a)!.end;
  const denied = noneStart >= 0 || tokens.slice(Math.max(0, a - 12), a).some((t) => w.denyVerbs.has(t.norm));
  if (!denied || from >= j) return false;
  const parties = resolveParties(r.article, r.s, from, j, r.lastGroup);
  if (!parties || readCount(tokens, from, w)) return false;
  const party = parties.coordinated ? { name: 'unspecified', known: true } : parties.parties[0]!;
  const cm: CountMatch = { count: { exact: 0 }, start: Math.max(0, noneStart >= 0 ? noneStart : from), end: from, numeric: true, value: 0 };
  r.push(cm, party, outcome, cm.start, end, j, 'after', {});
  return true;
}

/** "Droukdel was killed": a named person, a singular auxiliary and an outcome. */
export function readNamedPerson(r: FigureReader, p: number, end: number, outcome: Outcome): void {
  const tokens = r.s.tokens;
  if (r.figures.some((f) => p >= f.start && p < f.end)) return;
  let j = p;
  while (j > 0 && SINGULAR_AUX.has(tokens[j - 1]!.norm)) j--;
  if (j === p || j === 0) return;
  let a = j;
  while (a > 0 && tokens[a - 1]!.cap && tokens[a - 1]!.kind === 'word') a--;
  if (a === j) return;
  const actor = r.article.person(r.s, a, j);
  if (!actor) return;
  const cm: CountMatch = { count: { exact: 1 }, start: a, end: a + 1, numeric: true, value: 1 };
  r.push(cm, { name: actor.name, known: true }, outcome, a, end, j, 'after', {});
}

/** "heavy losses", "de lourdes pertes", "significant material and human losses": many, of someone. */
export function readLoss(r: FigureReader, i: number): void {
  const { w } = r.article;
  const article = r.article;
  const tokens = r.s.tokens;
  if (r.figures.some((f) => i >= f.start && i < f.end)) return;
  let heavy = -1;
  let human = false;
  let material = false;
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    const n = tokens[k]!.norm;
    if (w.heavy.has(n)) heavy = k;
    else if (!LOSS_FILLERS.has(n)) break;
    if (n === 'human' || n === 'humaines' || n === 'vies') human = true;
    if (n === 'material' || n === 'materielles') material = true;
  }
  for (let k = i + 1; k < Math.min(tokens.length, i + 4); k++) {
    const n = tokens[k]!.norm;
    if (n === 'humaines' || n === 'human') human = true;
    if (n === 'materielles' || n === 'material') material = true;
    if (w.heavy.has(n) && heavy < 0) heavy = k;
    else if (!LOSS_FILLERS.has(n) && !w.heavy.has(n)) break;
  }
  if (heavy < 0 || (material && !human)) return;
  const start = Math.min(heavy, i);
  let end = Math.max(heavy, i) + 1;
  let party: Party = { name: 'unspecified', known: true };
  // "… losses among the attackers", "pertes dans les rangs de l'ennemi"
  let k = end;
  while (tokens[k] && (['humaines', 'human', 'materielles', 'en', 'vies'].includes(tokens[k]!.norm) || ['»', '”', '"', '’'].includes(tokens[k]!.text))) k++;
  if (tokens[k] && LOSS_LINKS.has(tokens[k]!.norm)) {
    let q = k + 1;
    while (tokens[q] && (LOSS_LINKS.has(tokens[q]!.norm) || ['rangs', 'ranks', 'side', 'cote', 'the', 'les', 'l', 'le', 'la'].includes(tokens[q]!.norm))) q++;
    const npEnd = phraseEnd(r.article, r.s, q);
    const parties = npEnd > q ? resolveParties(r.article, r.s, q, npEnd, r.lastGroup) : null;
    if (parties && !parties.coordinated) {
      party = parties.parties[0]!;
      end = npEnd;
    }
  } else if (tokens.slice(Math.max(0, start - 4), start).some((t) => INFLICT.has(t.norm))) {
    // "leur ont infligé de lourdes pertes", "inflicted heavy losses on them": whom the sentence named before.
    const before = article.mentions.all(article.text, tokens, 0, start);
    for (let q = start - 1; q >= 0; q--) {
      const m = before.find((x) => x.start === q);
      const h = w.heads.at(tokens, q);
      if (m && m.end <= start) {
        party = { name: m.text, known: true };
        break;
      }
      if (h && h.value !== 'role' && h.value !== 'others' && h.value !== 'self') {
        const parties = resolveParties(r.article, r.s, q, h.end, r.lastGroup);
        if (parties && !parties.coordinated) party = parties.parties[0]!;
        break;
      }
    }
  } else {
    // "its forces sustained severe losses": the subject of the verb.
    let v = start - 1;
    while (v >= 0 && ['de', 'des', 'd', 'also', 'egalement', 'a', 'ont', 'had', 'have', 'has'].includes(tokens[v]!.norm)) v--;
    if (v >= 0 && LOSS_VERBS.has(tokens[v]!.norm)) {
      let a = v;
      while (a > 0 && !['that', 'que', 'qu', ',', ';', ':', '—'].includes(tokens[a - 1]!.norm) && tokens[a - 1]!.text !== '"' && !w.auxiliaries.has(tokens[a - 1]!.norm)) a--;
      let b = v;
      while (b > a && w.auxiliaries.has(tokens[b - 1]!.norm)) b--;
      const parties = b > a ? resolveParties(r.article, r.s, a, b, r.lastGroup) : null;
      if (parties && !parties.coordinated) party = parties.parties[0]!;
    }
  }
  const cm: CountMatch = { count: { term: 'many' }, start, end: start + 1, numeric: false, value: null };
  r.push(cm, party, 'killed_or_wounded', start, end, end, 'after', {});
}

/** "denied any casualties", "aucune victime": a count of 0, of the claimant's side unless said. */
export function readDenial(r: FigureReader, i: number, end: number, outcome: Outcome): void {
  const { w } = r.article;
  const tokens = r.s.tokens;
  // "Aucune victime n'est à déplorer au sein de la population civile", "no casualties among civilians"
  for (let q = end; q < Math.min(tokens.length, end + 8); q++) {
    if (['.', ';'].includes(tokens[q]!.text)) break;
    const link = w.partyLinks.at(tokens, q);
    if (!link) continue;
    const npEnd = phraseEnd(r.article, r.s, link.end);
    const parties = npEnd > link.end ? resolveParties(r.article, r.s, link.end, npEnd, r.lastGroup) : null;
    if (parties && !parties.coordinated) {
      const cm: CountMatch = { count: { exact: 0 }, start: i, end, numeric: true, value: 0 };
      r.push(cm, parties.parties[0]!, outcome, i, npEnd, npEnd, 'after', {});
      return;
    }
  }
  let k = end;
  while (tokens[k] && (['among', 'in', 'within', 'on', 'parmi', 'dans', 'chez', 'its', 'ses', 'rangs', 'ranks', 'side', 'de', 'des', 'les', 'the'].includes(tokens[k]!.norm) || w.determiners.has(tokens, k))) k++;
  const npEnd = phraseEnd(r.article, r.s, k);
  const parties = npEnd > k ? resolveParties(r.article, r.s, k, npEnd, r.lastGroup) : null;
  // "aucune victime civile": an adjective after the noun.
  const adjective = resolveParties(r.article, r.s, end - 1, end + 1, r.lastGroup);
  // "l'escorte, composée de militaires et de VDP, n'a enregistré aucune perte": the subject's.
  let subject: Party | null = null;
  if (!parties) {
    let v = i - 1;
    while (v > 0 && (w.auxiliaries.has(tokens[v]!.norm) || ['enregistre', 'subi', 'suffered', 'sustained', 'recorded', 'deplore', 'had', 'reported'].includes(tokens[v]!.norm))) v--;
    let a = v;
    while (a > 0 && !['que', 'qu', 'that', ';', ':'].includes(tokens[a - 1]!.norm) && !(tokens[a - 1]!.text === ',' && a - 1 < v - 12)) a--;
    // Nothing before a denial that opens the sentence ("Aucune victime n'est à déplorer").
    const found = v >= 0 && v >= a ? resolveParties(r.article, r.s, a, v + 1, r.lastGroup) : null;
    if (found) subject = found.coordinated ? { name: 'unspecified', known: true } : found.parties[0]!;
  }
  const party: Party = parties && !parties.coordinated ? parties.parties[0]! : adjective && adjective.parties[0]?.name === 'civilians' ? adjective.parties[0]! : subject ?? { name: '', self: true, known: true };
  const cm: CountMatch = { count: { exact: 0 }, start: i, end, numeric: true, value: 0 };
  r.push(cm, party, outcome, i, Math.max(end, parties ? npEnd : end), npEnd, 'after', {});
}
