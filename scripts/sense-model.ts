/**
 * An experiment for issue #16, measured by `npm run bench:senses`: a naive Bayes model of the sense
 * of "cluster" from its context, trained and tested leave-one-site-out on the real corpus. Not
 * used by the pipeline yet. natural's BayesClassifier was checked first: it scores dense presence
 * vectors over the whole vocabulary (every prediction walks every feature) and cannot say which
 * features decided, so this is the same model written sparse, with its reasons.
 */
import type { TermMatch } from '../src/terms/glossary.js';
import type { Token } from '../src/terms/nlp.js';

/** The context of one occurrence, as features: words near and far, the words next to it, its form. */
export function contextFeatures(tokens: readonly Token[], match: TermMatch): string[] {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    if (i >= match.start && i < match.end) return;
    if (t.type !== 'word' || t.stop) return;
    const distance = i < match.start ? match.start - i : i - match.end + 1;
    out.add(`${distance <= 3 ? 'near' : distance <= 8 ? 'mid' : 'far'}:${t.lemmaKey}`);
    out.add(`any:${t.lemmaKey}`);
  });
  const before = tokens[match.start - 1];
  const after = tokens[match.end];
  const after2 = tokens[match.end + 1];
  if (before) out.add(`before:${before.lemmaKey}`);
  if (after) out.add(`after:${after.lemmaKey}`);
  if (after && after2 && after.lemmaKey === 'of') out.add(`of:${after2.lemmaKey}`);
  if (after && /^\d+$/.test(after.surface)) out.add('numbered');
  const surface = match.surface;
  out.add(/s$/i.test(surface) ? 'form:plural' : 'form:singular');
  if (/^[A-Z]/.test(surface) && match.start > 0) out.add('form:capital');
  out.add(`by:${match.by}`);
  if (match.sense) out.add(`given:${match.sense}`);
  return [...out].sort();
}

export interface NaiveBayes {
  senses: string[];
  prior: Map<string, number>;
  /** log P(feature | sense), and the log of the unseen-feature share per sense. */
  likelihood: Map<string, Map<string, number>>;
  unseen: Map<string, number>;
}

/** Multinomial naive Bayes with add-α smoothing over the features of the examples. */
export function train(examples: readonly { features: string[]; sense: string }[], alpha = 0.5): NaiveBayes {
  const senses = [...new Set(examples.map((e) => e.sense))].sort();
  const vocabulary = new Set(examples.flatMap((e) => e.features));
  const prior = new Map<string, number>();
  const likelihood = new Map<string, Map<string, number>>();
  const unseen = new Map<string, number>();
  for (const sense of senses) {
    const mine = examples.filter((e) => e.sense === sense);
    prior.set(sense, Math.log((mine.length + 1) / (examples.length + senses.length)));
    const counts = new Map<string, number>();
    let total = 0;
    for (const e of mine)
      for (const f of e.features) {
        counts.set(f, (counts.get(f) ?? 0) + 1);
        total++;
      }
    const denominator = total + alpha * (vocabulary.size + 1);
    const table = new Map<string, number>();
    for (const [f, c] of counts) table.set(f, Math.log((c + alpha) / denominator));
    likelihood.set(sense, table);
    unseen.set(sense, Math.log(alpha / denominator));
  }
  return { senses, prior, likelihood, unseen };
}

/** The probability of each sense (features the model never saw are left out), best first. */
export function predict(model: NaiveBayes, features: readonly string[]): { sense: string; probability: number }[] {
  const known = features.filter((f) => model.senses.some((s) => model.likelihood.get(s)?.has(f)));
  const scores = model.senses.map((sense) => {
    const table = model.likelihood.get(sense) as Map<string, number>;
    let score = model.prior.get(sense) as number;
    for (const f of known) score += table.get(f) ?? (model.unseen.get(sense) as number);
    return { sense, score };
  });
  const top = Math.max(...scores.map((s) => s.score));
  const sum = scores.reduce((n, s) => n + Math.exp(s.score - top), 0);
  return scores
    .map((s) => ({ sense: s.sense, probability: Math.exp(s.score - top) / sum }))
    .sort((a, b) => b.probability - a.probability || (a.sense < b.sense ? -1 : 1));
}
