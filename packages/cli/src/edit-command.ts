/** `recon edit ID [--title T] [--location L] … [--clear FIELD] [--note TEXT]`. */
import type { IncidentEdit } from './api-client.js';
import { positionalArgs, stringOption, UsageError, type ParsedArgs } from './cli-args.js';
import type { Command } from './command.js';
import { NOTE_OPTIONS, noteOf, runCuration } from './curation-text.js';

const TEXT_FIELDS = ['key', 'title', 'location', 'admin1'] as const;
const FIELDS = ['key', 'title', 'location', 'admin1', 'lat', 'lon', 'startDate', 'endDate'] as const;

/** The fields an edit sets, from the options; `--clear F` gives F back to the claims. */
export function editFields(args: ParsedArgs): IncidentEdit {
  const out: Record<string, string | number | null> = {};
  for (const f of TEXT_FIELDS) {
    const v = stringOption(args, f);
    if (v !== undefined) out[f] = v;
  }
  for (const [opt, f] of [['start', 'startDate'], ['end', 'endDate']] as const) {
    const v = stringOption(args, opt);
    if (v !== undefined) out[f] = v;
  }
  for (const f of ['lat', 'lon'] as const) {
    const v = stringOption(args, f);
    if (v === undefined) continue;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${f} must be a number, not "${v}"`);
    out[f] = n;
  }
  const clear = args.values.clear;
  for (const f of (Array.isArray(clear) ? clear : typeof clear === 'string' ? [clear] : []) as string[]) {
    if (!(FIELDS as readonly string[]).includes(f)) throw new UsageError(`--clear takes one of ${FIELDS.join(', ')}, not "${f}"`);
    out[f] = null;
  }
  if (Object.keys(out).length === 0) throw new UsageError('give at least one field to set or --clear');
  return out as IncidentEdit;
}

export const editCommand: Command = {
  name: 'edit',
  summary: "correct an incident's fields by hand",
  usage: `Usage: recon edit ID|KEY [--title T] [--location L] [--admin1 A] [--lat N] [--lon N] [--start DATE] [--end DATE] [--key K] [--clear FIELD]… [--note TEXT] [--json] [--url URL]

Sets fields by hand: your value overrides what the claims say, and the incident shows the field as
set by hand. --clear FIELD (key, title, location, admin1, lat, lon, startDate, endDate) gives a
field back to the claims. The end date may not be before the start date.

Options:
  --note TEXT   why (kept in the audit log)
  --json        the API answer as JSON
  --url URL     the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help    this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: {
    key: { type: 'string' },
    title: { type: 'string' },
    location: { type: 'string' },
    admin1: { type: 'string' },
    lat: { type: 'string' },
    lon: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    clear: { type: 'string', multiple: true },
    ...NOTE_OPTIONS,
  },
  run(args, ctx) {
    const [id] = positionalArgs(args, ['ID']);
    const fields = editFields(args);
    return runCuration(args, ctx, `edit ${id}`, () => ctx.client.edit(id!, fields, noteOf(args)));
  },
};
