/** `recon review ID [--decision confirmed|merged|split] [--note TEXT]`. */
import { patternOption, positionalArgs } from './cli-args.js';
import type { Command } from './command.js';
import { NOTE_OPTIONS, noteOf, runCuration } from './curation-text.js';

export const reviewCommand: Command = {
  name: 'review',
  summary: "settle an incident's review",
  usage: `Usage: recon review ID|KEY [--decision confirmed|merged|split] [--note TEXT] [--json] [--url URL]

Settles the review of an incident marked "needs review" ("recon incidents --needs-review" lists
them): it keeps its claims and is no longer listed. To merge or split it, use "recon merge" or
"recon split" (and say so with --decision).

Options:
  --decision D  confirmed (the default), merged or split
  --note TEXT   why (kept in the audit log)
  --json        the API answer as JSON
  --url URL     the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help    this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: { decision: { type: 'string' }, ...NOTE_OPTIONS },
  run(args, ctx) {
    const [id] = positionalArgs(args, ['ID']);
    const decision = (patternOption(args, 'decision', /^(confirmed|merged|split)$/, 'confirmed, merged or split') ?? 'confirmed') as
      | 'confirmed'
      | 'merged'
      | 'split';
    return runCuration(args, ctx, `review ${id} (${decision})`, () => ctx.client.review(id!, decision, noteOf(args)));
  },
};
