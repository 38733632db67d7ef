/**
 * The sense of an ambiguous term ("cluster") at each occurrence: a fixed phrase first, then a
 * national term's usual sense, then cue words around it; where those do not decide, the partner's
 * own usage elsewhere (one sense per discourse), then the country's usual sense from the glossary.
 */
import type { Concept, SenseRules, TermMatch } from './glossary.js';
import type { Token } from './nlp.js';

export interface SenseDecision {
  sense: string;
  /** 0–1: 1 for a fixed phrase, lower the more the decision rests on priors. */
  confidence: number;
  /** What decided it, in words. */
  cues: string[];
}

/**
 * How sure each rule is when it decides — in one place, so that a model learnt from labelled
 * sentences can replace them. A cue decision grows with its margin over the next sense and with
 * its score, up to `cuesAtMost`.
 */
export const CONFIDENCE = {
  phrase: 1,
  numbered: 0.95,
  national: 0.9,
  cuesFrom: 0.55,
  cuesPerMargin: 0.1,
  cuesPerScore: 0.05,
  cuesAtMost: 0.9,
  partnerUsage: 0.65,
  countryUsual: 0.55,
  runUsage: 0.4,
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
}

/** A rule that decides the sense from the statement itself, or passes (undefined). */
export interface ContextRule {
  name: string;
  decide(context: SenseContext): SenseDecision | undefined;
}

/** A fixed phrase of the glossary: "cluster manager" → organisation. */
const phraseRule: ContextRule = {
  name: 'phrase',
  decide: ({ match }) =>
    match.sense && match.by === 'phrase'
      ? { sense: match.sense, confidence: CONFIDENCE.phrase, cues: [`phrase "${match.written}"`] }
      : undefined,
};

/** A national term's usual sense: "distretti industriali" → agglomeration. */
const nationalRule: ContextRule = {
  name: 'national',
  decide: ({ match }) =>
    match.sense && match.by === 'national'
      ? { sense: match.sense, confidence: CONFIDENCE.national, cues: [`national term "${match.written}"`] }
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
    };
  },
};

/** Cue words and phrases around the term, nearer ones counting more; decides on a clear margin. */
const cueRule: ContextRule = {
  name: 'cues',
  decide: ({ tokens, match, concept, others }) => {
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
    };
  },
};

/** The rules that read the statement itself, in the order they are asked: the first to decide wins. */
export const CONTEXT_RULES: readonly ContextRule[] = [phraseRule, nationalRule, numberedRule, cueRule];

/**
 * The sense the statement itself shows, or undefined when it does not decide. `others` are the
 * statement's other matches of the same concept: their words ("strategy" in "cluster strategy")
 * speak for their own occurrence, not for this one.
 */
export function senseInContext(
  tokens: readonly Token[],
  match: TermMatch,
  concept: Concept,
  others: readonly TermMatch[] = [],
  rules: readonly ContextRule[] = CONTEXT_RULES,
): SenseDecision | undefined {
  const context: SenseContext = { tokens, match, concept, others };
  for (const rule of rules) {
    const decision = rule.decide(context);
    if (decision) return decision;
  }
  return undefined;
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
  decision: SenseDecision | undefined;
}

/** The sense of more than half of the decided occurrences, if there is one. */
function dominant(
  counts: Map<string, number>,
  order: readonly SenseRules[],
): { sense: string; count: number; total: number } | undefined {
  let total = 0;
  for (const c of counts.values()) total += c;
  const first = order
    .map((s) => ({ sense: s.name, count: counts.get(s.name) ?? 0 }))
    .sort((a, b) => b.count - a.count)[0];
  if (!first || first.count * 2 <= total) return undefined;
  return { ...first, total };
}

/** What the run's decided occurrences say: per partner and concept, and per concept. */
export interface Usage {
  byPartner: Map<string, Map<string, number>>;
  byRun: Map<string, Map<string, number>>;
}

/** A rule for an occurrence its statement did not decide, from what the rest of the run says. */
export interface PriorRule {
  name: string;
  decide(occurrence: Occurrence, usage: Usage): SenseDecision | undefined;
}

/** The partner's own usage of the concept, from at least two decided occurrences (one sense per discourse). */
const partnerRule: PriorRule = {
  name: 'partner',
  decide: (o, usage) => {
    const partner = dominant(usage.byPartner.get(`${o.concept.id}\u0000${o.partner}`) ?? new Map(), o.concept.senses);
    return partner && partner.total >= 2
      ? {
          sense: partner.sense,
          confidence: CONFIDENCE.partnerUsage,
          cues: [`partner's usage: ${partner.sense} in ${partner.count} of ${partner.total}`],
        }
      : undefined;
  },
};

/** The country's usual sense, from the glossary. */
const countryRule: PriorRule = {
  name: 'country',
  decide: (o) => {
    const usual = o.concept.countries[o.country];
    return usual
      ? { sense: usual, confidence: CONFIDENCE.countryUsual, cues: [`usual sense in ${o.country}`] }
      : undefined;
  },
};

/** The run's majority usage of the concept. */
const runRule: PriorRule = {
  name: 'run',
  decide: (o, usage) => {
    const run = dominant(usage.byRun.get(o.concept.id) ?? new Map(), o.concept.senses);
    return run
      ? {
          sense: run.sense,
          confidence: CONFIDENCE.runUsage,
          cues: [`usage in this run: ${run.sense} in ${run.count} of ${run.total}`],
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
    cues: ["no cue: the glossary's first sense"],
  }),
};

/** The rules for undecided occurrences, in the order they are asked; the last always decides. */
export const PRIOR_RULES: readonly PriorRule[] = [partnerRule, countryRule, runRule, firstSenseRule];

/**
 * Fills in the occurrences the statements did not decide: the partner's own usage of the concept
 * (a majority of at least two decided occurrences), else the country's usual sense from the
 * glossary, else the majority usage of the run, else the concept's first sense.
 */
export function resolveWithPriors(
  occurrences: readonly Occurrence[],
  rules: readonly PriorRule[] = PRIOR_RULES,
): SenseDecision[] {
  const usage: Usage = { byPartner: new Map(), byRun: new Map() };
  for (const o of occurrences) {
    if (!o.decision) continue;
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
    if (o.decision) return o.decision;
    for (const rule of rules) {
      const decision = rule.decide(o, usage);
      if (decision) return decision;
    }
    return firstSenseRule.decide(o, usage) as SenseDecision;
  });
}
