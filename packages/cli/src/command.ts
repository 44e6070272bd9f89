/** What a command is, and what it is given to run. */
import type { ReconClient } from './api-client.js';
import type { OptionsConfig, ParsedArgs } from './cli-args.js';

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CommandContext {
  client: ReconClient;
  stdout: Output;
  stderr: Output;
  /** The text of a file, or of stdin for `-`. */
  readInput(source: string): Promise<string>;
  /** The environment (NO_COLOR, …); absent: none. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  name: string;
  /** One line, for `recon --help`. */
  summary: string;
  /** The full `recon <command> --help` text. */
  usage: string;
  /** The command's own options (`--url` and `--help` are common to all). */
  options: OptionsConfig;
  /** Runs the command; answers the exit code. */
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

/** Writes lines to an output, each ending in a newline. */
export function writeLines(out: Output, lines: readonly string[]): void {
  if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
}
