import { createApp, apiDepsOf } from '@recon/api';
import type { IncidentListItem, Report } from '@recon/domain';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml } from '../../services/api/src/html/escape-html.js';
import { renderReportPage } from '../../services/api/src/html/report-page.js';
import { createHarness, waitForDrain, type Harness } from '../support/harness.js';

/** The read-only HTML report page: claim text is data, never markup. */

interface ErrorBody {
  error: { code: string; message: string; errors?: { path: string; message: string }[] };
}

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOVER = "' onmouseover='alert(1)";
const JS = 'javascript:alert(1)';
/** Every hostile payload at once, tagged so that each field's text can be found in the page. */
const hostile = (field: string): string => `${field} ${SCRIPT} ${IMG} ${HOVER} ${JS}`;
const HOSTILE_URL = 'https://example.org/?q="><script>alert(1)</script>';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function hostileClaim(statedAt: string, count: Record<string, number>, url: string = HOSTILE_URL) {
  return {
    incident: {
      key: hostile('key'),
      title: hostile('title'),
      country: 'ML',
      location: hostile('location'),
      admin1: hostile('admin1'),
      startDate: '2024-07-25',
      endDate: '2024-07-27',
    },
    claimant: { name: hostile('claimant'), kind: 'armed_group' },
    via: [
      { name: hostile('via1'), kind: 'monitor' },
      { name: hostile('via2'), kind: 'media' },
    ],
    statedAt,
    source: { url, publisher: hostile('publisher'), title: hostile('source-title'), excerpt: hostile('excerpt') },
    figures: [{ party: hostile('party'), partyKind: 'pmc', outcome: 'killed', count, wording: hostile('wording') }],
  };
}

const TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'h1', 'h2', 'h3', 'p', 'dl', 'dt', 'dd', 'ul', 'li', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'a', 'blockquote']);

/** What no page may contain, whatever the claims say. */
function expectNoMarkupFromClaims(page: string): void {
  expect(page.toLowerCase()).not.toContain('<script');
  expect(page).not.toContain('<script>alert');
  expect(page.toLowerCase()).not.toContain('<img');
  expect(page).not.toContain("onmouseover='");
  expect(page).not.toContain('"><');
  expect(page).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
  // " onerror=" is in the page only as the text of the escaped payload, never as an attribute.
  expect(page.replaceAll('&lt;img src=x onerror=alert(1)&gt;', '')).not.toContain(' onerror=');
  // Every tag is one the renderer writes (data never makes a "<"), none has an event handler.
  const tags = [...page.matchAll(/<\/?([a-zA-Z!][a-zA-Z0-9]*)([^>]*)>/g)];
  expect(tags.length).toBeGreaterThan(20);
  for (const [tag, name, attrs] of tags) {
    expect(TAGS.has(name!.toLowerCase()), tag).toBe(true);
    expect(attrs, tag).not.toMatch(/\son\w+\s*=/i);
  }
  expect(page.split('<').length - 1).toBe(tags.length);
  // Every link goes to an http(s) address and carries the rel.
  const anchors = [...page.matchAll(/<a\b[^>]*>/gi)].map((m) => m[0]);
  for (const a of anchors) {
    expect(a).toMatch(/^<a href="https?:\/\/[^"]*" rel="noopener noreferrer nofollow">$/);
  }
}

async function post(app: OpenAPIHono, body: unknown) {
  const res = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  return (await res.json()) as { accepted: { index: number; id: string; status: string }[]; rejected: { index: number; errors: { path: string; message: string }[] }[] };
}

