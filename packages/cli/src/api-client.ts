/** A small typed client of the service's HTTP API; every answer's type is derived from the API's own schemas (`@recon/contract`). */
import type {
  ActorEntry,
  AuditEvent,
  ClaimStatus,
  CurationAnswer,
  ExtractBody,
  ExtractionAnswer,
  IncidentDetail,
  IncidentEdit,
  IncidentList,
  ProblemClaimList,
  ReportVersionList,
  SubmitResult,
} from '@recon/contract';
import type { FieldError, IncidentFilter, Report } from '@recon/domain';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no answer came back. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field errors of the answer, when it lists any (e.g. a 409 to a retry of an invalid claim). */
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** The statuses GET /claims?status= lists. */
export type ProblemStatus = ProblemClaim['status'];
export type ProblemClaim = ProblemClaimList['claims'][number];
export type ReportVersionInfo = ReportVersionList['versions'][number];
export type IncidentListItem = IncidentList['incidents'][number];
export type SubmitAnswer = SubmitResult;
export type AcceptedClaim = SubmitResult['accepted'][number];
export type RejectedClaim = SubmitResult['rejected'][number];
export type DraftClaim = ExtractionAnswer['claims'][number];
export type Evidence = DraftClaim['evidence'][number];
export type { ActorEntry, AuditEvent, ClaimStatus, CurationAnswer, ExtractBody, ExtractionAnswer, FieldError, IncidentDetail, IncidentEdit, IncidentFilter, IncidentList, ProblemClaimList, ReportVersionList };

export interface ProblemClaimsOptions {
  limit?: number;
  offset?: number;
}

