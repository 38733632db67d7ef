/**
 * The sense of an ambiguous term ("cluster") at each occurrence: a fixed phrase first, then a
 * national term's or form's usual sense, a number after it, then the learned model of its context
 * (sense-model.ts; cue words where a concept has no model). Where the text does not decide, the
 * partner's own usage elsewhere (one sense per discourse); where that is missing too, the model's
 * uncertain best guess, else the country's usual sense from the glossary, shown as assumed.
 */
import type { Concept, SenseRules, TermMatch } from './glossary.js';
import type { Token } from './nlp.js';
import { predictSense, type SenseModel, senseFeatures } from './sense-model.js';

/**
 * What a sense rests on: read from the `text` (a phrase, a national term, a number, the model
 * above its threshold), the `partner`'s clear usage elsewhere, the model's best guess below its
 * threshold (`uncertain`: for review), or `assumed` from the glossary (the country's usual sense,
 * the run's usage, the first sense). Only `text` and `partner` are evidence.
 */
export type SenseBasis = 'text' | 'partner' | 'uncertain' | 'assumed';

export interface SenseDecision {
  sense: string;
  /** 0–1: how often a sense so decided is right (measured by `npm run bench:senses`). */
  confidence: number;
  /** What decided it, in words. */
  cues: string[];
  basis: SenseBasis;
}

/** Read from the statement or the partner's own usage: evidence a conflict may rest on. */
export function isReadSense(basis: SenseBasis | ''): boolean {
  return basis === 'text' || basis === 'partner';
}

/**
 * How sure each rule is when it decides. The model's own probabilities are calibrated; the
 * other figures are each rule's accuracy on real text, rounded down: phrases 125 of 134 and
 * numbers 12 of 12 in the leave-one-site-out run of `npm run bench:senses`, national terms'
 * usual senses 32 of 69, the partner's usage 60 of 132; the country's usual sense was right for
 * 15 of 55 held-out SWOT statements (issue #16). A cue decision (only for a concept without a
 * model) grows with its margin over the next sense and with its score, up to `cuesAtMost`.
 */
export const CONFIDENCE = {
  phrase: 0.9,
  numbered: 0.9,
  national: 0.45,
  cuesFrom: 0.55,
  cuesPerMargin: 0.1,
  cuesPerScore: 0.05,
  cuesAtMost: 0.75,
  partnerUsage: 0.45,
  countryUsual: 0.3,
  runUsage: 0.3,
  firstSense: 0.3,
} as const;

/** Cue words this near the term count fully; further away, half. */
const NEAR = 6;
const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$/i;

function keys(token: Token): string[] {
  const surface = token.key;
  const out = [surface, token.lemmaKey];
  if (surface.length > 3 && surface.endsWith('s')) out.push(surface.slice(0, -1));
  return out;
}

/** One occurrence of a term with senses, in its statement. */
export interface SenseContext {
  tokens: readonly Token[];
  match: TermMatch;
  concept: Concept;
  /** The statement's other matches of the same concept: their words speak for their own occurrence. */
  others: readonly TermMatch[];
  /** The concept's learned model, when there is one for exactly its senses. */
  model: SenseModel | undefined;
}

/**
 * A rule that decides the sense from the statement itself, or passes (undefined). An `uncertain`
 * decision does not end the search: it is kept as the best guess in case nothing decides.
 */
export interface ContextRule {
  name: string;
  decide(context: SenseContext): SenseDecision | undefined;
}

/** A fixed phrase of the glossary: "cluster manager" → organisation. */
const phraseRule: ContextRule = {
  name: 'phrase',
  decide: ({ match }) =>
    match.sense && match.by === 'phrase'
      ? { sense: match.sense, confidence: CONFIDENCE.phrase, cues: [`phrase "${match.written}"`], basis: 'text' }
      : undefined,
};

