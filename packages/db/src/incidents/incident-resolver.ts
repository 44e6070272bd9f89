import {
  addMember,
  clusterKeyless,
  deriveIncident,
  emptyDerivation,
  isMatchable,
  keyedIncidentId,
  MATCH_TOLERANCE_DAYS,
  MAX_MATCH_SPAN_DAYS,
  ownIncidentId,
  type Derivation,
  type IncidentFacts,
  type IncidentOverrides,
  type PlaceAnchor,
} from '@recon/domain';
import { all, chunks, column, get, lock, lockName, placeholders, run, value, type Work } from '../sql/work.js';
import { columnsDiffer, columnsOf, derivationOf, INCIDENT_COLUMNS, incidentRowOf, overridesOf, type IncidentRow, type RawIncident, type ResolvedColumns } from './incident-rows.js';

/**
 * The keyless claims of one place near a window: through the partial index on (country, place_id,
 * last_day) WHERE pool = 1, bounded on both sides (a matchable claim spans at most
 * MAX_MATCH_SPAN_DAYS, so `hiMax` = hi + that bounds last_day from above).
 */
export const POOL_NEAR_SQL = `SELECT id, first_day AS first, last_day AS last, signature, incident_id AS "incidentId", facts FROM claims
  WHERE pool = 1 AND country = @country AND place_id = @placeId AND last_day >= @lo AND last_day <= @hiMax AND first_day <= @hi`;

/** The anchors of one place whose match span comes near a window (partial index WHERE anchor = 1). */
export const ANCHORS_NEAR_SQL = `SELECT id, match_first AS first, match_last AS last FROM incidents
  WHERE anchor = 1 AND match_country = @country AND match_place_id = @placeId AND match_last >= @lo AND match_first <= @hi
    AND merged_into IS NULL`;

/** The resolver's statements, in the SQL both engines run. */
const Q = {
  incidentById: `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`,
  lean: 'SELECT derivation, anchor, merged_into AS "mergedInto" FROM incidents WHERE id = ?',
  insertIncident: `INSERT INTO incidents (id, key, country, place_id, place_name, location, admin1, title, lat, lon, start_date, end_date,
       first_day, last_day, search_text, needs_review, candidates, anchor, match_country, match_place_id, match_first, match_last,
       derivation, overrides, created_at, updated_at)
     VALUES (@id, @key, @country, @placeId, @placeName, @location, @admin1, @title, @lat, @lon, @startDate, @endDate,
       @firstDay, @lastDay, @searchText, @needsReview, @candidates, @anchor, @matchCountry, @matchPlaceId, @matchFirst, @matchLast,
       @derivation, @overrides, @now, @now)`,
  updateIncident: `UPDATE incidents SET key = @key, country = @country, place_id = @placeId, place_name = @placeName, location = @location,
       admin1 = @admin1, title = @title, lat = @lat, lon = @lon, start_date = @startDate, end_date = @endDate,
       first_day = @firstDay, last_day = @lastDay, search_text = @searchText, needs_review = @needsReview,
       candidates = @candidates, anchor = @anchor, match_country = @matchCountry, match_place_id = @matchPlaceId,
       match_first = @matchFirst, match_last = @matchLast, derivation = @derivation, overrides = @overrides,
       merged_into = NULL, retired_by = NULL
     WHERE id = @id`,
  bumpSeq: 'UPDATE incidents SET claim_seq = claim_seq + 1, updated_at = ? WHERE id = ?',
  setClaimIncident: 'UPDATE claims SET incident_id = ? WHERE id = ?',
  claimIncident: 'SELECT incident_id FROM claims WHERE id = ?',
  setFigureIncident: 'UPDATE figures SET incident_id = ? WHERE claim_id = ?',
  // The batched statements below read many ids in one round trip (PostgreSQL pays one per statement).
  anchorsBySignature: (n: number) => `SELECT DISTINCT i.id, i.match_first AS first, i.match_last AS last FROM claims c JOIN incidents i ON i.id = c.incident_id
      WHERE c.pinned_to IS NOT NULL AND c.signature IN (${placeholders(n)}) AND i.anchor = 1 AND i.merged_into IS NULL
        AND i.match_country = ? AND i.match_place_id = ?`,
  pinnedSignatures: (n: number) => `SELECT incident_id AS "incidentId", signature FROM claims WHERE incident_id IN (${placeholders(n)}) AND pinned_to IS NOT NULL`,
  taken: (n: number) => `SELECT id FROM incidents WHERE id IN (${placeholders(n)}) AND (anchor = 1 OR retired_by = 'curation')`,
  members: 'SELECT facts, pool FROM claims WHERE incident_id = ?',
  hasMembers: 'SELECT 1 FROM claims WHERE incident_id = ? LIMIT 1',
  factsOf: 'SELECT facts FROM claims WHERE id = ?',
  mergedInto: 'SELECT merged_into FROM incidents WHERE id = ?',
  retire: `UPDATE incidents SET merged_into = @into, retired_by = @by, needs_review = 0, candidates = '[]', reported_seq = claim_seq,
       key = CASE WHEN @by = 'curation' THEN NULL ELSE key END, updated_at = @now
     WHERE id = @id`,
};

