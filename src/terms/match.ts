/** Finding the glossary's terms in a statement's tokens: leftmost-longest, without overlaps. */
import type { Form, Glossary, Pattern, TermMatch } from './glossary.js';
import { spanText, type Token } from './nlp.js';

/** Keys a text token can be matched under: its folded surface, its lemma, and "SMEs" → "sme". */
function tokenKeys(token: Token): string[] {
  const surface = token.key;
  const keys = [surface, token.lemmaKey];
  if (surface.length > 2 && surface.endsWith('s')) keys.push(surface.slice(0, -1));
  return keys;
}

function matchesAt(tokens: readonly Token[], at: number, pattern: Pattern): boolean {
  for (let i = 0; i < pattern.keys.length; i++) {
    const token = tokens[at + i];
    if (!token) return false;
    const key = pattern.keys[i] as string;
    if (pattern.caseSensitive) {
      // Each token of an abbreviation as written, a plural "s" allowed ("DIHs", "KETs").
      const expected = pattern.caseSensitive[i] ?? '';
      if (token.surface !== expected && token.surface !== `${expected}s`) return false;
    } else {
      const keys = tokenKeys(token);
      if (!keys.includes(key) && !keys.includes(key.replace(/s$/, ''))) return false;
    }
  }
  return true;
}

/** The first form a word matches, if any: one combined test first, since almost every word fails it. */
function formOf(token: Token, glossary: Glossary): Form | undefined {
  if (!glossary.anyForm || token.type !== 'word' || !glossary.anyForm.test(token.key)) return undefined;
  return glossary.forms.find((f) => f.regex.test(token.key));
}

/**
 * Finds glossary terms in a token sequence, leftmost-longest, without overlaps; a word no pattern
 * matches is tried against the glossary's forms.
 */
export function findTerms(tokens: readonly Token[], glossary: Glossary): TermMatch[] {
  const found: TermMatch[] = [];
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at] as Token;
    let match: Pattern | undefined;
    const keys = tokenKeys(token);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      // Each key once: the surface and the lemma are often the same.
      if (keys.indexOf(key) < k) continue;
      for (const pattern of glossary.patterns.get(key) ?? []) {
        if ((!match || pattern.keys.length > match.keys.length) && matchesAt(tokens, at, pattern)) match = pattern;
      }
    }
    if (match) {
      const end = at + match.keys.length;
      found.push({
        concept: match.concept,
        surface: spanText(tokens, at, end),
        start: at,
        end,
        by: match.by,
        written: match.written,
        ...(match.sense ? { sense: match.sense } : {}),
      });
      at = end;
    } else {
      const form = formOf(token, glossary);
      if (form)
        found.push({
          concept: form.concept,
          surface: token.surface,
          start: at,
          end: at + 1,
          by: 'form',
          written: form.written,
          ...(form.sense ? { sense: form.sense } : {}),
        });
      at++;
    }
  }
  return found;
}