/**
 * A national term's or form's usual sense: "distretti industriali" → agglomeration. Only for a
 * concept without a model: on the real corpus the national terms' usual senses of "cluster" were
 * right for 32 of 69 sentences; its model reads the usual sense as one feature among the others.
 */
const nationalRule: ContextRule = {
  name: 'national',
  decide: ({ match, model }) =>
    !model && match.sense && (match.by === 'national' || match.by === 'form')
      ? {
          sense: match.sense,
          confidence: CONFIDENCE.national,
          cues: [`${match.by === 'form' ? 'form' : 'national term'} "${match.written}"`],
          basis: 'text',
        }
      : undefined,
};

/** A number after the term: "Cluster 4" → the concept's numbered sense. */
const numberedRule: ContextRule = {
  name: 'numbered',
  decide: ({ tokens, match, concept }) => {
    const next = tokens[match.end];
    const numbered = concept.senses.find((s) => s.numbered);
    if (!numbered || !next || !(/^\d+$/.test(next.surface) || ROMAN.test(next.surface)) || next.surface === 'I')
      return undefined;
    return {
      sense: numbered.name,
      confidence: CONFIDENCE.numbered,
      cues: [`followed by a number ("${match.surface} ${next.surface}")`],
      basis: 'text',
    };
  },
};

/**
 * The learned model of the context: decides at or above the model's threshold; below it, its best
 * guess is kept as uncertain. The cues name the model's probability and its strongest features.
 */
const modelRule: ContextRule = {
  name: 'model',
  decide: ({ tokens, match, concept, model }) => {
    if (!model) return undefined;
    const { ranked, reasons } = predictSense(model, senseFeatures(tokens, match, concept));
    const best = ranked[0];
    if (!best) return undefined;
    const sure = best.probability >= model.threshold;
    return {
      sense: best.sense,
      confidence: round(best.probability),
      cues: [`model ${best.probability.toFixed(2)}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`],
      basis: sure ? 'text' : 'uncertain',
    };
  },
};

/**
 * Cue words and phrases around the term, nearer ones counting more; decides on a clear margin.
 * Only for a concept without a model: on the real corpus the model beats the cue lists (which it
 * reads as features).
 */
const cueRule: ContextRule = {
  name: 'cues',
  decide: ({ tokens, match, concept, others, model }) => {
    if (model) return undefined;
    const scores = concept.senses.map((sense) => ({ sense, score: 0, cues: [] as string[] }));
    const folded = tokens.map((t) => t.key);
    const taken = (i: number): boolean =>
      (i >= match.start && i < match.end) || others.some((m) => i >= m.start && i < m.end);
    tokens.forEach((token, i) => {
      if (taken(i)) return;
      const distance = i < match.start ? match.start - i : i - match.end + 1;
      const weight = distance <= NEAR ? 1 : 0.5;
      const tokenKeys = keys(token);
      for (const entry of scores) {
        if (tokenKeys.some((k) => entry.sense.cueWords.has(k))) {
          entry.score += weight;
          entry.cues.push(token.surface.toLowerCase());
        }
      }
    });
    for (const entry of scores) {
      for (const phrase of entry.sense.cuePhrases) {
        const at = findPhrase(folded, phrase);
        if (at >= 0 && !phrase.some((_, j) => taken(at + j))) {
          entry.score += 1;
          entry.cues.push(phrase.join(' '));
        }
      }
    }
    scores.sort((a, b) => b.score - a.score);
    const [best, second] = scores;
    if (!best || best.score === 0 || best.score - (second?.score ?? 0) < 0.5) return undefined;
    const margin = best.score - (second?.score ?? 0);
    return {
      sense: best.sense.name,
      confidence: round(
        Math.min(
          CONFIDENCE.cuesAtMost,
          CONFIDENCE.cuesFrom + CONFIDENCE.cuesPerMargin * margin + CONFIDENCE.cuesPerScore * best.score,
        ),
      ),
      cues: [...new Set(best.cues)].map((c) => `cue "${c}"`),
      basis: 'text',
    };
  },
};

