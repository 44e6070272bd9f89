/** `recon move CLAIM_ID --to ID [--note TEXT]`. */
import { positionalArgs, stringOption, UsageError } from './cli-args.js';
import type { Command } from './command.js';
import { NOTE_OPTIONS, noteOf, runCuration } from './curation-text.js';

export const moveCommand: Command = {
  name: 'move',
  summary: 'move a claim to another incident',
  usage: `Usage: recon move CLAIM_ID --to ID|KEY [--note TEXT] [--json] [--url URL]

Puts a claim in another incident, where later claims no longer move it from. An incident left
without claims answers with the one the claim went to.

Options:
  --to ID     the incident the claim goes to
  --note TEXT why (kept in the audit log)
  --json      the API answer as JSON
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: { to: { type: 'string' }, ...NOTE_OPTIONS },
  run(args, ctx) {
    const [claimId] = positionalArgs(args, ['CLAIM_ID']);
    const to = stringOption(args, 'to');
    if (to === undefined) throw new UsageError('--to ID is required');
    return runCuration(args, ctx, `move ${claimId} to ${to}`, () => ctx.client.move(claimId!, to, noteOf(args)));
  },
};
