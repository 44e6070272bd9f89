import { apiDepsOf, createApp } from '@recon/api';
import { ErrorSchema, ExtractionSchema, type ExtractionAnswer, type SubmitResult } from '@recon/contract';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * `POST /extract`: an article in, draft claims out, nothing stored. Only what holds for any correct
 * extractor is asserted (the rules of @recon/extract are written apart): the drafts validate, the
 * evidence is the article's own words, the figure the article states is among them.
 */

const BOULKESSI = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';

interface ErrorBody {
  error: { code: string; message: string; errors?: { path: string; message: string }[] };
}

describe('POST /extract', () => {
  let h: Harness;
  let app: OpenAPIHono;

  const extract = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/extract', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  /** A 400 naming `path`, with a message that says why. */
  const expectFieldError = async (body: unknown, path: string, message: RegExp): Promise<void> => {
    const res = await extract(body);
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    const answer = ErrorSchema.parse(await res.json()) as ErrorBody;
    expect(answer.error.code).toBe('invalid_request');
    const found = answer.error.errors?.find((e) => e.path === path);
    expect(found, JSON.stringify(answer.error.errors)).toBeDefined();
    expect(found!.message).toMatch(message);
  };

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('drafts claims from a short article: each one valid, its evidence the article’s own words, and nothing stored', async () => {
    const before = { store: await h.ctx.store.counts(), queues: await h.ctx.queues.pendingCounts() };
    const body = { text: BOULKESSI, incident: { country: 'ML' }, source: { publisher: 'AFP' } };
    const res = await extract(body);
    expect(res.status).toBe(200);
    const answer: ExtractionAnswer = ExtractionSchema.parse(await res.json());
    expect(answer.claims.length).toBeGreaterThan(0);
    expect(answer.incident.country).toBe('ML');
    for (const draft of answer.claims) {
      expect(draft.confidence).toBeGreaterThanOrEqual(0);
      expect(draft.confidence).toBeLessThanOrEqual(1);
      for (const e of draft.evidence) {
        expect(e.text).toBe(body.text.slice(e.start, e.end));
        expect(e.figure).toBeLessThan(draft.claim.figures.length);
      }
    }
    // The figure the article states is among the drafts.
    const figures = answer.claims.flatMap((d) => d.claim.figures);
    expect(figures.some((f) => f.outcome === 'killed' && f.count.exact === 12)).toBe(true);
    const words = answer.claims.flatMap((d) => d.evidence.filter((e) => e.role === 'figure').map((e) => e.text));
    expect(words.some((w) => w.includes('12'))).toBe(true);

    // Nothing stored, nothing queued.
    expect(await h.ctx.store.counts()).toEqual(before.store);
    expect(await h.ctx.queues.pendingCounts()).toEqual(before.queues);

    // Each draft passes POST /claims as it is.
    const submitted = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: answer.claims.map((d) => d.claim) }) });
    expect(submitted.status).toBe(202);
    const result = (await submitted.json()) as SubmitResult;
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toHaveLength(answer.claims.length);
  });

  it('reads the figure when the publication date is given too ("on Sunday" counts from it), every draft valid', async () => {
    const body = { text: BOULKESSI, publishedAt: '2024-05-13', incident: { country: 'ML' } };
    const res = await extract(body);
    expect(res.status).toBe(200);
    const answer = ExtractionSchema.parse(await res.json());
    expect(answer.claims.flatMap((d) => d.claim.figures).some((f) => f.outcome === 'killed' && f.count.exact === 12), JSON.stringify(answer.warnings)).toBe(true);
    for (const d of answer.claims) for (const e of d.evidence) expect(e.text).toBe(body.text.slice(e.start, e.end));
    const submitted = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: answer.claims.map((d) => d.claim) }) });
    expect(((await submitted.json()) as SubmitResult).rejected).toEqual([]);
  });

  it('answers 200 with no drafts for a text without figures, and keeps the language given', async () => {
    const res = await extract({ text: 'Il a fait beau à Bamako dimanche.', language: 'fr', publishedAt: '2024-05-13', incident: { country: 'ML' } });
    expect(res.status).toBe(200);
    const answer = ExtractionSchema.parse(await res.json());
    expect(answer.language).toBe('fr');
    expect(answer.claims).toEqual([]);
  });

  it('refuses bad input with 400, naming the field and why', async () => {
    await expectFieldError({}, 'text', /is required/);
    await expectFieldError({ text: '' }, 'text', /must not be empty/);
    await expectFieldError({ text: 'x'.repeat(100_001) }, 'text', /must be at most 100,000 characters/);
    await expectFieldError({ text: BOULKESSI, language: 'de' }, 'language', /must be one of en, fr/);
    await expectFieldError({ text: BOULKESSI, publishedAt: 'yesterday' }, 'publishedAt', /YYYY-MM-DD/);
    await expectFieldError({ text: BOULKESSI, publishedAt: '2024-05' }, 'publishedAt', /YYYY-MM-DD/);
    await expectFieldError({ text: BOULKESSI, incident: { country: 'Mali' } }, 'incident.country', /ISO 3166-1/);
    await expectFieldError({ text: BOULKESSI, source: { url: 'ftp://x' } }, 'source.url', /http\(s\) URL/);
    await expectFieldError({ text: BOULKESSI, author: 'me' }, 'author', /is not a field of this request/);
    await expectFieldError('{"text": ', '(body)', /is not JSON/);
    // Exactly 100,000 characters is allowed.
    expect((await extract({ text: `${'x'.repeat(99_991)} 7 killed` })).status).toBe(200);
  });

  it('needs a write token when the service has tokens', async () => {
    const guarded = createApp({ ...apiDepsOf(h.ctx), auth: { writeTokens: ['alice:tok-a'], readToken: undefined } });
    const post = (headers: Record<string, string>) =>
      guarded.request('/extract', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text: BOULKESSI }) });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer tok-a' })).status).toBe(200);
  });

  it('is in the OpenAPI document, with its body and answer', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths['/extract']).toHaveProperty('post');
    expect(doc.components.schemas).toHaveProperty('ExtractArticle');
    expect(doc.components.schemas).toHaveProperty('Extraction');
  });
});
