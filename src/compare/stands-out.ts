/**
 * Who raises a theme notably more than its number of statements explains. For each theme and each
 * partner — and each country with two or more partners — a one-sided Fisher exact test: the
 * hypergeometric upper tail of its evidence statements in the theme (assigned or pinned), given
 * how many statements it sent and how many of all statements are evidence of the theme. Every test
 * of the run is corrected together by Benjamini–Hochberg; those at q ≤ 0.1 are reported.
 */
import { byCodePoint } from '../order.js';
import { type AnalysedStatement, isEvidence } from '../model/index.js';

/** A partner or country that raises a theme more than its share of the statements predicts. */
export interface Overrepresentation {
  by: 'partner' | 'country';
  name: string;
  /** Its evidence statements in the theme. */
  statements: number;
  /** Its statements in the run, in every theme or none. */
  sent: number;
  /** What its number of statements predicts: its statements × the theme's share of all statements. */
  expected: number;
  /** One-sided Fisher exact p-value. */
  p: number;
  /** Benjamini–Hochberg adjusted, over every test of the run. */
  q: number;
}

/** The false discovery rate at which a finding is reported. */
export const STANDS_OUT_AT = 0.1;

/** ln(k!) for k = 0 … max, as running sums of logarithms. */
export function logFactorials(max: number): Float64Array {
  const lf = new Float64Array(max + 1);
  for (let k = 2; k <= max; k++) lf[k] = (lf[k - 1] as number) + Math.log(k);
  return lf;
}

/**
 * P(X ≥ k) for X hypergeometric: `n` draws without replacement from `population` items of which
 * `successes` are marked — the one-sided Fisher exact test of a 2 × 2 table. `lf` holds ln(j!) up
 * to at least `population`.
 */
export function hypergeometricUpper(
  k: number,
  population: number,
  successes: number,
  n: number,
  lf: Float64Array = logFactorials(population),
): number {
  const low = Math.max(0, n + successes - population);
  const high = Math.min(n, successes);
  if (k <= low) return 1;
  if (k > high) return 0;
  const f = (j: number): number => lf[j] as number;
  const constant = f(successes) + f(population - successes) + f(n) + f(population - n) - f(population);
  const logPmf = (x: number): number =>
    constant - f(x) - f(successes - x) - f(n - x) - f(population - successes - n + x);
  let sum = 0;
  for (let x = k; x <= high; x++) {
    const term = Math.exp(logPmf(x));
    sum += term;
    // Past the mode the terms only fall: stop when they no longer change the sum.
    if (term < sum * 1e-17 && x > ((n + 1) * (successes + 1)) / (population + 2)) break;
  }
  return Math.min(1, sum);
}

/** Benjamini–Hochberg adjusted p-values (as R's p.adjust(p, "BH")), in the order given. */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r] as number;
    running = Math.min(running, ((p[i] as number) * m) / (r + 1));
    q[i] = running;
  }
  return q;
}

type Analysed = Pick<AnalysedStatement, 'statement' | 'assignment'>;

/**
 * Per theme id, the partners and countries that raise it notably more than their statements
 * predict (q ≤ STANDS_OUT_AT), lowest q first; and how many tests were corrected together. Every
 * statement analysed counts in the totals; only evidence statements count for a theme.
 */
export function standsOut(
  analysed: readonly Analysed[],
  themeIds: readonly string[],
): { found: Map<string, Overrepresentation[]>; tests: number } {
  const total = analysed.length;
  const sent = new Map<string, number>();
  const partnersOf = new Map<string, Set<string>>();
  const evidence = new Map<string, Map<string, number>>(themeIds.map((id) => [id, new Map()]));
  const size = new Map<string, number>();
  const key = (by: Overrepresentation['by'], name: string): string => `${by}\u0000${name}`;
  for (const { statement: s, assignment: a } of analysed) {
    const groups = [key('partner', s.partner), key('country', s.country)];
    for (const g of groups) sent.set(g, (sent.get(g) ?? 0) + 1);
    const partners = partnersOf.get(s.country) ?? new Set<string>();
    partners.add(s.partner);
    partnersOf.set(s.country, partners);
    if (!isEvidence(a.status)) continue;
    // A compound bullet is evidence of its second theme too.
    for (const id of a.themeId2 === undefined ? [a.themeId] : [a.themeId, a.themeId2]) {
      const theme = id === undefined ? undefined : evidence.get(id);
      if (!theme || id === undefined) continue;
      size.set(id, (size.get(id) ?? 0) + 1);
      for (const g of groups) theme.set(g, (theme.get(g) ?? 0) + 1);
    }
  }
  // A country of one partner is that partner: tested once, as the partner. Partners without a country have none.
  const groups = [...sent.keys()]
    .filter((g) => !g.startsWith('country\u0000') || (g.length > 8 && (partnersOf.get(g.slice(8))?.size ?? 0) >= 2))
    .sort(byCodePoint);
  const lf = logFactorials(total);
  const tests: { theme: string; group: string; k: number; n: number; expected: number; p: number }[] = [];
  for (const theme of [...themeIds].sort(byCodePoint)) {
    const successes = size.get(theme) ?? 0;
    if (successes === 0) continue;
    for (const group of groups) {
      const n = sent.get(group) ?? 0;
      const k = evidence.get(theme)?.get(group) ?? 0;
      tests.push({
        theme,
        group,
        k,
        n,
        expected: (n * successes) / total,
        p: hypergeometricUpper(k, total, successes, n, lf),
      });
    }
  }
  const q = benjaminiHochberg(tests.map((t) => t.p));
  const found = new Map<string, Overrepresentation[]>(themeIds.map((id) => [id, []]));
  tests.forEach((t, i) => {
    const qi = q[i] as number;
    if (qi > STANDS_OUT_AT || t.k <= t.expected) return;
    const [by, name] = t.group.split('\u0000') as [Overrepresentation['by'], string];
    found.get(t.theme)?.push({ by, name, statements: t.k, sent: t.n, expected: t.expected, p: t.p, q: qi });
  });
  for (const list of found.values())
    list.sort((a, b) => a.q - b.q || a.p - b.p || byCodePoint(a.by, b.by) || byCodePoint(a.name, b.name));
  return { found, tests: tests.length };
}