/** Where and when an incident is matched: a window to group again after it changes. */
export interface MatchWindow {
  country: string;
  placeId: string;
  first: number;
  last: number;
}

interface LeanIncident {
  derivation: string;
  anchor: number;
  mergedInto: string | null;
}

interface PoolRow {
  id: string;
  first: number;
  last: number;
  signature: string;
  incidentId: string | null;
  facts: string;
}

const byOrder = (a: IncidentFacts, b: IncidentFacts): number => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);

/**
 * The store's side of incident resolution: keeps the incidents table equal to what the pure
 * `resolveIncidents` (packages/domain) gives for every claim and curation action so far, by
 * resolving again only what a change can reach. A claim with a key (or one that can match nothing)
 * goes to its incident at once; a keyless claim makes its place group again the claims near its
 * dates (the connected run of claims within ±2 days of each other, found through an index), and an
 * anchor whose place or dates change does the same around them. Every method runs inside the
 * caller's transaction and adds the incidents whose claims or fields changed to `touched`.
 */
export class IncidentResolver {
  *incident(id: string): Work<IncidentRow | null> {
    const raw = yield* get<RawIncident>(Q.incidentById, [id]);
    return raw ? incidentRowOf(raw) : null;
  }

  /** The incident an id now stands for: itself, or the one it was merged into, followed to the end. */
  *liveId(id: string): Work<string> {
    let at = id;
    for (let i = 0; i < 1_000; i++) {
      const next = yield* value<string | null>(Q.mergedInto, [at]);
      if (next === null || next === undefined) return at;
      at = next;
    }
    return at;
  }

  /**
   * Places a new claim, and returns the incident it is in. `insert` writes the claim's row, with its
   * incident when that is known before (a key's or its own, created first: one write of the row), or
   * without one (a matchable keyless claim, which grouping again then places).
   */
  *placeNewClaim(
    facts: IncidentFacts,
    now: string,
    touched: Set<string>,
    /**
     * For a keyed claim, where its key goes before merges are followed: the incident a curation
     * action routed the key to, or the key's own (the caller reads the routes of a group at once).
     */
    route: string | undefined,
    insert: (incidentId: string | null) => Work<void>,
  ): Work<string> {
    if (facts.key !== null) return yield* this.addToFixed(route ?? keyedIncidentId(facts.key), facts, true, now, touched, insert);
    if (!isMatchable(facts)) return yield* this.addToFixed(ownIncidentId(facts.id), facts, false, now, touched, insert);
    yield* insert(null);
    yield* this.regroup({ country: facts.country, placeId: facts.placeId!, first: facts.first, last: facts.last }, now, touched);
    const placed = (yield* value<string | null>(Q.claimIncident, [facts.id])) ?? null;
    if (placed === null) throw new Error(`claim ${facts.id} was not placed in an incident`);
    return placed;
  }

