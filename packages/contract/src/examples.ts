/**
 * Examples of the main answers, for the OpenAPI document: the Tinzaouaten fighting of July 2024 as
 * the service reports it. The OpenAPI test parses each with its schema.
 */
const incident = {
  id: 'inc-96b15b6505b0a492',
  key: 'ml-2024-07-tinzaouaten',
  country: 'ML',
  location: 'Tinzaouaten',
  placeId: 'ml-tinzaouaten',
  admin1: 'Kidal',
  title: 'Fighting near Tinzaouaten',
  lat: 19.95,
  lon: 2.95,
  startDate: '2024-07-25',
  endDate: '2024-07-27',
  needsReview: false,
  candidates: [],
  mergedFrom: [],
  setByHand: [],
};
const csp = { id: 'csp-psd', name: 'CSP-PSD', kind: 'rebel_group' as const };
const wagner = { id: 'wagner-group', name: 'Wagner Group', kind: 'pmc' as const };

export const ERROR_EXAMPLE = {
  error: { code: 'invalid_request', message: 'bad query parameters', errors: [{ path: 'query.limit', message: 'Too big: expected number to be <=1000' }] },
};

export const SUBMIT_RESULT_EXAMPLE = {
  accepted: [
    {
      index: 0,
      id: '3f1c9a0e5b7d2c4a',
      status: 'queued',
      warnings: [{ path: 'figures[0].party', code: 'unknown_actor', message: 'the party "Wagnr mercenaries" is not in the actor registry', suggestions: ['Wagner Group'] }],
    },
  ],
  rejected: [{ index: 1, id: '9b2e7d1f0a3c5e6b', errors: [{ path: 'figures[0].count', message: 'count must be an object such as {"exact": 50}, {"approx": 50} or {"min": 50}' }] }],
};

export const CLAIM_STATUS_EXAMPLE = { id: '3f1c9a0e5b7d2c4a', status: 'stored', incidentId: incident.id, errors: [] };

export const REPORT_EXAMPLE = {
  incident,
  version: 2,
  generatedAt: '2024-08-02T10:00:00.000Z',
  claimCount: 2,
  cells: [
    {
      party: wagner,
      outcome: 'killed',
      range: { low: 20, high: 84, highOpen: false },
      agreement: 'disputed',
      consensus: null,
      byPerspective: { adversary: { low: 84, high: 84, highOpen: false }, independent: { low: 20, high: 20, highOpen: true } },
      claims: [
        {
          claimId: '3f1c9a0e5b7d2c4a',
          claimant: csp,
          perspective: 'adversary',
          partyAsReported: 'Wagner fighters',
          count: { exact: 84 },
          quantified: true,
          low: 84,
          high: 84,
          highOpen: false,
          wording: 'killed 84 fighters from Wagner',
          statedAt: '2024-08-01',
          via: [{ name: 'AFP', kind: 'media' }],
          source: { publisher: 'AFP', publishedAt: '2024-08-02' },
        },
      ],
      superseded: [],
    },
  ],
  totals: [
    {
      outcome: 'killed',
      range: { low: 20, high: 84, highOpen: false },
      byClaimant: [{ claimant: csp, low: 84, high: 84, highOpen: false, parties: ['wagner-group'], unquantifiedParties: [] }],
    },
  ],
};

export const INCIDENT_LIST_ITEM_EXAMPLE = {
  id: incident.id,
  key: incident.key,
  country: 'ML',
  location: 'Tinzaouaten',
  title: incident.title,
  startDate: incident.startDate,
  endDate: incident.endDate,
  needsReview: false,
  candidates: [],
  claimCount: 5,
  disputedCells: 2,
  killed: { low: 1, high: 84, highOpen: false },
  claimantCount: 4,
  reportVersion: 3,
  summary: '5 claims by 4 claimants; Wagner Group killed: 1–84 (claims disagree)',
};

export const INCIDENT_DETAIL_EXAMPLE = {
  ...incident,
  resolvedFrom: null,
  reviewDecision: null,
  createdAt: '2024-08-01T12:00:00.000Z',
  updatedAt: '2024-08-02T10:00:00.000Z',
  claimCount: 5,
  reportVersion: 3,
  upToDate: true,
  summary: INCIDENT_LIST_ITEM_EXAMPLE.summary,
};

export const AUDIT_EVENT_EXAMPLE = {
  id: 'evt-0001',
  seq: 1,
  action: 'merge',
  actor: 'alice',
  at: '2024-08-03T09:00:00.000Z',
  incidentIds: ['inc-5d0c2b1a9e8f7a6b', incident.id],
  claimIds: [],
  note: 'same ambush, reported twice',
  before: { mergedInto: null },
  after: { mergedInto: incident.id },
  effects: { merges: [{ from: 'inc-5d0c2b1a9e8f7a6b', into: incident.id }] },
};

export const ACTOR_LIST_EXAMPLE = {
  actors: [{ ...wagner, side: 'mali_state', aliases: [{ alias: 'Wagner mercenaries', countries: null, from: null, to: null }] }],
};

const BOULKESSI = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';

export const EXTRACT_BODY_EXAMPLE = {
  text: BOULKESSI,
  language: 'en',
  publishedAt: '2024-05-13',
  source: { publisher: 'AFP', title: 'Twelve soldiers killed in attack on Malian army base' },
  incident: { country: 'ML' },
};

const boulkessiIncident = { country: 'ML', location: 'Boulkessi', startDate: '2024-05-12' };
const figureWords = '12 soldiers were killed';
const claimantWords = 'The Malian army';

export const EXTRACTION_EXAMPLE = {
  language: 'en' as const,
  incident: boulkessiIncident,
  claims: [
    {
      claim: {
        incident: boulkessiIncident,
        claimant: { name: 'Malian army', kind: 'state_forces' as const },
        statedAt: '2024-05-12',
        source: { publisher: 'AFP', title: 'Twelve soldiers killed in attack on Malian army base', publishedAt: '2024-05-13', excerpt: BOULKESSI.slice(9) },
        figures: [{ party: 'Malian soldiers', outcome: 'killed' as const, count: { exact: 12 }, wording: figureWords }],
      },
      evidence: [
        { figure: 0, start: BOULKESSI.indexOf(figureWords), end: BOULKESSI.indexOf(figureWords) + figureWords.length, text: figureWords, role: 'figure' as const },
        { figure: 0, start: BOULKESSI.indexOf(claimantWords), end: BOULKESSI.indexOf(claimantWords) + claimantWords.length, text: claimantWords, role: 'claimant' as const },
      ],
      confidence: 0.9,
      warnings: [],
    },
  ],
  warnings: [],
};
