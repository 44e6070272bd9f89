/** `recon failures [--status failed|rejected] [--limit N] [--json]`: claims that did not make it in. */
import type { ProblemClaim, ProblemStatus } from './api-client.js';
import { flagOption, intOption, patternOption, positionalArgs, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { fieldErrorText } from './field-error-text.js';
import { cleanLine, toSafeJson } from './sanitize.js';
import { textTable, truncate } from './text-table.js';

/** What GET /claims answers when no limit is given, and the most it answers. */
export const DEFAULT_FAILURES_LIMIT = 100;
export const MAX_FAILURES_LIMIT = 1000;

const SHORT_ID = 12;
const ERROR_WIDTH = 70;
const NONE = '—';

/** Failed first: those are the ones `recon retry` can do something about. */
const ALL_STATUSES: readonly ProblemStatus[] = ['failed', 'rejected'];

export interface FailuresOptions {
  statuses: readonly ProblemStatus[];
  limit: number;
  json: boolean;
}

export function failuresOptions(args: ParsedArgs): FailuresOptions {
  positionalArgs(args, []);
  const status = patternOption(args, 'status', /^(failed|rejected)$/, 'failed or rejected') as ProblemStatus | undefined;
  const limit = intOption(args, 'limit', 1, MAX_FAILURES_LIMIT) ?? DEFAULT_FAILURES_LIMIT;
  return { statuses: status === undefined ? ALL_STATUSES : [status], limit, json: flagOption(args, 'json') };
}

/** The first 12 characters of an id, marked `…` when cut (`--json` shows whole ids). */
export const shortId = (id: string): string => {
  const clean = cleanLine(id);
  return [...clean].length <= SHORT_ID ? clean : `${[...clean].slice(0, SHORT_ID).join('')}…`;
};

/** The first error, cut to fit, with how many more there are. */
function firstErrorText(claim: ProblemClaim): string {
  const [first] = claim.errors;
  if (first === undefined) return NONE;
  const more = claim.errors.length > 1 ? ` (+${claim.errors.length - 1} more)` : '';
  return `${truncate(fieldErrorText(first), ERROR_WIDTH)}${more}`;
}

const HEADER = ['ID', 'ATTEMPTS', 'STAGE', 'LAST SEEN', 'FIRST ERROR'];

function problemRow(claim: ProblemClaim): string[] {
  return [shortId(claim.id), String(claim.attempts), claim.stage ?? NONE, claim.lastAt, firstErrorText(claim)];
}

const TITLES: Record<ProblemStatus, string> = { failed: 'Failed claims', rejected: 'Rejected claims' };

/** What to do about the claims of a list. */
const HINTS: Record<ProblemStatus, string> = {
  failed: '  Valid claims whose ingest failed for good: "recon retry ID…" queues them again (whole ids: --json).',
  rejected: '  Invalid claims: correct them and submit them again ("recon claim ID" shows all their errors).',
};

/** One list as text lines: a heading with the count, then a table and a hint (or "None."). */
export function renderProblemClaims(status: ProblemStatus, claims: readonly ProblemClaim[], limit: number): string[] {
  const more = claims.length >= limit ? ` (the most recent ${limit}; --limit N shows more)` : '';
  const heading = `${TITLES[status]}: ${claims.length}${more}`;
  if (claims.length === 0) return [heading];
  return [heading, ...textTable([HEADER, ...claims.map(problemRow)], { indent: '  ' }), HINTS[status]];
}

export type ProblemLists = Partial<Record<ProblemStatus, ProblemClaim[]>>;

/** Every list that was fetched, failed first, a blank line between them. */
export function renderFailures(lists: ProblemLists, limit: number): string[] {
  const blocks = ALL_STATUSES.flatMap((status) => {
    const claims = lists[status];
    return claims === undefined ? [] : [renderProblemClaims(status, claims, limit)];
  });
  return blocks.flatMap((block, i) => (i === 0 ? block : ['', ...block]));
}

export const failuresCommand: Command = {
  name: 'failures',
  summary: 'list failed and rejected claims',
  usage: `Usage: recon failures [--status failed|rejected] [--limit N] [--json] [--url URL]

Lists the claims that did not make it in, most recent first: first the failed ones (valid, but
their ingest failed for good; "recon retry ID" queues them again), then the rejected ones (invalid:
correct them and submit them again). Each shows its id (the first 12 characters; --json for whole
ids), attempts, the stage that caught it (api or worker; — for failures), when it was last seen
and its first error as "path message".

Options:
  --status S  only the failed or only the rejected claims
  --limit N   at most N claims per list, 1 to ${MAX_FAILURES_LIMIT} (default ${DEFAULT_FAILURES_LIMIT})
  --json      { "failed": [...], "rejected": [...] } (only the one list with --status)
  --url URL   the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help  this help`,
  options: {
    status: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout }) {
    const options = failuresOptions(args);
    const lists: ProblemLists = {};
    for (const status of options.statuses) {
      lists[status] = (await client.problemClaims(status, { limit: options.limit })).claims;
    }
    writeLines(stdout, options.json ? [toSafeJson(lists)] : renderFailures(lists, options.limit));
    return 0;
  },
};
