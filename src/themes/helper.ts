/**
 * The themes step's view of a second thread. Its own small module: the runtime imports it before
 * the rest of the program loads (bin/swotlens.js starts the thread first), so it must not pull in
 * the step's libraries.
 */
import { type CandidateHelper, NO_HELP } from './discover.js';
import type { LabelRequest } from './label.js';

/**
 * What the themes step may hand to a second thread: the texts its labels will come from, the
 * labels themselves, and a share of the candidate numbers of themes (the memory their sample is
 * packed into, and a score for each). The step knows nothing of threads; `runtime/` implements
 * this with a worker, and `HERE` is the same work on this thread.
 */
export interface Helper extends CandidateHelper {
  /** Starts on the texts that `label` will be given (their noun phrases); may do nothing. */
  prepareLabels: (texts: readonly string[]) => void;
  label: Labeller;
}

export type Labeller = (requests: readonly LabelRequest[], ignored: readonly string[]) => Promise<string[]>;

/** The labeller of this thread: compromise loads on first use. */
export const labelHere: Labeller = async (requests, ignored) => {
  if (requests.length === 0) return [];
  const { labelThemes } = await import('./label.js');
  return labelThemes(requests, ignored);
};

/** All the work on this thread: every candidate tried here, labels made here. */
export const HERE: Helper = { ...NO_HELP, prepareLabels: () => {}, label: labelHere };
