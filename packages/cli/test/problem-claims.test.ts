import type { ProblemClaim } from '@recon/domain';
import { describe, expect, it } from 'vitest';
import { ApiError, ReconClient } from '../src/api-client.js';
import { runCli } from '../src/cli.js';
import { fakeFetch, fakeIo } from './fixtures/fake-api.js';

const BASE = 'http://api.test';
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const failedId = 'f'.repeat(64);
const rejectedId = `0123456789ab${'c'.repeat(52)}`;

const failed: ProblemClaim = {
  id: failedId,
  status: 'failed',
  errors: [{ path: '(ingest)', message: 'database is locked \x1b[31mSQLITE_BUSY\x1b[0m\x07' }],
  attempts: 5,
  stage: null,
  firstAt: '2026-11-20T09:00:00.000Z',
  lastAt: '2026-11-20T10:00:00.000Z',
};

const rejected: ProblemClaim = {
  id: rejectedId,
  status: 'rejected',
  errors: [
    { path: 'figures[0].count', message: `must have exactly one form \x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\ ${'x'.repeat(100)}` },
    { path: 'statedAt', message: 'is required' },
  ],
  attempts: 2,
  stage: 'worker',
  firstAt: '2026-11-19T08:00:00.000Z',
  lastAt: '2026-11-19T08:30:00.000Z',
};

function problemApi() {
  return fakeFetch((request) => {
    if (request.startsWith('GET /claims?status=failed')) return { status: 200, body: { claims: [failed] } };
    if (request.startsWith('GET /claims?status=rejected')) return { status: 200, body: { claims: [rejected] } };
    return undefined;
  });
}

describe('ReconClient problem claims and retries', () => {
  it('asks GET /claims with the status, limit and offset, and POSTs a retry with the token', async () => {
    const api = fakeFetch((request) => {
      if (request.startsWith('GET /claims?')) return { status: 200, body: { claims: [failed] } };
      if (request === 'POST /claims/a%2Fb/retry') return { status: 202, body: { id: 'a/b', status: 'queued', incidentId: null, errors: [] } };
      return undefined;
    });
    const client = new ReconClient({ baseUrl: `${BASE}/`, token: 'tok', fetch: api });
    expect(await client.problemClaims('failed', { limit: 5, offset: 10 })).toEqual({ claims: [failed] });
    expect(await client.problemClaims('rejected')).toEqual({ claims: [failed] });
    expect(await client.retry('a/b')).toMatchObject({ id: 'a/b', status: 'queued' });
    expect(api.seen.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'GET /claims?status=failed&limit=5&offset=10',
      'GET /claims?status=rejected',
      'POST /claims/a%2Fb/retry',
    ]);
    expect(api.seen[2]?.authorization).toBe('Bearer tok');
  });

  it('keeps the field errors of an error answer, and refuses an answer without a claims list', async () => {
    const errors = [{ path: 'statedAt', message: 'is required' }];
    const api = fakeFetch((request) => {
      if (request.startsWith('POST ')) return { status: 409, body: { error: { code: 'conflict', message: 'invalid', errors } } };
      return { status: 200, body: { nope: [] } };
    });
    const client = new ReconClient({ baseUrl: BASE, fetch: api });
    await expect(client.retry('x')).rejects.toMatchObject({ status: 409, code: 'conflict', message: 'invalid', errors });
    await expect(client.problemClaims('failed')).rejects.toThrow(ApiError);
  });
});

