/** `recon history ID [--json]`: an incident's audit trail. */
import { flagOption, positionalArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { eventLine } from './curation-text.js';
import { toSafeJson } from './sanitize.js';

export const historyCommand: Command = {
  name: 'history',
  summary: "an incident's audit trail: who merged, split, moved, edited, reviewed or retracted what",
  usage: `Usage: recon history ID|KEY [--json] [--url URL]

Lists the curation actions on an incident (and on the incidents merged into it), oldest first:
when, who, what, and the note.

Options:
  --json      the API answer as JSON
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help`,
  options: { json: { type: 'boolean' } },
  async run(args, { client, stdout }) {
    const [id] = positionalArgs(args, ['ID']);
    const answer = await client.history(id!);
    writeLines(stdout, flagOption(args, 'json') ? [toSafeJson(answer)] : answer.events.length === 0 ? ['No curation actions yet.'] : answer.events.map(eventLine));
    return 0;
  },
};
