/** `recon export claims.csv|claims.ndjson|cells.csv [filters] [--out FILE]`: streams an export to stdout or a file. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { positionalArgs, stringOption, UsageError, type ParsedArgs } from './cli-args.js';
import type { Command } from './command.js';
import { FILTER_OPTIONS, FILTER_USAGE, filterOptions, type FilterOptions } from './filter-options.js';

const FILES = ['claims.csv', 'claims.ndjson', 'cells.csv'] as const;
type ExportFile = (typeof FILES)[number];

export interface ExportOptions {
  file: ExportFile;
  filter: FilterOptions;
  out: string | undefined;
}

export function exportOptions(args: ParsedArgs): ExportOptions {
  const [file] = positionalArgs(args, ['FILE']) as [string];
  if (!(FILES as readonly string[]).includes(file)) throw new UsageError(`the export is one of ${FILES.join(', ')}, not "${file}"`);
  return { file: file as ExportFile, filter: filterOptions(args), out: stringOption(args, 'out') };
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
${FILTER_USAGE}
  --out FILE      write to FILE instead of stdout
  --url URL       the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help      this help`,
  options: {
    ...FILTER_OPTIONS,
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
