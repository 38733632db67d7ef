/**
 * Abbreviations defined in the text, found with the Schwartz–Hearst method: "long form (SF)" and
 * "SF (long form)", the short form's characters matched right to left in the long form, its
 * first character at the start of a word. Works for long forms in any language
 * ("KMU (kleine und mittlere Unternehmen)") and plural short forms ("Digital Innovation Hubs (DIHs)").
 *
 * Schwartz, A. S., & Hearst, M. A. (2003). A simple algorithm for identifying abbreviation
 * definitions in biomedical text. Pacific Symposium on Biocomputing 8, 451–462.
 */

export interface AbbreviationDefinition {
  /** The short form, without a plural "s" ("DIH" for "DIHs"). */
  short: string;
  /** The long form as written. */
  long: string;
}

function isShortForm(candidate: string): boolean {
  const words = candidate.split(/\s+/).filter(Boolean);
  return (
    words.length <= 2 &&
    candidate.length >= 2 &&
    candidate.length <= 10 &&
    /^[\p{L}\p{N}]/u.test(candidate) &&
    /\p{L}/u.test(candidate) &&
    // A short form has capitals or digits beyond its first letter: "DIH", "R&D", "S3", not "here".
    /[\p{Lu}\p{N}]/u.test(candidate.slice(1))
  );
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The shortest end of `long` whose letters spell `short`, or undefined (Schwartz & Hearst's bestLongForm). */
export function bestLongForm(short: string, long: string): string | undefined {
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  let si = s.length - 1;
  let li = l.length - 1;
  while (si >= 0) {
    const c = s[si] as string;
    if (!isAlnum(c)) {
      si--;
      continue;
    }
    while ((li >= 0 && l[li] !== c) || (si === 0 && li > 0 && isAlnum(l[li - 1]))) li--;
    if (li < 0) return undefined;
    li--;
    si--;
  }
  const start = l.lastIndexOf(' ', li) + 1;
  const found = long.slice(start).trim();
  // One word is too little to spell an abbreviation out ("see (SEE)").
  if (found.length <= short.length || !/[\s-]/.test(found)) return undefined;
  if (found.toLowerCase().includes(s)) return undefined;
  return found;
}

/** The words before a parenthesis, at most min(|SF| + 5, 2·|SF|) of them, within the clause. */
function wordsBefore(text: string, end: number, short: string): string {
  const clause =
    text
      .slice(0, end)
      .split(/[.;:!?]\s|[()]/)
      .pop() ?? '';
  const limit = Math.min(short.length + 5, short.length * 2);
  return clause.trim().split(/\s+/).slice(-limit).join(' ');
}

function singular(short: string): string {
  return /^[\p{Lu}\p{N}&]{2,}s$/u.test(short) ? short.slice(0, -1) : short;
}

/** The long form in brackets after a short form: the words up to the first comma, else the whole list. */
function definedAfter(short: string, inside: string, whole: string): string | undefined {
  for (const candidate of inside === whole ? [inside] : [inside, whole.replace(/[,;]/g, ' ').replace(/\s+/g, ' ')]) {
    const words = candidate.split(/\s+/).length;
    if (words > short.length + 5) continue;
    const long = bestLongForm(short, candidate);
    if (long && long.split(/\s+/).length >= words - 1) return candidate === inside ? long : whole;
  }
  return undefined;
}

/** Every abbreviation a text defines, in order. */
export function findAbbreviations(text: string): AbbreviationDefinition[] {
  const found: AbbreviationDefinition[] = [];
  const parens = /\(([^()]{1,120})\)/g;
  for (let m = parens.exec(text); m; m = parens.exec(text)) {
    const whole = (m[1] ?? '').trim();
    const inside = whole.replace(/[,;].*$/, '').trim();
    if (isShortForm(inside)) {
      const long = bestLongForm(inside, wordsBefore(text, m.index, inside));
      if (long) found.push({ short: singular(inside), long });
      continue;
    }
    // "SF (long form)": the word just before the parenthesis is the short form; the long form may
    // be a list, one word a letter ("STEM (science, technology, engineering, mathematics)").
    const before = /([\p{L}\p{N}&-]+)\s*$/u.exec(text.slice(0, m.index));
    const short = before?.[1];
    const long = short && isShortForm(short) ? definedAfter(short, inside, whole) : undefined;
    if (short && long) found.push({ short: singular(short), long });
  }
  return found;
}
