/**
 * Honest scores: a statement is compared with its theme without itself, shares only words other
 * statements use, and a theme whose statements do not hold together is not reported.
 */
import { describe, expect, it } from 'vitest';
import { type ThemeSettings, themeSettings } from '../../src/config/index.js';
import type { Statement } from '../../src/model/index.js';
import { explainAssignment } from '../../src/report/explain.js';
import { dotVectors, represent, type Vector } from '../../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import { applyEdits, type Codebook, findThemes, ONE_THEME } from '../../src/themes/index.js';
import { leaveOneOut } from '../../src/themes/assign.js';

const statement = (id: string, text: string, partner = 'North'): Statement => ({
  id,
  source: 'x.csv',
  line: 2,
  partner,
  country: 'AT',
  quadrant: 'W',
  dimension: '',
  text,
});

const skills = [
  statement('s1', 'Firms cannot find skilled engineers.', 'North'),
  statement('s2', 'Shortage of skilled technicians in manufacturing firms.', 'South'),
  statement('s3', 'Skilled IT staff are hard to recruit for small firms.', 'East'),
  statement('s4', 'Engineers leave the region for skilled jobs abroad.', 'West'),
  statement('s5', 'Manufacturing firms compete for the few skilled technicians.', 'Centre'),
];
const mixed = [
  ...skills,
  statement('m1', 'Ransomware attacks on hospital servers.'),
  statement('m2', 'Slow internet in mountain villages.'),
  statement('m3', 'Too many overlapping grant schemes.'),
  statement('m4', 'Tourism depends on a short winter season.'),
  statement('m5', 'Hospitals lack nurses in rural districts.'),
  statement('m6', 'Port logistics suffer from congested rail freight.'),
  statement('m7', 'Farmland is lost to urban sprawl.'),
];
/** Each statement shares a word with the next, none with most: a chain, not a theme. */
const chain = [
  'Rail freight to the port is congested.',
  'The port depends on a few tourism cruise lines.',
  'Tourism jobs are seasonal and poorly paid.',
  'Poorly paid care jobs leave hospitals short of nurses.',
  'Hospitals in rural districts lack broadband.',
  'Rural broadband is slow in mountain villages.',
  'Mountain villages lose farmland to forests.',
  'Farmland prices rise with urban sprawl.',
  'Urban sprawl lengthens rail commutes.',
].map((text, i) => statement(`c${i}`, text, `P${i}`));

async function run(statements: readonly Statement[], settings: Partial<ThemeSettings> = {}, codebook?: Codebook) {
  const theme = themeSettings(settings);
  const normalised = analyseTerms(statements, bundledGlossary()).statements;
  const representation = represent(normalised, { semantic: theme.semantic });
  const set = await findThemes(
    { statements, normalised, representation },
    {
      settings: theme,
      glossary: bundledGlossary(),
      clusterer: ONE_THEME,
      codebook: codebook ? applyEdits(codebook) : undefined,
    },
  );
  return { set, vectors: representation.vectors };
}

describe('leaveOneOut', () => {
  it("gives the cosine of a vector with the sum of the others, from its cosine with the sum's unit centre", () => {
    const v = [0.8, 0, 0.6];
    const sum = [1.4, 1.4, 1.4]; // v + (0.6, 0.8, 0) + (0, 0.6, 0.8)
    const norm = Math.hypot(...sum);
    const d = v.reduce((s, x, i) => s + (x * (sum[i] ?? 0)) / norm, 0);
    const rest = sum.map((x, i) => x - (v[i] ?? 0));
    const direct = v.reduce((s, x, i) => s + x * (rest[i] ?? 0), 0) / Math.hypot(...rest);
    expect(leaveOneOut(d, norm, 1)).toBeCloseTo(direct, 12);
    // A theme of one statement: nothing is left to compare with.
    expect(leaveOneOut(1, 1, 1)).toBe(0);
  });
});

describe('a statement compared with its theme without itself', async () => {
  const { set, vectors } = await run(skills, { coherenceFloor: 0 });

  it("scores each statement against the sum of the theme's other statements", () => {
    expect(set.themes).toHaveLength(1);
    const members = vectors.filter((_, j) => set.assignments[j]?.themeId !== undefined);
    skills.forEach((_, i) => {
      const v = vectors[i] as Vector;
      const rest = members.filter((w) => w !== v);
      const own = rest.reduce((sum, w) => sum + dotVectors(v, w), 0);
      const length = Math.sqrt(rest.reduce((sum, a) => sum + rest.reduce((t, b) => t + dotVectors(a, b), 0), 0));
      expect(set.assignments[i]?.score).toBeCloseTo(own / length, 3);
    });
  });

  it('names only the words other statements of the theme use', () => {
    const byId = new Map(skills.map((s, i) => [s.id, set.assignments[i]]));
    // "cannot find" and "engineers" (s4 too) — "find" is s1's alone.
    expect(byId.get('s1')?.matched).toContain('engineers');
    expect(byId.get('s1')?.matched).not.toContain('find');
    expect(byId.get('s4')?.matched).not.toContain('abroad');
    expect(byId.get('s4')?.matched).not.toContain('region');
  });

  it("measures the theme's coherence as the mean of its statements' scores", () => {
    const members = set.assignments.filter((a) => a.themeId !== undefined);
    const mean = members.reduce((s, a) => s + a.score, 0) / members.length;
    expect(set.themes[0]?.coherence).toBeCloseTo(mean, 2);
  });
});

describe('a theme whose statements do not hold together', () => {
  it('sheds the statements that do not fit it', async () => {
    const { set } = await run(mixed, { coherenceFloor: 0 });
    expect(set.themes).toHaveLength(1);
    const kept = mixed.filter((_, i) => set.assignments[i]?.themeId !== undefined).map((s) => s.id);
    expect(kept.filter((id) => id.startsWith('m'))).toEqual([]);
  });

  it('is dissolved under the coherence floor, its statements left for review', async () => {
    // Recentring sheds the statements that fit least; what is left of the chain still falls under a floor of 0.5.
    const { set } = await run(chain, { coherenceFloor: 0.5 });
    expect(set.themes).toEqual([]);
    expect(set.dissolved).toEqual({ small: 0, incoherent: 1 });
    expect(set.assignments.every((a) => a.status === 'unassigned')).toBe(true);
  });

  it('stands when the floor is lowered, with its low coherence shown', async () => {
    const { set } = await run(chain, { coherenceFloor: 0 });
    expect(set.themes).toHaveLength(1);
    expect(set.themes[0]?.coherence).toBeLessThan(0.5);
  });
});

describe('a statement the analyst pinned', () => {
  it('has status pinned, in its theme whatever its score, and says so', async () => {
    const codebook: Codebook = {
      themes: [
        { id: 'skills', label: 'Skilled workforce', description: 'Firms finding skilled engineers and technicians.' },
      ],
      pin: { m7: 'skills' },
    };
    const { set } = await run(mixed, {}, codebook);
    const farmland = set.assignments[mixed.findIndex((s) => s.id === 'm7')];
    expect(farmland).toMatchObject({ themeId: 'skills', status: 'pinned' });
    expect(set.assignments.filter((a) => a.status === 'pinned')).toHaveLength(1);
    const why = explainAssignment('pinned', farmland?.score ?? 0, farmland?.margin ?? 0, '', 'Skilled workforce');
    expect(why).toMatch(/^pinned by the analyst; shares no word with other statements of "Skilled workforce"/);
  });
});