  /**
   * Adds a claim to a fixed incident (its key's, or its own; `target` before merges are followed),
   * creating the incident if need be. Most claims change none of the incident's fields: then only its
   * change counter moves, after one lean read.
   */
  private *addToFixed(
    target: string,
    facts: IncidentFacts,
    anchor: boolean,
    now: string,
    touched: Set<string>,
    insert: (incidentId: string) => Work<void>,
  ): Work<string> {
    // The incident the target stands for now, locked before it is read (grouping again elsewhere may
    // retire an automatic incident meanwhile: then follow it again).
    let id = target;
    let lean: LeanIncident | undefined;
    for (;;) {
      yield* lock(lockName.incident(id));
      lean = yield* get<LeanIncident>(Q.lean, [id]);
      if (!lean || lean.mergedInto === null) break;
      id = yield* this.liveId(id);
    }
    const base = lean && lean.derivation !== '{}' ? (JSON.parse(lean.derivation) as Derivation) : emptyDerivation();
    const d = addMember(base, facts, id, true);
    let cols: ResolvedColumns | null = null;
    let before: MatchWindow | null = null;
    if (!lean || d !== base || (anchor && lean.anchor === 0)) {
      const row = lean ? yield* this.incident(id) : null;
      before = row ? windowOf(row) : null;
      cols = columnsOf(id, d, row ? overridesOf(row) : {}, { anchor: anchor || (row?.anchor ?? false), needsReview: false, candidates: [] });
      yield* this.write(row, cols, now);
    }
    yield* insert(id);
    yield* run(Q.bumpSeq, [now, id]);
    touched.add(id);
    if (cols?.anchor === 1) yield* this.regroupAround(before, windowOfColumns(cols), now, touched);
    return id;
  }

  /** Groups again the keyless claims near an anchor's old and new place and dates, when they moved. */
  *regroupAround(before: MatchWindow | null, after: MatchWindow | null, now: string, touched: Set<string>): Work<void> {
    if (sameWindow(before, after)) return;
    if (before) yield* this.regroup(before, now, touched);
    if (after) yield* this.regroup(after, now, touched);
  }

  /** Derives an incident again from all its claims (after claims left or joined it, or an analyst changed it). */
  *recompute(
    id: string,
    now: string,
    touched: Set<string>,
    state?: { anchor?: boolean; needsReview?: boolean; candidates?: string[]; overrides?: IncidentOverrides },
  ): Work<void> {
    yield* lock(lockName.incident(id));
    const row = yield* this.incident(id);
    const members = (yield* all<{ facts: string; pool: number }>(Q.members, [id])).map((m) => ({ f: JSON.parse(m.facts) as IncidentFacts, pool: m.pool === 1 }));
    if (members.length === 0) return;
    const anchor = state?.anchor ?? row?.anchor ?? false;
    const pooled = new Set(members.filter((m) => m.pool).map((m) => m.f.id));
    const d = deriveIncident(id, members.map((m) => m.f).sort(byOrder), (f) => !anchor || !pooled.has(f.id));
    const cols = columnsOf(id, d, state?.overrides ?? (row ? overridesOf(row) : {}), {
      anchor,
      needsReview: state?.needsReview ?? (anchor ? false : (row?.needsReview ?? false)),
      candidates: state?.candidates ?? (anchor ? [] : (row?.candidates ?? [])),
    });
    // Its claims changed (that is why it is derived again): its report is rebuilt either way.
    if (!row || columnsDiffer(row, cols) || row.derivation !== cols.derivation) yield* this.write(row, cols, now);
    yield* run(Q.bumpSeq, [now, id]);
    touched.add(id);
  }

  /** Creates an anchor for claims an analyst puts in a new incident, before they are moved there. */
  *createAnchor(id: string, claimIds: readonly string[], overrides: IncidentOverrides, now: string): Work<void> {
    const members: IncidentFacts[] = [];
    for (const c of claimIds) members.push(yield* this.factsOf(c));
    members.sort(byOrder);
    yield* this.write(null, columnsOf(id, deriveIncident(id, members), overrides, { anchor: true, needsReview: false, candidates: [] }), now);
    yield* run(Q.bumpSeq, [now, id]);
  }

  private *factsOf(claimId: string): Work<IncidentFacts> {
    return JSON.parse((yield* value<string>(Q.factsOf, [claimId]))!) as IncidentFacts;
  }

  /** Marks an incident merged into another (`curation`) or regrouped away (`auto`). */
  *retire(id: string, into: string, by: 'auto' | 'curation', now: string): Work<void> {
    yield* lock(lockName.incident(id));
    yield* run(Q.retire, { id, into, by, now });
  }

  /** Moves a claim (and its figures) to an incident. */
  *setClaimIncident(claimId: string, incidentId: string): Work<void> {
    yield* run(Q.setClaimIncident, [incidentId, claimId]);
    yield* run(Q.setFigureIncident, [incidentId, claimId]);
  }

