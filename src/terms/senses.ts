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

/** Cue words this near the term count fully; further away, half. */
const NEAR = 6;
const ROMAN = /^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$/i;

function keys(token: Token): string[] {
  const surface = token.key;
  const out = [surface, token.lemmaKey];
  if (surface.length > 3 && surface.endsWith('s')) out.push(surface.slice(0, -1));
  return out;
}

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
): SenseDecision | undefined {
  if (match.sense && match.by === 'phrase')
    return { sense: match.sense, confidence: 1, cues: [`phrase "${match.written}"`] };
  if (match.sense && match.by === 'national')
    return { sense: match.sense, confidence: 0.9, cues: [`national term "${match.written}"`] };
  const next = tokens[match.end];
  const numbered = concept.senses.find((s) => s.numbered);
  if (numbered && next && (/^\d+$/.test(next.surface) || ROMAN.test(next.surface)) && next.surface !== 'I') {
    return {
      sense: numbered.name,
      confidence: 0.95,
      cues: [`followed by a number ("${match.surface} ${next.surface}")`],
    };
  }

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
    confidence: round(Math.min(0.9, 0.55 + 0.1 * margin + 0.05 * best.score)),
    cues: [...new Set(best.cues)].map((c) => `cue "${c}"`),
  };
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

/**
 * Fills in the occurrences the statements did not decide: the partner's own usage of the concept
 * (a majority of at least two decided occurrences), else the country's usual sense from the
 * glossary, else the majority usage of the run, else the concept's first sense.
 */
export function resolveWithPriors(occurrences: readonly Occurrence[]): SenseDecision[] {
  const byPartner = new Map<string, Map<string, number>>();
  const byRun = new Map<string, Map<string, number>>();
  for (const o of occurrences) {
    if (!o.decision) continue;
    for (const [map, key] of [
      [byPartner, `${o.concept.id}\u0000${o.partner}`],
      [byRun, o.concept.id],
    ] as const) {
      const counts = map.get(key) ?? new Map<string, number>();
      counts.set(o.decision.sense, (counts.get(o.decision.sense) ?? 0) + 1);
      map.set(key, counts);
    }
  }
  return occurrences.map((o): SenseDecision => {
    if (o.decision) return o.decision;
    const partner = dominant(byPartner.get(`${o.concept.id}\u0000${o.partner}`) ?? new Map(), o.concept.senses);
    if (partner && partner.total >= 2) {
      return {
        sense: partner.sense,
        confidence: 0.65,
        cues: [`partner's usage: ${partner.sense} in ${partner.count} of ${partner.total}`],
      };
    }
    const usual = o.concept.countries[o.country];
    if (usual) return { sense: usual, confidence: 0.55, cues: [`usual sense in ${o.country}`] };
    const run = dominant(byRun.get(o.concept.id) ?? new Map(), o.concept.senses);
    if (run)
      return {
        sense: run.sense,
        confidence: 0.4,
        cues: [`usage in this run: ${run.sense} in ${run.count} of ${run.total}`],
      };
    const first = o.concept.senses[0]?.name ?? '';
    return { sense: first, confidence: 0.3, cues: ["no cue: the glossary's first sense"] };
  });
}
