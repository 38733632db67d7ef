/** Orders that do not depend on the locale: outputs must be the same on every machine. */

/** Compares strings by code point. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The distinct values, sorted by code point. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byCodePoint);
}
