/** `recon split ID CLAIM_ID… [--key KEY] [--title TEXT] [--note TEXT]`. */
import { stringOption, UsageError } from './cli-args.js';
import type { Command } from './command.js';
import { NOTE_OPTIONS, noteOf, runCuration } from './curation-text.js';

export const splitCommand: Command = {
  name: 'split',
  summary: 'split claims out of an incident into a new one',
  usage: `Usage: recon split ID|KEY CLAIM_ID [CLAIM_ID…] [--key KEY] [--title TEXT] [--note TEXT] [--json] [--url URL]

Puts the claims named into a new incident (with the key and title given), and keeps the rest
where they are. Later keyless claims described exactly like the ones split out (same country,
place and dates) go with them; claims with a key go to their key's incident.

Options:
  --key KEY     the new incident's key
  --title TEXT  its title
  --note TEXT   why (kept in the audit log)
  --json        the API answer as JSON
  --url URL     the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help    this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: { key: { type: 'string' }, title: { type: 'string' }, ...NOTE_OPTIONS },
  run(args, ctx) {
    const [id, ...claimIds] = args.positionals;
    if (id === undefined || claimIds.length === 0) throw new UsageError('expected ID CLAIM_ID [CLAIM_ID…]');
    const key = stringOption(args, 'key');
    const title = stringOption(args, 'title');
    const incident = { ...(key === undefined ? {} : { key }), ...(title === undefined ? {} : { title }) };
    return runCuration(args, ctx, `split ${claimIds.length} claim${claimIds.length === 1 ? '' : 's'} out of ${id}`, () =>
      ctx.client.split(id, [...new Set(claimIds)], incident, noteOf(args)),
    );
  },
};
