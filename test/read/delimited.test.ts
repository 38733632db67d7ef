import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../src/read/delimited.js';

/**
 * CSV texts with blank lines, CRLF or LF, quoted cells over several lines (with blank lines
 * inside), the same on every run — and the line each record starts on, as an editor shows it.
 */
function tricky(seed: number): { text: string; starts: number[] } {
  let x = seed;
  const next = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const eol = next(2) ? '\r\n' : '\n';
  const lines = ['id,quadrant,statement'];
  const starts = [1];
  for (let r = 0; r < 12; r++) {
    for (let b = next(3); b > 0; b--) lines.push('');
    starts.push(lines.length + 1);
    const cell =
      next(3) === 0
        ? `"first part${eol.repeat(1 + next(2))}second, part"`
        : next(2)
          ? `"quoted ""word"" here"`
          : 'plain text';
    lines.push(...`${r},S,${cell}`.split(eol));
  }
  return { text: lines.join(eol) + eol.repeat(next(3)), starts };
}

describe('parseDelimited', () => {
  it('numbers every record by the line it starts on, whatever the line ends and blank lines', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { text, starts } = tricky(seed);
      const rows = parseDelimited(text, 'x.csv', 'x.csv', 'utf-8').rows;
      expect(rows.map((r) => r.line)).toEqual(starts);
      expect(rows.map((r) => r.raw.startsWith(`${rows.indexOf(r) - 1},S,`) || r.line === 1)).not.toContain(false);
    }
  });
});
