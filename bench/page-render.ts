/**
 * Times the incident page of one incident, uncached, in a process of its own (as the API's, not the
 * bench's crowded heap): read the stored report, parse it, render the page. Prints p50/p99 as JSON.
 * Usage: page-render.ts DATABASE_PATH|DATABASE_URL INCIDENT_ID RUNS
 */
import { renderIncidentPage } from '@recon/api';
import { ClaimStore, openEngine } from '@recon/db';
import type { Report } from '@recon/domain';

const [path, incidentId, runs] = process.argv.slice(2) as [string, string, string];
const store = new ClaimStore(openEngine(path.startsWith('postgres') ? { url: path, path: '' } : { path }));
const latest = (await store.latestReportVersion(incidentId))!.version;
const times: number[] = [];
for (let i = 0; i < Number(runs) + 3; i++) {
  const t = performance.now();
  renderIncidentPage(JSON.parse((await store.reportJson(incidentId))!) as Report, latest);
  if (i >= 3) times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const at = (q: number): number => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * q))]! * 100) / 100;
console.log(JSON.stringify({ p50: at(0.5), p99: at(0.99), runs: times.length }));
await store.close();
