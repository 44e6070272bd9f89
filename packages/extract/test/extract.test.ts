import { ActorRegistry, Gazetteer, epochDay, validateClaim, type Count, type Outcome, type Source } from '@recon/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractClaims, MAX_FIGURES, type Extraction, type Language } from '../src/index.js';
import { LEXICONS } from '../src/lexicon/lexicons.js';
import { sentences, tokenize } from '../src/tokens.js';

// Blind tests of `extractClaims`, written from the coding rules (samples/extract/README.md) and the
// specification of the extractor, not from its implementation. Parties and claimants are compared
// by canonical actor id (through the registry), never by the words the extractor kept.

const registry = ActorRegistry.create();
const gazetteer = Gazetteer.create();
const deps = { registry, gazetteer, today: '2024-03-10' };

const PUBLISHED = '2024-03-05'; // a Tuesday
const at = { country: 'ML', day: epochDay(PUBLISHED) };

interface Row {
  claimant: string;
  via: string[];
  party: string;
  outcome: Outcome;
  count: Count;
}

interface Options {
  source?: Source;
}

/** Every text the tests ran, for the checks that hold of any extraction. */
const seen: { text: string; language: Language; options: Options }[] = [];

async function run(text: string, language: Language, options: Options = {}): Promise<Extraction> {
  seen.push({ text, language, options });
  return await extractClaims(
    { text, language, publishedAt: PUBLISHED, incident: { country: 'ML' }, ...(options.source ? { source: options.source } : {}) },
    deps,
  );
}

/** The canonical id of an actor as the extractor named it: anonymous sources are all one. */
const actorId = (ref: { name: string; kind: string }): string => (ref.kind === 'anonymous' ? 'anonymous' : registry.partyKey(ref.name, at));

/** Every figure of every draft, with its claimant and relays, as canonical ids. */
async function figuresOf(text: string, language: Language, options: Options = {}): Promise<Row[]> {
  const extraction = await run(text, language, options);
  return extraction.claims.flatMap(({ claim }) =>
    claim.figures.map((f) => ({
      claimant: actorId(claim.claimant),
      via: (claim.via ?? []).map(actorId),
      party: registry.partyKey(f.party, at),
      outcome: f.outcome,
      count: f.count,
    })),
  );
}

/** Only whose casualties, what happened to them and how many. */
async function partyFiguresOf(text: string, language: Language, options: Options = {}) {
  return (await figuresOf(text, language, options)).map(({ party, outcome, count }) => ({ party, outcome, count }));
}

