import { startAll } from '@recon/server';
import { it } from 'vitest';
import { createHarness } from '../support/harness.js';
import { explicitCases, type HostileCase } from './hostile-gen.js';

const utf8 = new TextEncoder();
async function post(base: string, c: HostileCase): Promise<string> {
  const bytes = typeof c.body === 'string' ? utf8.encode(c.body) : c.body;
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000) };
  if (c.chunked) {
    init.body = new ReadableStream<Uint8Array>({ start(ctl) { for (let i = 0; i < bytes.length; i += 65536) ctl.enqueue(bytes.slice(i, i + 65536)); ctl.close(); } });
    init.duplex = 'half';
  } else init.body = bytes;
  try {
    const res = await fetch(`${base}/claims`, init);
    const t = await res.text();
    return `${res.status} conn=${res.headers.get('connection')} ${t.slice(0, 100)}`;
  } catch (e) { return `ERR ${(e as Error).message} ${((e as Error).cause as Error)?.message}`; }
}
it('scratch', async () => {
  const h = await createHarness();
  const s = await startAll(h.ctx, { port: 0 });
  const base = `http://127.0.0.1:${s.http.port}`;
  const small: HostileCase = { kind: 'small', body: '{}' };
  for (const c of explicitCases().slice(0, 16)) {
    console.log(c.kind, c.chunked ?? false, '=>', await post(base, c), ' then small =>', await post(base, small));
  }
  await s.close(); await h.close();
}, 60_000);
