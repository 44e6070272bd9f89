/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ExtractionAnswer, SubmitResult } from '@recon/contract';
import { LIMITS } from '@recon/domain';
import type { Context } from 'hono';
import type { OpenAPIHono as Hono } from '@hono/zod-openapi';
import type { ApiDeps } from '../api-deps.js';
import { MAX_BODY_BYTES } from '../routes/claims-routes.js';
import {
  articleFieldOf,
  articleInputOf,
  batchOf,
  draftOf,
  draftOfExtraction,
  emptyClaim,
  emptyDraft,
  emptyFigure,
  extractBodyOf,
  fieldOf,
  MAX_CLAIMS,
  MAX_FIGURES,
  MAX_RELAYS,
  type ArticleInput,
  type FormDraft,
} from './claim-draft.js';
import { htmlAnswer } from './html-answer.js';
import { renderPage } from './layout.js';
import { ClaimFormPage, type FieldMessages, type Outcome } from './pages/claim-form-page.js';
import { parsePasted } from './paste.js';
import { csrfToken, sessionToken } from './session.js';
import { formOf } from './web-form.js';

/** What the API answered a write the workbench made for the browser. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/**
 * Calls the API itself, in process, as the signed-in analyst: the same validation, queue, limits and
 * token checks as any client's request.
 */
export async function callApi(app: Hono, c: Context, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const token = sessionToken(c);
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/** The API's error answer in one sentence, with what to do about a missing token. */
export function apiProblem(a: ApiAnswer): string {
  const e = (a.body as { error?: { code?: string; message?: string; errors?: { path: string; message: string }[] } } | null)?.error;
  if (a.status === 401) return 'The service needs a token for this: sign in (Session, top right) and send the form again.';
  const detail = e?.errors?.map((x) => `${x.path}: ${x.message}`).join('; ');
  return `${e?.message ?? `the service answered ${a.status}`}${detail ? ` (${detail})` : ''}`;
}

const noMessages = (): FieldMessages => ({ errors: new Map(), warnings: new Map() });

function add(map: Map<string, string[]>, key: string, text: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(text)) list.push(text);
  map.set(key, list);
}

/** A kind left to the registry for a name it does not know: say so, rather than list every kind. */
function kindMessage(draft: FormDraft, i: number, path: string): string | null {
  const claim = draft.claims[i];
  if (!claim) return null;
  if (path === 'claimant.kind' && claim.claimantKind === '' && claim.claimantName !== '') return `“${claim.claimantName}” is not in the actor registry: choose its kind.`;
  const via = /^via\[(\d+)\]\.kind$/.exec(path);
  const relay = via ? claim.via.filter((r) => r.name !== '')[Number(via[1])] : undefined;
  if (relay && relay.kind === '') return `“${relay.name}” is not in the actor registry: choose its kind.`;
  return null;
}

/** What the buttons other than "submit" do to the draft. */
function edit(draft: FormDraft, action: string): void {
  const [verb, arg] = action.split(':');
  const i = Number(arg);
  const claim = Number.isInteger(i) ? draft.claims[i] : undefined;
  if (verb === 'add_claim' && draft.claims.length < MAX_CLAIMS) draft.claims.push(emptyClaim());
  if (verb === 'add_figure' && claim && claim.figures.length < MAX_FIGURES) claim.figures.push(emptyFigure());
  if (verb === 'add_relay' && claim && claim.via.length < MAX_RELAYS) {
    if (claim.via.length === 0) claim.via.push({ name: '', kind: '' });
    claim.via.push({ name: '', kind: '' });
  }
  if (verb === 'remove_claim' && claim && draft.claims.length > 1) draft.claims.splice(i, 1);
}

