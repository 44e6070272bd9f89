/** `recon actors [--q TEXT] [--country CC] [--json]`: the actor registry. */
import type { ActorEntry } from './api-client.js';
import { flagOption, patternOption, positionalArgs, stringOption } from './cli-args.js';
import { writeLines, type Command } from './command.js';
import { cleanLine, toSafeJson } from './sanitize.js';
import { textTable } from './text-table.js';

const scopeText = (a: ActorEntry['aliases'][number]): string => {
  const parts = [a.countries ? a.countries.join(',') : '', a.from || a.to ? `${a.from ?? '…'}–${a.to ?? '…'}` : ''].filter(Boolean);
  return parts.length > 0 ? `${a.alias} [${parts.join(' ')}]` : a.alias;
};

/** The registry as a table: id, name, kind, side, aliases (with their scopes). */
export function renderActors(actors: readonly ActorEntry[]): string[] {
  if (actors.length === 0) return ['No actors match.'];
  return textTable([['ID', 'NAME', 'KIND', 'SIDE', 'ALIASES'], ...actors.map((a) => [a.id, a.name, a.kind, a.side ?? '—', a.aliases.map(scopeText).join('; ')])]).map(cleanLine);
}

export const actorsCommand: Command = {
  name: 'actors',
  summary: 'list the actor registry: names, kinds, sides and aliases with their scopes',
  usage: `Usage: recon actors [--q TEXT] [--country CC] [--json] [--url URL]

Lists the actors names are canonicalised to, with their aliases; an alias scoped to countries or
dates shows them in brackets ("Russian forces [ML,BF,NE 2021-12–…]").

Options:
  --q TEXT      only actors whose name or an alias contains TEXT
  --country CC  only aliases that hold in this country (and those that hold everywhere)
  --json        the API answer as JSON
  --url URL     the API (default: $RECON_URL, else http://127.0.0.1:8080)
  -h, --help    this help`,
  options: { q: { type: 'string' }, country: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, { client, stdout }) {
    positionalArgs(args, []);
    const country = patternOption(args, 'country', /^[A-Za-z]{2}$/, 'a two-letter country code such as ML')?.toUpperCase();
    const q = stringOption(args, 'q');
    const answer = await client.actors({ ...(q === undefined ? {} : { q }), ...(country === undefined ? {} : { country }) });
    writeLines(stdout, flagOption(args, 'json') ? [toSafeJson(answer)] : renderActors(answer.actors));
    return 0;
  },
};
