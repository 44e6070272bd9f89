/** `recon export claims.csv|claims.ndjson|cells.csv [filters] [--out FILE]`: streams an export to stdout or a file. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { IncidentFilter } from './api-client.js';
import { flagOption, patternOption, positionalArgs, stringOption, UsageError, type ParsedArgs } from './cli-args.js';
import type { Command } from './command.js';

const FILES = ['claims.csv', 'claims.ndjson', 'cells.csv'] as const;
type ExportFile = (typeof FILES)[number];

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export interface ExportOptions {
  file: ExportFile;
  filter: Omit<IncidentFilter, 'limit' | 'offset'>;
  out: string | undefined;
}

export function exportOptions(args: ParsedArgs): ExportOptions {
  const [file] = positionalArgs(args, ['FILE']) as [string];
  if (!(FILES as readonly string[]).includes(file)) throw new UsageError(`the export is one of ${FILES.join(', ')}, not "${file}"`);
  const filter = Object.fromEntries(
    Object.entries({
      country: patternOption(args, 'country', COUNTRY, 'a two-letter country code such as ML')?.toUpperCase(),
      from: patternOption(args, 'from', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
      to: patternOption(args, 'to', DATE, 'a date YYYY-MM-DD or YYYY-MM'),
      q: stringOption(args, 'q'),
      disputed: flagOption(args, 'disputed') || undefined,
      needsReview: flagOption(args, 'needs-review') || undefined,
    }).filter(([, v]) => v !== undefined),
  ) as ExportOptions['filter'];
  return { file: file as ExportFile, filter, out: stringOption(args, 'out') };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'download claims (CSV or NDJSON, one row per figure) or cells (CSV), with the incident filters',
  usage: `Usage: recon export claims.csv|claims.ndjson|cells.csv [--country CC] [--from DATE] [--to DATE] [--q TEXT] [--disputed] [--needs-review] [--out FILE] [--url URL]

Streams an export of the incidents the filters select (all of them without filters):
  claims.csv     one row per figure: incident, claimant, relays, count and its interval, wording,
                 source, perspective, current or superseded, retracted. Edit it and submit it again
                 with "recon submit FILE.csv".
  claims.ndjson  the same rows, one JSON object a line
  cells.csv      one row per incident × party × outcome: range, agreement, consensus, claimants,
                 range per perspective
Text cells that a spreadsheet would run as a formula (= + - @) are written with a leading apostrophe.

Options:
  --country CC    only this country (ISO 3166-1 alpha-2, e.g. ML)
  --from DATE     only incidents from this date (YYYY-MM-DD or YYYY-MM)
  --to DATE       only incidents up to this date
  --q TEXT        only incidents whose key, title or location contains TEXT
  --disputed      only incidents with at least one disputed cell
  --needs-review  only incidents marked for review
  --out FILE      write to FILE instead of stdout
  --url URL       the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help      this help`,
  options: {
    country: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    q: { type: 'string' },
    disputed: { type: 'boolean' },
    'needs-review': { type: 'boolean' },
    out: { type: 'string' },
  },
  async run(args, { client, stdout }) {
    const options = exportOptions(args);
    const file = options.out === undefined ? null : createWriteStream(options.out);
    try {
      for await (const chunk of client.exportFile(options.file, options.filter)) {
        if (file) {
          if (!file.write(chunk)) await once(file, 'drain');
        } else stdout.write(chunk);
      }
    } finally {
      if (file) {
        file.end();
        await once(file, 'close');
      }
    }
    return 0;
  },
};