/** Consecutive batches of at most the API's batch size and about half its body limit. */
function batchesOf(items: readonly unknown[]): unknown[][] {
  const batches: unknown[][] = [];
  let batch: unknown[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length + 1;
    if (batch.length > 0 && (batch.length >= LIMITS.maxBatch || bytes + size > MAX_BODY_BYTES / 2)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export function registerClaimForm(app: Hono, deps: ApiDeps): void {
  const actorNames = [...new Set([...deps.registry.aliases()].map((a) => a.actor.name))].sort((a, b) => a.localeCompare(b));

  const page = (
    c: Context,
    draft: FormDraft,
    messages: FieldMessages,
    extra: { outcome?: Outcome; matches?: Awaited<ReturnType<ApiDeps['store']['listIncidents']>> | null; paste?: string; articleInput?: ArticleInput } = {},
    status: 200 | 400 | 403 = 200,
  ) => htmlAnswer(c, renderPage(<ClaimFormPage draft={draft} csrf={csrfToken(c)} messages={messages} actorNames={actorNames} {...extra} />), status);

  /** The incident the analyst picked from the search, as a claim's incident (null: the one described in the form). */
  const pickedIncident = async (draft: FormDraft) => {
    const picked = draft.pick ? await deps.store.findIncident(draft.pick) : null;
    const incident = picked
      ? {
          ...(picked.key ? { key: picked.key } : {}),
          country: picked.country,
          startDate: picked.startDate,
          ...(picked.endDate ? { endDate: picked.endDate } : {}),
          ...(picked.location ? { location: picked.location } : {}),
        }
      : null;
    return { picked, incident };
  };
  const kindOf = (name: string) => deps.registry.lookup(name)?.kind;

  app.get('/claims/new', (c) => page(c, emptyDraft(), noMessages()));

  app.post('/ui/claims', async (c) => {
    const form = await formOf(c);
    if (!form) return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'bad', lines: ['The form had expired (or came from another site): nothing was sent. Fill it in again.'] } }, 403);
    const draft = draftOf(form);
    const action = form.get('action') ?? 'submit';
    if (action === 'find_incident') {
      const matches = draft.search ? await deps.store.listIncidents({ q: draft.search, limit: 10 }) : [];
      return page(c, draft, noMessages(), { matches });
    }
    if (action.startsWith('submit_one:')) return submitOne(c, draft, Number(action.slice('submit_one:'.length)));
    if (action !== 'submit') {
      edit(draft, action);
      return page(c, draft, noMessages());
    }
    const { picked, incident } = await pickedIncident(draft);
    const answer = await callApi(app, c, 'POST', '/claims', batchOf(draft, incident, kindOf));
    if (answer.status !== 202) return page(c, draft, noMessages(), { outcome: { kind: 'bad', lines: [apiProblem(answer)] } }, 400);
    const result = answer.body as SubmitResult;
    const messages = noMessages();
    for (const r of result.rejected) for (const e of r.errors) add(messages.errors, fieldOf(r.index, e.path), kindMessage(draft, r.index, e.path) ?? `${e.path}: ${e.message}`);
    for (const a of result.accepted) for (const w of a.warnings) add(messages.warnings, fieldOf(a.index, w.path), `${w.message}`);
    const queued = result.accepted.filter((a) => a.status === 'queued').length;
    const dup = result.accepted.length - queued;
    const incidentRef = picked?.id ?? (draft.incident.key || null);
    const links = [
      ...(incidentRef ? [{ href: `/incidents/${encodeURIComponent(incidentRef)}`, text: 'The incident’s report (it updates once the claims are reconciled)' }] : []),
      ...result.accepted.map((a) => ({ href: `/claims/${a.id}`, text: `Claim ${a.index + 1}: ${a.status} (${a.id.slice(0, 8)})` })),
    ];
    if (result.rejected.length > 0) {
      const lines = [
        `${result.rejected.length} claim${result.rejected.length === 1 ? ' was' : 's were'} not accepted: the reasons are beside the fields. Correct them and submit again.`,
        ...(result.accepted.length > 0
          ? [
              `Claim${result.accepted.length === 1 ? '' : 's'} ${result.accepted.map((a) => a.index + 1).join(', ')} ${result.accepted.length === 1 ? 'was' : 'were'} accepted and will be stored as they are; submitting the form again is safe (they answer "duplicate").`,
            ]
          : []),
      ];
      return page(c, draft, messages, { outcome: { kind: 'bad', lines } }, 400);
    }
    // All accepted: a fresh form for the next incident of the same article, its source kept.
    const next = emptyDraft();
    next.source = draft.source;
    const warned = result.accepted.some((a) => a.warnings.length > 0);
    const lines = [
      `${queued} claim${queued === 1 ? '' : 's'} queued${dup > 0 ? `, ${dup} already known (duplicate)` : ''}.`,
      ...(warned ? ['Some names are not in the actor registry; they were kept as written:'] : []),
      ...result.accepted.flatMap((a) => a.warnings.map((w) => `Claim ${a.index + 1}, ${w.path}: ${w.message}`)),
    ];
    return page(c, next, noMessages(), { outcome: { kind: 'ok', lines, links } });
  });

  /** "Submit only claim N" (a form of drafts from an article): that claim alone; once accepted, it leaves the form and the others stay. */
  const submitOne = async (c: Context, draft: FormDraft, i: number): Promise<Response> => {
    const claim = Number.isInteger(i) ? draft.claims[i] : undefined;
    if (!claim) return page(c, draft, noMessages());
    const { picked, incident } = await pickedIncident(draft);
    const answer = await callApi(app, c, 'POST', '/claims', batchOf({ ...draft, claims: [claim] }, incident, kindOf));
    if (answer.status !== 202) return page(c, draft, noMessages(), { outcome: { kind: 'bad', lines: [apiProblem(answer)] } }, 400);
    const result = answer.body as SubmitResult;
    const messages = noMessages();
    if (result.rejected.length > 0) {
      for (const e of result.rejected[0]!.errors) add(messages.errors, fieldOf(i, e.path), kindMessage(draft, i, e.path) ?? `${e.path}: ${e.message}`);
      return page(c, draft, messages, { outcome: { kind: 'bad', lines: [`Claim ${i + 1} was not accepted: the reasons are beside its fields. Correct them and submit it again.`] } }, 400);
    }
    const accepted = result.accepted[0]!;
    const incidentRef = picked?.id ?? (draft.incident.key || null);
    const links = [
      ...(incidentRef ? [{ href: `/incidents/${encodeURIComponent(incidentRef)}`, text: 'The incident’s report (it updates once the claims are reconciled)' }] : []),
      { href: `/claims/${accepted.id}`, text: `Claim ${i + 1}: ${accepted.status} (${accepted.id.slice(0, 8)})` },
    ];
    const lines = [
      `Claim ${i + 1} ${accepted.status === 'queued' ? 'queued' : 'already known (duplicate)'}.`,
      ...accepted.warnings.map((w) => `Claim ${i + 1}, ${w.path}: ${w.message}`),
    ];
    draft.claims.splice(i, 1);
    if (draft.claims.length === 0) {
      const next = emptyDraft();
      next.source = draft.source;
      return page(c, next, noMessages(), { outcome: { kind: 'ok', lines, links } });
    }
    lines.push(`The other ${draft.claims.length === 1 ? 'draft is' : `${draft.claims.length} drafts are`} below, numbered afresh.`);
    return page(c, draft, noMessages(), { outcome: { kind: 'ok', lines, links } });
  };

  /** "Draft claims from the article": POST /extract, then the drafts as the form's claims and the article with their words marked. */
  app.post('/ui/claims/extract', async (c) => {
    const form = await formOf(c);
    if (!form) return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'bad', lines: ['The form had expired (or came from another site): nothing was sent. Paste the article again.'] } }, 403);
    const input = articleInputOf(form);
    if (input.text.trim() === '') {
      const messages = noMessages();
      add(messages.errors, 'extract.text', 'Paste the article’s text here.');
      return page(c, emptyDraft(), messages, { outcome: { kind: 'bad', lines: ['Nothing was pasted: paste the article’s text.'] }, articleInput: input }, 400);
    }
    const answer = await callApi(app, c, 'POST', '/extract', extractBodyOf(input));
    if (answer.status !== 200) {
      const messages = noMessages();
      const errors = (answer.body as { error?: { errors?: { path: string; message: string }[] } } | null)?.error?.errors ?? [];
      for (const e of errors) add(messages.errors, articleFieldOf(e.path), `${e.path}: ${e.message}`);
      return page(c, emptyDraft(), messages, { outcome: { kind: 'bad', lines: [apiProblem(answer)] }, articleInput: input }, 400);
    }
    const extraction = answer.body as ExtractionAnswer;
    const n = extraction.claims.length;
    const notes = (extraction.warnings ?? []).map((w) => `Note: ${w}`);
    if (n === 0) {
      return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'ok', lines: ['No casualty figure was found in the article: enter its claims by hand in the form.', ...notes] }, articleInput: input });
    }
    const draft = draftOfExtraction(extraction, input);
    const lines = [
      `${n} draft${n === 1 ? '' : 's'} from the article, below: check ${n === 1 ? 'it' : 'each'} against the marked words and correct what is wrong, then submit ${n === 1 ? 'it' : 'them all at once, or one at a time'}.`,
      ...(n > MAX_CLAIMS ? [`Only the first ${MAX_CLAIMS} drafts fit in the form; the article has ${n}: \`recon extract FILE --submit\` submits them all.`] : []),
      ...notes,
    ];
    return page(c, draft, noMessages(), { outcome: { kind: 'ok', lines }, articleInput: input });
  });

  app.post('/ui/claims/paste', async (c) => {
    const form = await formOf(c);
    if (!form) return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'bad', lines: ['The form had expired: nothing was sent. Paste again.'] } }, 403);
    const text = form.get('paste') ?? '';
    const parsed = parsePasted(text);
    if (!parsed.ok) return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'bad', lines: [parsed.error] }, paste: text }, 400);
    // A long paste goes in batches within the API's limits (claims and bytes); each answer's indexes
    // moved to the whole paste's.
    const batches = batchesOf(parsed.claims);
    const result: SubmitResult = { accepted: [], rejected: [] };
    let offset = 0;
    for (const batch of batches) {
      const answer = await callApi(app, c, 'POST', '/claims', batch);
      if (answer.status !== 202) {
        const done = offset > 0 ? [`The first ${offset} claims were sent; sending the whole paste again is safe (they answer "duplicate").`] : [];
        return page(c, emptyDraft(), noMessages(), { outcome: { kind: 'bad', lines: [apiProblem(answer), ...done] }, paste: text }, 400);
      }
      const part = answer.body as SubmitResult;
      result.accepted.push(...part.accepted.map((a) => ({ ...a, index: a.index + offset })));
      result.rejected.push(...part.rejected.map((r) => ({ ...r, index: r.index + offset })));
      offset += batch.length;
    }
    const lines = [
      `${result.accepted.length} claim${result.accepted.length === 1 ? '' : 's'} accepted, ${result.rejected.length} rejected.`,
      ...parsed.notes,
      ...result.rejected.flatMap((r) => r.errors.map((e) => `Claim ${r.index + 1}, ${e.path}: ${e.message}`)),
      ...result.accepted.flatMap((a) => a.warnings.map((w) => `Claim ${a.index + 1}, ${w.path}: ${w.message}`)),
    ];
    const links = result.accepted.map((a) => ({ href: `/claims/${a.id}`, text: `Claim ${a.index + 1}: ${a.status} (${a.id.slice(0, 8)})` }));
    return page(c, emptyDraft(), noMessages(), { outcome: { kind: result.rejected.length > 0 ? 'bad' : 'ok', lines, links }, paste: result.rejected.length > 0 ? text : '' }, result.rejected.length > 0 ? 400 : 200);
  });
}
