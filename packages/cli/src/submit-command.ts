/** `recon submit FILE|- [--batch N] [--json]`: enqueues claims in batches. */
import { LIMITS } from '@recon/domain';
import { ApiError, type SubmitAnswer } from './api-client.js';
import { flagOption, intOption, positionalArgs, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command, type Output } from './command.js';
import { InputError, parseClaimsInput } from '@recon/exchange';
import { cleanLine, toSafeJson } from './sanitize.js';

const DEFAULT_BATCH = 500;

export interface SubmitOptions {
  source: string;
  batchSize: number;
  json: boolean;
}

export function submitOptions(args: ParsedArgs): SubmitOptions {
  const [source] = positionalArgs(args, ['FILE|-']) as [string];
  const batchSize = intOption(args, 'batch', 1, LIMITS.maxBatch) ?? DEFAULT_BATCH;
  return { source, batchSize, json: flagOption(args, 'json') };
}

/** Consecutive slices of at most `size` items. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** A batch's answer with its indexes moved to positions in the whole input. */
export function rebase(answer: SubmitAnswer, offset: number): SubmitAnswer {
  return {
    accepted: answer.accepted.map((a) => ({ ...a, index: a.index + offset })),
    rejected: answer.rejected.map((r) => ({ ...r, index: r.index + offset })),
  };
}

export function mergeAnswers(answers: readonly SubmitAnswer[]): SubmitAnswer {
  return {
    accepted: answers.flatMap((a) => a.accepted),
    rejected: answers.flatMap((a) => a.rejected),
  };
}

/** Counts of queued / duplicate / rejected, then one `#index: path message` line per error. */
export function renderSubmitSummary(answer: SubmitAnswer): string[] {
  const count = (status: string): number => answer.accepted.filter((a) => a.status === status).length;
  const errors = answer.rejected.flatMap((r) =>
    r.errors.map((e) => cleanLine(`#${r.index}: ${e.path === '' ? '' : `${e.path} `}${e.message}`)),
  );
  const warnings = answer.accepted.flatMap((a) =>
    (a.warnings ?? []).map((w) => cleanLine(`#${a.index}: warning: ${w.path} ${w.message}`)),
  );
  return [`queued: ${count('queued')}`, `duplicate: ${count('duplicate')}`, `rejected: ${answer.rejected.length}`, ...errors, ...warnings];
}

/** A failed batch, said with how far the submission got and how to go on. */
function batchFailure(e: ApiError, done: number, total: number): ApiError {
  const hint = e.status === 413 ? '; try a smaller --batch' : '';
  const progress =
    done === 0 ? '' : ` (after ${done}/${total} claims were submitted; submitting again is safe: those answer as duplicates)`;
  return new ApiError(e.status, e.code, `${e.message}${hint}${progress}`);
}

/** Progress on stderr, only when it is a terminal: `submitted 1500/5000`, rewritten in place. */
function progressReporter(stderr: Output, total: number): { update(done: number): void; end(): void } {
  let shown = false;
  return {
    update(done) {
      if (stderr.isTTY !== true) return;
      stderr.write(`\rsubmitted ${done}/${total}`);
      shown = true;
    },
    end() {
      if (shown) stderr.write('\n');
    },
  };
}

export const submitCommand: Command = {
  name: 'submit',
  summary: 'enqueue claims from a file or stdin (JSON, JSON array, {"claims": [...]}, NDJSON, or a claims export as CSV or NDJSON)',
  usage: `Usage: recon submit FILE|- [--batch N] [--json] [--url URL]

Enqueues claims read from FILE, or from stdin with "-": one JSON claim, a JSON array of claims,
{ "claims": [...] } (with optional "defaults": source, via, incident, statedAt shared by the claims;
a claim's own fields win), NDJSON (one claim per line), or the rows of "recon export claims.csv" or
"recon export claims.ndjson" (grouped back into claims by claim_id, figures in figure order; retracted
claims left out, with a note on stderr), so an export can be edited and submitted again. Claims go in batches; submitting the same claim
again is harmless (it answers "duplicate"). Prints the counts of queued, duplicate and rejected
claims, then every rejection as "#<index>: <path> <message>" (index: position in the input, from 0),
then every warning on an accepted claim as "#<index>: warning: <path> <message>".
Exits with 1 when any claim was rejected.

Options:
  --batch N   claims per request, 1 to ${LIMITS.maxBatch} (default ${DEFAULT_BATCH})
  --json      the merged API answer as JSON
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help

Environment: RECON_TOKEN, the bearer token for writes.`,
  options: {
    batch: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout, stderr, readInput }) {
    const options = submitOptions(args);
    const { items, notes = [] } = parseClaimsInput(await readInput(options.source));
    writeLines(stderr, notes.map((n) => `recon submit: ${n}`));
    if (items.length === 0) throw new InputError('the input holds no claims');
    const progress = progressReporter(stderr, items.length);
    const answers: SubmitAnswer[] = [];
    let done = 0;
    try {
      for (const batch of batchesOf(items, options.batchSize)) {
        answers.push(rebase(await client.submit(batch), done));
        done += batch.length;
        progress.update(done);
      }
    } catch (e) {
      throw e instanceof ApiError ? batchFailure(e, done, items.length) : e;
    } finally {
      progress.end();
    }
    const merged = mergeAnswers(answers);
    writeLines(stdout, options.json ? [toSafeJson(merged)] : renderSubmitSummary(merged));
    return merged.rejected.length > 0 ? 1 : 0;
  },
};
