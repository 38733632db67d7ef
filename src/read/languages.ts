/**
 * Statements that are not in English are flagged (and kept: glossary terms still count). A
 * statement whose words the English vector table nearly all knows is English; only the others
 * go to the language detector, eld, which loads only then — on the pipeline's second thread
 * when there is one (see background.ts). One- to three-word statements are not judged.
 */
import type { Problem } from '../problems.js';
import type { Statement } from '../types.js';
import { knownWordShare } from '../word-vectors.js';

/** For each text, the language eld reliably sees in it when that is not English. */
export type LanguageDetector = (texts: readonly string[]) => Promise<(string | undefined)[]>;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

export const detectLanguages: LanguageDetector = async (texts) => {
  if (texts.length === 0) return [];
  const { eld } = await import('eld/extrasmall');
  return texts.map((text) => {
    const detected = eld.detect(text);
    return detected.language && detected.language !== 'en' && detected.isReliable() ? detected.language : undefined;
  });
};

/** A warning for each statement that looks like another language, in statement order. */
export async function checkLanguages(statements: readonly Statement[], detect: LanguageDetector = detectLanguages): Promise<Problem[]> {
  const doubtful = statements.filter((s) => s.text.split(' ').length >= 4 && knownWordShare(s.text) < 0.85);
  const languages = await detect(doubtful.map((s) => s.text));
  return doubtful.flatMap((s, i): Problem[] => {
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
