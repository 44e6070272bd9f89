import type { IncidentInput } from '@recon/domain';
import type { Article } from './article.js';
import type { Attributed } from './attributed.js';
import { datelineCut, type Attribution } from './attribution.js';
import type { ExtractRequest } from './types.js';
import { dateMentions } from './when.js';

/** The incident every draft is filed under. `ownOf`: each sentence's own attribution, read once for the figures. */
export function incidentOf(
  req: ExtractRequest,
  article: Article,
  figures: Attributed[],
  ownOf: (index: number) => Attribution | null,
  published: string | null,
  today: string,
  country: string,
): IncidentInput {
  const given = req.incident ?? {};
  let startDate = given.startDate;
  let location = given.location;
  const order = [...figures].sort((a, b) => Number(a.headline) - Number(b.headline));
  // Several figures share a sentence: each sentence is read once.
  const read = new Set<number>();
  for (const f of order) {
    if (read.has(f.sentence)) continue;
    read.add(f.sentence);
    const s = article.sentences[f.sentence]!;
    if (!startDate) {
      const attribution = ownOf(s.index);
      for (const d of dateMentions(s, article.w, published)) {
        const inAttribution = attribution && d.start >= attribution.start - 1 && d.start <= attribution.end + 2 && attribution.statedAt === d.day;
        if (d.day && !inAttribution && (!published || d.day <= published)) {
          startDate = d.day;
          break;
        }
      }
    }
    // Not the dateline's city ("BAMAKO —", "GAO, Mali (Reuters) -"): that is where it was written.
    if (!location) location = article.place({ ...s, tokens: datelineCut(s.tokens) })?.name;
    if (startDate && location) break;
  }
  return {
    ...given,
    country,
    ...(location ? { location } : {}),
    startDate: startDate ?? published ?? today,
  } as IncidentInput;
}

