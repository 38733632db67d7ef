import { describe, expect, it } from 'vitest';
import { compileKernel } from '../../scripts/build-kernel.js';
import { DenseRows, denseDot, SparseRows } from '../../src/represent/dense.js';
import { DENSE_KERNEL } from '../../src/represent/dense-kernel.js';
import { dot, dotVectors, pairwiseDots, represent, VectorBatch, type Centroid } from '../../src/represent/index.js';
import { analyseTerms, bundledGlossary } from '../../src/terms/index.js';
import type { Statement } from '../../src/model/index.js';

/** Numbers of every size and sign, the same on every run. */
function rows(count: number, dim: number, seed: number): Float32Array[] {
  let x = seed;
  const next = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648 - 0.5) * 10 ** ((x % 7) - 3);
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: dim }, next));
}

describe('the dense kernel', () => {
  it('is the compiled dense.wat (npm run build:kernel after editing it)', async () => {
    expect(Buffer.from(await compileKernel()).toString('base64')).toBe(DENSE_KERNEL);
  });

  it('gives the same bits with SIMD and in plain JS, over more rows than one call takes', () => {
    const x = rows(700, 100, 7);
    const centres = rows(13, 100, 11);
    const simd = Float32Array.from(new DenseRows(x, 100).dots(centres));
    const plain = new DenseRows(x, 100, { simd: false }).dots(centres);
    expect(simd).toEqual(plain);
    expect(simd[5 * 13 + 7]).toBe(denseDot(x[5] as Float32Array, centres[7] as Float32Array));
  });

  it('is a dot product (to single precision)', () => {
    const [a, b] = rows(2, 100, 3) as [Float32Array, Float32Array];
    let exact = 0;
    let scale = 0;
    for (let d = 0; d < 100; d++) {
      exact += (a[d] as number) * (b[d] as number);
      scale += Math.abs((a[d] as number) * (b[d] as number));
    }
    expect(Math.abs(denseDot(a, b) - exact)).toBeLessThan(1e-6 * scale);
  });

  it('keeps earlier rows when the centres outgrow the memory', () => {
    const x = rows(300, 100, 5);
    const batch = new DenseRows(x, 100);
    const few = Float32Array.from(batch.dots(rows(2, 100, 9)));
    batch.dots(rows(400, 100, 13));
    expect(Float32Array.from(batch.dots(rows(2, 100, 9)))).toEqual(few);
  });
});

describe('the sparse kernel', () => {
  // 300 rows of 0–9 terms over 50 positions (some rows empty), values of every size and sign.
  const width = 50;
  const [values] = rows(1, 3000, 17) as [Float32Array];
  const offsets = new Int32Array(301);
  const positions: number[] = [];
  for (let i = 0; i < 300; i++) {
    offsets[i] = positions.length;
    const terms = (i * 7) % 10;
    for (let j = 0; j < terms; j++) positions.push((i * 13 + j * 5) % width);
  }
  offsets[300] = positions.length;
  const csr = [offsets, Int32Array.from(positions), values.subarray(0, positions.length)] as const;
  const centres = (k: number, seed: number): ((t: Float64Array) => void) => {
    const [flat] = rows(1, width * k, seed) as [Float32Array];
    return (t) => t.set(flat);
  };

  it('gives the same bits with SIMD and in plain JS, for odd and even numbers of centres', () => {
    for (const k of [1, 2, 7, 24]) {
      const simd = Float64Array.from(new SparseRows(...csr, width).dots(k, centres(k, k)));
      const plain = new SparseRows(...csr, width, { simd: false }).dots(k, centres(k, k));
      expect(simd).toEqual(plain);
    }
  });

  it('sums each row’s terms in order, and gives 0 for a row without terms', () => {
    const k = 3;
    const t = new Float64Array(width * k);
    centres(k, 5)(t);
    const out = new SparseRows(...csr, width).dots(k, (into) => into.set(t));
    const i = 7;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++)
        sum += (csr[2][j] as number) * (t[(positions[j] as number) * k + c] as number);
      expect(out[i * k + c]).toBe(sum);
      expect(out[0 * k + c]).toBe(0);
    }
  });

  it('keeps its rows when the centres outgrow the memory', () => {
    const batch = new SparseRows(...csr, width);
    const few = Float64Array.from(batch.dots(2, centres(2, 3)));
    batch.dots(900, centres(900, 4));
    expect(Float64Array.from(batch.dots(2, centres(2, 3)))).toEqual(few);
  });
});

describe('VectorBatch and pairwiseDots', () => {
  const texts = [
    'Firms struggle to hire engineers',
    'Companies cannot recruit technicians',
    'Slow internet in mountain villages',
    'Poor mobile coverage in rural areas',
    'Ransomware attacks on small manufacturers',
    'Lack of skilled staff for the automotive cluster',
    'Plenty of skilled staff',
    'Broadband gaps hold back rural firms',
  ];
  const statements: Statement[] = texts.map((text, i) => ({
    id: `r${i}`,
    source: 'x.csv',
    line: i + 2,
    partner: `P${i}`,
    country: 'AT',
    quadrant: 'S',
    dimension: '',
    text,
  }));
  const rep = represent(analyseTerms(statements, bundledGlossary()).statements, { semantic: 0.15 });
  const centroids: Centroid[] = [0, 2, 5].map((i) => {
    const v = rep.vectors[i] as (typeof rep.vectors)[number];
    const sparse = new Float32Array(rep.features);
    v.index.forEach((f, j) => (sparse[f] = v.value[j] as number));
    return { sparse, dense: v.dense };
  });

  it('gives exactly the dot products of dot(), statement by centroid', () => {
    const dots = new VectorBatch(rep.vectors).dots(centroids);
    rep.vectors.forEach((v, i) => centroids.forEach((c, j) => expect(dots[i * 3 + j]).toBe(dot(v, c))));
    // A statement is its own centroid here.
    expect(dots[0]).toBeCloseTo(1, 5);
  });

  it('gives exactly dotVectors for every pair, symmetric, 1 on the diagonal', () => {
    const m = rep.vectors.length;
    const sims = pairwiseDots(rep.vectors);
    for (let a = 0; a < m; a++) {
      expect(sims[a * m + a]).toBe(1);
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        expect(sims[a * m + b]).toBe(Math.fround(dotVectors(rep.vectors[a] as never, rep.vectors[b] as never)));
        expect(sims[a * m + b]).toBe(sims[b * m + a]);
      }
    }
    // Hiring engineers is nearer recruiting technicians than ransomware.
    expect(sims[0 * m + 1]).toBeGreaterThan(sims[0 * m + 4] as number);
  });

  it('counts only the features its vectors use', () => {
    const batch = new VectorBatch(rep.vectors.slice(0, 2));
    const used = new Set([...(rep.vectors[0]?.index ?? []), ...(rep.vectors[1]?.index ?? [])]);
    expect([...batch.support]).toEqual([...used].sort((a, b) => a - b));
  });
});
