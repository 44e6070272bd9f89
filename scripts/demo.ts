/**
 * `npm run demo`: submits the claims coded from the corpus (samples/corpus-claims.json) through the
 * HTTP API, waits until every report reflects them, and prints the reports. Uses the service at
 * RECON_URL (or http://HOST:PORT) when one answers; otherwise starts one in this process.
 */
import { readFileSync } from 'node:fs';
import { clean, parseClaimsInput, ReconClient, renderReport } from '@recon/cli';
import { createContext, failStartup, parseEnv } from '@recon/runtime';
import { startAll, type RunningService } from '@recon/server';

const SAMPLE = new URL('../samples/corpus-claims.json', import.meta.url);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const env = parseEnv();
  const url = process.env.RECON_URL ?? `http://${env.HOST}:${env.PORT}`;
  let client = new ReconClient({ baseUrl: url, token: process.env.RECON_TOKEN });
  let service: RunningService | undefined;
  if (await client.healthy()) {
    console.log(`using the service at ${url}`);
  } else {
    console.log(`no service answers at ${url}: starting one in this process (database ${env.DATABASE_PATH})`);
    const ctx = await createContext(env, { migrate: true });
    service = await startAll(ctx);
    client = new ReconClient({ baseUrl: `http://${env.HOST}:${service.http.port}`, token: process.env.RECON_TOKEN });
  }
  try {
    const { items } = parseClaimsInput(readFileSync(SAMPLE, 'utf8'));
    const answer = await client.submit(items);
    const queued = answer.accepted.filter((a) => a.status === 'queued').length;
    console.log(`submitted ${items.length} claims: ${queued} queued, ${answer.accepted.length - queued} already known, ${answer.rejected.length} rejected`);
    for (const r of answer.rejected) console.log(`  rejected #${r.index}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);

    // Wait until every claim is stored and every incident's report reflects its claims.
    const incidents = new Set<string>();
    const deadline = Date.now() + 60_000;
    for (const a of answer.accepted) {
      for (;;) {
        const s = await client.claim(a.id);
        if (s.status !== 'queued' && s.incidentId) {
          incidents.add(s.incidentId);
          break;
        }
        if (Date.now() > deadline) throw new Error(`claim ${a.id} is still ${s.status} after 60 s`);
        await sleep(100);
      }
    }
    for (const id of incidents) {
      while (!(await client.incident(id)).upToDate) {
        if (Date.now() > deadline) throw new Error(`the report of incident ${id} is still behind after 60 s`);
        await sleep(100);
      }
    }
    for (const id of [...incidents].sort()) {
      console.log(`\n${'='.repeat(100)}`);
      for (const line of renderReport(await client.report(id))) console.log(line);
    }
    const disputed = (await client.incidents({ disputed: true })).incidents;
    console.log(`\n${incidents.size} incidents reported; ${disputed.length} with a disputed figure.`);
    for (const i of disputed) console.log(`  ${clean(i.key ?? i.id)}: ${clean(i.summary)}`);
  } finally {
    await service?.close();
  }
}

main().catch(failStartup);
