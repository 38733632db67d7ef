/**
 * The keys text is matched under: white space collapsed, case and accents folded. No YAML or zod
 * here: the second thread imports this and needs neither.
 */

/** Runs of white space as one space; the text itself when it has none to change (most have not). */
export function singleSpaced(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

const folded = new Map<string, string>();

/** Lower case, accents and ligatures folded, spaces collapsed: the key under which words are matched. */
export function foldText(text: string): string {
  // Most words are printable ASCII without spaces: lower case is all they need.
  let upper = false;
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) plain = false;
    else if (c >= 65 && c <= 90) upper = true;
  }
  if (plain) return upper ? text.toLowerCase() : text;
  const known = folded.get(text);
  if (known !== undefined) return known;
  const result = fold(text);
  // Words repeat: remember the short ones (a bounded table, cleared when full).
  if (text.length <= 40) {
    if (folded.size >= 200_000) folded.clear();
    folded.set(text, result);
  }
  return result;
}

function fold(text: string): string {
  // Plain ASCII has nothing to decompose or replace.
  if (/^[\x00-\x7f]*$/.test(text)) return singleSpaced(text.toLowerCase()).trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
