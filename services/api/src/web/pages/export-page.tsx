/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Page } from '../layout.js';

const FILES = [
  { path: '/export/claims.csv', label: 'Claims (CSV)', what: 'one row per figure: incident, claimant, relays, count, range, wording, source, current or superseded, retracted. Edit it and import it again with the paste box on Enter claims, or recon submit.' },
  { path: '/export/claims.ndjson', label: 'Claims (NDJSON)', what: 'the same rows, one JSON object a line.' },
  { path: '/export/cells.csv', label: 'Cells (CSV)', what: 'one row per incident × party × outcome: range, agreement, consensus, claimants, range per perspective.' },
];

/** Downloads, with the incident list's filters. */
export function ExportPage() {
  return (
    <Page title="Export" section="export">
      <h1>Export</h1>
      <p>Each export takes a search, a country and dates (empty: everything); the Incidents page's download link also keeps its disputed and needs-review filters. Files are streamed, whatever their size; text cells starting with = + - or @ get a leading apostrophe so spreadsheets do not run them.</p>
      {FILES.map((f, n) => (
        <form method="get" action={f.path} class="filters" aria-labelledby={`exp-${n}`}>
          <h2 id={`exp-${n}`}>{f.label}</h2>
          <p>{f.what}</p>
          <div>
            <label for={`q-${n}`}>Search</label>
            <input id={`q-${n}`} type="search" name="q" />
          </div>
          <div>
            <label for={`country-${n}`}>Country</label>
            <input id={`country-${n}`} type="text" name="country" size={3} maxlength={2} />
          </div>
          <div>
            <label for={`from-${n}`}>From</label>
            <input id={`from-${n}`} type="date" name="from" />
          </div>
          <div>
            <label for={`to-${n}`}>To</label>
            <input id={`to-${n}`} type="date" name="to" />
          </div>
          <button type="submit">Download</button>
        </form>
      ))}
    </Page>
  );
}
