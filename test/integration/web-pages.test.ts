import { createApp, apiDepsOf } from '@recon/api';
import type { IncidentListItem, Report } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPage } from '../../services/api/src/web/layout.js';
import { IncidentPage } from '../../services/api/src/web/pages/incident-page.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';
import { PageClient } from '../support/page-client.js';

/** The workbench's pages: claim text is data, never markup, on every page; writes need CSRF and a token. */

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOVER = "' onmouseover='alert(1)";
const JS = 'javascript:alert(1)';
const hostile = (field: string): string => `${field} ${SCRIPT} ${IMG} ${HOVER} ${JS}`;
const HOSTILE_URL = 'https://example.org/?q="><script>alert(1)</script>';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const TAGS = new Set(
  '!doctype html head meta title link script body header nav main footer section h1 h2 h3 p a dl dt dd ul ol li table caption thead tbody tr th td span div blockquote strong mark form input select option label button textarea fieldset legend datalist figure figcaption svg g line text circle rect polygon'.split(
    ' ',
  ),
);

/** What no page may hold, whatever the claims say: markup, handlers or script from the data. */
function expectSafePage(page: string, label: string): void {
  const tags = [...page.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)([^>]*)>/g)];
  expect(tags.length, label).toBeGreaterThan(10);
  for (const [tag, name, attrs] of tags) {
    expect(TAGS.has(name!.toLowerCase()), `${label}: ${tag}`).toBe(true);
    // No event handler: outside quoted values (where data is, its quotes escaped), no on…= attribute.
    expect(attrs!.replace(/"[^"]*"/g, '""'), `${label}: ${tag}`).not.toMatch(/\son\w+\s*=/i);
    if (name!.toLowerCase() === 'script') expect(tag, label).toMatch(/^<script src="\/assets\/app\.[0-9a-f]{12}\.js" defer="">$|^<\/script>$/);
  }
  // Every "<" starts a tag the renderer wrote: data never makes one.
  expect(page.split('<').length - 1, label).toBe(tags.length);
  for (const [, href] of page.matchAll(/\shref="([^"]*)"/g)) expect(href, label).toMatch(/^(\/|#|https?:\/\/)/);
  expect(page, label).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

/** The fields a browser would send with the form `id` of a page: its inputs, selected options and textareas. */
function formFields(page: string, id: string): Record<string, string[]> {
  const form = new RegExp(`<form[^>]*id="${id}"[\\s\\S]*?</form>`).exec(page)?.[0] ?? '';
  const unesc = (t: string): string => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const attrs = (a: string): Record<string, string> => Object.fromEntries([...a.matchAll(/([\w.-]+)="([^"]*)"/g)].map((m) => [m[1]!, unesc(m[2]!)]));
  const out: Record<string, string[]> = {};
  const add = (name: string | undefined, value: string): void => {
    if (name) (out[name] ??= []).push(value);
  };
  for (const [, a] of form.matchAll(/<input\b([^>]*)>/g)) {
    const at = attrs(a!);
    if (at.type === 'radio' && !/\schecked/.test(a!)) continue;
    add(at.name, at.value ?? '');
  }
  for (const [, a, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected=""/.exec(options!) ?? /<option value="([^"]*)"/.exec(options!);
    add(attrs(a!).name, unesc(chosen?.[1] ?? ''));
  }
  for (const [, a, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attrs(a!).name, unesc(text!));
  return out;
}

function hostileClaim(statedAt: string, count: Record<string, number>, extra: { key?: string; location?: string; startDate?: string } = {}) {
  return {
    incident: {
      key: extra.key ?? hostile('key'),
      title: hostile('title'),
      country: 'ML',
      location: extra.location ?? hostile('location'),
      admin1: hostile('admin1'),
      startDate: extra.startDate ?? '2024-07-25',
      endDate: extra.startDate ?? '2024-07-27',
    },
    claimant: { name: hostile('claimant'), kind: 'armed_group' },
    via: [
      { name: hostile('via1'), kind: 'monitor' },
      { name: hostile('via2'), kind: 'media' },
    ],
    statedAt,
    source: { url: HOSTILE_URL, publisher: hostile('publisher'), title: hostile('source-title'), excerpt: hostile('excerpt') },
    figures: [{ party: hostile('party'), partyKind: 'pmc', outcome: 'killed', count, wording: hostile('wording') }],
  };
}

async function post(app: OpenAPIHono, body: unknown) {
  const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  return (await res.json()) as { accepted: { index: number; id: string; status: string }[]; rejected: { index: number; errors: { path: string; message: string }[] }[] };
}

describe('the workbench pages', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];
  let incidentId = '';
  let reviewId = '';
  let firstClaimId = '';

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })];
    const first = await post(app, hostileClaim('2024-07-28', { exact: 50 }));
    firstClaimId = first.accepted[0]!.id;
    await waitForDrain(h.ctx);
    // A later statement of the same claimant (version 2, the first superseded), and an invalid claim.
    await post(app, [hostileClaim('2024-08-02', { min: 70 }), { ...hostileClaim('2024-08-02', { exact: 1 }), statedAt: hostile('date') }]);
    // Two keyed incidents four days apart at one place, and a keyless claim between them that fits both.
    const at = (startDate: string, n: number, key?: string) => {
      const c = hostileClaim(startDate, { exact: n });
      return { ...c, incident: { ...c.incident, key, location: 'Gao', startDate, endDate: startDate } };
    };
    await post(app, [at('2024-03-01', 1, 'rev-1'), at('2024-03-05', 2, 'rev-2')]);
    await waitForDrain(h.ctx);
    await post(app, at('2024-03-03', 3));
    await waitForDrain(h.ctx);
    const list = (await (await app.request('/incidents')).json()) as { incidents: IncidentListItem[] };
    incidentId = list.incidents.find((i) => i.key === hostile('key'))!.id;
    reviewId = list.incidents.find((i) => i.needsReview)?.id ?? '';
    expect(reviewId, JSON.stringify(list.incidents.map((i) => [i.key, i.location, i.startDate, i.needsReview]))).not.toBe('');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  it('escapes every string from the claims on every page, with a strict CSP', async () => {
    const browser = new PageClient(app);
    const pages = [
      '/',
      '/incidents',
      '/incidents?q=key&sort=killed',
      `/incidents/${incidentId}`,
      `/incidents/${encodeURIComponent(hostile('key'))}`,
      `/incidents/${incidentId}?version=1`,
      `/incidents/${incidentId}?all=1&version=2`,
      `/incidents/${incidentId}/report.html`,
      `/incidents/${incidentId}/versions`,
      `/incidents/${incidentId}/diff?from=1&to=2`,
      `/incidents/${incidentId}/history`,
      `/incidents/${reviewId}`,
      '/review',
      '/claims?status=rejected',
      '/claims?status=failed',
      `/claims/${firstClaimId}`,
      '/claims/new',
      '/export',
      '/signin',
    ];
    for (const path of pages) {
      const { res, text } = await browser.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(text.startsWith('<!DOCTYPE html><html lang="en">'), path).toBe(true);
      expectSafePage(text, path);
    }
    const incident = (await browser.get(`/incidents/${incidentId}`)).text;
    for (const field of ['title', 'claimant', 'publisher', 'source-title', 'excerpt', 'party', 'wording']) expect(incident, field).toContain(esc(hostile(field)));
    expect(incident).toContain(`${esc(hostile('via1'))} → ${esc(hostile('via2'))}`);
    expect(incident).toContain(`href="${esc(HOSTILE_URL)}" rel="noopener noreferrer nofollow"`);
    const review = (await browser.get('/review')).text;
    expect(review).toContain(esc(hostile('title')));
  });

  it('shows the summary, a range chart with a labelled mark per claim, revisions and version links', async () => {
    const browser = new PageClient(app);
    const { text } = await browser.get(`/incidents/${incidentId}`);
    const report = (await (await app.request(`/incidents/${incidentId}/report`)).json()) as Report;
    expect(report.version).toBe(2);
    expect(text).toContain('<section class="summary"');
    expect(text).toContain('one source only');
    // One chart per cell, one labelled list item per claim (current and superseded), the open claim an arrow.
    expect(text.match(/<svg class="chart"/g)).toHaveLength(report.cells.length);
    const marks = [...text.matchAll(/<g role="listitem" aria-label="([^"]*)"/g)].map((m) => m[1]!);
    expect(marks).toHaveLength(2);
    expect(marks[0]).toContain('at least 70, read as 70 or more');
    expect(marks[1]).toContain('superseded');
    expect(text).toContain('<polygon');
    expect(text).toContain('class="faded"');
    expect(text).toContain('<ol class="timeline">');
    expect(text).toContain(`href="/incidents/${incidentId}/versions"`);
    const v1 = (await browser.get(`/incidents/${incidentId}?version=1`)).text;
    expect(v1).toContain('This is version 1; the latest is');
    const diff = (await browser.get(`/incidents/${incidentId}/diff?from=1&to=2`)).text;
    expect(diff).toContain(firstClaimId.slice(0, 8));
    expect(diff).toContain('<td>50 → 70+</td>');
  });

  it('answers JSON to API clients on the paths pages share, and HTML errors to browsers', async () => {
    for (const path of ['/incidents', `/incidents/${incidentId}`, `/incidents/${incidentId}/history`, '/claims?status=rejected', `/claims/${firstClaimId}`]) {
      const res = await app.request(path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      const json = await app.request(path, { headers: { accept: 'application/json, text/html' } });
      expect(json.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
    const browser = new PageClient(app);
    const missing = await browser.get('/incidents/no-such-incident');
    expect(missing.res.status).toBe(404);
    expect(missing.text).toContain('No incident has the id or key no-such-incident');
    const bad = await browser.get('/incidents?country=Mali');
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('country: must be an ISO 3166-1 alpha-2 code');
  });

  it('refuses a form without this browser’s CSRF token, or from another origin, and changes nothing', async () => {
    const before = await h.ctx.store.counts();
    const browser = new PageClient(app);
    await browser.get('/claims/new');
    const token = browser.csrf();
    const fields = { action: 'submit', 'incident.country': 'ML', 'incident.startDate': '2024-07-01', 'c0.claimant.name': 'JNIM', 'c0.statedAt': '2024-07-02', 'c0.f0.party': 'FAMa', 'c0.f0.outcome': 'killed', 'c0.f0.form': 'exact', 'c0.f0.n': '3' };
    const forged = await browser.post('/ui/claims', fields, { csrf: 'x'.repeat(32) });
    expect(forged.res.status).toBe(403);
    const otherSite = await browser.post('/ui/claims', fields, { origin: 'https://evil.example' });
    expect(otherSite.res.status).toBe(403);
    const stranger = new PageClient(app);
    const noCookie = await stranger.post('/ui/claims', fields, { csrf: token });
    expect(noCookie.res.status).toBe(403);
    expect((await h.ctx.store.counts()).claims).toBe(before.claims);
    const ok = await browser.post('/ui/claims', fields, { csrf: token });
    expect(ok.res.status).toBe(200);
    expect(ok.text).toContain('1 claim queued');
  });

  it('puts the server’s field errors beside the fields, keeps what was typed, and escapes it', async () => {
    const browser = new PageClient(app);
    await browser.get('/claims/new');
    const { res, text } = await browser.post('/ui/claims', {
      action: 'submit',
      'source.publisher': hostile('publisher'),
      'incident.country': 'ML',
      'incident.startDate': '2024-07-01',
      'c0.claimant.name': hostile('claimant'),
      'c0.statedAt': '2024-13-45',
      'c0.f0.party': 'FAMa',
      'c0.f0.outcome': 'killed',
      'c0.f0.form': 'min',
      'c0.f0.n': 'twelve',
    });
    expect(res.status).toBe(400);
    expectSafePage(text, 'form with errors');
    expect(text).toContain(`value="${esc(hostile('claimant'))}"`);
    expect(text).toMatch(/id="c0-statedAt"[^>]*aria-invalid="true"[^>]*aria-describedby="msg-c0-statedAt"/);
    expect(text).toMatch(/<div id="msg-c0-statedAt"><p class="error">statedAt: /);
    expect(text).toMatch(/<div id="msg-c0-f0-count"><p class="error">figures\[0\]\.count/);
    expect(text).toContain('1 claim was not accepted');
    // A kind left to the registry for a name it does not know is asked for in words.
    const unknown = await browser.post('/ui/claims', {
      action: 'submit',
      'incident.country': 'ML',
      'incident.startDate': '2024-07-01',
      'c0.claimant.name': 'A group nobody knows',
      'c0.statedAt': '2024-07-02',
      'c0.f0.party': 'FAMa',
      'c0.f0.outcome': 'killed',
      'c0.f0.form': 'exact',
      'c0.f0.n': '2',
    });
    expect(unknown.text).toMatch(/<div id="msg-c0-claimant-kind"><p class="error">“A group nobody knows” is not in the actor registry: choose its kind\.<\/p>/);
  });
});

describe('curation and incident picking from pages', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })];
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  const claimAt = (key: string, claimant: string, kind: string, n: number) => ({
    incident: { key, title: `Title ${key}`, country: 'ML', location: 'Gao', startDate: '2024-05-01' },
    claimant: { name: claimant, kind },
    statedAt: '2024-05-02',
    figures: [{ party: 'civilians', outcome: 'killed', count: { exact: n } }],
  });

  it('finds an existing incident without JavaScript and puts the claim there', async () => {
    await post(app, claimAt('pick-me', 'MINUSMA', 'un', 4));
    await waitForDrain(h.ctx);
    const browser = new PageClient(app);
    await browser.get('/claims/new');
    const token = browser.csrf();
    const found = await browser.post('/ui/claims', { action: 'find_incident', 'incident.search': 'pick-me', 'c0.claimant.name': 'AFP' }, { csrf: token });
    const pickId = (await h.ctx.store.findIncident('pick-me'))!.id;
    expect(found.text).toContain(`name="incident.pick" value="${pickId}"`);
    expect(found.text).toContain('value="AFP"');
    const sent = await browser.post(
      '/ui/claims',
      { action: 'submit', 'incident.pick': pickId, 'c0.claimant.name': 'AFP', 'c0.statedAt': '2024-05-03', 'c0.f0.party': 'civilians', 'c0.f0.outcome': 'killed', 'c0.f0.form': 'min', 'c0.f0.n': '5' },
      { csrf: token },
    );
    expect(sent.res.status).toBe(200);
    await waitForDrain(h.ctx);
    expect(await h.ctx.store.incidentClaims(pickId)).toHaveLength(2);
  });

  it('takes pasted claims as JSON, NDJSON or an NDJSON export, and says what it cannot read', async () => {
    const browser = new PageClient(app);
    await browser.get('/claims/new');
    const token = browser.csrf();
    const one = claimAt('paste-1', 'MINUSMA', 'un', 7);
    const json = await browser.post('/ui/claims/paste', { paste: JSON.stringify({ defaults: { statedAt: '2024-05-03' }, claims: [{ ...one, statedAt: undefined }] }) }, { csrf: token });
    expect(json.text).toContain('1 claim accepted, 0 rejected.');
    await waitForDrain(h.ctx);
    const exported = await (await app.request('/export/claims.ndjson?q=paste-1')).text();
    const again = await browser.post('/ui/claims/paste', { paste: exported }, { csrf: token });
    expect(again.text).toContain('1 claim accepted, 0 rejected.');
    expect(again.text).toContain(': duplicate (');
    const bad = await browser.post('/ui/claims/paste', { paste: '{"incident": ' }, { csrf: token });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('The paste could not be read');
    expect(bad.text).toContain('{&quot;incident&quot;: </textarea>');
  });

  it('drafts claims from a pasted article: the article escaped with the figure’s words marked, each draft a filled-in claim that submits', async () => {
    const browser = new PageClient(app);
    const empty = await browser.get('/claims/new');
    expect(empty.text).toContain('action="/ui/claims/extract"');
    const token = browser.csrf();
    const sentence = 'BAMAKO — The Malian army said on Sunday that 12 soldiers were killed in an attack on its base in Boulkessi.';
    const article = `${hostile('headline')}\r\n\r\n${sentence}\r\n`;
    const drafted = await browser.post('/ui/claims/extract', { 'extract.text': article, 'extract.country': 'ML', 'extract.key': 'ml-2024-05-boulkessi', 'extract.publisher': 'AFP' }, { csrf: token });
    expect(drafted.res.status).toBe(200);
    expectSafePage(drafted.text, 'drafts from an article');
    expect(drafted.text).toMatch(/<mark id="d\d+-f\d+" class="figure"[^>]*>[^<]*12 soldiers[^<]*<\/mark>/);
    expect(drafted.text).toContain(esc(hostile('headline')));
    expect(drafted.text).toMatch(/name="c\d+\.f\d+\.n" type="text" inputmode="numeric" value="12"/);
    expect(drafted.text).toMatch(/<a href="#d0-f\d+">figure \d+<\/a>/);
    expect(drafted.text).toContain('value="ml-2024-05-boulkessi"');

    // An edit sends the form back: the article and its marks come back with it.
    const edited = await browser.post('/ui/claims', { ...formFields(drafted.text, 'claim-form'), action: 'add_claim' }, { csrf: token });
    expect(edited.res.status).toBe(200);
    expect(edited.text).toMatch(/<mark id="d\d+-f\d+" class="figure"[^>]*>[^<]*12 soldiers/);
    expect(edited.text).toContain('Submit only claim 1');

    // The first draft alone: accepted, and the rest stays.
    const one = await browser.post('/ui/claims', { ...formFields(edited.text, 'claim-form'), action: 'submit_one:0' }, { csrf: token });
    expect(one.res.status).toBe(200);
    expect(one.text).toContain('Claim 1 queued.');
    await waitForDrain(h.ctx);
    expect(await h.ctx.store.incidentClaims((await h.ctx.store.findIncident('ml-2024-05-boulkessi'))!.id)).toHaveLength(1);

    // A wrong field is said beside it, the article kept (escaped) in its box.
    const bad = await browser.post('/ui/claims/extract', { 'extract.text': article, 'extract.publishedAt': 'yesterday' }, { csrf: token });
    expect(bad.res.status).toBe(400);
    expectSafePage(bad.text, 'article with a wrong date');
    expect(bad.text).toMatch(/id="extract-publishedAt"[^>]*aria-invalid="true"[^>]*aria-describedby="msg-extract-publishedAt"/);
    expect(bad.text).toMatch(/<div id="msg-extract-publishedAt"><p class="error">publishedAt: must be a calendar date YYYY-MM-DD/);
    expect(bad.text).toContain(esc(hostile('headline')));
    const nothing = await browser.post('/ui/claims/extract', { 'extract.text': '  ' }, { csrf: token });
    expect(nothing.res.status).toBe(400);
    expect(nothing.text).toContain('Nothing was pasted');
    const forged = await browser.post('/ui/claims/extract', { 'extract.text': article }, { csrf: 'x'.repeat(32) });
    expect(forged.res.status).toBe(403);
  });

  it('splits a claim out and moves it back, from the review forms, each with its note in the history', async () => {
    await post(app, [claimAt('split-src', 'MINUSMA', 'un', 1), claimAt('split-src', 'AFP', 'media', 2)]);
    await waitForDrain(h.ctx);
    const src = (await h.ctx.store.findIncident('split-src'))!;
    const [first] = await h.ctx.store.incidentClaims(src.id);
    const browser = new PageClient(app);
    await browser.get('/claims/new');
    const token = browser.csrf();
    const split = await browser.post(`/ui/incidents/${src.id}/split`, { claimIds: [first!.id], key: 'split-new', title: 'Split out', note: 'another clash' }, { csrf: token });
    expect(split.res.status).toBe(303);
    expect(split.res.headers.get('location')).toBe('/review?done=split');
    expect((await h.ctx.store.claimStatus(first!.id))?.incidentId).toBe((await h.ctx.store.findIncident('split-new'))!.id);
    await browser.get('/review?done=split');
    expect(browser.lastPage).toContain('Split out into a new incident.');
    const move = await browser.post('/ui/claims/move', { claim: first!.id, incident: src.id, note: 'the same clash after all' }, { csrf: token });
    expect(move.res.status).toBe(303);
    expect((await h.ctx.store.claimStatus(first!.id))?.incidentId).toBe(src.id);
    const history = (await browser.get(`/incidents/${src.id}/history`)).text;
    expect(history).toContain('another clash');
    expect(history).toContain('the same clash after all');
    // A curation the API refuses comes back with its reason, and nothing changes.
    const bad = await browser.post(`/ui/incidents/${src.id}/merge`, { into: 'no-such-incident', note: 'x' }, { csrf: token });
    expect(bad.res.status).toBe(400);
    expect(bad.text).toContain('no-such-incident');
  });
});

