/**
 * `recon extract FILE|- [--published D] [--language en|fr] [incident and source options] [--submit] [--json]`:
 * draft claims from an article's text (POST /extract), shown with the words they were read from;
 * with --submit, the drafts' claims go to POST /claims as one batch.
 */
import { countText } from '@recon/domain';
import { InputError } from '@recon/exchange';
import { ApiError, type DraftClaim, type Evidence, type ExtractBody, type ExtractionAnswer, type SubmitAnswer } from './api-client.js';
import { flagOption, positionalArgs, stringOption, type ParsedArgs } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { batchesOf, mergeAnswers, rebase, renderSubmitSummary } from './submit-command.js';

/** Drafts submitted per request by `--submit`. */
const EXTRACT_BATCH = 100;
import { cleanLine, toSafeJson } from './sanitize.js';
import { textTable } from './text-table.js';

/** The options that fill the request's incident and source, and the request field each one sets. */
const INCIDENT_OPTIONS = { country: 'country', start: 'startDate', end: 'endDate', key: 'key', location: 'location' } as const;
const SOURCE_OPTIONS = { publisher: 'publisher', 'source-url': 'url', title: 'title' } as const;

/** The option (or argument) a request field comes from, to name it in the API's errors. */
const OPTION_OF: Readonly<Record<string, string>> = {
  text: 'the article (FILE)',
  publishedAt: '--published',
  language: '--language',
  ...Object.fromEntries(Object.entries(INCIDENT_OPTIONS).map(([opt, field]) => [`incident.${field}`, `--${opt}`])),
  ...Object.fromEntries(Object.entries(SOURCE_OPTIONS).map(([opt, field]) => [`source.${field}`, `--${opt}`])),
};

export interface ExtractOptions {
  source: string;
  /** The request without its text (read from `source`). */
  request: Omit<ExtractBody, 'text'>;
  submit: boolean;
  json: boolean;
}

export function extractOptions(args: ParsedArgs): ExtractOptions {
  const [source] = positionalArgs(args, ['FILE|-']) as [string];
  const request: Omit<ExtractBody, 'text'> = {};
  const published = stringOption(args, 'published');
  if (published !== undefined) request.publishedAt = published;
  // Checked by the API, which names the option when it is wrong.
  const language = stringOption(args, 'language');
  if (language !== undefined) request.language = language as ExtractBody['language'];
  const incident: Record<string, string> = {};
  for (const [opt, field] of Object.entries(INCIDENT_OPTIONS)) {
    const v = stringOption(args, opt);
    if (v !== undefined) incident[field] = v;
  }
  if (Object.keys(incident).length > 0) request.incident = incident;
  const sourceFields: Record<string, string> = {};
  for (const [opt, field] of Object.entries(SOURCE_OPTIONS)) {
    const v = stringOption(args, opt);
    if (v !== undefined) sourceFields[field] = v;
  }
  if (Object.keys(sourceFields).length > 0) request.source = sourceFields;
  return { source, request, submit: flagOption(args, 'submit'), json: flagOption(args, 'json') };
}

/** How a highlighted stretch of text is marked: bold reverse video on a terminal, `[[ ]]` elsewhere. */
export interface Highlight {
  open: string;
  close: string;
}
export const TERMINAL_HIGHLIGHT: Highlight = { open: '\x1b[1;7m', close: '\x1b[0m' };
export const PLAIN_HIGHLIGHT: Highlight = { open: '[[', close: ']]' };

/** Colour only on a terminal, and not when NO_COLOR is set (https://no-color.org). */
export function highlightFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>> = {}): Highlight {
  return isTTY === true && !env.NO_COLOR ? TERMINAL_HIGHLIGHT : PLAIN_HIGHLIGHT;
}

/** At most this many characters of context on either side of the words, when the sentence is longer. */
const CONTEXT = 200;

const endsSentence = (text: string, i: number): boolean => /[.!?…]/.test(text[i] ?? '') && (i + 1 >= text.length || /\s/.test(text[i + 1]!));

