/** `recon report ID|KEY [--version N] [--json]`. */
import { flagOption, intOption, positionalArgs, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { renderReport } from './report-text.js';
import { toSafeJson } from './sanitize.js';

export interface ReportOptions {
  incident: string;
  version?: number;
  json: boolean;
}

export function reportOptions(args: ParsedArgs): ReportOptions {
  const [incident] = positionalArgs(args, ['ID|KEY']) as [string];
  const version = intOption(args, 'version', 1);
  return { incident, json: flagOption(args, 'json'), ...(version === undefined ? {} : { version }) };
}

export const reportCommand: Command = {
  name: 'report',
  summary: "print an incident's reconciliation report",
  usage: `Usage: recon report ID|KEY [--version N] [--json] [--url URL]

Prints the reconciliation report of an incident, by its id or its key: per party and outcome, the
range of what was claimed, where claims agree or disagree, every claim with who said it, through
whom and when, and the totals per claimant.

Options:
  --version N  a past version of the report (default: the latest)
  --json       the report JSON as the API answers it
  --url URL    the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help   this help`,
  options: {
    version: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout }) {
    const options = reportOptions(args);
    const report = await client.report(options.incident, options.version);
    writeLines(stdout, options.json ? [toSafeJson(report)] : renderReport(report));
    return 0;
  },
};
