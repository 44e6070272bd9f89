import { describe, expect, it } from 'vitest';
import type { SubmitAnswer } from '../src/api-client.js';
import { parseCommandArgs, UsageError } from '../src/cli-args.js';
import { batchesOf, mergeAnswers, rebase, renderSubmitSummary, submitCommand, submitOptions } from '../src/submit-command.js';

const parse = (args: string[]) => submitOptions(parseCommandArgs(args, submitCommand.options));

describe('submit batching', () => {
  it('cuts the input into batches of at most the given size', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 500)).toEqual([]);
  });

  it('rebases indexes to positions in the whole input and merges the answers', () => {
    const second: SubmitAnswer = {
      accepted: [{ index: 0, id: 'a', status: 'queued', warnings: [] }],
      rejected: [{ index: 1, id: 'r', errors: [{ path: 'statedAt', message: 'is required' }] }],
    };
    const merged = mergeAnswers([{ accepted: [], rejected: [] }, rebase(second, 500)]);
    expect(merged.accepted[0]?.index).toBe(500);
    expect(merged.rejected[0]?.index).toBe(501);
  });
});

describe('renderSubmitSummary', () => {
  it('counts queued, duplicate and rejected, then one line per error', () => {
    const lines = renderSubmitSummary({
      accepted: [
        { index: 0, id: 'a', status: 'queued', warnings: [] },
        { index: 1, id: 'b', status: 'duplicate', warnings: [] },
        { index: 2, id: 'c', status: 'queued', warnings: [] },
      ],
      rejected: [
        {
          index: 3,
          id: 'd',
          errors: [
            { path: 'figures[0].count', message: 'must have exactly one form' },
            { path: '', message: 'bad \x1b[31mthing\x1b[0m' },
          ],
        },
      ],
    });
    expect(lines).toEqual([
      'queued: 2',
      'duplicate: 1',
      'rejected: 1',
      '#3: figures[0].count must have exactly one form',
      '#3: bad thing',
    ]);
  });
});

describe('submit options', () => {
  it('takes FILE or -, a batch size of at most 1000, and --json', () => {
    expect(parse(['-'])).toEqual({ source: '-', batchSize: 500, json: false });
    expect(parse(['claims.ndjson', '--batch', '1000', '--json'])).toEqual({ source: 'claims.ndjson', batchSize: 1000, json: true });
    expect(() => parse(['x', '--batch', '1001'])).toThrow(UsageError);
    expect(() => parse(['x', '--batch', '0'])).toThrow(/--batch must be a whole number from 1 to 1000/);
    expect(() => parse([])).toThrow(/expected FILE\|-/);
  });
});
