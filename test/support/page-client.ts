import type { OpenAPIHono } from '@hono/zod-openapi';

/**
 * A browser's part for tests on `app.request`: it asks for HTML, keeps cookies, and posts forms
 * with the CSRF token of the last page it read and the Origin a browser would send.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  lastPage = '';

  constructor(private readonly app: OpenAPIHono) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  async get(path: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8'): Promise<{ res: Response; text: string }> {
    const res = await this.app.request(path, { headers: { accept, ...this.cookieHeader() } });
    this.remember(res);
    const text = await res.text();
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) this.lastPage = text;
    return { res, text };
  }

  /** The CSRF token in the last page's forms. */
  csrf(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastPage)?.[1] ?? '';
  }

  async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: string; origin?: string } = {}): Promise<{ res: Response; text: string }> {
    const body = new URLSearchParams();
    body.set('_csrf', opts.csrf ?? this.csrf());
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: opts.origin ?? 'http://localhost', accept: 'text/html', ...this.cookieHeader() },
      body: body.toString(),
    });
    this.remember(res);
    const text = await res.text();
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) this.lastPage = text;
    return { res, text };
  }
}
