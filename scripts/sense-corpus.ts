/**
 * The labelled corpus of "cluster" senses (../shared/corpora/cluster-senses/sentences.csv), read
 * for training and measuring: each sentence with its site, gold sense, the first occurrence of the
 * concept and that occurrence's model features.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Concept, findTerms, type Glossary, type TermMatch, type Token, tokenize } from '../src/terms/index.js';
import { type SenseFeatures, senseFeatures } from '../src/terms/sense-model.js';
import { readCsvFile } from './csv.js';

export const CORPUS = fileURLToPath(new URL('../../shared/corpora/cluster-senses/sentences.csv', import.meta.url));

/**
 * Real sentences we found on public pages, rewrote and labelled ourselves, learned from beside the
 * corpus (data/sense-examples.csv: its sites are neither the corpus's nor those of the held-out
 * sentences in test/fixtures/senses/real.csv, which the model never learns from).
 */
export const OWN_EXAMPLES = fileURLToPath(new URL('../data/sense-examples.csv', import.meta.url));

export interface CorpusExample {
  id: string;
  site: string;
  sentence: string;
  gold: string;
  /** Of our own held-out sentences: '1' those the training sentences' kinds were chosen against, '2' those collected after. */
  batch: string;
  tokens: Token[];
  /** The first occurrence of the concept, as the guide asks to label; undefined when none is found. */
  match: TermMatch | undefined;
  /** The concept's other occurrences in the sentence. */
  others: TermMatch[];
  features: SenseFeatures | undefined;
}

/** The sentences with a gold sense (two annotators agree), in the file's order. */
export function readSenseCorpus(path: string, glossary: Glossary, conceptId = 'cluster'): CorpusExample[] {
  if (!existsSync(path)) return [];
  const concept = glossary.concepts.get(conceptId) as Concept;
  return readCsvFile(path).flatMap((row) => {
    // The corpus gives the agreed sense as `gold`; our own examples (data/sense-examples.csv) as `sense`.
    const gold = row.gold ?? row.sense;
    if (!gold) return [];
    const tokens = tokenize(row.sentence ?? '');
    const matches = findTerms(tokens, glossary).filter((m) => m.concept === conceptId);
    const match = matches[0];
    return [
      {
        id: row.id ?? '',
        site: row.site ?? '',
        sentence: row.sentence ?? '',
        gold,
        batch: row.batch ?? '',
        tokens,
        match,
        others: matches.slice(1),
        features: match ? senseFeatures(tokens, match, concept) : undefined,
      },
    ];
  });
}