export interface ReconClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** How long one request may take before it is given up (default 60 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** How many times a request answered 429 (busy) is sent again. */
const BUSY_RETRIES = 20;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isFieldError = (v: unknown): v is FieldError =>
  isRecord(v) && typeof v.path === 'string' && typeof v.message === 'string';

/** The `{ "error": { "code", "message", "errors"? } }` body of a non-2xx answer, when it is one. */
function errorOf(status: number, statusText: string, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : 'http_error';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status} ${statusText}`.trim();
  const errors = Array.isArray(error?.errors) ? error.errors.filter(isFieldError) : [];
  return new ApiError(status, code, message, errors);
}

function queryOf(filter: IncidentFilter | (ProblemClaimsOptions & { status: ProblemStatus })): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value !== undefined && value !== false) params.set(name, String(value));
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

const segment = (idOrKey: string): string => encodeURIComponent(idOrKey);

export class ReconClient {
  readonly baseUrl: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor({ baseUrl, token, fetch: fetchImpl, timeoutMs = DEFAULT_TIMEOUT_MS }: ReconClientOptions) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ApiError(0, 'bad_url', `not a valid API URL: ${baseUrl}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ApiError(0, 'bad_url', `the API URL must be http or https: ${baseUrl}`);
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#token = token === '' ? undefined : token;
    this.#fetch = fetchImpl ?? globalThis.fetch;
    this.#timeoutMs = timeoutMs;
  }

  /** POST /claims with `{ "claims": [...] }`. */
  async submit(claims: unknown[]): Promise<SubmitAnswer> {
    const answer = await this.#request<SubmitAnswer>('POST', '/claims', { claims });
    if (!Array.isArray(answer.accepted) || !Array.isArray(answer.rejected)) {
      throw new ApiError(202, 'bad_response', 'the API answer to POST /claims lacks "accepted"/"rejected" lists');
    }
    return answer;
  }

  /** POST /extract: draft claims from an article's text (a write: sends the bearer token when there is one); nothing is stored. */
  async extract(body: ExtractBody): Promise<ExtractionAnswer> {
    const answer = await this.#request<ExtractionAnswer>('POST', '/extract', body);
    if (!isRecord(answer) || !Array.isArray(answer.claims)) {
      throw new ApiError(200, 'bad_response', 'the API answer to POST /extract lacks a "claims" list');
    }
    return answer;
  }

  claim(id: string): Promise<ClaimStatus> {
    return this.#request('GET', `/claims/${segment(id)}`);
  }

  /** GET /claims?status=: rejected (invalid) or failed (valid, ingest failed for good) claims, most recent first. */
  async problemClaims(status: ProblemStatus, options: ProblemClaimsOptions = {}): Promise<ProblemClaimList> {
    const query = queryOf({ status, limit: options.limit, offset: options.offset });
    const answer = await this.#request<ProblemClaimList>('GET', `/claims${query}`);
    if (!isRecord(answer) || !Array.isArray(answer.claims)) {
      throw new ApiError(200, 'bad_response', 'the API answer to GET /claims lacks a "claims" list');
    }
    return answer;
  }

  /** POST /claims/:id/retry: queues a failed claim again (a write: sends the bearer token when there is one). */
  retry(id: string): Promise<ClaimStatus> {
    return this.#request('POST', `/claims/${segment(id)}/retry`);
  }

  report(idOrKey: string, version?: number): Promise<Report> {
    const query = version === undefined ? '' : `?version=${version}`;
    return this.#request('GET', `/incidents/${segment(idOrKey)}/report${query}`);
  }

  reports(idOrKey: string): Promise<ReportVersionList> {
    return this.#request('GET', `/incidents/${segment(idOrKey)}/reports`);
  }

  /** GET /incidents/:id (id or key): the incident, with `upToDate` once its report reflects every stored claim. */
  incident(idOrKey: string): Promise<IncidentDetail> {
    return this.#request('GET', `/incidents/${segment(idOrKey)}`);
  }

  /** DELETE /claims/:id with a note: retracts a stored claim (kept, marked, reports rebuilt). */
  retract(id: string, note?: string): Promise<ClaimStatus> {
    return this.#request('DELETE', `/claims/${segment(id)}`, note === undefined ? undefined : { note });
  }

  /** POST /incidents/:id/merge. */
  merge(idOrKey: string, into: string, note?: string): Promise<CurationAnswer> {
    return this.#request('POST', `/incidents/${segment(idOrKey)}/merge`, { into, ...(note === undefined ? {} : { note }) });
  }

  /** POST /incidents/:id/split. */
  split(idOrKey: string, claimIds: string[], incident: { key?: string; title?: string }, note?: string): Promise<CurationAnswer> {
    return this.#request('POST', `/incidents/${segment(idOrKey)}/split`, { claimIds, incident, ...(note === undefined ? {} : { note }) });
  }

  /** POST /claims/:id/move. */
  move(claimId: string, incident: string, note?: string): Promise<CurationAnswer> {
    return this.#request('POST', `/claims/${segment(claimId)}/move`, { incident, ...(note === undefined ? {} : { note }) });
  }

  /** PATCH /incidents/:id. */
  edit(idOrKey: string, fields: IncidentEdit, note?: string): Promise<CurationAnswer> {
    return this.#request('PATCH', `/incidents/${segment(idOrKey)}`, { ...fields, ...(note === undefined ? {} : { note }) });
  }

  /** POST /incidents/:id/review. */
  review(idOrKey: string, decision: 'confirmed' | 'merged' | 'split', note?: string): Promise<CurationAnswer> {
    return this.#request('POST', `/incidents/${segment(idOrKey)}/review`, { decision, ...(note === undefined ? {} : { note }) });
  }

  /** GET /incidents/:id/history: the incident's audit trail, oldest first. */
  history(idOrKey: string): Promise<{ events: AuditEvent[] }> {
    return this.#request('GET', `/incidents/${segment(idOrKey)}/history`);
  }

  /** GET /actors: the registry, filtered by name (`q`) and country. */
  actors(filter: { q?: string; country?: string } = {}): Promise<{ actors: ActorEntry[] }> {
    const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined));
    const query = params.toString();
    return this.#request('GET', `/actors${query === '' ? '' : `?${query}`}`);
  }

  /** GET /healthz: true when the API answers and both Redis and the database are up. */
  async healthy(): Promise<boolean> {
    try {
      const h = await this.#request<{ status: string }>('GET', '/healthz');
      return h.status === 'ok';
    } catch {
      return false;
    }
  }

  /** GET /export/<file>: the export as it streams in, chunk by chunk (text). */
  async *exportFile(file: 'claims.csv' | 'claims.ndjson' | 'cells.csv', filter: Omit<IncidentFilter, 'limit' | 'offset'> = {}): AsyncGenerator<string> {
    const headers: Record<string, string> = {};
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    const response = await this.#send(`/export/${file}${queryOf(filter)}`, { method: 'GET', headers });
    if (!response.ok) throw errorOf(response.status, response.statusText, await this.#json(response));
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield decoder.decode(chunk, { stream: true });
    } catch (e) {
      throw this.#unreachable(e);
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  incidents(filter: IncidentFilter = {}): Promise<IncidentList> {
    return this.#request('GET', `/incidents${queryOf(filter)}`);
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    const text = body === undefined ? undefined : JSON.stringify(body);
    const attempt = () => this.#send(path, { method, headers, signal: AbortSignal.timeout(this.#timeoutMs), ...(text === undefined ? {} : { body: text }) });
    let response = await attempt();
    // Busy (429): nothing of the request was done; wait as the service asks (at most 5 s) and send it again.
    for (let tries = 0; response.status === 429 && tries < BUSY_RETRIES; tries++) {
      await response.arrayBuffer().catch(() => undefined);
      const wait = Math.min(5, Math.max(0.05, Number(response.headers.get('retry-after') ?? '1') || 1));
      await new Promise((r) => setTimeout(r, wait * 1000));
      response = await attempt();
    }
    const parsed = await this.#json(response);
    if (!response.ok) throw errorOf(response.status, response.statusText, parsed);
    if (parsed === undefined) {
      throw new ApiError(response.status, 'bad_response', `the API answered ${method} ${path} with something that is not JSON`);
    }
    return parsed as T;
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(`${this.baseUrl}${path}`, init);
    } catch (e) {
      throw this.#unreachable(e);
    }
  }

  /** The body as JSON, or `undefined` when it is not JSON. */
  async #json(response: Response): Promise<unknown> {
    const text = await response.text().catch((e: unknown) => {
      throw this.#unreachable(e);
    });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  #unreachable(e: unknown): ApiError {
    if (e instanceof Error && e.name === 'TimeoutError') {
      return new ApiError(0, 'timeout', `the API at ${this.baseUrl} did not answer within ${this.#timeoutMs / 1000} s`);
    }
    const cause = isRecord(e) && isRecord(e.cause) ? e.cause : undefined;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    if (code === 'ECONNREFUSED') {
      return new ApiError(0, 'unreachable', `cannot reach the API at ${this.baseUrl}: is \`npm start\` running?`);
    }
    const reason = typeof cause?.message === 'string' ? cause.message : e instanceof Error ? e.message : String(e);
    return new ApiError(0, 'unreachable', `cannot reach the API at ${this.baseUrl}: ${reason}`);
  }
}
