/** The second thread of background.ts: loads eld and compromise at once, then answers in order. */
import { parentPort } from 'node:worker_threads';
import type { BackgroundReply, BackgroundRequest } from './background.js';
import { detectLanguages } from './read/languages.js';
import { takeCandidates, trialOf, warmUpCandidates, type Trial } from './themes/discover.js';
import { labelThemes, parsePhrases, warmUp } from './themes/label.js';

const ready = (async () => {
  warmUp();
  await detectLanguages(['Ein Satz, damit der Detektor seine Tabellen lädt']);
})();
// Once loaded (and after any request already waiting), the code that tries candidates is warmed up.
void ready.then(() => setTimeout(warmUpCandidates, 0));

/** Noun phrases of the texts to be labelled, parsed ahead (see parsePhrases). */
const phrases = new Map<string, string[]>();

/** The sample last tried, kept for the next round of candidates on it. */
let trial: Trial | undefined;

async function answer(request: BackgroundRequest): Promise<unknown> {
  switch (request.kind) {
    case 'languages':
      return detectLanguages(request.texts);
    case 'phrases':
      return parsePhrases(request.texts, phrases);
    case 'labels':
      return labelThemes(request.requests, request.ignored, phrases);
    case 'candidates':
      if (trial?.sample.id !== request.sample.id) trial = trialOf(request.sample);
      return takeCandidates(trial, request.ks, request.queue);
  }
}

parentPort?.on('message', (request: BackgroundRequest) => {
  void (async () => {
    let reply: BackgroundReply;
    try {
      await ready;
      reply = { id: request.id, result: await answer(request) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
