/**
 * Generators of hostile POST /claims request bodies, for test/reliability/hostile-input.test.ts.
 *
 * Most bodies are valid claims with one mutation at a random path, since those reach deepest (past
 * the JSON parser and the depth check, into validation, the queue, the worker and the store). Every
 * body is built as raw text or bytes: JS object literals could not carry `__proto__` keys, duplicate
 * keys, `1e400`, lone surrogates or invalid UTF-8.
 */
import { readFileSync } from 'node:fs';
import { ACTOR_KINDS, ActorRegistry, LIMITS, OUTCOMES, TERMS } from '@recon/domain';
import fc from 'fast-check';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;

/** What a case expects, when the answer is certain from the body alone. */
export interface Expectation {
  status: number;
  code?: string;
  /** For a 202: how many claims must come back accepted (valid claims must not be rejected). */
  accepted?: number;
  rejected?: number;
}

export interface HostileCase {
  kind: string;
  body: string | Uint8Array;
  /** `null`: no content-type header at all. Default application/json. */
  contentType?: string | null;
  /** Send the body as a stream (chunked transfer encoding, no content-length). */
  chunked?: boolean;
  expect?: Expectation;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const registry = ActorRegistry.create();

export const corpusClaims = JSON.parse(
  readFileSync(new URL('../../samples/corpus-claims.json', import.meta.url), 'utf8'),
) as Record<string, Json>[];

// ---------------------------------------------------------------------------------------------
// Valid claims

const DAY_MS = 86_400_000;
const pad = (n: number): string => String(n).padStart(2, '0');
const ymd = (day: number): string => {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/**
 * Incident keys, a small set so that claims share incidents. Lone surrogates are not text and are
 * rejected (see the explicit cases); U+FFFD, the character a lossy conversion would put in their
 * place, is valid.
 */
export const SURROGATE_KEYS = ['fuzz-surrogate-\ufffd'];
const KEYS = [...Array.from({ length: 24 }, (_, i) => `fuzz-incident-${i}`), ...SURROGATE_KEYS];
const PLACES = ['Tinzaouaten', 'Tin Zaouatene', 'Kidal', 'Gao', 'Ménaka', 'Aguelhok', 'Nowhere-in-particular'];
const COUNTRIES = ['ML', 'BF', 'NE'];
const NAMES = [
  'JNIM',
  'GSIM',
  'Wagner',
  'Wagner Group',
  'FAMa',
  'Malian troops',
  'CSP-PSD',
  'terrorists',
  'civilians',
  'unspecified',
  'MINUSMA',
  'AFP',
  'Islamic State Sahel',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

const nameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(s)) },
);
const textArb = (max: number) => fc.string({ maxLength: max });
const kindArb = fc.constantFrom(...ACTOR_KINDS);
const nat = fc.oneof(fc.nat(200), fc.nat(1_000_000), fc.constantFrom(0, 1, 1_000_000_000_000));
const countArb: fc.Arbitrary<Json> = fc.oneof(
  nat.map((n) => ({ exact: n })),
  nat.map((n) => ({ min: n })),
  nat.map((n) => ({ max: n })),
  fc.tuple(nat, nat).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
  nat.map((n) => ({ approx: n })),
  fc.constantFrom(...TERMS).map((t) => ({ term: t })),
);
const figureArb = fc.record(
  {
    party: nameArb,
    partyKind: kindArb,
    outcome: fc.constantFrom(...OUTCOMES),
    count: countArb,
    wording: textArb(60),
  },
  { requiredKeys: ['party', 'outcome', 'count'] },
);
const refArb = fc.record({ name: nameArb, kind: kindArb });
const dayArb = fc.integer({ min: Date.UTC(2012, 0, 1) / DAY_MS, max: Date.UTC(2025, 11, 31) / DAY_MS });
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** A valid claim (CONTRACT.md section 1), as a plain JSON value. */
export const validClaimArb: fc.Arbitrary<Record<string, Json>> = fc
  .record(
    {
      key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0)),
      title: textArb(40),
      country: fc.constantFrom(...COUNTRIES),
      location: fc.constantFrom(...PLACES),
      admin1: textArb(20),
      lat: finite(-90, 90),
      lon: finite(-180, 180),
      start: dayArb,
      endAfter: fc.nat(5),
      statedAfter: fc.nat(30),
      statedAsTime: fc.boolean(),
      claimant: refArb,
      via: fc.array(refArb, { maxLength: 3 }),
      source: fc.record(
        {
          url: fc.webUrl(),
          publisher: textArb(30),
          title: textArb(30),
          excerpt: textArb(200),
        },
        { requiredKeys: [] },
      ),
      figures: fc.uniqueArray(figureArb, {
        minLength: 1,
        maxLength: 4,
        selector: (f) => `${registry.partyKey(f.party)}\u0000${f.outcome}`,
      }),
    },
    { requiredKeys: ['country', 'start', 'statedAfter', 'statedAsTime', 'claimant', 'figures'] },
  )
  .map((r) => {
    const incident: Record<string, Json> = { country: r.country, startDate: ymd(r.start) };
    if (r.key !== undefined) incident.key = r.key;
    if (r.title !== undefined) incident.title = r.title;
    if (r.location !== undefined) incident.location = r.location;
    if (r.admin1 !== undefined) incident.admin1 = r.admin1;
    if (r.lat !== undefined) incident.lat = r.lat;
    if (r.lon !== undefined) incident.lon = r.lon;
    if (r.endAfter !== undefined) incident.endDate = ymd(r.start + r.endAfter);
    const stated = ymd(r.start + r.statedAfter);
    const claim: Record<string, Json> = {
      incident,
      claimant: r.claimant,
      statedAt: r.statedAsTime ? `${stated}T10:00:00Z` : stated,
      figures: r.figures as Json[],
    };
    if (r.via !== undefined && r.via.length > 0) claim.via = r.via;
    if (r.source !== undefined) claim.source = r.source;
    return claim;
  });

