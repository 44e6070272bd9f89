/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { Page, type Section } from '../layout.js';

/** A page that says one thing: not found, not ready yet, a bad query. */
export function MessagePage({ title, message, section = null, children }: { title: string; message: string; section?: Section; children?: Child }) {
  return (
    <Page title={title} section={section}>
      <h1>{title}</h1>
      <p class="notice bad" role="alert">
        {message}
      </p>
      {children}
      <p>
        <a href="/incidents">All incidents</a>
      </p>
    </Page>
  );
}