describe('sessions', () => {
  let h: Harness;
  let app: OpenAPIHono;

  beforeAll(async () => {
    h = await createHarness({ RECON_API_TOKENS: 'alice:tok-alice', RECON_READ_TOKEN: 'tok-read' });
    app = createApp(apiDepsOf(h.ctx));
  });
  afterAll(async () => h?.close());

  it('sends a browser without a session to sign in, keeps the token in an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    const browser = new PageClient(app);
    const first = await browser.get('/incidents?country=ML');
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get('location')).toBe('/signin?next=%2Fincidents%3Fcountry%3DML');
    await browser.get('/signin?next=%2Fincidents');
    const wrong = await browser.post('/signin', { token: 'nope', next: '/incidents' });
    expect(wrong.res.status).toBe(401);
    expect(wrong.text).toContain('token: this token is not one the service accepts');
    const res = await app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie: `recon_csrf=${browser.cookies.get('recon_csrf')}` },
      body: new URLSearchParams({ _csrf: browser.csrf(), token: 'tok-alice', next: '//evil.example/' }).toString(),
    });
    expect(res.status).toBe(303);
    // Only a path of this site is a place to go after signing in.
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('recon_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);

    const signedIn = await browser.post('/signin', { token: 'tok-alice', next: '/incidents' });
    expect(signedIn.res.status).toBe(303);
    expect((await browser.get('/incidents')).res.status).toBe(200);
    expect((await browser.get('/signin')).text).toContain('Signed in as alice');
    // The cookie makes reads, never API writes.
    const apiWrite = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json', cookie: `recon_session=tok-alice` }, body: '[]' });
    expect(apiWrite.status).toBe(401);
    await browser.post('/signout', {});
    expect((await browser.get('/incidents')).res.status).toBe(303);
  });

  it('writes from pages as the signed-in analyst, and says to sign in otherwise', async () => {
    const reader = new PageClient(app);
    await reader.get('/signin');
    await reader.post('/signin', { token: 'tok-read', next: '/claims/new' });
    await reader.get('/claims/new');
    const fields = { action: 'submit', 'incident.country': 'ML', 'incident.startDate': '2024-07-01', 'c0.claimant.name': 'JNIM', 'c0.statedAt': '2024-07-02', 'c0.f0.party': 'FAMa', 'c0.f0.outcome': 'killed', 'c0.f0.form': 'exact', 'c0.f0.n': '3' };
    const refused = await reader.post('/ui/claims', fields);
    expect(refused.res.status).toBe(400);
    expect(refused.text).toContain('sign in');
    const writer = new PageClient(app);
    await writer.get('/signin');
    await writer.post('/signin', { token: 'tok-alice', next: '/claims/new' });
    await writer.get('/claims/new');
    const done = await writer.post('/ui/claims', fields);
    expect(done.res.status, [...done.text.matchAll(/class="error">([^<]*)</g)].map((m) => m[1]).join('; ')).toBe(200);
    expect(done.text).toContain('1 claim queued');
  });
});

