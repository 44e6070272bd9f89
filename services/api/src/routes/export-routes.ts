import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ExportQuerySchema } from '@recon/contract';
import type { ExportIncident } from '@recon/db';
import type { IncidentFilter, Report } from '@recon/domain';
import { CELL_COLUMNS, CLAIM_COLUMNS, cellRowsOf, claimRowsOf, csvHeader, csvLines, type ClaimRow, type FigureState } from '@recon/exchange';
import type { Context } from 'hono';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses } from '../api-error.js';
import { parseQueryValues } from '../request-parsing.js';
import { filledQuery } from '../web/html-answer.js';

/**
 * Exports for the tools analysts already use: claims (one row per figure) as CSV or NDJSON, and
 * cells (one row per incident × party × outcome) as CSV, for the incidents the list's filters select.
 * Streamed one incident at a time, so any size runs in the memory of its largest incident.
 */
type Format = 'claims.csv' | 'claims.ndjson' | 'cells.csv';

const FILES: Record<Format, { type: string; summary: string }> = {
  'claims.csv': { type: 'text/csv; charset=utf-8', summary: 'Claims as CSV, one row per figure (the columns are listed in the README); filters as GET /incidents' },
  'claims.ndjson': { type: 'application/x-ndjson; charset=utf-8', summary: 'Claims as NDJSON, one object per figure with the CSV\'s columns; filters as GET /incidents' },
  'cells.csv': { type: 'text/csv; charset=utf-8', summary: 'Cells as CSV: one row per incident × party × outcome of each latest report; filters as GET /incidents' },
};

const route = (format: Format) =>
  createRoute({
    method: 'get',
    path: `/export/${format}`,
    summary: FILES[format].summary,
    request: { query: ExportQuerySchema },
    responses: {
      200: { description: 'The file, streamed', content: { [FILES[format].type.split(';')[0]!]: { schema: z.string().openapi({ description: `The ${format} file` }) } } },
      ...errorResponses({ 400: 'A bad query parameter' }),
    },
  });

/** Where each claim of the report stands, by party and outcome. */
function statesOf(report: Report | null): (claimId: string) => (partyId: string, outcome: string) => FigureState {
  const current = new Set<string>();
  const superseded = new Set<string>();
  for (const cell of report?.cells ?? []) {
    for (const c of cell.claims) current.add(`${c.claimId}\u0000${cell.party.id}\u0000${cell.outcome}`);
    for (const c of cell.superseded ?? []) superseded.add(`${c.claimId}\u0000${cell.party.id}\u0000${cell.outcome}`);
  }
  return (claimId) => (partyId, outcome) => {
    const k = `${claimId}\u0000${partyId}\u0000${outcome}`;
    return current.has(k) ? 'current' : superseded.has(k) ? 'superseded' : 'not_reported';
  };
}

function claimRows(incident: ExportIncident): ClaimRow[] {
  const stateOf = statesOf(incident.report);
  const rows: ClaimRow[] = [];
  for (const c of incident.claims()) rows.push(...claimRowsOf({ claim: c.claim, id: c.id, resolved: c.resolved, incidentId: incident.incidentId, retracted: c.retracted, stateOf: stateOf(c.id) }));
  return rows;
}

const CHUNK: Record<Format, { head: string; body: (i: ExportIncident) => string }> = {
  'claims.csv': { head: csvHeader(CLAIM_COLUMNS), body: (i) => csvLines(claimRows(i), CLAIM_COLUMNS) },
  'claims.ndjson': { head: '', body: (i) => claimRows(i).map((r) => `${JSON.stringify(r)}\n`).join('') },
  'cells.csv': { head: csvHeader(CELL_COLUMNS), body: (i) => (i.report ? csvLines(cellRowsOf(i.report), CELL_COLUMNS) : '') },
};

/** The file as a stream that reads the next incident only when the client has taken the last one. */
function exportStream(incidents: Generator<ExportIncident>, format: Format): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { head, body } = CHUNK[format];
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!started) {
          started = true;
          if (head) return controller.enqueue(encoder.encode(head));
        }
        // Skip incidents that give no rows, but give back control after each one that does.
        for (;;) {
          const next = incidents.next();
          if (next.done) return controller.close();
          const text = body(next.value);
          if (text) return controller.enqueue(encoder.encode(text));
        }
      },
      cancel() {
        incidents.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

export function registerExportRoutes(app: OpenAPIHono, deps: ApiDeps): void {
  for (const format of Object.keys(FILES) as Format[]) {
    app.openAPIRegistry.registerPath(route(format));
    // Routed by hand: a browser's form sends empty fields, which mean "no filter".
    app.get(`/export/${format}`, (c: Context) => {
      const q = parseQueryValues(filledQuery(c), ExportQuerySchema);
      if (!q.ok) return apiError(c, 'invalid_request', 'bad query parameters', q.errors);
      const { disputed, needsReview, ...rest } = q.value;
      const filter: Omit<IncidentFilter, 'limit' | 'offset'> = {
        ...rest,
        ...(disputed === undefined ? {} : { disputed: disputed === 'true' }),
        ...(needsReview === undefined ? {} : { needsReview: needsReview === 'true' }),
      };
      const stamp = new Date().toISOString().slice(0, 10);
      const [name, ext] = format.split('.') as [string, string];
      return new Response(exportStream(deps.store.exports.incidentsFor(filter), format), {
        status: 200,
        headers: { 'content-type': FILES[format].type, 'content-disposition': `attachment; filename="recon-${name}-${stamp}.${ext}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
      });
    });
  }
}
