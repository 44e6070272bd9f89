import { freePort } from '@recon/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { createHarness, waitUntil, type Harness } from '../support/harness.js';
import { spawnService, type ServiceProcess } from '../support/processes.js';

/** With write tokens, the service listens beyond loopback, checks bearer tokens, and never logs them. */
describe('write tokens', () => {
  let h: Harness;
  let server: ServiceProcess;
  afterAll(async () => {
    server?.kill('SIGKILL');
    await server?.exited;
    await h?.close();
  });

  it('401s without the token, accepts it, and no log line carries it', async () => {
    h = await createHarness();
    const port = await freePort();
    const token = 'sekret-Token-7f3a9c';
    server = spawnService('server', {
      REDIS_URL: h.redisUrl,
      ...h.dbEnv,
      RECON_QUEUE_PREFIX: h.prefix,
      PORT: String(port),
      HOST: '0.0.0.0',
      RECON_API_TOKENS: `other-token,${token}`,
      LOG_LEVEL: 'debug',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(() => fetch(`${base}/healthz`).then((r) => r.ok, () => false), 30_000, 'service up');
    const claim = {
      incident: { key: 'tok-1', country: 'ML', startDate: '2024-07-25' },
      claimant: { name: 'JNIM', kind: 'armed_group' },
      statedAt: '2024-07-26',
      figures: [{ party: 'Wagner', outcome: 'killed', count: { exact: 3 } }],
    };
    const post = (auth?: string) =>
      fetch(`${base}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(claim),
      });
    expect((await post()).status).toBe(401);
    expect((await post(`Bearer ${token}x`)).status).toBe(401);
    expect((await post(`Basic ${token}`)).status).toBe(401);
    const ok = await post(`Bearer ${token}`);
    expect(ok.status).toBe(202);
    const { id } = ((await ok.json()) as { accepted: { id: string }[] }).accepted[0]!;
    await waitUntil(async () => (await h.ctx.store.claimStatus(id))?.status === 'stored', 20_000, 'stored');
    const del = await fetch(`${base}/claims/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(200);
    const retracted = (await del.json()) as { retractedBy: string | null };
    expect(await h.ctx.store.claimStatus(id)).toMatchObject({ status: 'retracted', retractedBy: expect.stringMatching(/^token:[0-9a-f]{8}$/) });
    expect(JSON.stringify(retracted)).not.toContain(token);

    server.kill('SIGTERM');
    await server.exited;
    expect(server.logs().length).toBeGreaterThan(0);
    expect(server.logs()).not.toContain(token);
    expect(server.logs()).not.toContain('other-token');
  });
});
