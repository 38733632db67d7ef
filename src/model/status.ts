/**
 * Where a statement stands with its theme. `assigned`: it fits the theme (compared with the theme
 * without itself); `borderline`: it fits only weakly — shown with the theme, not counted as
 * evidence; `unassigned`: no theme fits it, it is left for review; `pinned`: the analyst put it
 * there in the codebook.
 */
export type AssignmentStatus = 'assigned' | 'borderline' | 'unassigned' | 'pinned';

/** Statements that count as evidence of a theme, in every count of partners: assigned or pinned. */
export function isEvidence(status: AssignmentStatus): boolean {
  return status === 'assigned' || status === 'pinned';
}
