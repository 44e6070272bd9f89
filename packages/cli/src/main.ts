/** Entry point of `recon`: wires the process (argv, env, stdio, files) to the CLI. */
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { runCli } from './cli.js';
import { InputError } from '@recon/exchange';

async function readInput(source: string): Promise<string> {
  try {
    return source === '-' ? await text(process.stdin) : await readFile(source, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${source === '-' ? 'stdin' : source}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// A closed pipe (`recon incidents | head`) ends the output, not in a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readInput,
});
