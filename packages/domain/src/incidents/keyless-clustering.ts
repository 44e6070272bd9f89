import { incidentIdFor, MAX_AUTO_SPAN_DAYS, near } from './incident-facts.js';

/** A keyless claim at one place that is matched by dates. */
export interface PoolClaim {
  id: string;
  first: number;
  last: number;
  signature: string;
}

/**
 * An incident fixed by a key or by an analyst, at the same place: keyless claims join it by dates
 * (its core span), and a claim described exactly like one put there by hand goes there.
 */
export interface PlaceAnchor {
  id: string;
  first: number;
  last: number;
  /** Signatures of the claims an analyst put there. */
  signatures: ReadonlySet<string>;
}

/** An incident formed automatically from keyless claims. */
export interface AutoIncident {
  id: string;
  claimIds: string[];
  first: number;
  last: number;
  needsReview: boolean;
  /** Incidents the claims could also belong to, when needsReview. */
  candidates: string[];
}

export interface Clustering {
  /** Claim id → the anchor it joins. */
  joins: Map<string, string>;
  autos: AutoIncident[];
}

type Ref = { anchor: string } | { cluster: number };
interface Cluster {
  seed: PoolClaim;
  claimIds: string[];
  first: number;
  last: number;
  review: boolean;
  refs: Ref[];
}

const sameRef = (a: Ref, b: Ref): boolean => ('anchor' in a ? 'anchor' in b && a.anchor === b.anchor : 'cluster' in b && a.cluster === b.cluster);

/** Whether a claim may join a cluster without the cluster outgrowing MAX_AUTO_SPAN_DAYS. */
function fits(k: Cluster, c: PoolClaim): boolean {
  const first = Math.min(k.first, c.first);
  const last = Math.max(k.last, c.last);
  return last - first + 1 <= MAX_AUTO_SPAN_DAYS || (c.first === k.first && c.last === k.last);
}

/**
 * Groups the keyless claims of one place (country and canonical place) into incidents: a pure
 * function of the set of claims and anchors, whatever order they came in.
 *
 * Claims are taken in a canonical order (first day, last day, claim id). Each one:
 * 1. goes to the one anchor holding a claim an analyst put there with the same description;
 * 2. else, of the anchors and automatic incidents within ±2 days (automatic ones only while they
 *    stay within MAX_AUTO_SPAN_DAYS), joins the only one;
 * 3. else, with none, opens an automatic incident;
 * 4. else (several) joins the review incident that already stands for the same choice, or opens
 *    one, marked needsReview, listing the candidates.
 * An automatic incident longer than MAX_AUTO_SPAN_DAYS (a claim dated only by month) that comes
 * near others is marked for review too. Ids: a digest of the place and first day, or, when that is
 * taken (`taken`, or an earlier incident of this call), of the place, first day and first claim.
 */
export function clusterKeyless(
  place: { country: string; placeId: string },
  pool: readonly PoolClaim[],
  anchors: readonly PlaceAnchor[],
  taken: (id: string) => boolean = () => false,
): Clustering {
  const sorted = [...pool].sort((a, b) => a.first - b.first || a.last - b.last || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const joins = new Map<string, string>();
  const clusters: Cluster[] = [];
  const open = (c: PoolClaim, review: boolean, refs: Ref[]): void => {
    clusters.push({ seed: c, claimIds: [c.id], first: c.first, last: c.last, review, refs });
  };
  const join = (k: Cluster, c: PoolClaim): void => {
    k.claimIds.push(c.id);
    k.first = Math.min(k.first, c.first);
    k.last = Math.max(k.last, c.last);
  };

  for (const c of sorted) {
    const bySignature = anchors.filter((a) => a.signatures.has(c.signature));
    if (bySignature.length === 1) {
      joins.set(c.id, bySignature[0]!.id);
      continue;
    }
    const refs: Ref[] = [
      ...anchors.filter((a) => near(a, c)).map((a) => ({ anchor: a.id })),
      ...clusters.flatMap((k, i) => (near(k, c) && fits(k, c) ? [{ cluster: i }] : [])),
    ];
    if (refs.length === 0) {
      open(c, false, []);
      continue;
    }
    if (refs.length === 1) {
      const only = refs[0]!;
      if ('anchor' in only) joins.set(c.id, only.anchor);
      else join(clusters[only.cluster]!, c);
      continue;
    }
    // Several: the review incident that already stands for this choice, if one does.
    const same = refs.find((r) => {
      if (!('cluster' in r)) return false;
      const k = clusters[r.cluster]!;
      return k.review && refs.every((o) => sameRef(o, r) || k.refs.some((kr) => sameRef(kr, o)));
    });
    if (same && 'cluster' in same) join(clusters[same.cluster]!, c);
    else open(c, true, refs);
  }

  // A long incident (a claim dated by month) near others is flagged rather than silently kept apart.
  clusters.forEach((k, i) => {
    if (k.last - k.first + 1 <= MAX_AUTO_SPAN_DAYS) return;
    const others: Ref[] = [
      ...anchors.filter((a) => near(a, k)).map((a) => ({ anchor: a.id })),
      ...clusters.flatMap((o, j) => (j !== i && near(o, k) ? [{ cluster: j }] : [])),
    ];
    if (others.length === 0) return;
    k.review = true;
    for (const r of others) if (!k.refs.some((kr) => sameRef(kr, r))) k.refs.push(r);
  });

  const used = new Set<string>();
  const ids = clusters.map((k) => {
    const plain = incidentIdFor(`place:${place.country}:${place.placeId}:${k.first}`);
    const id = used.has(plain) || taken(plain) ? incidentIdFor(`place:${place.country}:${place.placeId}:${k.first}:${k.seed.id}`) : plain;
    used.add(id);
    return id;
  });
  const autos = clusters.map((k, i) => ({
    id: ids[i]!,
    claimIds: [...k.claimIds].sort(),
    first: k.first,
    last: k.last,
    needsReview: k.review,
    candidates: k.review ? [...new Set(k.refs.map((r) => ('anchor' in r ? r.anchor : ids[r.cluster]!)))].sort() : [],
  }));
  return { joins, autos };
}
