import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture(level: Parameters<typeof createLogger>[0] = 'info') {
  const out = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  out.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)));
  return { log: createLogger(level, { service: 'test' }, out), lines };
}

describe('the logger (pino)', () => {
  it('writes JSON lines with level names, time, pid, base fields and the message', async () => {
    const { log, lines } = capture();
    log.info('hello', { n: 1 });
    log.debug('not at info');
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', pid: process.pid, service: 'test', n: 1, msg: 'hello' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('keeps an error’s stack and redacts credentials wherever they are', async () => {
    const { log, lines } = capture();
    log.child({ worker: 'ingest' }).error('boom', { err: new Error('bad'), authorization: 'Bearer s3cret', headers: { cookie: 'recon_session=s3cret' }, req: { token: 's3cret' } });
    await new Promise((r) => setImmediate(r));
    const line = lines[0]!;
    expect(line).toMatchObject({ level: 'error', worker: 'ingest', authorization: '[redacted]', headers: { cookie: '[redacted]' }, req: { token: '[redacted]' } });
    expect((line.err as { stack: string }).stack).toMatch(/^Error: bad\n\s+at /);
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it('says which levels are on', () => {
    expect(capture('warn').log.enabled('info')).toBe(false);
    expect(capture('debug').log.enabled('debug')).toBe(true);
  });
});