describe('the incident page renderer', () => {
  it('links only http(s) URLs, escapes stored data, and names parties in totals', () => {
    const report: Report = {
      incident: { id: 'inc-1', key: null, country: 'ML', location: null, placeId: null, admin1: null, title: null, lat: 18.1, lon: -1.2, startDate: '2024-07-25', endDate: null, needsReview: true, candidates: ['inc-<b>2</b>'], mergedFrom: [], setByHand: [] },
      version: 3,
      generatedAt: '2026-11-20T10:00:00Z',
      claimCount: 1,
      cells: [
        {
          party: { id: 'x', name: SCRIPT, kind: 'pmc' },
          outcome: 'killed',
          range: null,
          agreement: 'unquantified',
          consensus: null,
          byPerspective: {},
          claims: [
            { claimId: 'abcdefgh-1', claimant: { id: 'c', name: IMG, kind: 'armed_group' }, perspective: 'adversary', partyAsReported: HOVER, count: { term: 'many' }, quantified: false, low: null, high: null, highOpen: false, wording: null, statedAt: '2024-07-28', via: [], source: { url: JS, excerpt: '`b` & "q"' } },
          ],
          superseded: [],
        },
      ],
      totals: [{ outcome: 'killed', range: null, byClaimant: [{ claimant: { id: 'c', name: SCRIPT, kind: 'armed_group' }, low: null, high: null, highOpen: false, parties: [], unquantifiedParties: ['x'] }] }],
    };
    const page = renderPage(IncidentPage({ report, latest: 3 }));
    expectSafePage(page, 'renderer');
    expect(page).not.toContain(`href="${JS}`);
    expect(page).toContain(`<span class="id">${JS}</span>`);
    expect(page).toContain('`b` &amp; &quot;q&quot;');
    expect(page).toContain('no figure given');
    expect(page).toContain('<svg class="map"');
    // A large cell shows its first claims, says so, and shows them all on asking.
    const many = { ...report, cells: [{ ...report.cells[0]!, claims: Array.from({ length: 350 }, (_, i) => ({ ...report.cells[0]!.claims[0]!, claimId: `c${i}` })) }] };
    const capped = renderPage(IncidentPage({ report: many, latest: 3 }));
    expect(capped.match(/role="listitem"/g)).toHaveLength(300);
    expect(capped).toContain('This cell has 350 claims; the chart and the table show the first 300');
    expect(renderPage(IncidentPage({ report: many, latest: 3, all: true })).match(/role="listitem"/g)).toHaveLength(350);
    // Totals name the party, not its slug.
    expect(page).toMatch(/<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><\/tr>/);
  });
});