/** The rules that read the statement itself, in the order they are asked: the first to decide wins. */
export const CONTEXT_RULES: readonly ContextRule[] = [phraseRule, nationalRule, numberedRule, modelRule, cueRule];

/** The model for a concept, when it was trained on exactly the concept's senses. */
export function modelFor(concept: Concept, models: ReadonlyMap<string, SenseModel>): SenseModel | undefined {
  const model = models.get(concept.id);
  if (!model) return undefined;
  const names = concept.senses.map((s) => s.name);
  return model.senses.length === names.length && model.senses.every((s) => names.includes(s)) ? model : undefined;
}

/**
 * The sense the statement itself shows: a decision read from the text, else the model's uncertain
 * best guess, else undefined. `others` are the statement's other matches of the same concept:
 * their words ("strategy" in "cluster strategy") speak for their own occurrence, not for this one.
 */
export function senseInContext(
  tokens: readonly Token[],
  match: TermMatch,
  concept: Concept,
  model: SenseModel | undefined,
  others: readonly TermMatch[] = [],
  rules: readonly ContextRule[] = CONTEXT_RULES,
): SenseDecision | undefined {
  const context: SenseContext = { tokens, match, concept, others, model };
  let guess: SenseDecision | undefined;
  for (const rule of rules) {
    const decision = rule.decide(context);
    if (decision?.basis === 'uncertain') guess ??= decision;
    else if (decision) return decision;
  }
  return guess;
}

function findPhrase(folded: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= folded.length; i++) {
    for (let j = 0; j < phrase.length; j++)
      if (folded[i + j] !== phrase[j] && folded[i + j] !== `${phrase[j]}s`) continue outer;
    return i;
  }
  return -1;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export interface Occurrence {
  partner: string;
  country: string;
  concept: Concept;
  /** What the statement showed: read from the text, an uncertain guess, or nothing. */
  decision: SenseDecision | undefined;
}

/**
 * The sense read more often than any other, at least `atLeast` times (ties go to none), from counts
 * per sense; `undecided` says why there is none. A partner's usage and a country's dominant sense in
 * the conflict report are both found this way.
 */
export function leadingSense(
  counts: ReadonlyMap<string, number>,
  order: readonly string[],
  atLeast = 2,
): { sense: string; count: number; undecided: '' | 'too little evidence' | 'no sense dominates' } {
  const [first, second] = [...counts].sort(([a, x], [b, y]) => y - x || order.indexOf(a) - order.indexOf(b));
  if (!first || first[1] < atLeast) return { sense: '', count: 0, undecided: 'too little evidence' };
  if (first[1] === second?.[1]) return { sense: '', count: 0, undecided: 'no sense dominates' };
  return { sense: first[0], count: first[1], undecided: '' };
}

/** The leading sense of the counted occurrences, with their total, if there is one. */
function dominant(
  counts: Map<string, number>,
  order: readonly SenseRules[],
): { sense: string; count: number; total: number } | undefined {
  const lead = leadingSense(
    counts,
    order.map((s) => s.name),
  );
  if (lead.undecided) return undefined;
  let total = 0;
  for (const c of counts.values()) total += c;
  return { sense: lead.sense, count: lead.count, total };
}

function isUnrelated(concept: Concept, sense: string): boolean {
  return concept.senses.some((s) => s.name === sense && s.unrelated);
}

/** What the run's occurrences read from the text say: per partner and concept, and per concept. */
export interface Usage {
  byPartner: Map<string, Map<string, number>>;
  byRun: Map<string, Map<string, number>>;
}

/** A rule for an occurrence its statement did not decide, from what the rest of the run says. */
export interface PriorRule {
  name: string;
  decide(occurrence: Occurrence, usage: Usage): SenseDecision | undefined;
}

