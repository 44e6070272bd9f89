/** How the curation commands print what an action did. */
import { ApiError, type AuditEvent, type CurationAnswer } from './api-client.js';
import { UsageError, stringOption, type ParsedArgs } from './cli-args.js';
import { writeLines, type CommandContext } from './command.js';
import { fieldErrorText } from './field-error-text.js';
import { cleanLine, toSafeJson } from './sanitize.js';

/** The option every curation command takes, and the one that prints JSON. */
export const NOTE_OPTIONS = { note: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `--note TEXT`, which the audit log keeps. */
export function noteOf(args: ParsedArgs): string | undefined {
  const note = stringOption(args, 'note');
  if (note !== undefined && note.trim() === '') throw new UsageError('--note must not be empty');
  return note;
}

/** One line per event: when, who, what, on which incidents, and the note. */
export function eventLine(e: AuditEvent): string {
  const claims = e.claimIds.length === 0 ? '' : ` (${e.claimIds.length} claim${e.claimIds.length === 1 ? '' : 's'})`;
  return cleanLine(`${e.at}  ${e.actor}  ${e.action}${claims}  ${e.incidentIds.join(' → ')}${e.note ? `  “${e.note}”` : ''}`);
}

/** What an action did, as lines. */
export function renderCuration(what: string, answer: CurationAnswer): string[] {
  const i = answer.incident;
  const where = cleanLine(`incident ${i.id}${i.key ? ` (${i.key})` : ''}${i.needsReview ? ', needs review' : ''}`);
  if (!answer.changed) return [cleanLine(`${what}: done already, nothing changed; ${where}`)];
  return [cleanLine(`${what}: done; ${where}`), ...(answer.event ? [`  ${eventLine(answer.event)}`] : []), '  its reports are being rebuilt as new versions'];
}

/** Runs an action and prints it; an answer of the API that refuses it prints its field errors. */
export async function runCuration(args: ParsedArgs, ctx: CommandContext, what: string, act: () => Promise<CurationAnswer>): Promise<number> {
  try {
    const answer = await act();
    writeLines(ctx.stdout, args.values.json === true ? [toSafeJson(answer)] : renderCuration(what, answer));
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 0) throw e;
    const hint = e.status === 401 ? ' (set RECON_TOKEN to the API token)' : '';
    writeLines(ctx.stderr, [cleanLine(`${what}: ${e.message}${hint}`), ...e.errors.map((err) => `  ${fieldErrorText(err)}`)]);
    return 1;
  }
}
