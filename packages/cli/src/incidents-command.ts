/** `recon incidents [--country ML] [--from DATE] [--to DATE] [--q TEXT] [--disputed] [--needs-review] [--limit N] [--json]`. */
import type { IncidentFilter, IncidentListItem } from './api-client.js';
import { flagOption, intOption, patternOption, positionalArgs, stringOption, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { toSafeJson } from './sanitize.js';
import { textTable } from './text-table.js';

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export interface IncidentsOptions {
  filter: IncidentFilter;
  json: boolean;
}

/** Only the options that were given: the API's defaults apply to the rest. */
function definedOnly(filter: IncidentFilter): IncidentFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as IncidentFilter;
}

export function incidentsOptions(args: ParsedArgs): IncidentsOptions {
  positionalArgs(args, []);
  const filter = definedOnly({
    country: patternOption(args, 'country', COUNTRY, 'a two-letter country code such as ML')?.toUpperCase(),
    from: patternOption(args, 'from', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
    to: patternOption(args, 'to', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
    q: stringOption(args, 'q'),
    disputed: flagOption(args, 'disputed') || undefined,
    needsReview: flagOption(args, 'needs-review') || undefined,
    limit: intOption(args, 'limit', 1),
  });
  return { filter, json: flagOption(args, 'json') };
}

const HEADER = ['ID', 'KEY', 'COUNTRY', 'START', 'LOCATION', 'CLAIMS', 'DISPUTED', 'SUMMARY'];

function incidentRow(i: IncidentListItem): string[] {
  const location = `${i.location ?? '—'}${i.needsReview ? ' (needs review)' : ''}`;
  return [i.id, i.key ?? '—', i.country, i.startDate, location, String(i.claimCount), String(i.disputedCells), i.summary];
}

/** The incident list as text lines: a table, or a note when nothing matched. */
export function renderIncidents(incidents: readonly IncidentListItem[]): string[] {
  return incidents.length === 0 ? ['No incidents match.'] : textTable([HEADER, ...incidents.map(incidentRow)]);
}

export const incidentsCommand: Command = {
  name: 'incidents',
  summary: 'list incidents, with a one-line summary each',
  usage: `Usage: recon incidents [--country CC] [--from DATE] [--to DATE] [--q TEXT] [--disputed] [--needs-review] [--limit N] [--json] [--url URL]

Lists incidents with their claims, disputed cells and a one-line summary of the claimed ranges.

Options:
  --country CC  only this country (ISO 3166-1 alpha-2, e.g. ML)
  --from DATE   only incidents from this date (YYYY-MM-DD or YYYY-MM)
  --to DATE     only incidents up to this date
  --q TEXT      only incidents whose key, title or location contains TEXT
  --disputed    only incidents with at least one disputed cell
  --needs-review  only incidents marked for review (a claim that fits several incidents)
  --limit N     at most N incidents
  --json        the API answer as JSON
  --url URL     the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help    this help`,
  options: {
    country: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    q: { type: 'string' },
    disputed: { type: 'boolean' },
    'needs-review': { type: 'boolean' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout }) {
    const options = incidentsOptions(args);
    const answer = await client.incidents(options.filter);
    writeLines(stdout, options.json ? [toSafeJson(answer)] : renderIncidents(answer.incidents));
    return 0;
  },
};