/**
 * The partner's own usage of the concept read elsewhere in its text (one sense per discourse): the
 * sense it reads more often than any other, at least twice. Leave one site out on the real corpus,
 * 0.702 → 0.706 against "more than half of the occurrences", and on the repository's gold 0.759 →
 * 0.880, where partners use clusters in several senses but one most (`npm run bench:senses`).
 * Weighing the model's uncertain reading by the partner's usage instead was tried and did worse
 * on the real corpus (0.692 against 0.698).
 */
const partnerRule: PriorRule = {
  name: 'partner',
  decide: (o, usage) => {
    const partner = dominant(usage.byPartner.get(`${o.concept.id}\u0000${o.partner}`) ?? new Map(), o.concept.senses);
    return partner
      ? {
          sense: partner.sense,
          confidence: CONFIDENCE.partnerUsage,
          cues: [`partner's usage: ${partner.sense} in ${partner.count} of ${partner.total}`],
          basis: 'partner',
        }
      : undefined;
  },
};

/** The model's best guess below its threshold: kept, and marked uncertain for review. */
const guessRule: PriorRule = {
  name: 'guess',
  decide: (o) => (o.decision?.basis === 'uncertain' ? o.decision : undefined),
};

/** The country's usual sense, from the glossary: assumed, not read. */
const countryRule: PriorRule = {
  name: 'country',
  decide: (o) => {
    const usual = o.concept.countries[o.country];
    return usual
      ? {
          sense: usual,
          confidence: CONFIDENCE.countryUsual,
          cues: [`assumed: the usual sense in ${o.country}`],
          basis: 'assumed',
        }
      : undefined;
  },
};

/** The run's majority usage of the concept, read from the text: assumed for this occurrence. */
const runRule: PriorRule = {
  name: 'run',
  decide: (o, usage) => {
    const run = dominant(usage.byRun.get(o.concept.id) ?? new Map(), o.concept.senses);
    return run
      ? {
          sense: run.sense,
          confidence: CONFIDENCE.runUsage,
          cues: [`assumed: usage in this run, ${run.sense} in ${run.count} of ${run.total}`],
          basis: 'assumed',
        }
      : undefined;
  },
};

/** Where nothing speaks for a sense: the glossary's first. */
const firstSenseRule: PriorRule = {
  name: 'first',
  decide: (o) => ({
    sense: o.concept.senses[0]?.name ?? '',
    confidence: CONFIDENCE.firstSense,
    cues: ["assumed: no cue, the glossary's first sense"],
    basis: 'assumed',
  }),
};

/** The rules for occurrences the text did not decide, in the order they are asked; the last always decides. */
export const PRIOR_RULES: readonly PriorRule[] = [partnerRule, guessRule, countryRule, runRule, firstSenseRule];

/**
 * Fills in the occurrences the text did not decide: the partner's own usage of the concept (a
 * majority of at least two occurrences read from its text), else the model's uncertain guess,
 * else the country's usual sense from the glossary, else the run's usage, else the first sense.
 */
export function resolveWithPriors(
  occurrences: readonly Occurrence[],
  rules: readonly PriorRule[] = PRIOR_RULES,
): SenseDecision[] {
  const usage: Usage = { byPartner: new Map(), byRun: new Map() };
  for (const o of occurrences) {
    // A meaning unrelated to the concept (a computing cluster) is no usage of it.
    if (o.decision?.basis !== 'text' || isUnrelated(o.concept, o.decision.sense)) continue;
    for (const [map, key] of [
      [usage.byPartner, `${o.concept.id}\u0000${o.partner}`],
      [usage.byRun, o.concept.id],
    ] as const) {
      const counts = map.get(key) ?? new Map<string, number>();
      counts.set(o.decision.sense, (counts.get(o.decision.sense) ?? 0) + 1);
      map.set(key, counts);
    }
  }
  return occurrences.map((o): SenseDecision => {
    if (o.decision?.basis === 'text') return o.decision;
    for (const rule of rules) {
      const decision = rule.decide(o, usage);
      if (decision) return decision;
    }
    return firstSenseRule.decide(o, usage) as SenseDecision;
  });
}
