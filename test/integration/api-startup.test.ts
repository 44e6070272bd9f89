import { startApi } from '@recon/api';
import { ConfigError, parseEnv } from '@recon/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

describe('who may write: the API at start', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('refuses to listen beyond loopback without write tokens, and says so', async () => {
    h = await createHarness();
    const ctx = { ...h.ctx, env: { ...h.ctx.env, HOST: '0.0.0.0', RECON_API_TOKENS: [] } };
    await expect(startApi(ctx, 0)).rejects.toThrow(ConfigError);
    await expect(startApi(ctx, 0)).rejects.toThrow(/no RECON_API_TOKENS/);
  });

  it('listens beyond loopback when write tokens are set', async () => {
    h = await createHarness();
    const ctx = { ...h.ctx, env: { ...h.ctx.env, HOST: '0.0.0.0', RECON_API_TOKENS: ['t0ken'] } };
    const server = await startApi(ctx, 0);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/claims`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer wrong' } });
      expect(res.status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('parses RECON_API_TOKENS as a comma-separated list', () => {
    expect(parseEnv({ RECON_API_TOKENS: 'one,two' }).RECON_API_TOKENS).toEqual(['one', 'two']);
  });
});
