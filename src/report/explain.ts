/**
 * Why a statement is where it is, in words: the same sentence in assignments.csv and in the
 * report page (whose script bundles this file), so the two never say different things.
 */

export type Status = 'assigned' | 'borderline' | 'unassigned';

export function explainAssignment(
  status: Status,
  score: number,
  margin: number,
  matched: string,
  label: string | undefined,
): string {
  if (status === 'unassigned') {
    return score === 0
      ? 'no topic words to compare'
      : `best fit scored ${score.toFixed(2)}, below the borderline threshold`;
  }
  const words = matched !== '' ? `shares ${matched}` : 'no shared words';
  return `${words} with "${label ?? ''}"; score ${score.toFixed(2)}, margin ${margin.toFixed(2)} over the next theme`;
}