describe('recon failures', () => {
  it('shows the failed list, then the rejected list, each with a heading, a count and a table', async () => {
    const api = problemApi();
    const t = fakeIo(api);
    expect(await runCli(['failures'], t)).toBe(0);
    const out = t.out();
    expect(api.seen.map((r) => r.url.search)).toEqual(['?status=failed&limit=100', '?status=rejected&limit=100']);
    expect(out.indexOf('Failed claims: 1')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('Rejected claims: 1')).toBeGreaterThan(out.indexOf('Failed claims: 1'));
    expect(out).toMatch(/ID +ATTEMPTS +STAGE +LAST SEEN +FIRST ERROR/);
    expect(out).toMatch(/ffffffffffff… +5 +— +2026-11-20T10:00:00.000Z +\(ingest\) database is locked SQLITE_BUSY/);
    expect(out).toMatch(/0123456789ab… +2 +worker +2026-11-19T08:30:00.000Z +figures\[0\]\.count must have exactly one form link x+… \(\+1 more\)/);
    expect(out).not.toContain(failedId);
    expect(t.err()).toBe('');
  });

  it('prints no control sequence from the API', async () => {
    const t = fakeIo(problemApi());
    await runCli(['failures'], t);
    expect(t.out()).not.toMatch(CONTROLS);
    expect(t.out()).not.toContain('evil');
  });

  it('shows one list with --status, passes --limit, and says when the list may go on', async () => {
    const api = problemApi();
    const t = fakeIo(api);
    expect(await runCli(['failures', '--status', 'rejected', '--limit', '1'], t)).toBe(0);
    expect(api.seen.map((r) => r.url.search)).toEqual(['?status=rejected&limit=1']);
    expect(t.out()).toContain('Rejected claims: 1 (the most recent 1; --limit N shows more)');
    expect(t.out()).not.toContain('Failed claims');
  });

  it('says so when a list is empty', async () => {
    const t = fakeIo(fakeFetch(() => ({ status: 200, body: { claims: [] } })));
    expect(await runCli(['failures'], t)).toBe(0);
    expect(t.out()).toBe('Failed claims: 0\n\nRejected claims: 0\n');
  });

  it('prints { failed, rejected } with --json, or only the one list with --status', async () => {
    const both = fakeIo(problemApi());
    expect(await runCli(['failures', '--json'], both)).toBe(0);
    expect(JSON.parse(both.out())).toEqual({ failed: [failed], rejected: [rejected] });
    expect(both.out()).not.toMatch(CONTROLS);
    const one = fakeIo(problemApi());
    expect(await runCli(['failures', '--json', '--status', 'failed'], one)).toBe(0);
    expect(JSON.parse(one.out())).toEqual({ failed: [failed] });
  });

  it('answers 1 when the API call fails, 2 for usage errors', async () => {
    const down = fakeIo(fakeFetch(() => ({ status: 500, body: { error: { code: 'internal', message: 'boom\x1b[2J' } } })));
    expect(await runCli(['failures'], down)).toBe(1);
    expect(down.err()).toBe('recon failures: boom\n');
    for (const argv of [['failures', '--status', 'queued'], ['failures', '--limit', '0'], ['failures', '--limit', '1001'], ['failures', 'extra']]) {
      const t = fakeIo(problemApi());
      expect(await runCli(argv, t)).toBe(2);
      expect(t.err()).toContain('Run "recon failures --help" for usage.');
    }
  });
});

describe('recon retry', () => {
  const retryApi = () =>
    fakeFetch((request) => {
      if (request === 'POST /claims/good/retry') return { status: 202, body: { id: 'good', status: 'queued', incidentId: null, errors: [] } };
      if (request === 'POST /claims/bad/retry') {
        return {
          status: 409,
          body: {
            error: {
              code: 'conflict',
              message: 'claim bad is invalid and cannot be retried; correct it and submit it again\x1b[31m',
              errors: [{ path: 'statedAt', message: 'is required\x07' }],
            },
          },
        };
      }
      return undefined;
    });

  it('retries every id, prints one line each, and answers 1 when any was refused', async () => {
    const api = retryApi();
    const t = fakeIo(api, { RECON_TOKEN: 'tok' });
    expect(await runCli(['retry', 'good', 'bad', 'good'], t)).toBe(1);
    expect(t.out()).toBe(
      'good: queued\nbad: claim bad is invalid and cannot be retried; correct it and submit it again\n  statedAt is required\n',
    );
    expect(api.seen.map((r) => `${r.method} ${r.url.pathname} ${r.authorization}`)).toEqual([
      'POST /claims/good/retry Bearer tok',
      'POST /claims/bad/retry Bearer tok',
    ]);
  });

  it('answers 0 when every retry was queued, and says when the id is unknown', async () => {
    const ok = fakeIo(retryApi());
    expect(await runCli(['retry', 'good'], ok)).toBe(0);
    expect(ok.out()).toBe('good: queued\n');
    const unknown = fakeIo(retryApi());
    expect(await runCli(['retry', 'nope'], unknown)).toBe(1);
    expect(unknown.out()).toBe('nope: no route POST /claims/nope/retry\n');
  });

  it('is a usage error without an id', async () => {
    for (const argv of [['retry'], ['retry', '']]) {
      const t = fakeIo(retryApi());
      expect(await runCli(argv, t)).toBe(2);
      expect(t.err()).toContain('recon retry: ');
    }
  });

  it('stops when the API does not answer', async () => {
    const t = fakeIo(() => Promise.reject(new TypeError('fetch failed')));
    expect(await runCli(['retry', 'a', 'b'], t)).toBe(1);
    expect(t.err()).toContain('cannot reach the API');
    expect(t.out()).toBe('');
  });
});

