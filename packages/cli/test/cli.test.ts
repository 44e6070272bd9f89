import { describe, expect, it } from 'vitest';
import { ApiError, ReconClient } from '../src/api-client.js';
import { runCli, type CliIo } from '../src/cli.js';

function io(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env,
    readInput: () => Promise.reject(new Error('no input in this test')),
  };
}

describe('runCli', () => {
  it('prints the usage with --help, and a command usage with <cmd> --help', async () => {
    const top = io();
    expect(await runCli(['--help'], top)).toBe(0);
    expect(top.out.join('')).toMatch(/submit[\s\S]*report[\s\S]*incidents/);
    const sub = io();
    expect(await runCli(['report', '--help'], sub)).toBe(0);
    expect(sub.out.join('')).toContain('Usage: recon report ID|KEY');
  });

  it('answers 2 for usage errors: no command, unknown command, unknown option, bad value', async () => {
    for (const argv of [[], ['frobnicate'], ['incidents', '--bogus'], ['report', 'x', '--version', 'two'], ['report', 'x', '--url', 'not a url']]) {
      const t = io();
      expect(await runCli(argv, t)).toBe(2);
      expect(t.err.join('')).not.toBe('');
    }
  });

  it('answers 1 with a clear message when the API cannot be reached', async () => {
    const t = io({ RECON_URL: 'http://127.0.0.1:9', RECON_TOKEN: 'secret-token' });
    expect(await runCli(['report', 'x', '--url', 'http://127.0.0.1:1'], t)).toBe(1);
    expect(t.err.join('')).toContain('cannot reach the API at http://127.0.0.1:1');
    expect(t.err.join('')).not.toContain('secret-token');
  });
});

describe('ReconClient', () => {
  it('refuses a base URL that is not http(s)', () => {
    expect(() => new ReconClient({ baseUrl: 'ftp://example.org' })).toThrow(ApiError);
  });

  it('turns a refused connection into an ApiError naming the URL', async () => {
    const server = await import('node:net').then((net) => net.createServer());
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    await new Promise((resolve) => server.close(resolve));
    const client = new ReconClient({ baseUrl: `http://127.0.0.1:${port}/` });
    await expect(client.incidents()).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
      message: `cannot reach the API at http://127.0.0.1:${port}: is \`npm start\` running?`,
    });
  });
});
