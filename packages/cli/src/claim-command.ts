/** `recon claim ID [--json]`: one claim's status. */
import type { ClaimStatus } from './api-client.js';
import { flagOption, positionalArgs, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { fieldErrorText } from './field-error-text.js';
import { cleanLine, toSafeJson } from './sanitize.js';
import { textTable } from './text-table.js';

const NONE = '—';

export interface ClaimOptions {
  id: string;
  json: boolean;
}

export function claimOptions(args: ParsedArgs): ClaimOptions {
  const [id] = positionalArgs(args, ['ID']) as [string];
  return { id, json: flagOption(args, 'json') };
}

/** The claim's status as text lines: its facts, then its errors one per line. */
export function renderClaimStatus(claim: ClaimStatus): string[] {
  const rows: [string, string][] = [
    ['status', claim.status],
    ['incident', claim.incidentId ?? NONE],
  ];
  if (claim.attempts !== undefined) rows.push(['attempts', String(claim.attempts)]);
  if (claim.retractedAt !== undefined) rows.push(['retracted at', claim.retractedAt ?? NONE]);
  if (claim.retractedBy !== undefined) rows.push(['retracted by', claim.retractedBy ?? NONE]);
  const errors = claim.errors.length === 0 ? [] : ['', `Errors: ${claim.errors.length}`, ...claim.errors.map((e) => `  ${fieldErrorText(e)}`)];
  const hint = claim.status === 'failed' ? ['', `"recon retry ${cleanLine(claim.id)}" queues it again.`] : [];
  return [cleanLine(`Claim ${claim.id}`), ...textTable(rows, { indent: '  ' }), ...errors, ...hint];
}

export const claimCommand: Command = {
  name: 'claim',
  summary: "print a claim's status (queued, stored, rejected, failed or retracted)",
  usage: `Usage: recon claim ID [--json] [--url URL]

Prints the status of a claim, by its id (as "recon submit --json" and "recon failures --json" show
it): queued, stored (with its incident), rejected (invalid, with its errors), failed (valid, but
its ingest failed for good: "recon retry ID" queues it again) or retracted (when and by whom);
with the attempts made for rejected and failed claims.

Options:
  --json      the API answer as JSON
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help`,
  options: {
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout }) {
    const options = claimOptions(args);
    const claim = await client.claim(options.id);
    writeLines(stdout, options.json ? [toSafeJson(claim)] : renderClaimStatus(claim));
    return 0;
  },
};
