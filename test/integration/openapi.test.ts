import { isWorkbenchRoute } from '../../services/api/src/web/web-routes.js';
import { apiDepsOf, createApp } from '@recon/api';
import {
  ActorListSchema,
  AuditEventSchema,
  AuditListSchema,
  ClaimBodySchema,
  ClaimStatusSchema,
  CurationResultSchema,
  ErrorSchema,
  ExtractBodySchema,
  ExtractionSchema,
  HealthSchema,
  IncidentClaimsSchema,
  IncidentDetailSchema,
  IncidentListItemSchema,
  IncidentListSchema,
  ProblemClaimsSchema,
  ReportSchema,
  ReportVersionsSchema,
  SubmitBodySchema,
  SubmitResultSchema,
} from '@recon/contract';
import { startIngestWorker } from '@recon/ingest';
import { startReconciler } from '@recon/reconciler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../support/claims.js';
import { createHarness, waitUntil, type Harness } from '../support/harness.js';

interface Schema {
  description?: string;
  $ref?: string;
  example?: unknown;
  examples?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

/** The OpenAPI document: the contract's shapes, described, with the new routes. */
describe('GET /openapi.json', () => {
  let h: Harness;
  let doc: { paths: Record<string, unknown>; components: { schemas: Record<string, { description?: string; examples?: unknown[]; properties?: Record<string, { description?: string }> }> } };
  beforeAll(async () => {
    h = await createHarness();
    doc = (await (await createApp(apiDepsOf(h.ctx)).request('/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => {
    await h.close();
  });

  it('describes every field of a claim, with an example', () => {
    const claim = doc.components.schemas.Claim!;
    expect(claim.description).toMatch(/one statement by one claimant/i);
    expect(claim.examples?.length).toBeGreaterThan(0);
    for (const [field, schema] of Object.entries(claim.properties ?? {})) expect(schema.description, `Claim.${field}`).toBeTruthy();
  });

  it('lists the curation, audit, actor and extract routes', () => {
    for (const path of ['/incidents/{id}/merge', '/incidents/{id}/split', '/claims/{id}/move', '/incidents/{id}/review', '/incidents/{id}/history', '/audit', '/actors', '/extract']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it('describes every property of every schema, nested ones too', () => {
    const missing: string[] = [];
    const described = (v: Schema): boolean => Boolean(v.description || v.$ref || (v.allOf ?? []).some((x) => x.description));
    const walk = (schema: Schema | undefined, at: string): void => {
      if (!schema || typeof schema !== 'object') return;
      for (const [name, v] of Object.entries(schema.properties ?? {})) {
        if (!described(v)) missing.push(`${at}.${name}`);
        walk(v, `${at}.${name}`);
      }
      walk(schema.items, `${at}[]`);
      if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${at}{}`);
      for (const list of [schema.anyOf, schema.oneOf, schema.allOf]) (list ?? []).forEach((x, i) => walk(x, `${at}|${i}`));
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) walk(schema as Schema, name);
    expect(missing).toEqual([]);
  });

  it('gives the main schemas examples that their own schemas accept', () => {
    const main = { Claim: ClaimBodySchema, SubmitClaims: SubmitBodySchema, SubmitResult: SubmitResultSchema, Report: ReportSchema, IncidentDetail: IncidentDetailSchema, IncidentListItem: IncidentListItemSchema, ClaimStatus: ClaimStatusSchema, CurationResult: CurationResultSchema, AuditEvent: AuditEventSchema, ActorList: ActorListSchema, Error: ErrorSchema, ExtractArticle: ExtractBodySchema, Extraction: ExtractionSchema };
    for (const [name, schema] of Object.entries(main)) {
      const component = doc.components.schemas[name] as Schema;
      const examples = component.examples ?? (component.example === undefined ? [] : [component.example]);
      expect(examples.length, name).toBeGreaterThan(0);
      for (const example of examples) expect(schema.safeParse(example).error, name).toBeUndefined();
    }
  });

  it('documents every route the app serves', () => {
    const app = createApp(apiDepsOf(h.ctx));
    const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`)));
    served.delete('get /openapi.json');
    // The workbench's pages and form posts are HTML for browsers, not API: they are listed apart.
    // …and so is the queue dashboard (Bull Board's own routes).
    const pages = [...served].filter((r) => isWorkbenchRoute(r.split(' ')[1]!) || r.split(' ')[1]!.startsWith('/admin/queues'));
    expect(pages.length).toBeGreaterThan(10);
    expect([...served].filter((r) => !documented.has(r) && !pages.includes(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('answers what it documents: real answers parse with their schemas', async () => {
    const app = createApp(apiDepsOf(h.ctx));
    const get = async (path: string) => (await app.request(path)).json();
    const submitted = await app.request('/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: [claim({ key: 'openapi-1' }), { nope: 1 }] }) });
    expect(submitted.status).toBe(202);
    const answer = SubmitResultSchema.parse(await submitted.json());
    const id = answer.accepted[0]!.id;
    const worker = startIngestWorker(h.ctx);
    const reconciler = startReconciler(h.ctx);
    try {
      await waitUntil(async () => ClaimStatusSchema.parse(await get(`/claims/${id}`)).status === 'stored', 20_000, 'stored');
      await waitUntil(async () => IncidentDetailSchema.parse(await get('/incidents/openapi-1')).upToDate, 20_000, 'reconciled');
    } finally {
      await worker.close();
      await reconciler.close();
    }
    ReportSchema.parse(await get('/incidents/openapi-1/report'));
    ReportVersionsSchema.parse(await get('/incidents/openapi-1/reports'));
    IncidentListSchema.parse(await get('/incidents'));
    IncidentClaimsSchema.parse(await get('/incidents/openapi-1/claims'));
    AuditListSchema.parse(await get('/audit'));
    ActorListSchema.parse(await get('/actors?q=wagner'));
    ProblemClaimsSchema.parse(await get('/claims?status=rejected'));
    HealthSchema.parse(await get('/healthz'));
    ErrorSchema.parse(await get('/incidents?limit=0'));
    const extracted = await app.request('/extract', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'The army said 12 soldiers were killed.', incident: { country: 'ML' } }) });
    ExtractionSchema.parse(await extracted.json());
    const review = await app.request('/incidents/openapi-1/review', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'confirmed' }) });
    CurationResultSchema.parse(await review.json());
  });
});
