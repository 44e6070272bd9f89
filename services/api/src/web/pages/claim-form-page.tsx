/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { ACTOR_KINDS, OUTCOMES, TERMS, type Count, type IncidentListItem } from '@recon/domain';
import type { Child } from 'hono/jsx';
import { COUNT_FORMS, countOf, emptyArticleInput, MAX_CLAIMS, type ArticleInput, type ClaimDraft, type CountForm, type FigureDraft, type FormDraft } from '../claim-draft.js';
import { intervalText, words } from '../format.js';
import { Page } from '../layout.js';
import { CSRF_FIELD } from '../session.js';
import { ArticleForm, draftMarks, DraftNotes, MarkedArticle, type DraftMark } from './article-section.js';
import { described, idOf, Messages, Select, TextField, type FieldMessages } from './form-fields.js';

export type { FieldMessages } from './form-fields.js';

/**
 * `/claims/new`: one article's claims. The source once, the incident once (an existing one, found by
 * search, or a new one described), then claims, each with its claimant, relays and figures. Every
 * count form has a picker and shows the interval the reconciler will read. Server errors and
 * warnings appear beside their fields. Works without JavaScript: adding a claim, a relay or a figure
 * sends the form back and it comes back one row longer.
 */

export interface Outcome {
  kind: 'ok' | 'bad';
  lines: string[];
  links?: { href: string; text: string }[];
}

const COUNT_LABEL: Record<CountForm, string> = {
  exact: 'exactly',
  min: 'at least',
  max: 'up to',
  range: 'between',
  approx: 'about',
  term: 'in words',
};

function intervalOfDraft(f: FigureDraft): string {
  try {
    const count = countOf(f) as Count;
    const values = Object.values(count);
    if (values.some((v) => typeof v === 'string' && f.form !== 'term')) return 'type a whole number';
    if ('min' in count && 'max' in count && count.min > count.max) return 'the first number is larger than the second';
    return `read as ${intervalText(count)}`;
  } catch {
    return '';
  }
}

