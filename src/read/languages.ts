/**
 * Statements that are not in English are flagged (and kept: glossary terms still count). A
 * statement whose words the English vector table nearly all knows is English; only the others
 * go to the language detector, eld, which loads only then. Both run on the pipeline's second
 * thread when there is one (see runtime/index.ts). One- to three-word statements are not judged.
 */
import type { Problem } from '../model/index.js';
import type { Statement } from '../model/index.js';
import { knownWordShare } from '../word-vectors.js';

/** For each text, the language it is reliably in when that is not English. */
export type LanguageDetector = (texts: readonly string[]) => Promise<(string | undefined)[]>;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

export const detectLanguages: LanguageDetector = async (texts) => {
  const doubtful = texts.map((text) => text.split(' ').length >= 4 && knownWordShare(text) < 0.85);
  if (!doubtful.includes(true)) return texts.map(() => undefined);
  const { eld } = await import('eld/extrasmall');
  return texts.map((text, i) => {
    if (!doubtful[i]) return undefined;
    const detected = eld.detect(text);
    return detected.language && detected.language !== 'en' && detected.isReliable() ? detected.language : undefined;
  });
};

/** A warning for each statement that looks like another language, in statement order. */
export async function checkLanguages(
  statements: readonly Statement[],
  detect: LanguageDetector = detectLanguages,
): Promise<Problem[]> {
  const languages = await detect(statements.map((s) => s.text));
  return statements.flatMap((s, i): Problem[] => {
    const language = languages[i];
    if (!language) return [];
    return [
      {
        code: 'not-english',
        severity: 'warning',
        place: { file: s.source, line: s.line, ...(s.cell ? { column: s.cell } : {}) },
        message: `the statement looks ${LANGUAGE_NAMES.of(language) ?? language}, not English: kept, but few of its words will count`,
        hint: 'translate it, or add its key terms to a project glossary',
      },
    ];
  });
}
