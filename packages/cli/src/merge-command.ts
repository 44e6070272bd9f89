/** `recon merge ID --into ID [--note TEXT]`. */
import { positionalArgs, stringOption, UsageError } from './cli-args.js';
import type { Command } from './command.js';
import { NOTE_OPTIONS, noteOf, runCuration } from './curation-text.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge an incident into another (its id and key then answer with the other)',
  usage: `Usage: recon merge ID|KEY --into ID|KEY [--note TEXT] [--json] [--url URL]

Moves every claim of the first incident into the second. The first one's id and key keep
answering, with the second. Kept in the audit log with your token's name and the note.

Options:
  --into ID   the incident that remains
  --note TEXT why (kept in the audit log)
  --json      the API answer as JSON
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: { into: { type: 'string' }, ...NOTE_OPTIONS },
  run(args, ctx) {
    const [id] = positionalArgs(args, ['ID']);
    const into = stringOption(args, 'into');
    if (into === undefined) throw new UsageError('--into ID is required');
    return runCuration(args, ctx, `merge ${id} into ${into}`, () => ctx.client.merge(id!, into, noteOf(args)));
  },
};
