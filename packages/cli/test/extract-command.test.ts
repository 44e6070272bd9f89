import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiDepsOf, createApp } from '@recon/api';
import { ExtractionSchema } from '@recon/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../../test/setup/global-setup.js';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { ReconClient } from '../src/api-client.js';
import { parseCommandArgs } from '../src/cli-args.js';
import { runCli, type CliIo } from '../src/cli.js';
import { evidenceLine, extractCommand, extractOptions, highlightFor, PLAIN_HIGHLIGHT, sentenceAround, TERMINAL_HIGHLIGHT } from '../src/extract-command.js';

/** `recon extract` against the real app (app.request as the client's fetch). */

const BOULKESSI = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';
const ARTICLE = `Attack in central Mali\n\n${BOULKESSI} Residents said the fighting lasted hours.\n`;

describe('recon extract', () => {
  let h: Harness;
  let app: OpenAPIHono;

  const run = async (argv: string[], files: Record<string, string> = {}, opts: { tty?: boolean; env?: Record<string, string> } = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: { write: (s: string) => out.push(s), isTTY: opts.tty ?? false },
      stderr: { write: (s: string) => err.push(s) },
      env: opts.env ?? {},
      readInput: async (source) => {
        const text = files[source];
        if (text === undefined) throw new Error(`cannot read ${source}: ENOENT: no such file or directory, open '${source}'`);
        return text;
      },
      makeClient: (o) => new ReconClient({ ...o, fetch: async (url, init) => app.request(String(url), init) }),
    };
    const code = await runCli(argv, io);
    return { code, out: out.join(''), err: err.join('') };
  };

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('prints each draft: claimant, date, confidence, figures with counts in words, and the sentence with the words marked', async () => {
    const r = await run(['extract', 'article.txt', '--country', 'ML', '--publisher', 'AFP'], { 'article.txt': ARTICLE });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Incident: ML/);
    expect(r.out).toContain('Draft 1');
    expect(r.out).toMatch(/claimant ← via\s+\S/);
    expect(r.out).toMatch(/stated at\s+\d{4}-\d{2}-\d{2}/);
    expect(r.out).toMatch(/confidence\s+[01]\.\d\d/);
    expect(r.out).toMatch(/#\s+PARTY\s+OUTCOME\s+COUNT/);
    expect(r.out).toMatch(/killed\s+12\b/);
    // The evidence: the sentence, the figure's words marked, and no escape sequence off a terminal.
    expect(r.out).toMatch(/figure \d+: .*\[\[[^\]]*12 soldiers[^\]]*\]\]/);
    expect(r.out).toContain('Boulkessi.');
    expect(r.out).not.toContain('Residents said');
    expect(r.out).not.toContain('\x1b');
  });

  it('marks the words in bold reverse on a terminal, unless NO_COLOR is set', async () => {
    const tty = await run(['extract', '-', '--country', 'ML'], { '-': BOULKESSI }, { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.out).toMatch(/\x1b\[1;7m[^\x1b]*12 soldiers[^\x1b]*\x1b\[0m/);
    expect(tty.out).not.toContain('[[');
    const plain = await run(['extract', '-', '--country', 'ML'], { '-': BOULKESSI }, { tty: true, env: { NO_COLOR: '1' } });
    expect(plain.out).toContain('[[');
    expect(plain.out).not.toContain('\x1b');
  });

  it('prints the extraction as JSON with --json', async () => {
    const r = await run(['extract', 'a.txt', '--json', '--country', 'ML'], { 'a.txt': BOULKESSI });
    expect(r.code).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(r.out));
    expect(extraction.claims.length).toBeGreaterThan(0);
    for (const d of extraction.claims) for (const e of d.evidence) expect(e.text).toBe(BOULKESSI.slice(e.start, e.end));
  });

  it('submits the drafts as one batch with --submit, and prints what recon submit prints', async () => {
    const r = await run(['extract', 'a.txt', '--submit', '--country', 'ML', '--key', 'ml-2024-05-boulkessi'], { 'a.txt': BOULKESSI });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Draft 1');
    expect(r.out).toMatch(/Submitted \d+ drafts?:\nqueued: [1-9]\d*\nduplicate: 0\nrejected: 0/);
    // Again: the same drafts answer "duplicate".
    const again = await run(['extract', 'a.txt', '--submit', '--json', '--country', 'ML', '--key', 'ml-2024-05-boulkessi'], { 'a.txt': BOULKESSI });
    expect(again.code).toBe(0);
    const answer = JSON.parse(again.out) as { accepted: { status: string }[]; rejected: unknown[] };
    expect(answer.rejected).toEqual([]);
    expect(answer.accepted.length).toBeGreaterThan(0);
    expect(answer.accepted.every((a) => a.status === 'duplicate')).toBe(true);
  });

  it('says what is wrong on one line, naming the option, and exits non-zero', async () => {
    const missing = await run(['extract', 'nope.txt']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^recon extract: cannot read nope\.txt: ENOENT[^\n]*\n$/);

    const empty = await run(['extract', 'empty.txt'], { 'empty.txt': ' \n' });
    expect(empty).toMatchObject({ code: 1, err: 'recon extract: empty.txt holds no text\n' });

    const date = await run(['extract', 'a.txt', '--published', 'yesterday'], { 'a.txt': BOULKESSI });
    expect(date.code).toBe(1);
    expect(date.err).toBe('recon extract: bad request body: --published must be a calendar date YYYY-MM-DD\n');

    const language = await run(['extract', 'a.txt', '--language', 'de'], { 'a.txt': BOULKESSI });
    expect(language.code).toBe(1);
    expect(language.err).toBe('recon extract: bad request body: --language must be one of en, fr\n');

    const long = await run(['extract', 'long.txt'], { 'long.txt': 'x'.repeat(100_001) });
    expect(long.code).toBe(1);
    expect(long.err).toBe('recon extract: bad request body: the article (FILE) must be at most 100,000 characters\n');

    const usage = await run(['extract']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('expected FILE|-');
  });

  it('is in the help', async () => {
    const top = await run(['--help']);
    expect(top.out).toMatch(/\n {2}extract +draft claims from an article/);
    const own = await run(['extract', '--help']);
    expect(own.out).toContain('Usage: recon extract FILE|-');
  });
});

describe('extract options and text', () => {
  const parse = (args: string[]) => extractOptions(parseCommandArgs(args, extractCommand.options));

  it('puts the incident and source options in the request, only those given', () => {
    expect(parse(['-'])).toEqual({ source: '-', request: {}, submit: false, json: false });
    expect(parse(['a.txt', '--published', '2024-05-13', '--language', 'fr', '--country', 'ML', '--start', '2024-05-12', '--key', 'k', '--publisher', 'AFP', '--source-url', 'https://afp.com/x', '--submit'])).toEqual({
      source: 'a.txt',
      request: { publishedAt: '2024-05-13', language: 'fr', incident: { country: 'ML', startDate: '2024-05-12', key: 'k' }, source: { publisher: 'AFP', url: 'https://afp.com/x' } },
      submit: true,
      json: false,
    });
  });

  it('finds the sentence around the words, and keeps terminal controls of the article out', () => {
    const text = 'First one. Then 12 soldiers were \x1b[31mkilled\x1b[0m today. Last one.';
    const start = text.indexOf('12');
    const end = text.indexOf(' today');
    const { from, to } = sentenceAround(text, start, end);
    expect(text.slice(from, to)).toBe(text.slice(text.indexOf('Then'), text.indexOf(' Last')));
    const long = `${'word '.repeat(100)}12 killed${' more'.repeat(100)}`;
    expect(evidenceLine(long, { start: long.indexOf('12'), end: long.indexOf('12') + 9 }, PLAIN_HIGHLIGHT)).toMatch(/^…word .*\[\[12 killed\]\] more.*…$/);
    expect(evidenceLine(text, { start, end }, PLAIN_HIGHLIGHT)).toBe('Then [[12 soldiers were killed]] today.');
  });

  it('highlights on a terminal only, and not with NO_COLOR', () => {
    expect(highlightFor(true, {})).toBe(TERMINAL_HIGHLIGHT);
    expect(highlightFor(true, { NO_COLOR: '1' })).toBe(PLAIN_HIGHLIGHT);
    expect(highlightFor(false, {})).toBe(PLAIN_HIGHLIGHT);
    expect(highlightFor(undefined)).toBe(PLAIN_HIGHLIGHT);
  });

});