function CountPicker({ p, f, m }: { p: string; f: FigureDraft; m: FieldMessages }) {
  const id = idOf(`${p}.form`);
  return (
    <fieldset class="count" data-count={p}>
      <legend>Count</legend>
      <div class="grid">
        <div class="field">
          <label for={id}>Form</label>
          <select id={id} name={`${p}.form`} data-count-form>
            {COUNT_FORMS.map((c) => (
              <option value={c} selected={c === f.form}>
                {COUNT_LABEL[c]}
              </option>
            ))}
          </select>
        </div>
        <div class="field" data-for="exact min max approx">
          <label for={idOf(`${p}.n`)}>Number</label>
          <input id={idOf(`${p}.n`)} name={`${p}.n`} type="text" inputmode="numeric" value={f.n} autocomplete="off" {...described(`${p}.count`, m)} />
        </div>
        <div class="field" data-for="range">
          <label for={idOf(`${p}.min`)}>From</label>
          <input id={idOf(`${p}.min`)} name={`${p}.min`} type="text" inputmode="numeric" value={f.min} autocomplete="off" />
        </div>
        <div class="field" data-for="range">
          <label for={idOf(`${p}.max`)}>To</label>
          <input id={idOf(`${p}.max`)} name={`${p}.max`} type="text" inputmode="numeric" value={f.max} autocomplete="off" />
        </div>
        <div class="field" data-for="term">
          <label for={idOf(`${p}.term`)}>Words</label>
          <select id={idOf(`${p}.term`)} name={`${p}.term`}>
            {TERMS.map((t) => (
              <option value={t} selected={t === f.term}>
                {words(t)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="interval" data-interval aria-live="polite">
        {intervalOfDraft(f)}
      </p>
      <Messages name={`${p}.count`} m={m} />
    </fieldset>
  );
}

function FigureFields({ i, j, f, m }: { i: number; j: number; f: FigureDraft; m: FieldMessages }) {
  const p = `c${i}.f${j}`;
  return (
    <div class="figure-row" role="group" aria-label={`Claim ${i + 1}, figure ${j + 1}`}>
      <div class="grid">
        <TextField name={`${p}.party`} label={`Figure ${j + 1}: whose casualties (party)`} value={f.party} m={m} required suggest="actors" placeholder="Malian soldiers, or unspecified" />
        <Select name={`${p}.partyKind`} label="Party kind (optional)" value={f.partyKind} options={ACTOR_KINDS} m={m} blank="from the registry" />
        <Select name={`${p}.outcome`} label="Outcome" value={f.outcome} options={OUTCOMES} m={m} />
      </div>
      <CountPicker p={p} f={f} m={m} />
      <TextField name={`${p}.wording`} label="Wording (the article's words)" value={f.wording} m={m} />
    </div>
  );
}

function ClaimFields({ i, c, m, count, marks, fromArticle }: { i: number; c: ClaimDraft; m: FieldMessages; count: number; marks: readonly DraftMark[]; fromArticle: boolean }) {
  const p = `c${i}`;
  const relays = c.via.length > 0 ? c.via : [{ name: '', kind: '' }];
  return (
    <fieldset class="claim-block">
      <legend>Claim {i + 1}</legend>
      <DraftNotes i={i} claim={c} marks={marks} />
      <Messages name={p} m={m} />
      <div class="grid">
        <TextField name={`${p}.claimant.name`} label="Claimant (who said it)" value={c.claimantName} m={m} required suggest="actors" placeholder="JNIM, Malian army…" />
        <Select name={`${p}.claimant.kind`} label="Claimant kind" value={c.claimantKind} options={ACTOR_KINDS} m={m} blank="from the registry (known names)" />
        <TextField name={`${p}.statedAt`} label="Stated on (YYYY-MM-DD)" value={c.statedAt} m={m} placeholder="YYYY-MM-DD" hint="empty: the source's publication date" />
      </div>
      <div class="field">
        <label for={idOf(`${p}.excerpt`)}>This claim's words in the source (empty: the article's excerpt above)</label>
        <textarea id={idOf(`${p}.excerpt`)} name={`${p}.excerpt`} rows={2} {...described(`${p}.excerpt`, m)}>
          {c.excerpt}
        </textarea>
        <Messages name={`${p}.excerpt`} m={m} />
      </div>
      <div class="grid">
        {relays.map((r, j) => (
          <>
            <TextField name={`${p}.via${j}.name`} label={`Relay ${j + 1} (via, nearest the claimant first)`} value={r.name} m={m} suggest="actors" />
            <Select name={`${p}.via${j}.kind`} label={`Relay ${j + 1} kind`} value={r.kind} options={ACTOR_KINDS} m={m} blank="from the registry" />
          </>
        ))}
      </div>
      {c.figures.map((f, j) => (
        <FigureFields i={i} j={j} f={f} m={m} />
      ))}
      <p>
        <button type="submit" class="secondary" name="action" value={`add_figure:${i}`}>
          Add a figure to claim {i + 1}
        </button>{' '}
        <button type="submit" class="secondary" name="action" value={`add_relay:${i}`}>
          Add a relay to claim {i + 1}
        </button>{' '}
        {count > 1 ? (
          <button type="submit" class="secondary" name="action" value={`remove_claim:${i}`}>
            Remove claim {i + 1}
          </button>
        ) : null}{' '}
        {fromArticle && count > 1 ? (
          <button type="submit" class="secondary" name="action" value={`submit_one:${i}`}>
            Submit only claim {i + 1}
          </button>
        ) : null}
      </p>
    </fieldset>
  );
}

function IncidentFields({ d, m, matches }: { d: FormDraft; m: FieldMessages; matches: readonly IncidentListItem[] | null }) {
  const inc = d.incident;
  return (
    <fieldset>
      <legend>Incident</legend>
      <div class="grid">
        <TextField name="incident.search" label="Find an existing incident" value={d.search} m={m} suggest="incidents" placeholder="place, key or title" />
      </div>
      <p>
        <button type="submit" class="secondary" name="action" value="find_incident">
          Find incidents
        </button>
      </p>
      {matches !== null ? (
        matches.length === 0 ? (
          <p class="muted">No incident matches; describe a new one below.</p>
        ) : (
          <fieldset>
            <legend>Matching incidents</legend>
            {[{ id: '', title: 'None: a new incident, described below' } as Pick<IncidentListItem, 'id' | 'title'>, ...matches].map((x) => (
              <div>
                <input type="radio" id={`pick-${idOf(x.id || 'none')}`} name="incident.pick" value={x.id} checked={d.pick === x.id} />{' '}
                <label for={`pick-${idOf(x.id || 'none')}`}>
                  {x.title ?? ('key' in x ? x.key : null) ?? x.id}
                  {'startDate' in x ? ` (${(x as IncidentListItem).location ?? (x as IncidentListItem).country}, ${(x as IncidentListItem).startDate})` : ''}
                </label>
              </div>
            ))}
          </fieldset>
        )
      ) : d.pick ? (
        <input type="hidden" name="incident.pick" value={d.pick} />
      ) : null}
      <input type="hidden" name="incident.pick" value="" data-picked />
      <p class="muted">Or describe it (ignored when an existing incident is picked):</p>
      <div class="grid">
        <TextField name="incident.key" label="Key (your id for it)" value={inc.key} m={m} placeholder="ml-2024-07-tinzaouaten" />
        <TextField name="incident.title" label="Title" value={inc.title} m={m} />
        <TextField name="incident.country" label="Country (ISO code)" value={inc.country} m={m} required placeholder="ML" />
        <TextField name="incident.location" label="Place" value={inc.location} m={m} />
        <TextField name="incident.admin1" label="Region" value={inc.admin1} m={m} />
        <TextField name="incident.startDate" label="First day (YYYY-MM-DD)" value={inc.startDate} m={m} required placeholder="YYYY-MM-DD" />
        <TextField name="incident.endDate" label="Last day (YYYY-MM-DD)" value={inc.endDate} m={m} placeholder="YYYY-MM-DD" />
        <TextField name="incident.lat" label="Latitude" value={inc.lat} m={m} />
        <TextField name="incident.lon" label="Longitude" value={inc.lon} m={m} />
      </div>
    </fieldset>
  );
}

export function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  return (
    <div class={outcome.kind === 'ok' ? 'notice' : 'notice bad'} role={outcome.kind === 'ok' ? 'status' : 'alert'} id="outcome">
      {outcome.lines.map((l) => (
        <p>{l}</p>
      ))}
      {outcome.links && outcome.links.length > 0 ? (
        <ul>
          {outcome.links.map((l) => (
            <li>
              <a href={l.href}>{l.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export interface ClaimFormProps {
  draft: FormDraft;
  csrf: string;
  messages: FieldMessages;
  actorNames: readonly string[];
  matches?: readonly IncidentListItem[] | null;
  outcome?: Outcome | undefined;
  paste?: string;
  /** What was typed in the "paste an article" form. */
  articleInput?: ArticleInput;
  children?: Child;
}

export function ClaimFormPage({ draft, csrf, messages: m, actorNames, matches = null, outcome, paste = '', articleInput = emptyArticleInput() }: ClaimFormProps) {
  const fromArticle = draft.article.text !== '';
  const marks = draftMarks(draft.claims);
  return (
    <Page title="Enter claims" section="enter">
      <h1>Enter the claims of one article</h1>
      {outcome ? <OutcomeNotice outcome={outcome} /> : null}
      {fromArticle ? (
        <MarkedArticle text={draft.article.text} language={draft.article.language} claims={draft.claims} />
      ) : (
        <p class="muted">
          Have the article's text? <a href="#extract-h">Paste it</a> and its claims are drafted for you.
        </p>
      )}
      <datalist id="actor-names">
        {actorNames.map((n) => (
          <option value={n} />
        ))}
      </datalist>
      <form method="post" action="/ui/claims" id="claim-form" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        {fromArticle ? (
          <>
            <input type="hidden" name="article.text" value={draft.article.text} />
            <input type="hidden" name="article.language" value={draft.article.language} />
          </>
        ) : null}
        {/* Enter in a field submits the claims: the first submit button is the form's default. */}
        <button type="submit" name="action" value="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
          Submit claims
        </button>
        <fieldset>
          <legend>Source (the article)</legend>
          <div class="grid">
            <TextField name="source.publisher" label="Publisher" value={draft.source.publisher} m={m} />
            <TextField name="source.title" label="Title" value={draft.source.title} m={m} />
            <TextField name="source.url" label="Address (URL)" value={draft.source.url} m={m} type="url" />
            <TextField name="source.publishedAt" label="Published on (YYYY-MM-DD)" value={draft.source.publishedAt} m={m} placeholder="YYYY-MM-DD" />
          </div>
          <div class="field">
            <label for="source-excerpt">Excerpt (the passage the figures come from, for claims that do not give their own)</label>
            <textarea id="source-excerpt" name="source.excerpt" rows={3} {...described('source.excerpt', m)}>
              {draft.source.excerpt}
            </textarea>
            <Messages name="source.excerpt" m={m} />
          </div>
        </fieldset>
        <IncidentFields d={draft} m={m} matches={matches} />
        {draft.claims.map((c, i) => (
          <ClaimFields i={i} c={c} m={m} count={draft.claims.length} marks={marks[i] ?? []} fromArticle={fromArticle} />
        ))}
        <p>
          {draft.claims.length < MAX_CLAIMS ? (
            <button type="submit" class="secondary" name="action" value="add_claim">
              Add another claim
            </button>
          ) : null}{' '}
          <button type="submit" name="action" value="submit" id="submit-claims">
            {fromArticle && draft.claims.length > 1 ? 'Submit all drafts' : 'Submit claims'}
          </button>
        </p>
      </form>
      <h2 id="paste-h">Or paste claims</h2>
      <form method="post" action="/ui/claims/paste" aria-labelledby="paste-h">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <div class="field">
          <label for="paste">JSON (one claim, an array, or a batch), NDJSON (one claim a line) or CSV (the claims export's columns)</label>
          <textarea id="paste" name="paste" rows={8}>
            {paste}
          </textarea>
        </div>
        <p>
          <button type="submit">Submit pasted claims</button>
        </p>
      </form>
      <ArticleForm csrf={csrf} input={articleInput} m={m} />
    </Page>
  );
}
