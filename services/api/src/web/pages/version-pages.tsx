/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ReportVersionInfo } from '@recon/domain';
import { shortId } from '../format.js';
import { Page } from '../layout.js';
import type { ReportDiff } from '../report-diff.js';

interface IncidentRef {
  id: string;
  title: string;
}

const base = (i: IncidentRef): string => `/incidents/${encodeURIComponent(i.id)}`;

export function VersionsPage({ incident, versions }: { incident: IncidentRef; versions: readonly ReportVersionInfo[] }) {
  const latest = versions.at(-1)?.version ?? 0;
  return (
    <Page title={`Versions of ${incident.title}`} section="incidents">
      <h1>
        Versions of <a href={base(incident)}>{incident.title}</a>
      </h1>
      {versions.length === 0 ? (
        <p class="muted">No report yet.</p>
      ) : (
        <>
          <table>
            <caption>{versions.length} versions, oldest first</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Version
                </th>
                <th scope="col">Generated</th>
                <th scope="col" class="num">
                  Claims
                </th>
                <th scope="col" class="num">
                  Disputed cells
                </th>
                <th scope="col">Summary</th>
                <th scope="col">Compare</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr>
                  <td class="num">
                    <a href={`${base(incident)}?version=${v.version}`}>{v.version}</a>
                  </td>
                  <td>{v.generatedAt}</td>
                  <td class="num">{v.claimCount}</td>
                  <td class="num">{v.disputedCells}</td>
                  <td>{v.summary}</td>
                  <td>{v.version > 1 ? <a href={`${base(incident)}/diff?from=${v.version - 1}&to=${v.version}`}>with {v.version - 1}</a> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="get" action={`${base(incident)}/diff`} class="filters" aria-label="Compare two versions">
            <div>
              <label for="d-from">From version</label>
              <input id="d-from" type="number" name="from" min={1} max={latest} value={String(Math.max(1, latest - 1))} />
            </div>
            <div>
              <label for="d-to">To version</label>
              <input id="d-to" type="number" name="to" min={1} max={latest} value={String(latest)} />
            </div>
            <button type="submit">Compare</button>
          </form>
        </>
      )}
    </Page>
  );
}

const ids = (list: readonly string[]): string => list.map(shortId).join(', ');

export function DiffPage({ incident, diff }: { incident: IncidentRef; diff: ReportDiff }) {
  const changed = diff.cells.filter((c) => c.change !== 'same');
  return (
    <Page title={`${incident.title}: version ${diff.from} to ${diff.to}`} section="incidents">
      <h1>
        <a href={base(incident)}>{incident.title}</a>: version {diff.from} → {diff.to}
      </h1>
      <p>
        Claims counted: {diff.claimCountBefore} → {diff.claimCountAfter}. {changed.length} of {diff.cells.length} cells changed. ·{' '}
        <a href={`${base(incident)}/versions`}>all versions</a>
      </p>
      {diff.incidentChanges.length > 0 ? (
        <table>
          <caption>Incident details</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Version {diff.from}</th>
              <th scope="col">Version {diff.to}</th>
            </tr>
          </thead>
          <tbody>
            {diff.incidentChanges.map((f) => (
              <tr class="changed">
                <td>{f.field}</td>
                <td>{JSON.stringify(f.before ?? null)}</td>
                <td>{JSON.stringify(f.after ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table>
        <caption>Cells (party × outcome)</caption>
        <thead>
          <tr>
            <th scope="col">Cell</th>
            <th scope="col">Change</th>
            <th scope="col">Range</th>
            <th scope="col">Agreement</th>
            <th scope="col">Claims added</th>
            <th scope="col">Claims removed</th>
            <th scope="col">Claims now superseded</th>
          </tr>
        </thead>
        <tbody>
          {diff.cells.map((c) => (
            <tr class={c.change === 'same' ? undefined : c.change}>
              <td>{c.cell}</td>
              <td>{c.change}</td>
              <td>{c.rangeBefore === c.rangeAfter ? c.rangeAfter : `${c.rangeBefore ?? '—'} → ${c.rangeAfter ?? '—'}`}</td>
              <td>{c.agreementBefore === c.agreementAfter ? c.agreementAfter : `${c.agreementBefore ?? '—'} → ${c.agreementAfter ?? '—'}`}</td>
              <td class="id">{ids(c.claimsAdded)}</td>
              <td class="id">{ids(c.claimsRemoved)}</td>
              <td class="id">{ids(c.claimsSuperseded)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
