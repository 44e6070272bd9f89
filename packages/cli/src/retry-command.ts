/** `recon retry ID [ID…]`: queues failed claims again. */
import { ApiError, type ClaimStatus } from './api-client.js';
import { UsageError, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { fieldErrorText } from './field-error-text.js';
import { cleanLine } from './sanitize.js';

export interface RetryOptions {
  /** Each id once, in the order given. */
  ids: string[];
}

export function retryOptions(args: ParsedArgs): RetryOptions {
  if (args.positionals.length === 0) throw new UsageError('expected ID [ID…], got none');
  if (args.positionals.some((id) => id.trim() === '')) throw new UsageError('a claim id cannot be empty');
  return { ids: [...new Set(args.positionals)] };
}

/** `ID: queued` for an accepted retry. */
export function retriedLine(id: string, answer: ClaimStatus): string {
  return cleanLine(`${id}: ${answer.status}`);
}

/** `ID: message` for a refused retry, then its field errors (why an invalid claim cannot be retried). */
export function refusedLines(id: string, e: ApiError): string[] {
  const hint = e.status === 401 ? ' (set RECON_TOKEN to the API token)' : '';
  return [cleanLine(`${id}: ${e.message}${hint}`), ...e.errors.map((err) => `  ${fieldErrorText(err)}`)];
}

export const retryCommand: Command = {
  name: 'retry',
  summary: 'queue failed claims again',
  usage: `Usage: recon retry ID [ID…] [--url URL]

Queues failed claims again (valid claims whose ingest failed for good; "recon failures --json"
lists their ids). Prints "ID: queued", or "ID: <why not>" for a claim that cannot be retried: an
unknown id, a claim stored already, or an invalid one (correct it and submit it again). Exits with
1 when any retry was refused.

Options:
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: {},
  async run(args, { client, stdout }) {
    const { ids } = retryOptions(args);
    let refused = 0;
    for (const id of ids) {
      try {
        writeLines(stdout, [retriedLine(id, await client.retry(id))]);
      } catch (e) {
        // No answer at all (unreachable, timeout): the other ids would fare no better.
        if (!(e instanceof ApiError) || e.status === 0) throw e;
        writeLines(stdout, refusedLines(id, e));
        refused += 1;
      }
    }
    return refused > 0 ? 1 : 0;
  },
};