  /**
   * Groups again the keyless claims of one place near a window: the whole connected run of claims
   * within ±2 days of each other that reaches the window, against the anchors near it (the pure
   * clusterKeyless), then writes what changed: claims that move, incidents formed, changed or
   * emptied (an emptied one answers with the incident that has its earliest claim).
   */
  *regroup(window: MatchWindow, now: string, touched: Set<string>): Work<void> {
    const { country, placeId } = window;
    yield* lock(lockName.place(country, placeId));
    let lo = window.first;
    let hi = window.last;
    let rows: PoolRow[] = [];
    for (;;) {
      rows = yield* all<PoolRow>(POOL_NEAR_SQL, {
        country,
        placeId,
        lo: lo - MATCH_TOLERANCE_DAYS,
        hi: hi + MATCH_TOLERANCE_DAYS,
        hiMax: hi + MATCH_TOLERANCE_DAYS + MAX_MATCH_SPAN_DAYS,
      });
      let nlo = lo;
      let nhi = hi;
      for (const r of rows) {
        if (r.first < nlo) nlo = r.first;
        if (r.last > nhi) nhi = r.last;
      }
      if (nlo === lo && nhi === hi) break;
      lo = nlo;
      hi = nhi;
    }
    const anchorRows = yield* all<{ id: string; first: number; last: number }>(ANCHORS_NEAR_SQL, {
      country,
      placeId,
      lo: lo - MATCH_TOLERANCE_DAYS,
      hi: hi + MATCH_TOLERANCE_DAYS,
    });
    if (rows.length === 0) return;
    // Anchors of this place holding a claim put there by hand that is described like one of these
    // claims, however far their own dates have been moved.
    const bySignature = new Map(anchorRows.map((a) => [a.id, a]));
    for (const sigs of chunks([...new Set(rows.map((r) => r.signature))])) {
      for (const a of yield* all<{ id: string; first: number; last: number }>(Q.anchorsBySignature(sigs.length), [...sigs, country, placeId])) bySignature.set(a.id, a);
    }
    const signatures = new Map<string, Set<string>>([...bySignature.keys()].map((id) => [id, new Set<string>()]));
    for (const ids of chunks([...bySignature.keys()])) {
      for (const p of yield* all<{ incidentId: string; signature: string }>(Q.pinnedSignatures(ids.length), ids)) signatures.get(p.incidentId)!.add(p.signature);
    }
    const anchors: PlaceAnchor[] = [...bySignature.values()].map((a) => ({ ...a, signatures: signatures.get(a.id)! }));
    // Facts come with the pool's rows; others (an anchor's claims) are read when needed.
    const cache = new Map<string, IncidentFacts>(rows.map((r) => [r.id, JSON.parse(r.facts) as IncidentFacts]));
    const self = this;
    function* factsOf(id: string): Work<IncidentFacts> {
      let f = cache.get(id);
      if (!f) {
        f = yield* self.factsOf(id);
        cache.set(id, f);
      }
      return f;
    }
    const pool = rows.map((r) => ({ id: r.id, first: r.first, last: r.last, signature: r.signature }));
    // Which automatic ids are taken does not change which ids clustering asks about: ask it once to
    // learn them, read them, and cluster with the answers.
    const asked = new Set<string>();
    clusterKeyless({ country, placeId }, pool, anchors, (id) => (asked.add(id), false));
    const taken = new Set<string>();
    for (const ids of chunks([...asked])) for (const id of yield* column<string>(Q.taken(ids.length), ids)) taken.add(id);
    const { joins, autos } = clusterKeyless({ country, placeId }, pool, anchors, (id) => taken.has(id));

    const target = new Map<string, string>(joins);
    for (const a of autos) for (const c of a.claimIds) target.set(c, a.id);
    const oldMembers = new Map<string, string[]>();
    for (const r of rows) if (r.incidentId !== null) oldMembers.set(r.incidentId, [...(oldMembers.get(r.incidentId) ?? []), r.id]);

    for (const a of autos) {
      yield* lock(lockName.incident(a.id));
      const row = yield* this.incident(a.id);
      const old = oldMembers.get(a.id) ?? [];
      const live = row !== null && row.mergedInto === null;
      const sameMembers = live && sameSet(old, a.claimIds);
      const sameReview = live && row.needsReview === a.needsReview && JSON.stringify(row.candidates) === JSON.stringify(a.candidates);
      if (sameMembers && sameReview) continue;
      // Claims only joined it: a merge into its derivation; otherwise derived again from all of them.
      const grown = live && old.length > 0 && row.derivation !== '{}' && old.every((c) => target.get(c) === a.id);
      let d: Derivation;
      let unchanged = false;
      if (grown) {
        const base = derivationOf(row);
        d = base;
        for (const c of a.claimIds) if (!old.includes(c)) d = addMember(d, yield* factsOf(c), a.id, true);
        unchanged = d === base && sameReview;
      } else {
        const members: IncidentFacts[] = [];
        for (const c of a.claimIds) members.push(yield* factsOf(c));
        d = deriveIncident(a.id, members.sort(byOrder));
      }
      if (!unchanged) yield* this.write(row, columnsOf(a.id, d, {}, { anchor: false, needsReview: a.needsReview, candidates: a.candidates }), now);
      yield* run(Q.bumpSeq, [now, a.id]);
      touched.add(a.id);
    }
    const moved: PoolRow[] = rows.filter((r) => r.incidentId !== target.get(r.id));
    for (const r of moved) yield* this.setClaimIncident(r.id, target.get(r.id)!);
    // Incidents that lost claims here (anchors the claims joined before, or automatic incidents whose
    // id changed) are derived again from what they hold; one left empty answers with the incident
    // that has its earliest claim now.
    const autoIds = new Set(autos.map((a) => a.id));
    const recomputed = new Set<string>();
    for (const [id, claimIds] of oldMembers) {
      if (autoIds.has(id) || claimIds.every((c) => target.get(c) === id)) continue;
      if ((yield* value(Q.hasMembers, [id])) !== undefined) {
        yield* this.recompute(id, now, touched);
        recomputed.add(id);
      } else {
        const facts: IncidentFacts[] = [];
        for (const c of claimIds) facts.push(yield* factsOf(c));
        const earliest = facts.sort(byOrder)[0]!;
        yield* this.retire(id, target.get(earliest.id)!, 'auto', now);
      }
    }
    // Anchors that gained claims: a merge into their derivation.
    const anchorIds = new Set(anchors.map((a) => a.id));
    const gained = new Map<string, IncidentFacts[]>();
    for (const r of moved) {
      const to = target.get(r.id)!;
      if (anchorIds.has(to) && !recomputed.has(to)) gained.set(to, [...(gained.get(to) ?? []), yield* factsOf(r.id)]);
    }
    for (const [id, joined] of gained) {
      yield* lock(lockName.incident(id));
      const row = (yield* this.incident(id))!;
      let d: Derivation = derivationOf(row);
      for (const f of joined) d = addMember(d, f, id, false);
      yield* this.write(row, columnsOf(id, d, overridesOf(row), { anchor: true, needsReview: false, candidates: [] }), now);
      yield* run(Q.bumpSeq, [now, id]);
      touched.add(id);
    }
  }

  private *write(row: IncidentRow | null, cols: ResolvedColumns, now: string): Work<void> {
    if (row) yield* run(Q.updateIncident, cols);
    else yield* run(Q.insertIncident, { ...cols, now });
  }
}

export function windowOf(row: Pick<IncidentRow, 'matchCountry' | 'matchPlaceId' | 'matchFirst' | 'matchLast' | 'anchor'>): MatchWindow | null {
  if (!row.anchor || row.matchCountry === null || row.matchPlaceId === null || row.matchFirst === null || row.matchLast === null) return null;
  return { country: row.matchCountry, placeId: row.matchPlaceId, first: row.matchFirst, last: row.matchLast };
}

const windowOfColumns = (c: ResolvedColumns): MatchWindow | null =>
  windowOf({ matchCountry: c.matchCountry, matchPlaceId: c.matchPlaceId, matchFirst: c.matchFirst, matchLast: c.matchLast, anchor: c.anchor === 1 });

const sameWindow = (a: MatchWindow | null, b: MatchWindow | null): boolean =>
  a === b || (a !== null && b !== null && a.country === b.country && a.placeId === b.placeId && a.first === b.first && a.last === b.last);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