describe('recon claim', () => {
  const claimApi = () =>
    fakeFetch((request) => {
      if (request === `GET /claims/${failedId}`) {
        return {
          status: 200,
          body: { id: failedId, status: 'failed', incidentId: null, attempts: 5, errors: [{ path: '(ingest)', message: 'disk \x1b[1mfull' }] },
        };
      }
      if (request === 'GET /claims/gone') {
        return {
          status: 200,
          body: { id: 'gone', status: 'retracted', incidentId: 'inc-1', errors: [], retractedAt: '2026-11-21T00:00:00Z', retractedBy: 'ops\x1b]0;x\x07' },
        };
      }
      return undefined;
    });

  it("prints a failed claim's status, attempts and errors, sanitized", async () => {
    const t = fakeIo(claimApi());
    expect(await runCli(['claim', failedId], t)).toBe(0);
    const out = t.out();
    expect(out).toContain(`Claim ${failedId}`);
    expect(out).toMatch(/status +failed/);
    expect(out).toMatch(/incident +—/);
    expect(out).toMatch(/attempts +5/);
    expect(out).toContain('Errors: 1\n  (ingest) disk full\n');
    expect(out).toContain(`"recon retry ${failedId}" queues it again.`);
    expect(out).not.toMatch(CONTROLS);
  });

  it('prints when and by whom a claim was retracted', async () => {
    const t = fakeIo(claimApi());
    expect(await runCli(['claim', 'gone'], t)).toBe(0);
    expect(t.out()).toMatch(/incident +inc-1/);
    expect(t.out()).toMatch(/retracted at +2026-11-21T00:00:00Z/);
    expect(t.out()).toMatch(/retracted by +ops\n/);
    expect(t.out()).not.toContain('attempts');
  });

  it('prints the raw answer with --json, answers 1 for an unknown id and 2 without one', async () => {
    const json = fakeIo(claimApi());
    expect(await runCli(['claim', 'gone', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ id: 'gone', status: 'retracted', retractedBy: 'ops\x1b]0;x\x07' });
    expect(json.out()).not.toMatch(CONTROLS);
    const unknown = fakeIo(claimApi());
    expect(await runCli(['claim', 'nope'], unknown)).toBe(1);
    expect(unknown.err()).toContain('recon claim: no route GET /claims/nope');
    for (const argv of [['claim'], ['claim', 'a', 'b']]) {
      const t = fakeIo(claimApi());
      expect(await runCli(argv, t)).toBe(2);
    }
  });
});

describe('usage', () => {
  it('lists the new commands and their help', async () => {
    const top = fakeIo(problemApi());
    expect(await runCli(['--help'], top)).toBe(0);
    expect(top.out()).toMatch(/\n  claim +print a claim's status/);
    expect(top.out()).toMatch(/\n  failures +list failed and rejected claims/);
    expect(top.out()).toMatch(/\n  retry +queue failed claims again/);
    for (const [name, usage] of [['failures', 'Usage: recon failures [--status failed|rejected]'], ['retry', 'Usage: recon retry ID [ID…]'], ['claim', 'Usage: recon claim ID']]) {
      const t = fakeIo(problemApi());
      expect(await runCli([name!, '--help'], t)).toBe(0);
      expect(t.out()).toContain(usage);
    }
  });
});
