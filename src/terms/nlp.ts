/** One wink-nlp pipeline for the process: tokens, lemmas, parts of speech, stop words. */
import winkNLP, { type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { foldText } from '../model/index.js';

export interface Token {
  surface: string;
  lemma: string;
  /** The surface folded (see foldText): the key the token is matched under. */
  key: string;
  /** The lemma folded. */
  lemmaKey: string;
  pos: string;
  stop: boolean;
  /** wink's token type: word, number, punctuation, url, … */
  type: string;
  /** The white space before the token in the text, so that a span can be shown as written. */
  space: string;
}

let instance: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model, ['pos']);
  return instance;
}

/** The tokens of a text, with wink-nlp's lemma, part of speech and stop-word flag. */
export function tokenize(text: string): Token[] {
  const engine = nlp();
  const its = engine.its;
  const tokens = engine.readDoc(text).tokens();
  const surfaces = tokens.out(its.value) as string[];
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const pos = tokens.out(its.pos as unknown as ItsFunction<string>) as string[];
  const stops = tokens.out(its.stopWordFlag as unknown as ItsFunction<boolean>) as boolean[];
  const types = tokens.out(its.type as unknown as ItsFunction<string>) as string[];
  const spaces = tokens.out(its.precedingSpaces as unknown as ItsFunction<string>) as string[];
  return surfaces.map((surface, i) => {
    const lemma = lemmas[i] ?? surface.toLowerCase();
    return {
      surface,
      lemma,
      key: foldText(surface),
      lemmaKey: foldText(lemma),
      pos: pos[i] ?? 'X',
      stop: stops[i] ?? false,
      type: types[i] ?? 'word',
      space: spaces[i] ?? '',
    };
  });
}

/** Tokens [start, end) as they stand in the text. */
export function spanText(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((t, i) => (i === 0 ? t.surface : t.space + t.surface))
    .join('');
}
