/** The `recon` command line: finds the command, parses its options, runs it, answers the exit code. */
import { ApiError, ReconClient } from './api-client.js';
import { actorsCommand } from './actors-command.js';
import { claimCommand } from './claim-command.js';
import { parseCommandArgs, UsageError } from './cli-args.js';
import { writeLines, type Command, type CommandContext, type Output } from './command.js';
import { exportCommand } from './export-command.js';
import { extractCommand } from './extract-command.js';
import { failuresCommand } from './failures-command.js';
import { incidentsCommand } from './incidents-command.js';
import { reportCommand } from './report-command.js';
import { retryCommand } from './retry-command.js';
import { editCommand } from './edit-command.js';
import { historyCommand } from './history-command.js';
import { mergeCommand } from './merge-command.js';
import { moveCommand } from './move-command.js';
import { retractCommand } from './retract-command.js';
import { reviewCommand } from './review-command.js';
import { cleanLine } from './sanitize.js';
import { splitCommand } from './split-command.js';
import { submitCommand } from './submit-command.js';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export const COMMANDS: readonly Command[] = [
  submitCommand,
  extractCommand,
  claimCommand,
  failuresCommand,
  retryCommand,
  reportCommand,
  incidentsCommand,
  exportCommand,
  actorsCommand,
  historyCommand,
  mergeCommand,
  splitCommand,
  moveCommand,
  editCommand,
  reviewCommand,
  retractCommand,
];

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  readInput: CommandContext['readInput'];
  /** Makes the API client (tests pass a fake `fetch` through here). */
  makeClient?: (options: { baseUrl: string; token?: string }) => ReconClient;
}

function topUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: recon <command> [options]

Commands:
${lines.join('\n')}

Run "recon <command> --help" for a command's options.

Environment:
  RECON_URL    the API (default ${DEFAULT_URL}; --url overrides it)
  RECON_TOKEN  bearer token sent to the API (writes need it when the API has tokens: submit, extract, retry, retract, merge, split, move, edit, review)`;
}

function clientFor(url: string | undefined, io: CliIo): ReconClient {
  const baseUrl = url ?? (io.env.RECON_URL || DEFAULT_URL);
  const token = io.env.RECON_TOKEN || undefined;
  const options = token === undefined ? { baseUrl } : { baseUrl, token };
  try {
    return io.makeClient ? io.makeClient(options) : new ReconClient(options);
  } catch (e) {
    throw e instanceof ApiError && e.code === 'bad_url' ? new UsageError(e.message) : e;
  }
}

async function runCommand(command: Command, args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, command.options);
  if (parsed.values.help === true) {
    writeLines(io.stdout, [command.usage]);
    return EXIT.ok;
  }
  const url = typeof parsed.values.url === 'string' ? parsed.values.url : undefined;
  const client = clientFor(url, io);
  return command.run(parsed, { client, stdout: io.stdout, stderr: io.stderr, readInput: io.readInput, env: io.env });
}

/** Prints an error the way the CLI reports failures, and answers the exit code it means. */
function reportError(e: unknown, command: Command, io: CliIo): number {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof UsageError) {
    writeLines(io.stderr, [cleanLine(`recon ${command.name}: ${message}`), `Run "recon ${command.name} --help" for usage.`]);
    return EXIT.usage;
  }
  writeLines(io.stderr, [cleanLine(`recon ${command.name}: ${message}`)]);
  return EXIT.failure;
}

/** Runs `recon` with the arguments after the program name; answers the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    writeLines(io.stderr, [topUsage()]);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    writeLines(io.stdout, [command ? command.usage : topUsage()]);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const problem = name.startsWith('-') ? `options go after the command, not before: "${name}"` : `unknown command "${name}"`;
    writeLines(io.stderr, [cleanLine(`recon: ${problem}`), '', topUsage()]);
    return EXIT.usage;
  }
  try {
    return await runCommand(command, rest, io);
  } catch (e) {
    return reportError(e, command, io);
  }
}
