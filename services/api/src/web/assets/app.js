// The workbench's one script: suggestions as you type (actors from GET /actors, incidents from
// GET /incidents) and the count picker's live interval. Every page works without it.
'use strict';

// The reconciler's reading of each count form (docs/contract.md, section 2), for the live hint; the
// server shows the same text when the form comes back.
const TERMS = { a_few: [2, 5], several: [3, 9], dozens: [24, null], scores: [40, null], hundreds: [200, null], thousands: [2000, null], many: null, unknown: null };
const whole = (s) => (/^\d{1,16}$/.test(String(s).replace(/[\s,_]/g, '')) ? Number(String(s).replace(/[\s,_]/g, '')) : null);

function intervalText(form, n, min, max, term) {
  if (form === 'term') {
    const t = TERMS[term];
    return t ? `read as ${t[1] === null ? `${t[0]} or more` : `${t[0]} to ${t[1]}`}` : 'read as no number (sets no bound)';
  }
  if (form === 'range') {
    const a = whole(min), b = whole(max);
    if (a === null || b === null) return 'type two whole numbers';
    return a > b ? 'the first number is larger than the second' : `read as ${a} to ${b}`;
  }
  const v = whole(n);
  if (v === null) return 'type a whole number';
  if (form === 'exact') return `read as exactly ${v}`;
  if (form === 'min') return `read as ${v} or more`;
  if (form === 'max') return `read as 0 to ${v}`;
  const q = Math.floor(v / 10), r = v - 10 * q;
  return `read as ${9 * q + Math.floor((9 * r) / 10)} to ${11 * q + Math.ceil((11 * r) / 10)}`;
}

function setupCount(box) {
  const p = box.getAttribute('data-count');
  const field = (name) => box.querySelector(`[name="${p}.${name}"]`);
  const form = field('form');
  const out = box.querySelector('[data-interval]');
  const update = () => {
    for (const div of box.querySelectorAll('[data-for]')) div.hidden = !div.getAttribute('data-for').split(' ').includes(form.value);
    out.textContent = intervalText(form.value, field('n').value, field('min').value, field('max').value, field('term').value);
  };
  box.addEventListener('input', update);
  box.addEventListener('change', update);
  update();
}

let comboCount = 0;

/** An ARIA combobox on a text input: a list of suggestions below it, arrows to move, Enter to pick. */
function setupCombo(input, fetchItems, onPick) {
  input.removeAttribute('list');
  const id = `suggest-${++comboCount}`;
  const list = document.createElement('ul');
  list.id = id;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', id);
  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const show = () => {
    list.replaceChildren(
      ...items.map((it, n) => {
        const li = document.createElement('li');
        li.id = `${id}-${n}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(n === active));
        li.textContent = it.label;
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          pick(n);
        });
        return li;
      }),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (n) => {
    const it = items[n];
    if (!it) return;
    onPick(it);
    close();
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      const mine = ++asked;
      try {
        const found = await fetchItems(q);
        if (mine !== asked) return;
        items = found.slice(0, 8);
        active = -1;
        show();
      } catch {
        close();
      }
    }, 120);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      show();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

const getJson = async (url) => {
  const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
};

function setupActor(input) {
  setupCombo(
    input,
    async (q) => (await getJson(`/actors?q=${encodeURIComponent(q)}`)).actors.map((a) => ({ label: `${a.name} (${a.kind.replace(/_/g, ' ')})`, value: a.name, kind: a.kind })),
    (it) => {
      input.value = it.value;
      // The kind select beside the name, when it is still "from the registry", takes the actor's kind.
      const kind = document.querySelector(`[name="${input.name.replace(/\.(name|party)$/, (m) => (m === '.name' ? '.kind' : '.partyKind'))}"]`);
      if (kind && kind !== input && kind.value === '' && input.name.endsWith('.name')) kind.value = it.kind;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
  );
}

function setupIncident(input) {
  const form = input.form;
  setupCombo(
    input,
    async (q) =>
      (await getJson(`/incidents?q=${encodeURIComponent(q)}&limit=8`)).incidents.map((i) => ({
        label: `${i.title || i.key || i.id} (${i.location || i.country}, ${i.startDate})`,
        value: i,
      })),
    (it) => {
      const i = it.value;
      input.value = it.label;
      for (const old of form.querySelectorAll('[name="incident.pick"]:not([data-picked])')) old.remove();
      form.querySelector('[data-picked]').value = i.id;
      const set = (name, v) => {
        const f = form.querySelector(`[name="incident.${name}"]`);
        if (f) f.value = v ?? '';
      };
      set('key', i.key);
      set('title', i.title);
      set('country', i.country);
      set('location', i.location);
      set('startDate', i.startDate);
      set('endDate', i.endDate);
    },
  );
}

document.addEventListener('DOMContentLoaded', () => {
  // After the server sent the form back with errors, start at the first field it named.
  const firstBad = document.querySelector('.notice.bad') && document.querySelector('[aria-invalid="true"]');
  if (firstBad) firstBad.focus();
  for (const box of document.querySelectorAll('[data-count]')) setupCount(box);
  for (const input of document.querySelectorAll('input[data-suggest="actors"]')) setupActor(input);
  for (const input of document.querySelectorAll('input[data-suggest="incidents"]')) setupIncident(input);
});
