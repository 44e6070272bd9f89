import type { IncidentOverrides, OverridableField } from './incident-derivation.js';

export const CURATION_ACTIONS = ['merge', 'split', 'move', 'edit', 'review', 'retract'] as const;
export type CurationAction = (typeof CURATION_ACTIONS)[number];
export const REVIEW_DECISIONS = ['confirmed', 'merged', 'split'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * What one curation action does to incident resolution, recorded with the action in the audit log,
 * so that resolving the claims again with every action's effects, in log order, gives the same
 * incidents (CONTRACT.md 7):
 * - `pins`: claims an analyst put in an incident; they stay there whatever claims come later;
 * - `retire`: incidents merged into another, whose ids then answer with the other;
 * - `keyRoutes`: keys whose later claims go to an incident other than the key's own;
 * - `overrides`: fields set by hand (`clear`: back to the value derived from the claims);
 * - `reviewed`: incidents whose review an analyst settled.
 */
export interface CurationEffects {
  pins?: { claimId: string; incidentId: string }[];
  retire?: { id: string; into: string }[];
  keyRoutes?: { key: string; incidentId: string }[];
  overrides?: { incidentId: string; set: IncidentOverrides; clear: OverridableField[] }[];
  reviewed?: { incidentId: string; decision: ReviewDecision }[];
}

/** The curation log folded: what incident resolution reads. */
export interface CurationState {
  pins: Map<string, string>;
  retired: Map<string, string>;
  keyRoutes: Map<string, string>;
  overrides: Map<string, IncidentOverrides>;
  reviewed: Map<string, ReviewDecision>;
}

export const emptyCuration = (): CurationState => ({
  pins: new Map(),
  retired: new Map(),
  keyRoutes: new Map(),
  overrides: new Map(),
  reviewed: new Map(),
});

/** Applies one action's effects to the state (in place), in log order. */
export function applyCuration(state: CurationState, e: CurationEffects): CurationState {
  for (const p of e.pins ?? []) state.pins.set(p.claimId, p.incidentId);
  for (const r of e.retire ?? []) {
    state.retired.set(r.id, r.into);
    // A merged incident's overrides and review go with it.
    state.overrides.delete(r.id);
    state.reviewed.delete(r.id);
  }
  for (const k of e.keyRoutes ?? []) state.keyRoutes.set(k.key, k.incidentId);
  for (const o of e.overrides ?? []) {
    const next: IncidentOverrides = { ...state.overrides.get(o.incidentId), ...o.set };
    for (const f of o.clear) delete next[f];
    state.overrides.set(o.incidentId, next);
  }
  for (const r of e.reviewed ?? []) state.reviewed.set(r.incidentId, r.decision);
  return state;
}

/** Folds a whole log. */
export const curationOf = (log: Iterable<CurationEffects>): CurationState => {
  const state = emptyCuration();
  for (const e of log) applyCuration(state, e);
  return state;
};

/** The incident an id now stands for: itself, or the one it was merged into (followed to the end). */
export function liveIncidentId(retired: ReadonlyMap<string, string>, id: string): string {
  let at = id;
  for (let i = 0; i < 1_000 && retired.has(at); i++) at = retired.get(at)!;
  return at;
}

/** Every id merged (directly or through others) into an incident: the ids that answer with it. */
export function mergedFromOf(retired: ReadonlyMap<string, string>, id: string): string[] {
  return [...retired.keys()].filter((from) => from !== id && liveIncidentId(retired, from) === id).sort();
}