/**
 * The sentence around `[start, end)`: from after the previous sentence's end (or line break) to its
 * own end, at most CONTEXT characters either side (`cutBefore`, `cutAfter`: it was cut there).
 */
export function sentenceAround(text: string, start: number, end: number): { from: number; to: number; cutBefore: boolean; cutAfter: boolean } {
  let from = start;
  while (from > 0 && start - from < CONTEXT && text[from - 1] !== '\n' && !endsSentence(text, from - 1)) from--;
  const cutBefore = from > 0 && text[from - 1] !== '\n' && !endsSentence(text, from - 1);
  let to = end;
  while (to < text.length && to - end < CONTEXT && text[to] !== '\n' && !endsSentence(text, to - 1)) to++;
  const cutAfter = to < text.length && text[to] !== '\n' && !endsSentence(text, to - 1);
  while (from < start && /\s/.test(text[from]!)) from++;
  while (to > end && /\s/.test(text[to - 1]!)) to--;
  return { from, to, cutBefore, cutAfter };
}

/** The sentence that holds the words, the words marked; every piece of the article cleaned of terminal controls. */
export function evidenceLine(text: string, e: Pick<Evidence, 'start' | 'end'>, mark: Highlight): string {
  const start = Math.max(0, Math.min(e.start, text.length));
  const end = Math.max(start, Math.min(e.end, text.length));
  const { from, to, cutBefore, cutAfter } = sentenceAround(text, start, end);
  const piece = (a: number, b: number): string => cleanLine(text.slice(a, b));
  return `${cutBefore ? '…' : ''}${piece(from, start)}${mark.open}${piece(start, end)}${mark.close}${piece(end, to)}${cutAfter ? '…' : ''}`;
}

const kindText = (kind: string): string => kind.replace(/_/g, ' ');

function incidentLine(incident: ExtractionAnswer['incident']): string {
  const dates = incident.endDate ? `${incident.startDate} to ${incident.endDate}` : incident.startDate;
  const parts = [incident.country, incident.location, incident.admin1, dates].filter((p): p is string => Boolean(p));
  return `Incident: ${parts.join(', ')}${incident.key ? ` (key ${incident.key})` : ''}${incident.title ? `: ${incident.title}` : ''}`;
}

/** One draft: claimant and relays, date, confidence, its figures as a table, warnings, then its evidence. */
export function renderDraft(draft: DraftClaim, index: number, text: string, mark: Highlight): string[] {
  const { claim } = draft;
  const chain = [claim.claimant, ...(claim.via ?? [])].map((a) => `${a.name} (${kindText(a.kind)})`).join(' ← ');
  const facts = textTable(
    [
      ['claimant ← via', chain],
      ['stated at', claim.statedAt],
      ['confidence', draft.confidence.toFixed(2)],
    ],
    { indent: '  ' },
  );
  const figures = textTable(
    [['#', 'PARTY', 'OUTCOME', 'COUNT'], ...claim.figures.map((f, j) => [String(j + 1), f.partyKind ? `${f.party} (${kindText(f.partyKind)})` : f.party, kindText(f.outcome), countText(f.count)])],
    { indent: '  ' },
  );
  const warnings = draft.warnings.map((w) => cleanLine(`  warning: ${w}`));
  const evidence = draft.evidence.map((e) => `    ${e.role === 'figure' ? `figure ${e.figure + 1}` : 'claimant'}: ${evidenceLine(text, e, mark)}`);
  return [
    cleanLine(`Draft ${index + 1}`),
    ...facts,
    ...figures,
    ...warnings,
    ...(evidence.length > 0 ? ['  evidence:', ...evidence] : []),
  ];
}

/** The extraction as text: the incident, then each draft (or a line saying there is none). */
export function renderExtraction(extraction: ExtractionAnswer, text: string, mark: Highlight): string[] {
  const head = [cleanLine(incidentLine(extraction.incident)), `Language: ${cleanLine(extraction.language)}`, ...(extraction.warnings ?? []).map((w) => cleanLine(`warning: ${w}`))];
  if (extraction.claims.length === 0) return [...head, '', 'No drafts: no casualty figure was found in the text.'];
  return [...head, ...extraction.claims.flatMap((d, i) => ['', ...renderDraft(d, i, text, mark)])];
}

