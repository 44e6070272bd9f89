/** Command-line option parsing shared by every command: wraps `node:util` parseArgs. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the CLI was called: exit code 2, with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Readonly<Record<string, string | boolean | undefined>>;
  positionals: readonly string[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

export function parseCommandArgs(args: readonly string[], options: OptionsConfig): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A whole-number option within [min, max]; `undefined` when absent. */
export function intOption(args: ParsedArgs, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${bound}, not "${raw}"`);
  }
  return n;
}

/** A string option that must match `pattern` (described by `what`); `undefined` when absent. */
export function patternOption(args: ParsedArgs, name: string, pattern: RegExp, what: string): string | undefined {
  const raw = stringOption(args, name);
  if (raw !== undefined && !pattern.test(raw)) throw new UsageError(`--${name} must be ${what}, not "${raw}"`);
  return raw;
}

/** Exactly one positional argument per entry of `names` (which name them in the error message). */
export function positionalArgs(args: ParsedArgs, names: readonly string[]): string[] {
  if (args.positionals.length !== names.length) {
    const expected = names.length === 0 ? 'no arguments' : names.join(' ');
    throw new UsageError(`expected ${expected}, got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}`);
  }
  return [...args.positionals];
}
