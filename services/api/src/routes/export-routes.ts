import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ExportQuerySchema, incidentFilterOf } from '@recon/contract';
import type { ExportClaim, ExportIncident } from '@recon/db';
import { actorContextOf, type ActorRegistry, type Report } from '@recon/domain';
import { CELL_COLUMNS, CLAIM_COLUMNS, cellRowsOf, claimJsonRowsOf, claimRowsOf, csvHeader, csvLines, type ClaimRowsInput, type FigureState } from '@recon/exchange';
import type { Context } from 'hono';
import type { ApiDeps } from '../api-deps.js';
import { apiError, errorResponses } from '../api-error.js';
import { parseQueryValues } from '../request-parsing.js';
import { filledQuery } from '../web/html-answer.js';

/**
 * Exports for the tools analysts already use: claims (one row per figure) as CSV or NDJSON, and
 * cells (one row per incident × party × outcome) as CSV, for the incidents the list's filters select.
 * Streamed a chunk at a time (at most one page of an incident's claims, or one incident's cells), each
 * read from the database only when the client has taken the last: any size runs in bounded memory.
 */
type Format = 'claims.csv' | 'claims.ndjson' | 'cells.csv';

const FILES: Record<Format, { type: string; summary: string }> = {
  'claims.csv': { type: 'text/csv; charset=utf-8', summary: 'Claims as CSV, one row per figure (the columns are listed in the README); filters as GET /incidents' },
  'claims.ndjson': { type: 'application/x-ndjson; charset=utf-8', summary: 'Claims as NDJSON, one object per figure with the CSV\'s columns (relays as arrays); filters as GET /incidents' },
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

/** What a claim's rows are made of: the claim, where it stands, and its relays' canonical ids. */
function rowsInput(c: ExportClaim, incidentId: string, stateOf: ReturnType<typeof statesOf>, registry: ActorRegistry): ClaimRowsInput {
  const at = actorContextOf(c.claim);
  const viaIds = (c.claim.via ?? []).map((v) => registry.resolve(v.name, v.kind, at).id);
  return { claim: c.claim, id: c.id, resolved: c.resolved, incidentId, retracted: c.retracted, stateOf: stateOf(c.id), viaIds };
}

/** The text chunks of one incident: a chunk per page of its claims (claims files) or its cells. */
async function* incidentChunks(incident: ExportIncident, format: Format, registry: ActorRegistry): AsyncGenerator<string> {
  if (format === 'cells.csv') {
    if (incident.report) yield csvLines(cellRowsOf(incident.report), CELL_COLUMNS);
    return;
  }
  const stateOf = statesOf(incident.report);
  for await (const page of incident.claimPages()) {
    const inputs = page.map((c) => rowsInput(c, incident.incidentId, stateOf, registry));
    yield format === 'claims.csv'
      ? csvLines(inputs.flatMap(claimRowsOf), CLAIM_COLUMNS)
      : inputs.flatMap(claimJsonRowsOf).map((r) => `${JSON.stringify(r)}\n`).join('');
  }
}

/** The whole file as text chunks, the header first: nothing is read before it is asked for. */
async function* fileChunks(incidents: AsyncGenerator<ExportIncident>, format: Format, registry: ActorRegistry): AsyncGenerator<string> {
  if (format !== 'claims.ndjson') yield csvHeader(format === 'cells.csv' ? CELL_COLUMNS : CLAIM_COLUMNS);
  for await (const incident of incidents) yield* incidentChunks(incident, format, registry);
}

/** The file as a stream that makes the next chunk only when the client has taken the last one. */
function exportStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Skip empty chunks (an incident without a report has no cells), but give back control after each that is not.
        for (;;) {
          const next = await chunks.next();
          if (next.done) return controller.close();
          if (next.value) return controller.enqueue(encoder.encode(next.value));
        }
      },
      async cancel() {
        await chunks.return(undefined);
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
      const filter = incidentFilterOf(q.value);
      const stamp = new Date().toISOString().slice(0, 10);
      const [name, ext] = format.split('.') as [string, string];
      return new Response(exportStream(fileChunks(deps.store.exports.incidentsFor(filter), format, deps.registry)), {
        status: 200,
        headers: { 'content-type': FILES[format].type, 'content-disposition': `attachment; filename="recon-${name}-${stamp}.${ext}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
      });
    });
  }
}
