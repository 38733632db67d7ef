/**
 * A statement's features — what its similarity to others is computed over — and their keys. The
 * steps index features by a string key (fast in maps and vectors); this is the one place that
 * knows how the kinds are written in it: `@concept`, `@concept:sense`, `#group`, or a lemma.
 */

/** A glossary concept (with its sense, for ambiguous ones), a group of topic words, or a word's lemma. */
export type FeatureKey =
  | { kind: 'concept'; concept: string; sense?: string }
  | { kind: 'group'; group: string }
  | { kind: 'word'; lemma: string };

/** The key as the steps index it. */
export function encodeFeature(key: FeatureKey): string {
  switch (key.kind) {
    case 'concept':
      return key.sense ? `@${key.concept}:${key.sense}` : `@${key.concept}`;
    case 'group':
      return `#${key.group}`;
    case 'word':
      return key.lemma;
  }
}

/** The kind and parts of an indexed key. */
export function decodeFeature(text: string): FeatureKey {
  if (text.startsWith('@')) {
    const colon = text.indexOf(':');
    return colon < 0
      ? { kind: 'concept', concept: text.slice(1) }
      : { kind: 'concept', concept: text.slice(1, colon), sense: text.slice(colon + 1) };
  }
  if (text.startsWith('#')) return { kind: 'group', group: text.slice(1) };
  return { kind: 'word', lemma: text };
}

/** Whether an indexed key is a plain word (neither a concept nor a group): checked without decoding it. */
export function isWordFeature(text: string): boolean {
  const first = text.charCodeAt(0);
  return first !== 64 /* @ */ && first !== 35 /* # */;
}
