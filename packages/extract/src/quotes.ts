/**
 * Quotations of a text as [start, end) offsets: “…”, «…», and straight "…" paired within a
 * paragraph. A figure inside one is attributed by the words around the quotation.
 */
export function quotations(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let curly = -1;
  let guillemet = -1;
  let straight = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' && text[i + 1] === '\n') straight = -1;
    if (c === '“') curly = i;
    else if (c === '”' && curly >= 0) {
      out.push([curly, i + 1]);
      curly = -1;
    } else if (c === '«') guillemet = i;
    else if (c === '»' && guillemet >= 0) {
      out.push([guillemet, i + 1]);
      guillemet = -1;
    } else if (c === '"') {
      if (straight < 0) straight = i;
      else {
        out.push([straight, i + 1]);
        straight = -1;
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}