/** A valid claim: mostly generated, sometimes one of the corpus samples (duplicates after the first). */
export const anyValidClaimArb = fc.oneof({ weight: 5, arbitrary: validClaimArb }, { weight: 1, arbitrary: fc.constantFrom(...corpusClaims) });

/** A small valid claim, distinct for each `n`. */
export function minimalClaim(n: number): Record<string, Json> {
  return {
    incident: { key: `fuzz-min-${n % 7}`, country: 'ML', startDate: '2024-07-25' },
    claimant: { name: 'JNIM', kind: 'armed_group' },
    statedAt: '2024-07-28',
    figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: n } }],
  };
}

// ---------------------------------------------------------------------------------------------
// Raw JSON text helpers

/** Placeholders that JSON.stringify leaves intact and no generated claim contains. */
const RAW = '@@raw-value@@';
const KEY = '@@raw-key@@';

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Every path into a JSON value (the root excluded), containers and leaves. */
export function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      pathsOf(v, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      pathsOf(v, [...prefix, k], out);
    }
  }
  return out;
}

function getAt(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, Json>)[p];
  }
  return v;
}

/** A copy of `root` with the value at `path` replaced by `make(old)`; `undefined` deletes it. */
function updateAt(root: Json, path: Path, make: (old: Json | undefined) => Json | undefined): Json {
  const copy = clone(root);
  if (path.length === 0) return make(copy) ?? null;
  const parent = getAt(copy, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (parent === null || typeof parent !== 'object') return copy;
  const next = make((parent as Record<string | number, Json>)[last]);
  if (Array.isArray(parent)) {
    if (next === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = next;
  } else if (next === undefined) delete parent[String(last)];
  else parent[String(last)] = next;
  return copy;
}

/** JSON text of `root` with the value at `path` replaced by raw JSON text. */
function withRawAt(root: Json, path: Path, raw: string): string {
  const text = JSON.stringify(updateAt(root, path, () => RAW));
  return text.split(JSON.stringify(RAW)).join(raw);
}

/** JSON text of `root` with a raw `"key": value` member added to the object at `path`, first or last. */
function withRawMember(root: Json, path: Path, key: string, rawValue: string, first: boolean): string {
  const text = JSON.stringify(
    updateAt(root, path, (old) => {
      const obj = old !== null && typeof old === 'object' && !Array.isArray(old) ? old : {};
      return first ? { [KEY]: RAW, ...obj } : { ...obj, [KEY]: RAW };
    }),
  );
  return text.split(`${JSON.stringify(KEY)}:${JSON.stringify(RAW)}`).join(`${JSON.stringify(key)}:${rawValue}`);
}

/** Nesting `depth` levels deep, as text (never built as a value: no recursion anywhere). */
export function deepText(depth: number, style: 'array' | 'object' | 'mixed', leaf = '1'): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    const obj = style === 'object' || (style === 'mixed' && i % 2 === 1);
    open.push(obj ? '{"a":' : '[');
    close.push(obj ? '}' : ']');
  }
  return open.join('') + leaf + close.reverse().join('');
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const wrongTypeArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.boolean().map(String),
  fc.constant('null'),
  fc.constantFrom('[]', '{}', '[1,"a",null]', '{"exact":1}', '[{"party":"x"}]', '""', '"   "'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

/** Number literals that parse to something odd: Infinity, -0, fractions, past 2^53, huge, negative. */
export const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '-0',
  '-0.0',
  '0.0',
  '1.5',
  '0.5',
  '-1',
  '-1.5',
  '9007199254740993',
  '9007199254740992',
  '-9007199254740993',
  '1e12',
  '1000000000000',
  '1000000000001',
  '1e21',
  '1E2',
  '1e-400',
  '5e-324',
  '1.7976931348623157e308',
  '123456789012345678901234567890',
  '90.0000000001',
  '-90.0000000001',
  '180.0000000001',
  '-180.0000000001',
  '90',
  '-180',
];

const longString = fc
  .tuple(fc.constantFrom(499, 500, 501, 9_999, 10_000, 10_001, 20_000), fc.constantFrom('a', 'é', ' ', '😀', '\\n', '\\u00e9'))
  .map(([n, unit]) => `"${unit.repeat(unit === '😀' ? Math.ceil(n / 2) : n)}"`);

const CONTROL_ESCAPES = ['\\u0000', '\\u0001', '\\u0008', '\\u000b', '\\u000c', '\\u001f', '\\u007f', '\\t', '\\n', '\\r', '\\b', '\\f', '\\u2028', '\\u2029', '\\u0085', '\\ufeff'];
const SURROGATES = ['\\ud800', '\\udfff', '\\udc00\\ud800', '\\ud83d\\ude00', '\\ud83d', 'a\\ud800b', '\\uD800'];
const controlString = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL_ESCAPES, ...SURROGATES), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${JSON.stringify(a).slice(0, -1)}${c}${JSON.stringify(b).slice(1)}`);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const hostileString = fc.constantFrom(...PROTO_KEYS, 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '\\u00a0', 'null', 'undefined', 'NaN', '0', '-0').map((s) => `"${s}"`);
const hostileDate = fc
  .constantFrom(
    '2024-02-30',
    '2023-02-29',
    '2024-00-10',
    '2024-13',
    '0000-01-01',
    '0999-12-31',
    '1000-01-01',
    '9999-12-31',
    '9999-12-31T23:59:59-23:59',
    '1000-01-01T00:00:00+23:59',
    '2024-07-25T24:00Z',
    '2024-07-25T23:59:60Z',
    '2024-07-25T10:00:00.1234567891Z',
    '2024-07-25T10:00',
    '2024-07-25T10:00:00+99:99',
    '+002024-07-25',
    '2024-7-25',
    '２０２４-07-25',
    '2024-07-25 ',
    '20240725',
  )
  .map((s) => JSON.stringify(s));

const deepArb = fc
  .tuple(fc.integer({ min: 30, max: 5_000 }), fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>)
  .map(([n, style]) => deepText(n, style));

/** Raw JSON text for a value. */
export const rawValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: wrongTypeArb },
  { weight: 3, arbitrary: fc.constantFrom(...RAW_NUMBERS) },
  { weight: 2, arbitrary: longString },
  { weight: 3, arbitrary: controlString },
  { weight: 2, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileDate },
  { weight: 1, arbitrary: deepArb },
);

const isNumericPath = (p: Path): boolean => {
  const last = p[p.length - 1];
  return last === 'lat' || last === 'lon' || (p.includes('count') && typeof last === 'string' && last !== 'term');
};

/** A valid claim with exactly one mutation at a random path, as JSON text. */
export const mutatedClaimTextArb: fc.Arbitrary<{ kind: string; text: string }> = anyValidClaimArb.chain((claim) => {
  const paths = pathsOf(claim);
  const numeric = paths.filter(isNumericPath);
  const objects = [[] as Path, ...paths.filter((p) => {
    const v = getAt(claim, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  })];
  const keysAt = (p: Path): string[] => Object.keys(getAt(claim, p) as object);
  const pathArb = fc.constantFrom(...paths);
  const mutations: fc.Arbitrary<{ kind: string; text: string }>[] = [
    fc.tuple(pathArb, wrongTypeArb).map(([p, raw]) => ({ kind: 'wrong-type', text: withRawAt(claim, p, raw) })),
    fc.tuple(pathArb, rawValueArb).map(([p, raw]) => ({ kind: 'raw-value', text: withRawAt(claim, p, raw) })),
    fc.tuple(pathArb, longString).map(([p, raw]) => ({ kind: 'long-string', text: withRawAt(claim, p, raw) })),
    fc.tuple(pathArb, controlString).map(([p, raw]) => ({ kind: 'control-chars', text: withRawAt(claim, p, raw) })),
    fc.tuple(pathArb, deepArb).map(([p, raw]) => ({ kind: 'deep-value', text: withRawAt(claim, p, raw) })),
    pathArb.map((p) => ({ kind: 'missing-field', text: JSON.stringify(updateAt(claim, p, () => undefined)) })),
    fc
      .tuple(fc.constantFrom(...objects), fc.constantFrom(...PROTO_KEYS), rawValueArb, fc.boolean())
      .map(([p, key, raw, first]) => ({ kind: 'proto-key', text: withRawMember(claim, p, key, raw, first) })),
    fc
      .constantFrom(...objects.filter((p) => keysAt(p).length > 0))
      .chain((p) => fc.tuple(fc.constant(p), fc.constantFrom(...keysAt(p)), rawValueArb, fc.boolean()))
      .map(([p, key, raw, first]) => ({ kind: 'duplicate-key', text: withRawMember(claim, p, key, raw, first) })),
  ];
  // At and past the list limits: 200/201 figures (distinct parties), 20/21 relays.
  mutations.push(
    fc.constantFrom(LIMITS.maxFigures, LIMITS.maxFigures + 1, LIMITS.maxVia, LIMITS.maxVia + 1).map((n) => {
      const copy = clone(claim);
      if (n > LIMITS.maxVia + 1) {
        copy.figures = Array.from({ length: n }, (_, i) => ({ party: `fuzz party ${i}`, outcome: 'killed', count: { exact: i } }));
      } else copy.via = Array.from({ length: n }, (_, i) => ({ name: `relay ${i}`, kind: 'media' }));
      return { kind: 'list-limits', text: JSON.stringify(copy) };
    }),
  );
  if (numeric.length > 0) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...numeric), fc.constantFrom(...RAW_NUMBERS))
        .map(([p, raw]) => ({ kind: 'odd-number', text: withRawAt(claim, p, raw) })),
    );
  }
  return fc.oneof(...mutations);
});

// ---------------------------------------------------------------------------------------------
// Whole bodies

const utf8 = new TextEncoder();

const INVALID_UTF8: number[][] = [
  [0xff],
  [0xfe],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
  [0x00],
];

/** A valid claim's bytes with invalid UTF-8 inserted at a random place (or in a string). */
const invalidUtf8Arb: fc.Arbitrary<HostileCase> = anyValidClaimArb.chain((claim) => {
  const bytes = utf8.encode(JSON.stringify(claim));
  return fc
    .tuple(fc.nat(bytes.length), fc.constantFrom(...INVALID_UTF8), fc.boolean())
    .map(([at, bad, inString]) => {
      // In a string: just after the opening quote of the claimant's name, where the bytes stay inside the JSON string.
      let pos = at;
      if (inString) {
        const marker = utf8.encode('"claimant":{"name":"');
        const idx = Buffer.from(bytes).indexOf(Buffer.from(marker));
        if (idx >= 0) pos = idx + marker.length;
      }
      const out = new Uint8Array(bytes.length + bad.length);
      out.set(bytes.subarray(0, pos), 0);
      out.set(bad, pos);
      out.set(bytes.subarray(pos), pos + bad.length);
      return { kind: 'invalid-utf8', body: out };
    });
});

/** Roots that are not a claim object: scalars, arrays, broken JSON, nothing at all. */
export const ODD_ROOTS: { text: string; expect?: Expectation }[] = [
  { text: '', expect: { status: 400, code: 'invalid_json' } },
  { text: ' \n\t ', expect: { status: 400, code: 'invalid_json' } },
  { text: 'null', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: 'true', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '0', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '-0', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '1e400', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '"a string"', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '"\\u0000"', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '"\\ud800"', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '[]', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":[]}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":{}}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":null}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":"x"}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":[],"__proto__":1}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":[1],"constructor":{}}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"__proto__":{"claims":[1,2,3]}}', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '{"constructor":{"prototype":{"claims":[]}}}', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '{"claims":[{}],"claims":5}', expect: { status: 400, code: 'invalid_request' } },
  { text: '{"claims":5,"claims":[{}]}', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '[1,2,3]', expect: { status: 202, accepted: 0, rejected: 3 } },
  { text: '[[]]', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '{}', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '{"incident":{}}', expect: { status: 202, accepted: 0, rejected: 1 } },
  { text: '{', expect: { status: 400, code: 'invalid_json' } },
  { text: '}', expect: { status: 400, code: 'invalid_json' } },
  { text: '[', expect: { status: 400, code: 'invalid_json' } },
  { text: '{"a":}', expect: { status: 400, code: 'invalid_json' } },
  { text: '{"a":1,}', expect: { status: 400, code: 'invalid_json' } },
  { text: "{'a':1}", expect: { status: 400, code: 'invalid_json' } },
  { text: 'NaN', expect: { status: 400, code: 'invalid_json' } },
  { text: 'Infinity', expect: { status: 400, code: 'invalid_json' } },
  { text: 'undefined', expect: { status: 400, code: 'invalid_json' } },
  { text: '// comment\n{}', expect: { status: 400, code: 'invalid_json' } },
  { text: '{"a":1}{"b":2}', expect: { status: 400, code: 'invalid_json' } },
  { text: '"unterminated', expect: { status: 400, code: 'invalid_json' } },
  { text: '"\\x41"', expect: { status: 400, code: 'invalid_json' } },
  { text: '"\\u12"', expect: { status: 400, code: 'invalid_json' } },
  { text: '"raw\u0001control"', expect: { status: 400, code: 'invalid_json' } },
  { text: '01', expect: { status: 400, code: 'invalid_json' } },
  { text: '\u0000', expect: { status: 400, code: 'invalid_json' } },
  { text: '\ufeff{}' },
];

const oddRootArb: fc.Arbitrary<HostileCase> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_ROOTS).map((r) => ({ kind: 'odd-root', body: r.text, ...(r.expect ? { expect: r.expect } : {}) })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'random-json', body: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ kind: 'random-text', body: s })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ kind: 'random-bytes', body: b })) },
);

/** Nesting at the root: past the limit (400), or at it (a batch of one non-claim: 202 with a rejection). */
const deepRootArb: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 30, max: 5_000 }), fc.constantFrom(MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1)),
    fc.constantFrom('array', 'object', 'mixed') as fc.Arbitrary<'array' | 'object' | 'mixed'>,
    fc.boolean(),
  )
  .map(([n, style, inBatch]) => {
    const text = inBatch ? `{"claims":[${deepText(n, style)}]}` : deepText(n, style);
    // Levels of the deepest container: the batch wrapper adds two.
    const depth = n + (inBatch ? 2 : 0);
    return {
      kind: 'deep-root',
      body: text,
      expect: depth > MAX_JSON_DEPTH ? { status: 400, code: 'invalid_request' } : { status: 202, accepted: 0 },
    };
  });

/** One valid claim: accepted (queued or duplicate), never rejected. */
const validCaseArb: fc.Arbitrary<HostileCase> = anyValidClaimArb.map((c) => ({
  kind: 'valid',
  body: JSON.stringify(c),
  expect: { status: 202, accepted: 1, rejected: 0 },
}));

/** A batch of a few items, valid and mutated, as `{"claims": [...]}` or a root array. */
const mixedBatchArb: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.array(
      fc.oneof(
        anyValidClaimArb.map((c) => JSON.stringify(c)),
        mutatedClaimTextArb.map((m) => m.text),
        wrongTypeArb,
      ),
      { minLength: 1, maxLength: 12 },
    ),
    fc.boolean(),
  )
  .map(([items, wrapped]) => ({
    kind: 'mixed-batch',
    body: wrapped ? `{"claims":[${items.join(',')}]}` : `[${items.join(',')}]`,
  }));

/** More than 1,000 claims, under 1 MiB: 400 batch_too_large. */
export function overLimitBatch(n: number, item: 'empty' | 'number' | 'claim', wrapped: boolean): HostileCase {
  const one = item === 'empty' ? '{}' : item === 'number' ? '0' : null;
  const items = Array.from({ length: n }, (_, i) => one ?? JSON.stringify(minimalClaim(i)));
  const body = wrapped ? `{"claims":[${items.join(',')}]}` : `[${items.join(',')}]`;
  return { kind: 'over-limit-batch', body, expect: { status: 400, code: 'batch_too_large' } };
}

const overLimitBatchArb: fc.Arbitrary<HostileCase> = fc
  .tuple(fc.integer({ min: LIMITS.maxBatch + 1, max: 4_000 }), fc.constantFrom('empty', 'number', 'claim') as fc.Arbitrary<'empty' | 'number' | 'claim'>, fc.boolean())
  .map(([n, item, wrapped]) => overLimitBatch(item === 'claim' ? Math.min(n, 3_000) : n, item, wrapped));

/** A body of more than 1 MiB: 413, whatever it holds. */
export function oversized(extra: number, how: 'whitespace' | 'excerpt' | 'batch' | 'garbage'): HostileCase {
  const target = MAX_BODY_BYTES + extra;
  const base = JSON.stringify(minimalClaim(extra));
  let body: string;
  if (how === 'whitespace') body = base + ' '.repeat(target - base.length);
  else if (how === 'excerpt') {
    const c = minimalClaim(extra);
    c.source = { excerpt: '' };
    const shell = JSON.stringify(c);
    body = shell.replace('"excerpt":""', `"excerpt":"${'x'.repeat(target - shell.length)}"`);
  } else if (how === 'batch') {
    const items: string[] = [];
    let size = 12;
    for (let i = 0; size < target; i++) {
      const s = JSON.stringify(minimalClaim(i));
      items.push(s);
      size += s.length + 1;
    }
    body = `{"claims":[${items.join(',')}]}`;
  } else body = '['.repeat(target);
  return { kind: 'oversized', body, expect: { status: 413, code: 'payload_too_large' } };
}

const oversizedArb: fc.Arbitrary<HostileCase> = fc
  .tuple(fc.oneof(fc.constantFrom(1, 2, 1024), fc.integer({ min: 1, max: 512 * 1024 })), fc.constantFrom('whitespace', 'excerpt', 'batch', 'garbage') as fc.Arbitrary<'whitespace' | 'excerpt' | 'batch' | 'garbage'>)
  .map(([extra, how]) => oversized(extra, how));

const CONTENT_TYPES = [
  null,
  'text/plain',
  'text/plain;charset=utf-16',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16le',
  'application/merge-patch+json',
  '*/*',
  'garbage',
  '',
];

/** Any body with a content type that is not plain application/json. */
const contentTypeArb: fc.Arbitrary<HostileCase> = fc
  .tuple(
    fc.oneof(
      validCaseArb.map((c) => c.body),
      mutatedClaimTextArb.map((m) => m.text),
      fc.constantFrom(...ODD_ROOTS).map((r) => r.text),
      fc.constantFrom('a=1&b=2', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n', '<claim/>'),
    ),
    fc.constantFrom(...CONTENT_TYPES),
  )
  .map(([body, contentType]) => ({ kind: 'content-type', body, contentType }));

/** The mix, weighted so that most bodies are near-valid claims with one mutation. */
const baseCaseArb: fc.Arbitrary<HostileCase> = fc.oneof(
  { weight: 55, arbitrary: mutatedClaimTextArb.map((m) => ({ kind: m.kind, body: m.text })) },
  { weight: 12, arbitrary: validCaseArb },
  { weight: 8, arbitrary: mixedBatchArb },
  { weight: 6, arbitrary: invalidUtf8Arb },
  { weight: 6, arbitrary: oddRootArb },
  { weight: 5, arbitrary: deepRootArb },
  { weight: 5, arbitrary: contentTypeArb },
  { weight: 2, arbitrary: overLimitBatchArb },
  { weight: 1, arbitrary: oversizedArb },
);

/** The whole mix; a few bodies go chunked (no content-length), through the body limit's streaming path. */
export const hostileCaseArb: fc.Arbitrary<HostileCase> = fc
  .tuple(baseCaseArb, fc.integer({ min: 0, max: 19 }))
  .map(([c, r]) => (r === 0 ? { ...c, chunked: true } : c));

/** Cases sent before the fuzzed ones: the limits, each side of them. */
export function explicitCases(): HostileCase[] {
  const atLimit = JSON.stringify(minimalClaim(424_242));
  const thousand = Array.from({ length: LIMITS.maxBatch }, (_, i) => JSON.stringify(minimalClaim(100_000 + i)));
  // Bodies over 1 MiB go last: each may disturb the keep-alive connection it was sent on.
  return [
    ...corpusClaims.map((c) => ({ kind: 'valid', body: JSON.stringify(c), expect: { status: 202, accepted: 1, rejected: 0 } })),
    // Incident keys that differ only in a lone surrogate (sent as a JSON escape) or U+FFFD. A lone
    // surrogate is rejected (stored, it would be invalid UTF-8 and collide with U+FFFD); U+FFFD is
    // a character like any other.
    ...['explicit-surrogate-\ud800', 'explicit-surrogate-\udfff', 'explicit-surrogate-\ufffd'].map((key, i) => {
      const c = minimalClaim(777_000 + i);
      (c.incident as Record<string, Json>).key = key;
      const lone = !key.isWellFormed();
      return { kind: 'surrogate-key', body: JSON.stringify(c), expect: { status: 202, accepted: lone ? 0 : 1, rejected: lone ? 1 : 0 } };
    }),
    { kind: 'batch-of-1000', body: `{"claims":[${thousand.join(',')}]}`, expect: { status: 202, accepted: LIMITS.maxBatch, rejected: 0 } },
    { kind: 'empty-body', body: '', expect: { status: 400, code: 'invalid_json' } },
    { kind: 'deep-root', body: deepText(MAX_JSON_DEPTH, 'array'), expect: { status: 202, accepted: 0, rejected: 1 } },
    { kind: 'deep-root', body: deepText(MAX_JSON_DEPTH + 1, 'array'), expect: { status: 400, code: 'invalid_request' } },
    { kind: 'deep-root', body: deepText(5_000, 'object'), expect: { status: 400, code: 'invalid_request' } },
    overLimitBatch(LIMITS.maxBatch + 1, 'empty', true),
    overLimitBatch(LIMITS.maxBatch + 1, 'claim', true),
    overLimitBatch(5_000, 'number', false),
    { kind: 'exactly-1MiB', body: atLimit + ' '.repeat(MAX_BODY_BYTES - atLimit.length), expect: { status: 202, accepted: 1, rejected: 0 } },
    { kind: 'exactly-1MiB', body: atLimit + ' '.repeat(MAX_BODY_BYTES - atLimit.length), chunked: true, expect: { status: 202, accepted: 1, rejected: 0 } },
    oversized(1, 'whitespace'),
    oversized(1, 'excerpt'),
    oversized(1024 * 1024, 'batch'),
    oversized(100, 'garbage'),
    { ...oversized(1, 'whitespace'), chunked: true },
    { ...oversized(300_000, 'batch'), chunked: true },
  ];
}
