/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { ASSET_PATHS } from './assets.js';

export type Section = 'incidents' | 'review' | 'enter' | 'problems' | 'export' | 'session' | null;

export interface PageProps {
  title: string;
  section: Section;
  children?: Child;
}

const NAV: { section: Exclude<Section, null>; href: string; label: string }[] = [
  { section: 'incidents', href: '/incidents', label: 'Incidents' },
  { section: 'enter', href: '/claims/new', label: 'Enter claims' },
  { section: 'review', href: '/review', label: 'Review' },
  { section: 'problems', href: '/claims?status=rejected', label: 'Problem claims' },
  { section: 'export', href: '/export', label: 'Export' },
];

/** Every page's frame: a skip link, the navigation, one stylesheet and one script, both served by the service. */
export function Page({ title, section, children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · Casualty-claim reconciliation`}</title>
        <link rel="stylesheet" href={ASSET_PATHS.css} />
        <script src={ASSET_PATHS.js} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <nav aria-label="Main">
            <a class="brand" href="/">Claim reconciliation</a>
            {NAV.map((n) => (
              <a href={n.href} aria-current={n.section === section ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
            <a class="session" href="/signin" aria-current={section === 'session' ? 'page' : undefined}>
              Session
            </a>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <p>Figures are as claimed. The service never averages, never picks a winner, never collapses a dispute into one number.</p>
        </footer>
      </body>
    </html>
  );
}

/** A finished page as HTML text. */
export function renderPage(node: unknown): string {
  return `<!DOCTYPE html>${String(node)}`;
}