/** A 400 said with the options that set the wrong fields: "bad request body: --published must be …". */
function withOptions(e: unknown): unknown {
  if (!(e instanceof ApiError) || e.errors.length === 0) return e;
  const fields = e.errors.map((err) => `${OPTION_OF[err.path] ?? err.path} ${err.message}`).join('; ');
  return new ApiError(e.status, e.code, `${e.message}: ${fields}`, e.errors);
}

export const extractCommand: Command = {
  name: 'extract',
  summary: "draft claims from an article's text, with the words each figure was read from (--submit sends them)",
  usage: `Usage: recon extract FILE|- [--published YYYY-MM-DD] [--language en|fr]
                     [--country CC] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--key K] [--location L]
                     [--publisher P] [--source-url U] [--title T] [--submit] [--json] [--url URL]

Reads an article (FILE, or stdin with "-"; up to 100,000 characters) and asks the API for draft
claims (POST /extract; nothing is stored). Prints the incident the drafts are filed under, what to
know of the whole extraction ("warning:" lines), then each draft: claimant ← relays, statement
date, confidence, its figures (party, outcome, count), what to check, and its evidence: the
sentence with the words each figure (and its claimant) was read from marked (bold and reversed on
a terminal, unless NO_COLOR is set; [[like this]] otherwise).
Check the drafts before submitting them.

Options:
  --published D    the article's publication date: relative dates ("on Sunday") count from it
  --language L     en or fr (default: detected from the text)
  --country CC     the incident's country (ISO code, e.g. ML), when the text does not say
  --start D        the incident's first day; --end D its last
  --key K          your key for the incident; --location L its place
  --publisher P    the article's publisher; --source-url U its address; --title T its title
  --submit         send the drafts' claims to POST /claims as one batch, and print what
                   "recon submit" prints (exit 1 when any is rejected)
  --json           the extraction as JSON (with --submit: the submit answer, as "recon submit --json")
  --url URL        the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help       this help

Environment: RECON_TOKEN, the bearer token (POST /extract and POST /claims are writes); NO_COLOR.`,
  options: {
    published: { type: 'string' },
    language: { type: 'string' },
    country: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    key: { type: 'string' },
    location: { type: 'string' },
    publisher: { type: 'string' },
    'source-url': { type: 'string' },
    title: { type: 'string' },
    submit: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, { client, stdout, stderr, readInput, env }) {
    const options = extractOptions(args);
    const text = await readInput(options.source);
    if (text.trim() === '') throw new InputError(`${options.source === '-' ? 'stdin' : options.source} holds no text`);
    let extraction: ExtractionAnswer;
    try {
      extraction = await client.extract({ ...options.request, text });
    } catch (e) {
      throw withOptions(e);
    }
    if (!options.submit) {
      writeLines(stdout, options.json ? [toSafeJson(extraction)] : renderExtraction(extraction, text, highlightFor(stdout.isTTY, env)));
      return 0;
    }
    if (!options.json) writeLines(stdout, [...renderExtraction(extraction, text, highlightFor(stdout.isTTY, env)), '']);
    if (extraction.claims.length === 0) {
      writeLines(stderr, ['recon extract: no drafts, nothing submitted']);
      if (options.json) writeLines(stdout, [toSafeJson({ accepted: [], rejected: [] })]);
      return 0;
    }
    // In batches of 100: an article's drafts carry their excerpts, and a batch must stay under the API's body limit.
    const claims = extraction.claims.map((d) => d.claim);
    const answers: SubmitAnswer[] = [];
    for (const [n, batch] of batchesOf(claims, EXTRACT_BATCH).entries()) answers.push(rebase(await client.submit(batch), n * EXTRACT_BATCH));
    const answer = mergeAnswers(answers);
    writeLines(stdout, options.json ? [toSafeJson(answer)] : [`Submitted ${extraction.claims.length} draft${extraction.claims.length === 1 ? '' : 's'}:`, ...renderSubmitSummary(answer)]);
    return answer.rejected.length > 0 ? 1 : 0;
  },
};
