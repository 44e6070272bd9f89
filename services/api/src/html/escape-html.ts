/**
 * HTML escaping for the read-only report page. Claim text is data, never markup: every value
 * interpolated into an `html` template is escaped, unless it is a `SafeHtml` this module made.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};
const SPECIAL = /[&<>"'`]/g;

/** Escapes & < > " ' and ` so that the text is safe in element content and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(SPECIAL, (ch) => ESCAPES[ch]!);
}

/** Only this module holds the token, so only `html` can make a `SafeHtml`. */
const TOKEN: unique symbol = Symbol('SafeHtml');

/** Markup made by the `html` tag: interpolated into another template as is, never escaped again. */
export class SafeHtml {
  readonly #html: string;

  constructor(token: typeof TOKEN, markup: string) {
    if (token !== TOKEN) throw new TypeError('SafeHtml is made only by the html tag');
    this.#html = markup;
  }

  /** Whether `value` is a real SafeHtml (not an object that merely looks like one). */
  static is(value: unknown): value is SafeHtml {
    return typeof value === 'object' && value !== null && #html in value;
  }

  toString(): string {
    return this.#html;
  }
}

/** What may be interpolated: anything; only SafeHtml (or arrays of it) passes unescaped. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (SafeHtml.is(value)) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A tagged template: the literal parts are markup, every `${value}` is escaped. A `SafeHtml` (from
 * a nested `html` template) is kept as is, arrays are rendered element by element and joined, and
 * `null`/`undefined` render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  // The literal parts are trusted markup: accept only a real template's strings, not a plain array of data.
  if (!Array.isArray(strings) || !Array.isArray((strings as { raw?: unknown }).raw)) {
    throw new TypeError('html must be used as a tagged template');
  }
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(TOKEN, out);
}
