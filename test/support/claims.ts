/** Small builders of valid claims for tests. */
export interface ClaimOptions {
  key?: string;
  country?: string;
  location?: string;
  startDate?: string;
  endDate?: string;
  title?: string;
  claimant?: string;
  claimantKind?: string;
  statedAt?: string;
  party?: string;
  outcome?: string;
  count?: Record<string, unknown>;
}

export function claim(o: ClaimOptions = {}): Record<string, unknown> {
  const startDate = o.startDate ?? '2024-07-25';
  return {
    incident: {
      ...(o.key === undefined ? {} : { key: o.key }),
      country: o.country ?? 'ML',
      ...(o.location === undefined ? {} : { location: o.location }),
      ...(o.title === undefined ? {} : { title: o.title }),
      startDate,
      ...(o.endDate === undefined ? {} : { endDate: o.endDate }),
    },
    claimant: { name: o.claimant ?? 'JNIM', kind: o.claimantKind ?? 'armed_group' },
    statedAt: o.statedAt ?? startDate,
    figures: [{ party: o.party ?? 'Wagner', outcome: o.outcome ?? 'killed', count: o.count ?? { exact: 50 } }],
  };
}
