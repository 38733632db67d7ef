/**
 * The work queue both threads take candidates from: one shared counter, advanced with
 * Atomics.add, so that each candidate is tried once, by whichever thread gets to it first.
 */
import type { Score } from '../themes/discover.js';

/** A counter both threads can read and advance. */
export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Takes untried indices of `ks` from the counter and scores them with `tryOne`, until none is left. */
export function takeFromQueue(ks: readonly number[], counter: Int32Array, tryOne: (k: number) => Score): Score[] {
  const scores: Score[] = [];
  for (let next = Atomics.add(counter, 0, 1); next < ks.length; next = Atomics.add(counter, 0, 1))
    scores.push(tryOne(ks[next] as number));
  return scores;
}