describe('GET /incidents/:id/report.html', () => {
  let h: Harness;
  let app: OpenAPIHono;
  let workers: { close(): Promise<void> }[] = [];
  let incidentId = '';
  let firstClaimId = '';
  let secondClaimId = '';

  beforeAll(async () => {
    h = await createHarness();
    app = createApp(apiDepsOf(h.ctx));
    workers = [startIngestWorker(h.ctx, 2), startReconciler(h.ctx, { sweepMs: 500 })];

    const first = await post(app, { claims: [hostileClaim('2024-07-28', { exact: 50 }), hostileClaim('2024-07-28', { exact: 60 }, JS)] });
    expect(first.accepted.map((a) => [a.index, a.status])).toEqual([[0, 'queued']]);
    // The schema allows only http(s) URLs: javascript: never reaches a report.
    expect(first.rejected).toHaveLength(1);
    expect(first.rejected[0]!.index).toBe(1);
    expect(first.rejected[0]!.errors.map((e) => e.path)).toContain('source.url');
    firstClaimId = first.accepted[0]!.id;
    await waitForDrain(h.ctx);

    // A later statement of the same claimant: version 2, with the first claim superseded.
    const second = await post(app, hostileClaim('2024-08-02', { min: 70 }));
    expect(second.rejected).toEqual([]);
    secondClaimId = second.accepted[0]!.id;
    await waitForDrain(h.ctx);

    const list = await app.request('/incidents');
    const incidents = ((await list.json()) as { incidents: IncidentListItem[] }).incidents;
    expect(incidents).toHaveLength(1);
    incidentId = incidents[0]!.id;
    expect(incidents[0]!.reportVersion).toBe(2);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await h?.close();
  });

  async function page(path: string): Promise<{ res: Response; text: string }> {
    const res = await app.request(path);
    return { res, text: await res.text() };
  }

  it('answers an HTML page with a strict CSP, nosniff, and nothing from the claims as markup', async () => {
    const { res, text } = await page(`/incidents/${incidentId}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8$/);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain('<meta charset="utf-8">');
    expect(text).toMatch(/<title>[^<]*<\/title>/);
    expectNoMarkupFromClaims(text);

    // Every field's text is there, escaped.
    const escaped = (field: string) => escapeHtml(hostile(field));
    for (const field of ['key', 'title', 'location', 'admin1', 'claimant', 'via1', 'via2', 'publisher', 'source-title', 'excerpt', 'party', 'wording']) {
      expect(text, field).toContain(escaped(field));
    }
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('&#39; onmouseover=&#39;alert(1)');
    // The via chain, nearest to the claimant first.
    expect(text).toContain(`${escaped('via1')} → ${escaped('via2')}`);
    // The title holds the key (escaped) and the id.
    const title = /<title>([^<]*)<\/title>/.exec(text)![1]!;
    expect(title).toContain(escaped('key'));
    expect(title).toContain(incidentId);

    // The http(s) source URL is a link whose attribute cannot be broken out of.
    const href = `href="${escapeHtml(HOSTILE_URL)}" rel="noopener noreferrer nofollow"`;
    expect(text).toContain(href);
    expect(text).toContain('href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('shows the current claim, the superseded one (by the first 8 characters of its successor), and the totals', async () => {
    const { text } = await page(`/incidents/${incidentId}/report.html`);
    const json = (await (await app.request(`/incidents/${incidentId}/report`)).json()) as Report;
    expect(json.version).toBe(2);
    const cell = json.cells[0]!;
    expect(cell.claims.map((c) => c.claimId)).toEqual([secondClaimId]);
    expect(cell.superseded.map((c) => [c.claimId, c.supersededBy])).toEqual([[firstClaimId, secondClaimId]]);

    expect(text.match(/<section\b/g)?.length).toBe(json.cells.length + 1);
    expect(text).toContain('<caption>Current claims (1)</caption>');
    expect(text).toMatch(/<caption>Superseded claims \(1\)/);
    expect(text).toContain(`<td class="id">${secondClaimId.slice(0, 8)}</td></tr>`);
    expect(text).not.toContain(secondClaimId.slice(0, 9));
    // Counts as stated, and the ranges.
    expect(text).toContain('at least 70');
    expect(text).toContain('70+');
    expect(text).toContain('>50<');
    expect(text).toContain('Totals per outcome');
    expect(text).toContain('<dt>Report version</dt><dd>2</dd>');
    expect(text).toContain(`<dt>Claims</dt><dd>${json.claimCount}</dd>`);
  });

  it('does not let /incidents/:id or /incidents/:id/report swallow the page', async () => {
    const detail = await app.request(`/incidents/${incidentId}`);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await detail.json()) as { id: string }).id).toBe(incidentId);

    const report = await app.request(`/incidents/${incidentId}/report`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^application\/json/);

    const htmlPage = await app.request(`/incidents/${incidentId}/report.html`);
    expect(htmlPage.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('finds the incident by its key too (URL-encoded)', async () => {
    const { res, text } = await page(`/incidents/${encodeURIComponent(hostile('key'))}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text).toContain(incidentId);
    expectNoMarkupFromClaims(text);
  });

  it('reads one version with ?version=N', async () => {
    const { res, text } = await page(`/incidents/${incidentId}/report.html?version=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(text).toContain('<dt>Report version</dt><dd>1</dd>');
    expect(text).toContain('<caption>Current claims (1)</caption>');
    expect(text).not.toContain('Superseded claims');
    expect(text).toContain(`<td class="id">${firstClaimId.slice(0, 8)}</td>`);
    expectNoMarkupFromClaims(text);

    const latest = await page(`/incidents/${incidentId}/report.html?version=2`);
    expect(latest.text).toContain('<dt>Report version</dt><dd>2</dd>');
  });

  it('answers errors as JSON, like the rest of the API', async () => {
    const unknown = await app.request('/incidents/no-such-incident/report.html');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('not_found');

    const noVersion = await app.request(`/incidents/${incidentId}/report.html?version=99`);
    expect(noVersion.status).toBe(404);
    expect(((await noVersion.json()) as ErrorBody).error.code).toBe('not_found');

    for (const q of ['version=abc', 'version=0', 'version=1.5', 'format=csv']) {
      const bad = await app.request(`/incidents/${incidentId}/report.html?${q}`);
      expect(bad.status, q).toBe(400);
      const body = (await bad.json()) as ErrorBody;
      expect(body.error.code, q).toBe('invalid_request');
      expect(body.error.errors?.map((e) => e.path), q).toContain(`query.${q.split('=')[0]}`);
    }
  });

  it('is in the OpenAPI document as text/html', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> };
    const path = doc.paths['/incidents/{id}/report.html'];
    expect(path?.get?.responses['200']?.content).toHaveProperty(['text/html']);
    expect(Object.keys(path?.get?.responses['404']?.content ?? {})).toEqual(['application/json']);
  });
});

describe('renderReportPage', () => {
  const report: Report = {
    incident: {
      id: 'inc-1',
      key: null,
      country: 'ML',
      location: null,
      placeId: null,
      admin1: null,
      title: null,
      lat: null,
      lon: null,
      startDate: '2024-07-25',
      endDate: null,
      needsReview: true,
      candidates: ['inc-<b>2</b>'],
      mergedFrom: [],
      setByHand: [],
    },
    version: 3,
    generatedAt: '2026-11-20T10:00:00Z',
    claimCount: 2,
    cells: [
      {
        party: { id: 'x', name: SCRIPT, kind: 'pmc' },
        outcome: 'killed',
        range: { low: 20, high: 84, highOpen: false },
        agreement: 'consistent',
        consensus: { low: 20, high: 25, highOpen: true },
        byPerspective: { adversary: { low: 50, high: 84, highOpen: false }, independent: null },
        claims: [
          {
            claimId: 'abcdefgh-1',
            claimant: { id: 'c', name: IMG, kind: 'armed_group' },
            perspective: 'adversary',
            partyAsReported: HOVER,
            count: { term: 'many' },
            quantified: false,
            low: null,
            high: null,
            highOpen: false,
            wording: null,
            statedAt: '2024-07-28',
            via: [],
            // Stored data is not trusted either: a URL that is not http(s) is never a link.
            source: { url: JS, excerpt: '`backtick` & "quote"' },
          },
          {
            claimId: 'ijklmnop-2',
            claimant: { id: 'd', name: 'D', kind: 'monitor' },
            perspective: 'independent',
            partyAsReported: 'X',
            count: { min: 20, max: 84 },
            quantified: true,
            low: 20,
            high: 84,
            highOpen: false,
            wording: 'up to 84',
            statedAt: '2024-07-29',
            via: [],
            source: { url: ' https://example.org/', publisher: 'P' },
          },
        ],
        superseded: [],
      },
    ],
    totals: [
      {
        outcome: 'killed',
        range: { low: 20, high: 84, highOpen: false },
        byClaimant: [{ claimant: { id: 'c', name: SCRIPT, kind: 'armed_group' }, low: null, high: null, highOpen: false, parties: [], unquantifiedParties: ['x'] }],
      },
    ],
  };

  it('renders a complete page with everything escaped, and links only http(s) URLs', () => {
    const page = renderReportPage(report);
    expectNoMarkupFromClaims(page);
    expect(page).not.toContain('<a ');
    expect(page).toContain(escapeHtml(JS));
    expect(page).toContain('&#96;backtick&#96; &amp; &quot;quote&quot;');
    expect(page).toContain('inc-&lt;b&gt;2&lt;/b&gt;');
    expect(page).not.toContain('<b>');
    expect(page).toContain('<title>Report inc-1, version 3</title>');
    expect(page).toContain('20–84');
    expect(page).toContain('consensus 20–25+');
    expect(page).toContain('unquantified');
    expect(page).toContain('independent: unquantified');
    expect(page).toMatch(/<\/html>\s*$/);
  });
});

describe('escapeHtml and html', () => {
  it('escapes & < > " \' and `', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
    expect(escapeHtml('plain text — ü')).toBe('plain text — ü');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('')).toBe('');
  });

  it('escapes every interpolated string, always', () => {
    const s = html`<p title="${IMG}">${SCRIPT}</p>`;
    expect(s).toBeInstanceOf(SafeHtml);
    expect(s.toString()).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    // Already-escaped text is still just text: escaped again.
    expect(html`${'&lt;'}`.toString()).toBe('&amp;lt;');
  });

  it('keeps nested SafeHtml as is (no double escaping) and joins arrays', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe('<p><b>a &amp; b</b></p>');
    expect(html`<p>${html`<i>${html`${'<'}`}</i>`}</p>`.toString()).toBe('<p><i>&lt;</i></p>');
    const items = ['<x>', 'y'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>&lt;x&gt;</li><li>y</li></ul>');
    // Plain strings in an array are escaped, SafeHtml in it is not.
    expect(html`${['<a>', html`<br>`]}`.toString()).toBe('&lt;a&gt;<br>');
  });

  it('renders numbers as numbers and null/undefined as nothing', () => {
    expect(html`${42}|${0}|${1.5}|${null}|${undefined}|${true}`.toString()).toBe('42|0|1.5|||true');
  });

  it('cannot be fooled by look-alikes', () => {
    const fake = { toString: () => '<script>' } as unknown as SafeHtml;
    expect(html`${fake}`.toString()).toBe('&lt;script&gt;');
    const clone = Object.create(SafeHtml.prototype) as SafeHtml;
    expect(SafeHtml.is(clone)).toBe(false);
    const Ctor = SafeHtml as unknown as new (token: symbol, markup: string) => SafeHtml;
    expect(() => new Ctor(Symbol('SafeHtml'), '<script>')).toThrow(TypeError);
    const strings = Object.assign(['<script>'], {}) as unknown as TemplateStringsArray;
    expect(() => html(strings)).toThrow(TypeError);
  });
});
