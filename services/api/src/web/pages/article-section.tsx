/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { MAX_ARTICLE_CHARS } from '@recon/contract';
import type { Child } from 'hono/jsx';
import type { ArticleInput, ClaimDraft, EvidenceMark } from '../claim-draft.js';
import { CSRF_FIELD } from '../session.js';
import { described, Messages, TextField, type FieldMessages } from './form-fields.js';

/**
 * `/claims/new` and an article: the form that sends the article's text to `POST /extract`, and the
 * article shown back with the words of every draft marked (`<mark id="d0-f0">`: draft 1, figure 1),
 * each draft's claim block linking to its words. All of the article is text, escaped by the JSX
 * renderer; the marks are positions into it, checked when the form carries them back.
 */

/** A mark of one draft, with the element id it has in the article and what it is, in words. */
export interface DraftMark {
  mark: EvidenceMark;
  id: string;
  label: string;
}

/** The marks of every draft, each with a unique id: `d<draft>-f<figure>` (words of a figure), `d<draft>-c` (its claimant's). */
export function draftMarks(claims: readonly ClaimDraft[]): DraftMark[][] {
  const seen = new Map<string, number>();
  return claims.map((c, i) =>
    c.marks.map((mark) => {
      const base = mark.role === 'figure' ? `d${i}-f${mark.figure}` : `d${i}-c`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const what = mark.role === 'figure' ? `figure ${mark.figure + 1}` : 'claimant';
      return { mark, id: n === 1 ? base : `${base}-${n}`, label: `Claim ${i + 1}, ${what}` };
    }),
  );
}

/** The article with every draft's words in a `<mark>`; where marks overlap, one `<mark>` per stretch, the first id of each mark where it starts. */
export function MarkedArticle({ text, language, claims }: { text: string; language: string; claims: readonly ClaimDraft[] }) {
  const marks = draftMarks(claims).flat();
  const cuts = [...new Set([0, text.length, ...marks.flatMap((m) => [m.mark.start, m.mark.end])])].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const pieces: Child[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k]!, cuts[k + 1]!];
    const words = text.slice(a, b);
    const over = marks.filter((m) => m.mark.start <= a && m.mark.end >= b);
    if (over.length === 0) {
      pieces.push(words);
      continue;
    }
    const starting = over.filter((m) => m.mark.start === a);
    const [first, ...others] = starting;
    for (const m of others) pieces.push(<span id={m.id}></span>);
    pieces.push(
      <mark id={first?.id} class={over.some((m) => m.mark.role === 'figure') ? 'figure' : 'claimant'} title={over.map((m) => m.label).join('; ')}>
        {words}
      </mark>,
    );
  }
  return (
    <section aria-labelledby="article-h">
      <h2 id="article-h">The article, with each draft's words marked</h2>
      <p class="muted">Marked: the words each draft below was read from (a figure's words, and who said it). Correct a draft where the article says otherwise.</p>
      <div class="article" lang={language || undefined}>
        {pieces}
      </div>
    </section>
  );
}

/** In a drafted claim's block: its confidence and what to check, links to its words, and both carried back as hidden fields. */
export function DraftNotes({ i, claim, marks }: { i: number; claim: ClaimDraft; marks: readonly DraftMark[] }) {
  if (claim.notes.length === 0 && claim.marks.length === 0) return null;
  const p = `c${i}`;
  return (
    <div class="draft-notes">
      {claim.notes.map((n, k) => (
        <p class={k === 0 ? 'muted' : 'warning'}>{n}</p>
      ))}
      {marks.length > 0 ? (
        <p>
          Its words in the article:{' '}
          {marks.map((m, k) => (
            <>
              {k > 0 ? ', ' : ''}
              <a href={`#${m.id}`}>{m.mark.role === 'figure' ? `figure ${m.mark.figure + 1}` : 'claimant'}</a>
            </>
          ))}
        </p>
      ) : null}
      {claim.notes.map((n) => (
        <input type="hidden" name={`${p}.note`} value={n} />
      ))}
      <input type="hidden" name={`${p}.marks`} value={JSON.stringify(claim.marks)} />
    </div>
  );
}

const LANGUAGES: [string, string][] = [
  ['', 'detect from the text'],
  ['en', 'English'],
  ['fr', 'French'],
];

/** The "paste an article" form: its text, and what the analyst knows of it. */
export function ArticleForm({ csrf, input, m }: { csrf: string; input: ArticleInput; m: FieldMessages }) {
  return (
    <section aria-labelledby="extract-h">
      <h2 id="extract-h">Or paste an article: its claims drafted for you</h2>
      <p class="muted">
        The service reads the article's figures, who said them and when, and fills the form with one claim per statement, the words it read each from marked in the article. Nothing is stored until you submit
        the drafts.
      </p>
      <form method="post" action="/ui/claims/extract" aria-labelledby="extract-h" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <div class="field">
          <label for="extract-text">The article's text, up to {MAX_ARTICLE_CHARS.toLocaleString('en')} characters (required)</label>
          <textarea id="extract-text" name="extract.text" rows={10} required {...described('extract.text', m)}>
            {input.text}
          </textarea>
          <Messages name="extract.text" m={m} />
        </div>
        <div class="grid">
          <TextField name="extract.publishedAt" label="Published on (YYYY-MM-DD)" value={input.publishedAt} m={m} placeholder="YYYY-MM-DD" hint="relative dates (“on Sunday”) count from it" />
          <TextField name="extract.publisher" label="Publisher" value={input.publisher} m={m} />
          <TextField name="extract.country" label="Country (ISO code), if the text does not say" value={input.country} m={m} placeholder="ML" />
          <TextField name="extract.key" label="Incident key (your id for it)" value={input.key} m={m} />
          <TextField name="extract.startDate" label="Incident's first day (YYYY-MM-DD)" value={input.startDate} m={m} placeholder="YYYY-MM-DD" />
          <div class="field">
            <label for="extract-language">Language</label>
            <select id="extract-language" name="extract.language" {...described('extract.language', m)}>
              {LANGUAGES.map(([value, text]) => (
                <option value={value} selected={value === input.language}>
                  {text}
                </option>
              ))}
            </select>
            <Messages name="extract.language" m={m} />
          </div>
        </div>
        <p>
          <button type="submit">Draft claims from the article</button>
        </p>
      </form>
    </section>
  );
}
