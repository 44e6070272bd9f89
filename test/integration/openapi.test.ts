import { apiDepsOf, createApp } from '@recon/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

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

  it('lists the curation, audit and actor routes', () => {
    for (const path of ['/incidents/{id}/merge', '/incidents/{id}/split', '/claims/{id}/move', '/incidents/{id}/review', '/incidents/{id}/history', '/audit', '/actors']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
