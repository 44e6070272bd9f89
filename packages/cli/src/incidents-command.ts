/** `recon incidents [--country ML] [--from DATE] [--to DATE] [--q TEXT] [--disputed] [--needs-review] [--limit N] [--json]`. */
import type { IncidentFilter, IncidentListItem } from './api-client.js';
import { flagOption, intOption, positionalArgs, type ParsedArgs } from './cli-args.js';
import { FILTER_OPTIONS, FILTER_USAGE, filterOptions } from './filter-options.js';
import { writeLines, type Command } from './command.js';
import { toSafeJson } from './sanitize.js';
import { textTable } from './text-table.js';

export interface IncidentsOptions {
  filter: IncidentFilter;
  json: boolean;
}

export function incidentsOptions(args: ParsedArgs): IncidentsOptions {
  positionalArgs(args, []);
  const limit = intOption(args, 'limit', 1);
  const filter: IncidentFilter = { ...filterOptions(args), ...(limit === undefined ? {} : { limit }) };
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
${FILTER_USAGE}
  --limit N       at most N incidents
  --json          the API answer as JSON
  --url URL       the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help      this help`,
  options: {
    ...FILTER_OPTIONS,
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
