/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { AuditEvent } from '@recon/db';
import { shortId, words } from '../format.js';
import { Page } from '../layout.js';

/** An incident's audit trail: who did what, when, why, oldest first. */
export function HistoryPage({ incident, events }: { incident: { id: string; title: string }; events: readonly AuditEvent[] }) {
  return (
    <Page title={`History of ${incident.title}`} section="incidents">
      <h1>
        History of <a href={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
      </h1>
      {events.length === 0 ? (
        <p class="muted">No analyst has changed this incident.</p>
      ) : (
        <table>
          <caption>{events.length} events, oldest first</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Note</th>
              <th scope="col">Incidents</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td class="num">{e.seq}</td>
                <td>{e.at}</td>
                <td>{e.actor}</td>
                <td>{words(e.action)}</td>
                <td>{e.note ?? <span class="muted">—</span>}</td>
                <td class="id">
                  {e.incidentIds.map((id, n) => (
                    <>
                      {n > 0 ? ', ' : ''}
                      <a href={`/incidents/${encodeURIComponent(id)}`}>{shortId(id)}</a>
                    </>
                  ))}
                </td>
                <td class="id">{e.claimIds.map(shortId).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
