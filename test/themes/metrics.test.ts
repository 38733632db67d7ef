import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, clusteringAccuracy, normalizedMutualInformation } from '../../src/themes/metrics.js';

describe('clustering agreement', () => {
  it('is 1 for the same partition under other names', () => {
    expect(normalizedMutualInformation(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBeCloseTo(1, 10);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['y', 'y', 'x', 'x'])).toBeCloseTo(1, 10);
  });

  it("matches scikit-learn's values for a refined partition", () => {
    // sklearn: normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8; adjusted_rand_score(...) = 0.5714…
    expect(normalizedMutualInformation(['0', '0', '1', '1'], ['0', '0', '1', '2'])).toBeCloseTo(0.8, 10);
    expect(adjustedRandIndex(['0', '0', '1', '1'], ['0', '0', '1', '2'])).toBeCloseTo(0.5714285714285715, 10);
  });

  it('is 0 for independent partitions', () => {
    expect(normalizedMutualInformation(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeCloseTo(0, 10);
    expect(
      adjustedRandIndex(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'], ['x', 'x', 'y', 'y', 'x', 'x', 'y', 'y']),
    ).toBeLessThan(0);
  });
});

describe('clustering accuracy', () => {
  it('matches clusters to labels one to one', () => {
    expect(clusteringAccuracy(['a', 'a', 'b', 'b', 'c'], ['x', 'x', 'y', 'y', 'y'])).toBeCloseTo(0.8, 10);
    expect(clusteringAccuracy(['a', 'a', 'b', 'b'], ['y', 'y', 'x', 'x'])).toBe(1);
    // Two clusters for one label: only one of them can match it.
    expect(clusteringAccuracy(['a', 'a', 'a', 'a'], ['x', 'x', 'y', 'z'])).toBeCloseTo(0.5, 10);
  });
});
