/**
 * Why a statement is where it is, in words: the same sentence in assignments.csv and in the
 * report page (whose script bundles this file), so the two never say different things. A score
 * compares the statement with its theme without itself; the words are those it shares with the
 * theme's other statements or its definition.
 */

import type { AssignmentStatus as Status } from '../model/status.js';

export type { Status };

export function explainAssignment(
  status: Status,
  score: number,
  margin: number,
  matched: string,
  label: string | undefined,
  held = false,
): string {
  if (held) return 'moved to review by the analyst: in no theme';
  if (status === 'unassigned') {
    return score === 0
      ? 'no topic words to compare'
      : `best fit scored ${score.toFixed(2)}: no theme fits it well enough`;
  }
  const words =
    matched !== '' ? `shares ${matched} with other statements of` : 'shares no word with other statements of';
  const pinned = status === 'pinned' ? 'pinned by the analyst; ' : '';
  return `${pinned}${words} "${label ?? ''}"; score ${score.toFixed(2)} without itself, margin ${margin.toFixed(2)} over the next theme`;
}
