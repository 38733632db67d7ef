/**
 * The second thread of runtime/index.ts: loads compromise at once (eld only when a statement looks
 * like another language), then answers each request as it comes.
 */
import { parentPort } from 'node:worker_threads';
import type { BackgroundReply, BackgroundRequest } from './index.js';
import { detectLanguages } from '../read/languages.js';
import { sentenceMeanings } from '../represent/sentences.js';
import { trialOf, tryCandidate, warmUpCandidates, type Trial } from '../themes/discover.js';
import { takeFromQueue } from './queue.js';
import { labelThemes, parsePhrases, warmUp } from '../themes/label.js';

// compromise's first parse sets it up; then, between requests, the code that tries candidates is warmed up.
warmUp();
setTimeout(warmUpCandidates, 0);

/** Noun phrases of the texts to be labelled, parsed ahead (see parsePhrases). */
const phrases = new Map<string, string[]>();

/** The sample last tried (by the id the main thread gave it), kept for the next round of candidates on it. */
let trial: { id: number; trial: Trial } | undefined;

async function answer(request: BackgroundRequest): Promise<unknown> {
  switch (request.kind) {
    case 'languages':
      return detectLanguages(request.texts);
    case 'phrases':
      return parsePhrases(request.texts, phrases);
    case 'meanings':
      return sentenceMeanings(request.texts);
    case 'labels':
      return labelThemes(request.requests, request.ignored, phrases);
    case 'candidates': {
      if (trial?.id !== request.sampleId) trial = { id: request.sampleId, trial: trialOf(request.sample) };
      const current = trial.trial;
      return takeFromQueue(request.ks, request.counter, (k) => {
        const { silhouette } = tryCandidate(current, k);
        return { k, silhouette };
      });
    }
  }
}

parentPort?.on('message', (request: BackgroundRequest) => {
  void (async () => {
    let reply: BackgroundReply;
    try {
      reply = { id: request.id, result: await answer(request) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
