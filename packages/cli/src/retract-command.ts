/** `recon retract CLAIM_ID [--note TEXT]`. */
import { ApiError } from './api-client.js';
import { positionalArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { noteOf } from './curation-text.js';
import { cleanLine } from './sanitize.js';

export const retractCommand: Command = {
  name: 'retract',
  summary: 'retract a stored claim (kept and marked; its report is rebuilt without it)',
  usage: `Usage: recon retract CLAIM_ID [--note TEXT] [--url URL]

Retracts a claim: it stays stored and in its incident, marked retracted (who, when, why), and no
longer counts in the report. Kept in the audit log with the note.

Options:
  --note TEXT why (kept in the audit log)
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: { note: { type: 'string' } },
  async run(args, { client, stdout, stderr }) {
    const [id] = positionalArgs(args, ['CLAIM_ID']);
    try {
      const answer = await client.retract(id!, noteOf(args));
      writeLines(stdout, [cleanLine(`${id}: retracted (incident ${answer.incidentId ?? '—'})`)]);
      return 0;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0) throw e;
      writeLines(stderr, [cleanLine(`${id}: ${e.message}${e.status === 401 ? ' (set RECON_TOKEN to the API token)' : ''}`)]);
      return 1;
    }
  },
};
