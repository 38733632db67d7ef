/**
 * How the statements left to discover are grouped into themes: one interface, so that another
 * method is one file and one option (`findThemes(…, { clusterer })`), not a change in five.
 */
import type { ThemeSettings } from '../config/index.js';
import type { ProgressReporter } from '../model/index.js';
import { centroidOf, type Vector } from '../represent/index.js';
import { type CandidateHelper, type Discovered, discover, NO_HELP } from './discover.js';

export interface ClusterInput {
  /** The statements to group: indices into `vectors`, in id order. */
  members: readonly number[];
  vectors: readonly Vector[];
  /** The number of lexical features of the run. */
  features: number;
  settings: ThemeSettings;
  /** A second thread that may take a share of the work. */
  help?: CandidateHelper;
  progress?: ProgressReporter | undefined;
}

export interface Clusterer {
  name: string;
  cluster(input: ClusterInput): Promise<Discovered>;
}

/**
 * Ward's tree on an even sample, each cut refined by k-means and scored by its silhouette, the
 * number of themes chosen from the scores (or fixed), then k-means on all statements.
 */
export const WARD_KMEANS: Clusterer = {
  name: 'ward-kmeans',
  cluster: ({ members, vectors, features, settings, help = NO_HELP, progress }) =>
    discover(members, vectors, features, settings, help, progress),
};

/** Every statement in one theme: for tests of what comes after discovery, and a baseline. */
export const ONE_THEME: Clusterer = {
  name: 'one-theme',
  cluster: async ({ members, vectors, features }) => {
    const scores = new Float64Array(vectors.length);
    if (members.length === 0) return { themes: [], scores, selection: [] };
    const centroid = centroidOf(
      members.map((i) => vectors[i] as Vector),
      features,
    );
    return { themes: [{ members: [...members], centroid }], scores, selection: [{ k: 1, silhouette: 0 }] };
  },
};