/** The same figures, whatever their order. */
function same<T>(actual: T[], expected: T[]): void {
  const order = (xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  expect(order(actual)).toEqual(order(expected));
}

type Case = [label: string, language: Language, text: string, expected: { party: string; outcome: Outcome; count: Count }[]];

function cases(table: Case[]): void {
  for (const [label, language, text, expected] of table) {
    it(`${language}: ${label}`, async () => {
      same(await partyFiguresOf(text, language), expected);
    });
  }
}

const fig = (party: string, outcome: Outcome, count: Count) => ({ party, outcome, count });

/** What is wrong with drafts of `text`: a claim `POST /claims` would refuse, evidence that is not the text's own words or names no figure. */
function draftProblems(text: string, claims: Extraction['claims']): string[] {
  const problems: string[] = [];
  for (const draft of claims) {
    const v = validateClaim(draft.claim, registry.partyKey);
    if (!v.ok) problems.push(`${text}\n  invalid claim: ${JSON.stringify(v.errors)}`);
    for (const e of draft.evidence) {
      if (text.slice(e.start, e.end) !== e.text) problems.push(`${text}\n  evidence ${JSON.stringify(e)} ≠ ${JSON.stringify(text.slice(e.start, e.end))}`);
      if (e.figure < 0 || e.figure >= draft.claim.figures.length) problems.push(`${text}\n  evidence ${JSON.stringify(e)} names no figure`);
    }
  }
  return problems;
}

describe('numbers in digits and in words', () => {
  cases([
    ['"14"', 'en', 'The Malian army said 14 terrorists were killed near Gao.', [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"fourteen"', 'en', 'The Malian army said fourteen terrorists were killed near Gao.', [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"a dozen"', 'en', 'The Malian army said a dozen terrorists were killed near Gao.', [fig('unidentified-militants', 'killed', { exact: 12 })]],
    ['"1,200"', 'en', 'Human Rights Watch said 1,200 civilians had been killed in central Mali since January.', [fig('civilians', 'killed', { exact: 1200 })]],
    ['"twenty-one"', 'en', 'The Malian army said twenty-one terrorists were killed near Gao.', [fig('unidentified-militants', 'killed', { exact: 21 })]],
    ['"14"', 'fr', "L'armée malienne a annoncé que 14 terroristes avaient été tués près de Gao.", [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"quatorze"', 'fr', "L'armée malienne a annoncé que quatorze terroristes avaient été tués près de Gao.", [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"une quarantaine"', 'fr', "Selon l'armée malienne, une quarantaine de terroristes ont été tués près de Gao.", [fig('unidentified-militants', 'killed', { approx: 40 })]],
    ['"1 200"', 'fr', 'Selon Human Rights Watch, 1 200 civils ont été tués dans le centre du Mali depuis janvier.', [fig('civilians', 'killed', { exact: 1200 })]],
    ['"1\u202f200" (narrow no-break space)', 'fr', 'Selon Human Rights Watch, 1\u202f200 civils ont été tués dans le centre du Mali depuis janvier.', [fig('civilians', 'killed', { exact: 1200 })]],
    ['"vingt-et-un"', 'fr', "L'armée malienne a annoncé que vingt-et-un terroristes avaient été tués près de Gao.", [fig('unidentified-militants', 'killed', { exact: 21 })]],
    ['"soixante-dix"', 'fr', "L'armée malienne a annoncé que soixante-dix terroristes avaient été tués près de Gao.", [fig('unidentified-militants', 'killed', { exact: 70 })]],
    ['"quatre-vingt-dix"', 'fr', "L'armée malienne a annoncé que quatre-vingt-dix terroristes avaient été tués près de Gao.", [fig('unidentified-militants', 'killed', { exact: 90 })]],
  ]);
});

describe('every count form', () => {
  cases([
    ['"at least 14" → min 14', 'en', 'At least 14 Malian soldiers were killed, the Malian army said.', [fig('fama', 'killed', { min: 14 })]],
    ['"more than 90" → min 91', 'en', 'More than 90 terrorists were killed, the Malian army said.', [fig('unidentified-militants', 'killed', { min: 91 })]],
    ['"up to 30" → max 30', 'en', 'Up to 30 civilians were killed in the attack, the United Nations said.', [fig('civilians', 'killed', { max: 30 })]],
    ['"between 10 and 30" → min 10, max 30', 'en', 'Between 10 and 30 civilians were killed, according to the United Nations.', [fig('civilians', 'killed', { min: 10, max: 30 })]],
    ['"about 50" → approx', 'en', 'About 50 civilians were killed, according to Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"some 50" → approx', 'en', 'Some 50 civilians were killed, according to Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"around 50" → approx', 'en', 'Around 50 civilians were killed, according to Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"an estimated 50" → approx', 'en', 'An estimated 50 civilians were killed, according to Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"several"', 'en', 'Several Malian soldiers were wounded, the Malian army said.', [fig('fama', 'wounded', { term: 'several' })]],
    ['"dozens"', 'en', 'Dozens of civilians were killed, according to the United Nations.', [fig('civilians', 'killed', { term: 'dozens' })]],
    ['"scores"', 'en', 'Scores of civilians were killed, according to the United Nations.', [fig('civilians', 'killed', { term: 'scores' })]],
    ['"hundreds"', 'en', 'Hundreds of civilians have been killed since January, Human Rights Watch said.', [fig('civilians', 'killed', { term: 'hundreds' })]],
    ['"heavy losses" → many, killed_or_wounded', 'en', 'JNIM said it had inflicted heavy losses on the Malian army.', [fig('fama', 'killed_or_wounded', { term: 'many' })]],
    ['"an unknown number" → unknown', 'en', 'An unknown number of terrorists were killed, the Malian army said.', [fig('unidentified-militants', 'killed', { term: 'unknown' })]],
    ['"denied any casualties" → exact 0', 'en', 'The Malian army denied any casualties among its soldiers.', [fig('fama', 'killed_or_wounded', { exact: 0 })]],
    ['"au moins 14" → min 14', 'fr', "Au moins 14 soldats maliens ont été tués, selon l'armée malienne.", [fig('fama', 'killed', { min: 14 })]],
    ['"plus de 90" → min 91', 'fr', "Plus de 90 terroristes ont été tués, selon l'armée malienne.", [fig('unidentified-militants', 'killed', { min: 91 })]],
    ['"jusqu\'à 30" → max 30', 'fr', "Jusqu'à 30 civils ont été tués dans l'attaque, selon les Nations unies.", [fig('civilians', 'killed', { max: 30 })]],
    ['"entre 10 et 30" → min 10, max 30', 'fr', 'Entre 10 et 30 civils ont été tués, selon les Nations unies.', [fig('civilians', 'killed', { min: 10, max: 30 })]],
    ['"près de 50" → approx', 'fr', 'Près de 50 civils ont été tués, selon Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"environ 50" → approx', 'fr', 'Environ 50 civils ont été tués, selon Human Rights Watch.', [fig('civilians', 'killed', { approx: 50 })]],
    ['"plusieurs"', 'fr', "Plusieurs soldats maliens ont été blessés, selon l'armée malienne.", [fig('fama', 'wounded', { term: 'several' })]],
    ['"des dizaines"', 'fr', 'Des dizaines de civils ont été tués, selon les Nations unies.', [fig('civilians', 'killed', { term: 'dozens' })]],
    ['"des centaines"', 'fr', 'Des centaines de civils ont été tués depuis janvier, selon Human Rights Watch.', [fig('civilians', 'killed', { term: 'hundreds' })]],
    ['"de lourdes pertes" → many, killed_or_wounded', 'fr', "Le JNIM a affirmé avoir infligé de lourdes pertes à l'armée malienne.", [fig('fama', 'killed_or_wounded', { term: 'many' })]],
    ['"un nombre indéterminé" → unknown', 'fr', "Un nombre indéterminé de terroristes ont été tués, selon l'armée malienne.", [fig('unidentified-militants', 'killed', { term: 'unknown' })]],
    ['"a démenti toute perte" → exact 0', 'fr', "L'armée malienne a démenti toute perte dans ses rangs.", [fig('fama', 'killed_or_wounded', { exact: 0 })]],
  ]);
});

describe('outcomes', () => {
  cases([
    ['killed', 'en', 'The Malian army said five terrorists were killed.', [fig('unidentified-militants', 'killed', { exact: 5 })]],
    ['dead', 'en', 'The attack left five civilians dead, the United Nations said.', [fig('civilians', 'killed', { exact: 5 })]],
    ['died', 'en', 'Five Malian soldiers died in the attack, the Malian army said.', [fig('fama', 'killed', { exact: 5 })]],
    ['murdered', 'en', 'Human Rights Watch said five civilians were murdered in the village.', [fig('civilians', 'killed', { exact: 5 })]],
    ['wounded', 'en', 'Five Malian soldiers were wounded, the Malian army said.', [fig('fama', 'wounded', { exact: 5 })]],
    ['injured', 'en', 'Five civilians were injured in the attack, the United Nations said.', [fig('civilians', 'wounded', { exact: 5 })]],
    ['captured', 'en', 'JNIM said it had captured five Malian soldiers.', [fig('fama', 'captured', { exact: 5 })]],
    ['taken prisoner', 'en', 'Five Malian soldiers were taken prisoner, JNIM said.', [fig('fama', 'captured', { exact: 5 })]],
    ['missing', 'en', 'Five Malian soldiers are missing after the attack, the Malian army said.', [fig('fama', 'missing', { exact: 5 })]],
    ['neutralised → killed_or_captured', 'en', 'The Malian army said it had neutralised five terrorists.', [fig('unidentified-militants', 'killed_or_captured', { exact: 5 })]],
    ['killed or wounded → killed_or_wounded', 'en', 'Five Malian soldiers were killed or wounded, the Malian army said.', [fig('fama', 'killed_or_wounded', { exact: 5 })]],
    ['tués', 'fr', "Cinq soldats maliens ont été tués, selon l'armée malienne.", [fig('fama', 'killed', { exact: 5 })]],
    ['morts', 'fr', "Cinq civils sont morts dans l'attaque, selon les Nations unies.", [fig('civilians', 'killed', { exact: 5 })]],
    ['blessés', 'fr', "Cinq soldats maliens ont été blessés, selon l'armée malienne.", [fig('fama', 'wounded', { exact: 5 })]],
    ['capturés', 'fr', 'Cinq soldats maliens ont été capturés, selon le JNIM.', [fig('fama', 'captured', { exact: 5 })]],
    ['faits prisonniers', 'fr', 'Cinq soldats maliens ont été faits prisonniers, a affirmé le JNIM.', [fig('fama', 'captured', { exact: 5 })]],
    ['enlevés', 'fr', 'Cinq civils ont été enlevés par des hommes armés, selon les Nations unies.', [fig('civilians', 'captured', { exact: 5 })]],
    ['portés disparus', 'fr', "Cinq soldats maliens sont portés disparus après l'attaque, selon l'armée malienne.", [fig('fama', 'missing', { exact: 5 })]],
    ['neutralisés → killed_or_captured', 'fr', "Cinq terroristes ont été neutralisés, selon l'armée malienne.", [fig('unidentified-militants', 'killed_or_captured', { exact: 5 })]],
  ]);
});

describe('attribution: claimant and relays', () => {
  type AttributionCase = [label: string, language: Language, text: string, expected: Row[], options?: Options];
  const row = (claimant: string, via: string[], party: string, outcome: Outcome, count: Count): Row => ({ claimant, via, party, outcome, count });
  const table: AttributionCase[] = [
    ['"X said"', 'en', 'The Malian army said 14 terrorists were killed near Gao.', [row('fama', [], 'unidentified-militants', 'killed', { exact: 14 })]],
    ['"according to X"', 'en', 'Fourteen civilians were killed near Gao, according to Human Rights Watch.', [row('human-rights-watch', [], 'civilians', 'killed', { exact: 14 })]],
    [
      '"X claimed responsibility"',
      'en',
      'JNIM claimed responsibility for the attack, saying it had killed 14 Malian soldiers.',
      [row('jnim', [], 'fama', 'killed', { exact: 14 })],
    ],
    ['"X told AFP" → via AFP', 'en', 'The Malian army told AFP that 14 terrorists had been killed.', [row('fama', ['afp'], 'unidentified-militants', 'killed', { exact: 14 })]],
    [
      '"in a statement cited by SITE" → via SITE',
      'en',
      'In a statement cited by SITE, JNIM said it had killed 14 Malian soldiers.',
      [row('jnim', ['site-intelligence-group'], 'fama', 'killed', { exact: 14 })],
    ],
    [
      'relay chain: "authenticated by SITE and seen by AFP" → via [SITE, AFP]',
      'en',
      'JNIM said it had killed 14 Malian soldiers, in a statement authenticated by SITE and seen by AFP.',
      [row('jnim', ['site-intelligence-group', 'afp'], 'fama', 'killed', { exact: 14 })],
    ],
    [
      'reported speech across sentences: "It added that …"',
      'en',
      'The Malian army said 14 terrorists were killed in the attack. It added that three Malian soldiers were wounded.',
      [row('fama', [], 'unidentified-militants', 'killed', { exact: 14 }), row('fama', [], 'fama', 'wounded', { exact: 3 })],
    ],
    [
      'no attribution → the publisher',
      'en',
      'Fourteen civilians were killed in an attack on a village near Gao.',
      [row('rfi', [], 'civilians', 'killed', { exact: 14 })],
      { source: { publisher: 'RFI' } },
    ],
    ['"selon X"', 'fr', 'Quatorze civils ont été tués près de Gao, selon Human Rights Watch.', [row('human-rights-watch', [], 'civilians', 'killed', { exact: 14 })]],
    ['"a affirmé X"', 'fr', "Quatorze terroristes ont été tués près de Gao, a affirmé l'armée malienne.", [row('fama', [], 'unidentified-militants', 'killed', { exact: 14 })]],
    ['"X a revendiqué"', 'fr', 'Le JNIM a revendiqué la mort de quatorze soldats maliens.', [row('jnim', [], 'fama', 'killed', { exact: 14 })]],
    [
      '"X a déclaré à l\'AFP" → via AFP',
      'fr',
      "L'armée malienne a déclaré à l'AFP que quatorze terroristes avaient été tués.",
      [row('fama', ['afp'], 'unidentified-militants', 'killed', { exact: 14 })],
    ],
    [
      '"dans un communiqué cité par SITE" → via SITE',
      'fr',
      'Dans un communiqué cité par SITE, le JNIM a affirmé avoir tué quatorze soldats maliens.',
      [row('jnim', ['site-intelligence-group'], 'fama', 'killed', { exact: 14 })],
    ],
    [
      'relay chain: "authentifié par SITE et consulté par l\'AFP" → via [SITE, AFP]',
      'fr',
      "Le JNIM a affirmé avoir tué quatorze soldats maliens, dans un communiqué authentifié par SITE et consulté par l'AFP.",
      [row('jnim', ['site-intelligence-group', 'afp'], 'fama', 'killed', { exact: 14 })],
    ],
    [
      'reported speech across sentences: "Elle a ajouté …"',
      'fr',
      "L'armée malienne a indiqué que quatorze terroristes avaient été tués dans l'attaque. Elle a ajouté que trois soldats maliens avaient été blessés.",
      [row('fama', [], 'unidentified-militants', 'killed', { exact: 14 }), row('fama', [], 'fama', 'wounded', { exact: 3 })],
    ],
    [
      'no attribution → the publisher',
      'fr',
      'Quatorze civils ont été tués dans une attaque contre un village près de Gao.',
      [row('rfi', [], 'civilians', 'killed', { exact: 14 })],
      { source: { publisher: 'RFI' } },
    ],
  ];
  for (const [label, language, text, expected, options] of table) {
    it(`${language}: ${label}`, async () => {
      same(await figuresOf(text, language, options), expected);
    });
  }
});

describe('parties as written, canonicalised through the registry', () => {
  cases([
    ['"Malian soldiers" → fama', 'en', 'JNIM said it had killed 14 Malian soldiers.', [fig('fama', 'killed', { exact: 14 })]],
    ['"terrorists" → unidentified-militants', 'en', 'The Malian army said 14 terrorists were killed.', [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"Wagner mercenaries" → wagner-group', 'en', 'JNIM said it had killed 14 Wagner mercenaries.', [fig('wagner-group', 'killed', { exact: 14 })]],
    ['"civilians" → civilians', 'en', 'Human Rights Watch said 14 civilians were killed.', [fig('civilians', 'killed', { exact: 14 })]],
    ['"assailants" → unidentified-militants', 'en', 'The Malian army said 14 assailants were killed.', [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"soldats maliens" → fama', 'fr', 'Le JNIM a affirmé avoir tué 14 soldats maliens.', [fig('fama', 'killed', { exact: 14 })]],
    ['"terroristes" → unidentified-militants', 'fr', "L'armée malienne a annoncé que 14 terroristes avaient été tués.", [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['"mercenaires de Wagner" → wagner-group', 'fr', 'Le JNIM a affirmé avoir tué 14 mercenaires de Wagner.', [fig('wagner-group', 'killed', { exact: 14 })]],
    ['"civils" → civilians', 'fr', 'Selon Human Rights Watch, 14 civils ont été tués.', [fig('civilians', 'killed', { exact: 14 })]],
    ['"assaillants" → unidentified-militants', 'fr', "Quatorze assaillants ont été tués, selon l'armée malienne.", [fig('unidentified-militants', 'killed', { exact: 14 })]],
  ]);

  const kinds: [label: string, language: Language, text: string, claimant: string | null, kind: string][] = [
    ['JNIM → armed_group', 'en', 'JNIM said it had killed 14 Malian soldiers.', 'jnim', 'armed_group'],
    ['"the army" → state_forces', 'en', 'The army said 14 terrorists were killed near Gao.', null, 'state_forces'],
    ['le JNIM → armed_group', 'fr', 'Le JNIM a affirmé avoir tué 14 soldats maliens.', 'jnim', 'armed_group'],
    ['"l\'armée" → state_forces', 'fr', "L'armée a indiqué que 14 terroristes avaient été tués près de Gao.", null, 'state_forces'],
  ];
  for (const [label, language, text, claimant, kind] of kinds) {
    it(`${language}: claimant kind, ${label}`, async () => {
      const { claims } = await run(text, language);
      expect(claims.map((d) => d.claim.claimant.kind)).toEqual([kind]);
      if (claimant) expect(claims.map((d) => actorId(d.claim.claimant))).toEqual([claimant]);
    });
  }
});

describe('revisions: an earlier toll and a new one are two figures, in two claims', () => {
  const table: [Language, string][] = [
    ['en', 'The Malian army reported an earlier toll of 4 civilians killed in the attack. On Monday, it said the toll rose to 8 civilians killed.'],
    ['fr', "Un premier bilan de l'armée malienne faisait état de 4 morts parmi les civils. Lundi, l'armée malienne a indiqué que le bilan s'est alourdi à 8 morts parmi les civils."],
  ];
  for (const [language, text] of table) {
    it(`${language}: ${text.slice(0, 60)}…`, async () => {
      const { claims } = await run(text, language);
      const figures = claims.flatMap((d, claim) => d.claim.figures.map((f) => ({ claim, party: registry.partyKey(f.party, at), outcome: f.outcome, count: f.count })));
      same(
        figures.map(({ outcome, count }) => ({ outcome, count })),
        [
          { outcome: 'killed' as Outcome, count: { exact: 4 } as Count },
          { outcome: 'killed' as Outcome, count: { exact: 8 } as Count },
        ],
      );
      expect(new Set(figures.map((f) => f.claim)).size).toBe(2);
      expect(figures.map((f) => f.party)).toEqual(['civilians', 'civilians']);
    });
  }
});

describe('numbers that are not casualties are not figures', () => {
  cases([
    ['vehicles', 'en', 'The Malian army said 14 terrorists were killed and six vehicles were destroyed.', [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['distances', 'en', 'Fourteen civilians were killed in a village 40 km from Gao, the United Nations said.', [fig('civilians', 'killed', { exact: 14 })]],
    ['ages', 'en', 'Three civilians were killed, the United Nations said. The village chief, aged 35, escaped unharmed.', [fig('civilians', 'killed', { exact: 3 })]],
    ['years', 'en', 'Fourteen civilians were killed, Human Rights Watch said, the deadliest attack in the region since 2012.', [fig('civilians', 'killed', { exact: 14 })]],
    [
      'troop deployments',
      'en',
      'The Malian army said 14 terrorists were killed. Some 1,000 French soldiers have been deployed in the region.',
      [fig('unidentified-militants', 'killed', { exact: 14 })],
    ],
    [
      'money',
      'en',
      'Fourteen civilians were killed, the United Nations said. The government pledged $2 million to rebuild the village.',
      [fig('civilians', 'killed', { exact: 14 })],
    ],
    ['véhicules', 'fr', "L'armée malienne a annoncé que 14 terroristes avaient été tués et six véhicules détruits.", [fig('unidentified-militants', 'killed', { exact: 14 })]],
    ['distances', 'fr', 'Quatorze civils ont été tués dans un village situé à 40 km de Gao, selon les Nations unies.', [fig('civilians', 'killed', { exact: 14 })]],
    ['âges', 'fr', 'Trois civils ont été tués, selon les Nations unies. Le chef du village, âgé de 35 ans, a survécu.', [fig('civilians', 'killed', { exact: 3 })]],
    ['années', 'fr', "Quatorze civils ont été tués, selon Human Rights Watch, l'attaque la plus meurtrière dans la région depuis 2012.", [fig('civilians', 'killed', { exact: 14 })]],
    [
      'déploiements',
      'fr',
      "L'armée malienne a annoncé que 14 terroristes avaient été tués. Environ 1 000 soldats français ont été déployés dans la région.",
      [fig('unidentified-militants', 'killed', { exact: 14 })],
    ],
    [
      'argent',
      'fr',
      'Quatorze civils ont été tués, selon les Nations unies. Le gouvernement a promis 500 millions de francs CFA pour reconstruire le village.',
      [fig('civilians', 'killed', { exact: 14 })],
    ],
    [
      'motos ("une trentaine de motos")',
      'fr',
      "L'armée malienne a annoncé que 14 terroristes avaient été tués et qu'une trentaine de motos avaient été saisies.",
      [fig('unidentified-militants', 'killed', { exact: 14 })],
    ],
  ]);
});

describe('statedAt: the day the text names, else the day of publication', () => {
  const table: [label: string, language: Language, text: string, statedAt: string][] = [
    ['"said on Sunday" → the Sunday before', 'en', 'The Malian army said on Sunday that 14 terrorists were killed near Gao.', '2024-03-03'],
    ['no day named → publishedAt', 'en', 'The Malian army said 14 terrorists were killed near Gao.', PUBLISHED],
    ['"a indiqué dimanche" → the Sunday before', 'fr', "L'armée malienne a indiqué dimanche que quatorze terroristes avaient été tués près de Gao.", '2024-03-03'],
    ['no day named → publishedAt', 'fr', "L'armée malienne a indiqué que quatorze terroristes avaient été tués près de Gao.", PUBLISHED],
  ];
  for (const [label, language, text, statedAt] of table) {
    it(`${language}: ${label}`, async () => {
      const { claims } = await run(text, language);
      expect(claims.length).toBeGreaterThan(0);
      expect(claims.map((d) => d.claim.statedAt.slice(0, 10))).toEqual(claims.map(() => statedAt));
    });
  }
});

describe('every draft is a valid claim, its evidence the very words of the text', () => {
  // Runs last: every text the tests above gave the extractor (or a few of its own when run alone).
  const fallback: [string, Language][] = [
    ['JNIM said it had killed 14 Malian soldiers, in a statement authenticated by SITE and seen by AFP.', 'en'],
    ["L'armée malienne a indiqué dimanche que quatorze terroristes avaient été tués près de Gao. Elle a ajouté que trois soldats maliens avaient été blessés.", 'fr'],
  ];

  it('passes validateClaim and text.slice(start, end) === evidence.text, for every text of this file', async () => {
    const texts = seen.length > 0 ? [...seen] : fallback.map(([text, language]) => ({ text, language, options: {} as Options }));
    const problems: string[] = [];
    for (const { text, language, options } of texts) {
      const { claims } = await extractClaims(
        { text, language, publishedAt: PUBLISHED, incident: { country: 'ML' }, ...(options.source ? { source: options.source } : {}) },
        deps,
      );
      problems.push(...draftProblems(text, claims));
    }
    expect(problems).toEqual([]);
  });
});

describe('the incident: what was given, its gaps filled from the text', () => {
  it('takes the place through the gazetteer and the day from "on Sunday"', () => {
    const { incident } = extractClaims(
      { text: 'The Malian army said 12 soldiers were killed on Sunday near Gao.', language: 'en', publishedAt: PUBLISHED },
      deps,
    );
    expect(incident).toEqual({ country: 'ML', location: 'Gao', startDate: '2024-03-03' });
  });

  it('keeps what the analyst gave over what the text says', () => {
    const { incident } = extractClaims(
      { text: "L'armée a annoncé que 12 soldats ont été tués dimanche près de Gao.", language: 'fr', publishedAt: PUBLISHED, incident: { country: 'ML', key: 'ml-x', location: 'Ansongo', startDate: '2024-03-01' } },
      deps,
    );
    expect(incident).toEqual({ country: 'ML', key: 'ml-x', location: 'Ansongo', startDate: '2024-03-01' });
  });

  it('finds the country when none is given, and detects the language', () => {
    const extraction = extractClaims({ text: "Selon l'armée burkinabè, 20 soldats ont été tués à Djibo, dans le nord du Burkina Faso.", publishedAt: PUBLISHED }, deps);
    expect(extraction.language).toBe('fr');
    expect(extraction.incident.country).toBe('BF');
  });
});

describe('any text', () => {
  it('gives valid drafts whose evidence is the text itself, and never throws', () => {
    const words = ['killed', 'at least', '12', 'soldiers', 'said', 'the army', ',', '.', 'civilians', 'tués', 'selon', 'wounded', 'some', 'dozens of', '"', 'according to', 'JNIM', 'on Sunday', 'and', '1,200', 'neutralisés', 'plus de'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.constantFrom<Language>('en', 'fr'), (parts, language) => {
        const text = parts.join(' ');
        expect(draftProblems(text, extractClaims({ text, language, publishedAt: PUBLISHED, source: { publisher: 'AFP' } }, deps).claims)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('more ways of saying it', () => {
  const one = async (text: string, language: Language) => (await figuresOf(text, language)).map(({ claimant, party, outcome, count }) => ({ claimant, party, outcome, count }));

  it('reads "massacrés", "gunned down", "a coûté la vie à", "claimed the lives of"', async () => {
    expect(await one("Selon l'armée, 30 civils ont été massacrés à Ogossagou.", 'fr')).toEqual([{ claimant: 'fama', party: 'civilians', outcome: 'killed', count: { exact: 30 } }]);
    expect(await one('Gunmen gunned down 12 villagers in Bankass, the army said.', 'en')).toEqual([{ claimant: 'fama', party: 'civilians', outcome: 'killed', count: { exact: 12 } }]);
    expect(await one("L'attaque a coûté la vie à 12 soldats, a indiqué l'armée.", 'fr')).toEqual([{ claimant: 'fama', party: 'fama', outcome: 'killed', count: { exact: 12 } }]);
    expect(await one('The attack claimed the lives of 12 soldiers, the army said.', 'en')).toEqual([{ claimant: 'fama', party: 'fama', outcome: 'killed', count: { exact: 12 } }]);
  });

  it('takes "auprès de" as whom the figure was learnt from, and a government\'s own dead as its army\'s', async () => {
    expect(await one("Dix soldats ont été tués, a appris l'AFP auprès d'une source sécuritaire.", 'fr')).toEqual([{ claimant: 'anonymous', party: 'fama', outcome: 'killed', count: { exact: 10 } }]);
    expect(await one('"We lost eight of our soldiers," the Malian government said.', 'en')).toEqual([{ claimant: 'government-of-mali', party: 'fama', outcome: 'killed', count: { exact: 8 } }]);
  });

  it('gives a count whose people the text does not name the people of the figure before, and says so', () => {
    const { claims } = extractClaims(
      { text: 'The army said 20 soldiers were killed on Monday. On Wednesday the army said the toll had risen to 22 dead.', language: 'en', publishedAt: PUBLISHED, incident: { country: 'ML' } },
      deps,
    );
    const figures = claims.flatMap((d) => d.claim.figures.map((f) => ({ party: registry.partyKey(f.party, at), count: f.count, warnings: d.warnings })));
    expect(figures.map(({ party, count }) => ({ party, count }))).toEqual([{ party: 'fama', count: { exact: 20 } }, { party: 'fama', count: { exact: 22 } }]);
    expect(figures[1]!.warnings.some((w) => w.includes('does not say whose'))).toBe(true);
  });
});

describe('review: odd input and long texts', () => {
  it('reads a decimal before "million" as the whole number ("2.5 million", "1,5 million")', async () => {
    expect((await partyFiguresOf('The UN said 2.5 million civilians were displaced and 1.5 million civilians were killed.', 'en')).map((f) => f.count)).toEqual([{ exact: 1_500_000 }]);
  });

  it('does not take a dateline\'s city for the incident\'s place', () => {
    const { incident } = extractClaims(
      { text: 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.', language: 'en', publishedAt: PUBLISHED },
      deps,
    );
    expect(incident.location).toBe('Boulkessi');
  });

  it('reads a denial that opens the sentence (it threw: POST /extract answered 500)', async () => {
    expect(await partyFiguresOf("Aucune victime n'est à déplorer, selon l'armée.", 'fr')).toEqual([{ party: 'fama', outcome: 'killed_or_wounded', count: { exact: 0 } }]);
    expect(() => extractClaims({ text: 'No casualties.', language: 'en' }, deps)).not.toThrow();
  });

  it('does not throw on a source URL it cannot parse (the API validates it; a library caller may not)', () => {
    expect(() => extractClaims({ text: 'The army said 12 soldiers were killed.', language: 'en', source: { url: 'not a url' } }, deps)).not.toThrow();
  });

  // Each of these took from 10 seconds to hours at 100,000 characters (quadratic or cubic in a sentence's
  // length): no sentence may be longer than 200 words, whatever the text. (How fast is the bench's to say.)
  it.each([
    ['a say-verb every few words, no stop', 'the army said '],
    ['one long sentence of stops before lower case', 'said. '],
    ['figures joined by "and"', (i: number) => `${i} soldiers were killed and `],
  ] as const)('cuts 100,000 characters of %s into sentences of at most 200 words, and reads them', (_label, unit) => {
    let text = '';
    for (let i = 1; text.length < 100_000; i++) text += typeof unit === 'string' ? unit : unit(i);
    text = text.slice(0, 100_000);
    const longest = Math.max(...sentences(text, tokenize(text, 'en')).map((x) => x.tokens.length));
    expect(longest).toBeLessThanOrEqual(200);
    for (const d of extractClaims({ text, language: 'en', publishedAt: PUBLISHED }, deps).claims) expect(validateClaim(d.claim, registry.partyKey).ok).toBe(true);
  });
});

describe('a text of very many figures', () => {
  it('drafts the first MAX_FIGURES and says so', () => {
    const text = Array.from({ length: 700 }, (_, i) => `The army said ${i + 1} soldiers were killed in Gao.`).join(' ');
    const extraction = extractClaims({ text, language: 'en', publishedAt: PUBLISHED, incident: { country: 'ML' } }, deps);
    expect(extraction.claims.flatMap((d) => d.claim.figures)).toHaveLength(MAX_FIGURES);
    expect(extraction.warnings.some((w) => w.includes(`more than ${MAX_FIGURES} figures`))).toBe(true);
  });
});

describe('any text made of the lexicons\' own phrases', () => {
  it('gives valid drafts whose evidence is the text itself, and never throws', () => {
    for (const language of ['en', 'fr'] as const) {
      const lx = LEXICONS[language];
      const phrases = [
        ...lx.denials.map(([p]) => p), ...lx.passive.map(([p]) => p), ...lx.active.map(([p]) => p), ...lx.nouns.map(([p]) => p),
        ...lx.bounds.map(([p]) => p), ...lx.terms.map(([p]) => p), ...lx.sayVerbs, ...lx.accordingTo, ...lx.relays, ...lx.carriers,
        ...lx.heads.map(([p]) => p), ...lx.eventNouns.map(([p]) => p), ...lx.sideLabels.map(([p]) => p), ...lx.subset, ...lx.weekdays,
        '12', '1,200', 'JNIM', 'AFP', 'Gao', ',', '.', '"', '«', '»', '(', ')', '—', 'Ali Zeid', 'the army', "l'armée",
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...phrases), { maxLength: 30 }), (parts) => {
          const text = parts.join(' ');
          expect(draftProblems(text, extractClaims({ text, language, publishedAt: PUBLISHED, source: { publisher: 'AFP' } }, deps).claims)).toEqual([]);
        }),
        { numRuns: 500 },
      );
    }
  });
});

describe('ranges and years, however they are written', () => {
  it('reads "between 30 and 10" as the range, "hundreds of thousands" as thousands, and an old year as a year', async () => {
    expect(await partyFiguresOf('The army said between 30 and 10 soldiers were killed.', 'en')).toEqual([{ party: 'fama', outcome: 'killed', count: { min: 10, max: 30 } }]);
    expect(await partyFiguresOf('Hundreds of thousands of civilians were killed, the UN said.', 'en')).toEqual([{ party: 'civilians', outcome: 'killed', count: { term: 'thousands' } }]);
    expect(await partyFiguresOf('In 1850, the army said, 12 soldiers were killed.', 'en')).toEqual([{ party: 'fama', outcome: 'killed', count: { exact: 12 } }]);
  });
});

describe('whose, when the count does not say it beside itself', () => {
  cases([
    ['an apposition between the people and the verb', 'fr', "Le JNIM affirme que plusieurs VDP, les supplétifs civils de l'armée, ont été faits prisonniers.", [fig('vdp', 'captured', { term: 'several' })]],
    ['an apposition, in English', 'en', 'The army said five soldiers, members of an elite unit, were killed.', [fig('fama', 'killed', { exact: 5 })]],
    ['an apposition that joins parties', 'fr', 'Au moins 47 personnes, civils et militaires confondus, ont été tuées samedi, selon des sources locales.', [fig('unspecified', 'killed', { min: 47 })]],
    ['several parties after the count: unspecified', 'fr', 'Selon des ONG, les violences ont fait plus de 10 000 morts, civils et militaires.', [fig('unspecified', 'killed', { min: 10001 })]],
    ['several parties after the count, in English', 'en', 'The war has left more than 10,000 dead, civilians and soldiers alike, according to ACLED.', [fig('unspecified', 'killed', { min: 10001 })]],
    ['the wounded who died are dead', 'fr', "Selon un agent de santé, trois blessés, évacués vers le centre de santé de Ténenkou, y sont décédés.", [fig('unspecified', 'killed', { exact: 3 })]],
    ['the wounded who died are dead, in English', 'en', 'Three wounded, taken to the hospital in Gao, later died, a nurse said.', [fig('unspecified', 'killed', { exact: 3 })]],
    ['the wounded said to be killed are still wounded (another figure)', 'en', 'The army said 12 wounded were evacuated and four soldiers were killed.', [fig('unspecified', 'wounded', { exact: 12 }), fig('fama', 'killed', { exact: 4 })]],
    [
      'the rest of a list takes the people of the figure before it in the list',
      'en',
      'The army said 11 soldiers had been killed and 14 wounded. On Thursday it raised the toll to 19 dead, 26 wounded and five missing.',
      [fig('fama', 'killed', { exact: 11 }), fig('fama', 'wounded', { exact: 14 }), fig('fama', 'killed', { exact: 19 }), fig('fama', 'wounded', { exact: 26 }), fig('fama', 'missing', { exact: 5 })],
    ],
    [
      'a first toll takes the people of the same claimant’s next one',
      'fr',
      'Un premier bilan, communiqué dimanche par un élu, faisait état de 4 morts. Ce lundi, le bilan s’est alourdi à 8 morts, tous des civils, selon la même source.',
      [fig('civilians', 'killed', { exact: 4 }), fig('civilians', 'killed', { exact: 8 })],
    ],
  ]);
});

describe('communiqués: who speaks, and whose are "Côté ami" and "Côté ennemi"', () => {
  it('takes a quotation\'s speaker from the sentences that introduce it, past a heading and an acronym', async () => {
    const text = [
      "L'état-major général des armées (EMGA) a rendu public, mardi, un communiqué. Nous vous le proposons dans son intégralité.",
      'COMMUNIQUÉ N°087/EMGA-DIRPA',
      '« Le lundi 14 juillet, une unité a été prise à partie par des groupes armés terroristes.',
      'Bilan provisoire :\n– Côté ami : trois (03) morts et sept (07) blessés.\n– Côté ennemi : une trentaine de terroristes neutralisés ; des dizaines de blessés emportés par leurs complices. »',
    ].join('\n\n');
    same(await figuresOf(text, 'fr'), [
      { claimant: 'fama', via: [], party: 'fama', outcome: 'killed', count: { exact: 3 } },
      { claimant: 'fama', via: [], party: 'fama', outcome: 'wounded', count: { exact: 7 } },
      { claimant: 'fama', via: [], party: 'unidentified-militants', outcome: 'killed_or_captured', count: { approx: 30 } },
      { claimant: 'fama', via: [], party: 'unidentified-militants', outcome: 'wounded', count: { term: 'dozens' } },
    ]);
  });

  it('gives a communiqué printed under its heading to its maker, not the article\'s title nor a "COMMUNIQUÉ DE PRESSE"', async () => {
    const text = [
      "Ouallam attack: the government's communiqué and the Islamic State's reply",
      'The ministry issued the following communiqué on Thursday. We publish it in full.',
      'COMMUNIQUÉ OF THE MINISTRY OF NATIONAL DEFENCE',
      'On Tuesday, a unit of the Defence and Security Forces was attacked by terrorists.',
      'Twelve (12) soldiers were killed and seven (07) wounded.',
    ].join('\n\n');
    const claims = (await run(text, 'en', { source: { publisher: 'Niamey Tribune' } })).claims;
    expect(claims.map((d) => d.claim.claimant.kind)).toEqual(['government']);
    const press = ['COMMUNIQUÉ DE PRESSE', 'Un convoi a été attaqué jeudi. Trois Casques bleus ont été tués.'].join('\n\n');
    expect((await run(`Attaque près de Tessalit\n\n${press}`, 'fr', { source: { publisher: 'MINUSMA' } })).claims.map((d) => d.claim.claimant.name)).toEqual(['MINUSMA']);
  });

  it('makes an armed group\'s enemy the army', async () => {
    expect(await partyFiguresOf('Le JNIM a publié un communiqué. « Côté ennemi : 20 morts. »', 'fr')).toEqual([{ party: 'fama', outcome: 'killed', count: { exact: 20 } }]);
  });
});

describe('interviews: a paragraph opened by its speaker\'s label', () => {
  it('gives each answer to its speaker, named in full, by initials or by rank, and the questions to no one', async () => {
    const text = [
      "Nous avons interrogé Moussa Ag Elkhalil, porte-parole du FLA, puis le lieutenant-colonel Mamadou Konaté.",
      'RFI : Quel est votre bilan ?',
      'M. A. E. : Nous avons perdu trois hommes, et nous avons tué au moins dix-neuf militaires maliens.',
      'RFI : Et de votre côté ?',
      'Lieutenant-colonel Mamadou Konaté : Nous déplorons deux morts.',
      'M. K. : Deux de nos hommes sont portés disparus.',
    ].join('\n\n');
    same(await figuresOf(text, 'fr', { source: { publisher: 'RFI' } }), [
      { claimant: 'csp-psd', via: [], party: 'csp-psd', outcome: 'killed', count: { exact: 3 } },
      { claimant: 'csp-psd', via: [], party: 'fama', outcome: 'killed', count: { min: 19 } },
      { claimant: 'fama', via: [], party: 'fama', outcome: 'killed', count: { exact: 2 } },
      { claimant: 'fama', via: [], party: 'fama', outcome: 'missing', count: { exact: 2 } },
    ]);
  });

  it('gives an "A:" to the person of the heading above it, and a quoted headline to no one', async () => {
    const text = [
      '"Three of our men are martyrs": the FLA and the army on Tinzaouaten',
      'CAPTAIN MODIBO COULIBALY, spokesman for the Malian army',
      'Q: And your own losses?\nA: We deplore two dead among our men.',
      'BILAL AG ASSEYDOU, spokesman for the Azawad Liberation Front (FLA)',
      'Q: What is your account?\nA: We counted the bodies of 19 Malian soldiers.',
    ].join('\n\n');
    same((await figuresOf(text, 'en', { source: { publisher: 'Sahel Weekly' } })).map(({ claimant, party, count }) => ({ claimant, party, count })), [
      { claimant: 'fama', party: 'fama', count: { exact: 2 } },
      { claimant: 'csp-psd', party: 'fama', count: { exact: 19 } },
    ]);
  });

  it('does not take a side label ("On the enemy side:") for a speaker', async () => {
    // A communiqué published as it is: its publisher speaks.
    const text = 'The provisional toll is as follows:\n\nOn the friendly side: eight (08) dead.\n\nOn the enemy side: seventeen (17) terrorists neutralised.';
    expect((await figuresOf(text, 'en', { source: { publisher: 'Malian government' } })).map((f) => f.claimant)).toEqual(['government-of-mali', 'government-of-mali']);
  });
});

describe('more of how Sahel news says it (the second French development texts)', () => {
  cases([
    ['a bound after the people', 'fr', 'Selon les autorités locales, 34 civils au moins ont été tués.', [fig('civilians', 'killed', { min: 34 })]],
    ['a bound after the people, in English', 'en', 'Twelve soldiers at least were killed, the army said.', [fig('fama', 'killed', { min: 12 })]],
    ['an aside between auxiliary and verb', 'fr', 'Douze VDP sont par ailleurs portés disparus, selon une source sécuritaire.', [fig('vdp', 'missing', { exact: 12 })]],
    ['"d\'entre eux": the people of the figure before', 'fr', "L'armée affirme que 23 soldats ont été blessés. Quatre d'entre eux sont décédés.", [fig('fama', 'wounded', { exact: 23 }), fig('fama', 'killed', { exact: 4 })]],
    ['"four of them"', 'en', 'The army said 20 soldiers were wounded. Four of them later died.', [fig('fama', 'wounded', { exact: 20 }), fig('fama', 'killed', { exact: 4 })]],
    ['losses inflicted « on » whom', 'fr', 'Le gouvernement affirme que la riposte des FDS a infligé « de lourdes pertes » aux assaillants.', [fig('unidentified-militants', 'killed_or_wounded', { term: 'many' })]],
    ['martyrs are dead', 'fr', 'Le JNIM fait état de « deux martyrs » dans ses rangs.', [fig('jnim', 'killed', { exact: 2 })]],
    ['health workers are civilians', 'fr', 'Selon la DRSP, un agent de santé a été tué et deux infirmiers enlevés.', [fig('civilians', 'killed', { exact: 1 }), fig('civilians', 'captured', { exact: 2 })]],
    ['a count said not to be so is no figure', 'fr', "L'élu précise qu'il s'agit de quatorze blessés, et non de quatorze morts.", [fig('unspecified', 'wounded', { exact: 14 })]],
    ['a count said not to be so, in English', 'en', 'The official said 14 people were wounded, not 14 killed.', [fig('unspecified', 'wounded', { exact: 14 })]],
    ['the people after the outcome noun', 'en', 'Hospital sources report 61 wounded civilians admitted since Friday.', [fig('civilians', 'wounded', { exact: 61 })]],
    ['the people after the outcome noun, in French', 'fr', "Selon l'hôpital, trois blessés civils ont été admis.", [fig('civilians', 'wounded', { exact: 3 })]],
    ['a verb said once for two counts', 'en', 'The governor said 31 civilians were killed at the market and seven soldiers in the ambush.', [fig('civilians', 'killed', { exact: 31 }), fig('fama', 'killed', { exact: 7 })]],
    ['"entre nos mains" is captured', 'fr', 'Le FLA affirme que quatre soldats maliens sont entre nos mains.', [fig('fama', 'captured', { exact: 4 })]],
    ['"ni tué ni blessé" is either', 'fr', "Le JNIM affirme qu'aucun de nos moudjahidines n'a été tué ni blessé.", [fig('jnim', 'killed_or_wounded', { exact: 0 })]],
    ['a verb and its own count end a list of people', 'fr', 'Le JNIM affirme avoir tué « 42 soldats maliens et mercenaires russes » et capturé cinq militaires.', [fig('unspecified', 'killed', { exact: 42 }), fig('fama', 'captured', { exact: 5 })]],
  ]);

  it('names who speaks: a source by its name, not by how it was reached; a body the registry does not know; a group described; a pronoun for the body just named', async () => {
    const claimants = async (text: string) => (await run(text, 'fr')).claims.map((d) => d.claim.claimant.name);
    expect((await run('Selon un conseiller municipal joint par téléphone, quatorze civils ont été blessés.', 'fr')).claims.map((d) => d.claim.claimant)).toEqual([{ name: 'conseiller municipal', kind: 'anonymous' }]);
    expect(await claimants("L'hôpital de district de Ouallam indique avoir reçu 38 blessés civils.")).toEqual(["L'hôpital de district de Ouallam"]);
    const kinds = async (text: string) => (await run(text, 'fr')).claims.map((d) => d.claim.claimant);
    expect(await kinds('Selon les autorités locales, 34 civils ont été tués. Celles-ci font également état de 51 civils blessés.')).toEqual([{ name: 'les autorités locales', kind: 'anonymous' }]);
    expect(await kinds("Une source hospitalière au centre hospitalier régional (CHR) de Fada N'Gourma indique avoir reçu 23 blessés.")).toEqual([
      { name: "source hospitalière au centre hospitalier régional (CHR) de Fada N'Gourma", kind: 'anonymous' },
    ]);
    expect(await claimants('Le GSIM a revendiqué l\'attaque. Le groupe lié à Al-Qaïda y affirme avoir tué 42 soldats.')).toEqual(['GSIM']);
    expect(await claimants("Le JNIM a revendiqué l'attaque. L'armée, elle, n'avait reconnu que cinq morts.")).toEqual(['Malian army']);
    expect((await run("Ménaka's regional governor has spoken to state television ORTM. Thirty-one civilians were killed, he said.", 'en')).claims.map((d) => d.claim.claimant.name)).toEqual(['Malian government']);
    expect((await run('A doctor at Ménaka hospital, who asked us not to use his name, says 27 people wounded at the market have been admitted.', 'en')).claims.map((d) => d.claim.claimant)).toEqual([{ name: 'doctor at Ménaka hospital', kind: 'anonymous' }]);
    // (the part, "including 19 children", is a claim of its own, by the same source)
    const hospital = (await run("Hospital sources in Fada N'Gourma report 61 wounded civilians admitted since 14 June, including 19 children.", 'en')).claims.map((d) => d.claim.claimant);
    expect(hospital).toEqual([{ name: "Hospital sources in Fada N'Gourma", kind: 'anonymous' }, { name: "Hospital sources in Fada N'Gourma", kind: 'anonymous' }]);
    expect((await run('According to the regional governorate, at least 38 civilians were killed.', 'en')).claims.map((d) => d.claim.claimant.kind)).toEqual(['government']);
    expect((await run('A local official reached by phone in Ménaka says 12 people were killed.', 'en')).claims.map((d) => d.claim.claimant)).toEqual([{ name: 'local official', kind: 'anonymous' }]);
    expect((await run('The official said 14 people were wounded.', 'en')).claims.map((d) => d.claim.claimant.kind)).toEqual(['anonymous']);
    expect(await claimants("L'attaque a été revendiquée par le JNIM. « Nous avons tué 16 soldats », affirme l'orateur. Selon lui, 20 autres ont été blessés.")).toEqual(['JNIM']);
    expect(await claimants("L'état-major général des armées n'a réagi que lundi. Dans un texte lu à l'ORTM, il reconnaît sept morts dans les rangs des FAMa.")).toEqual(['Malian army']);
  });
});

describe('a sentence of several speakers', () => {
  it('gives each figure to the speaker whose words are nearest it', async () => {
    const rows = async (text: string, language: Language) => (await figuresOf(text, language)).map(({ claimant, count }) => ({ claimant, count }));
    same(await rows('The army said 12 soldiers were killed, while JNIM claimed it had killed 40 soldiers.', 'en'), [
      { claimant: 'fama', count: { exact: 12 } },
      { claimant: 'jnim', count: { exact: 40 } },
    ]);
    same(await rows('Plus de 50 militaires y avaient perdu la vie, selon des sources sécuritaires, quand le JNIM affirmait en avoir tué 100.', 'fr'), [
      { claimant: 'anonymous', count: { min: 51 } },
      { claimant: 'jnim', count: { exact: 100 } },
    ]);
  });
});
