/** The second thread of background.ts: loads eld and compromise at once, then answers. */
import { parentPort } from 'node:worker_threads';
import type { BackgroundReply, BackgroundRequest } from './background.js';
import { detectLanguages } from './read/languages.js';
import { labelThemes, warmUp } from './themes/label.js';

const ready = (async () => {
  warmUp();
  await detectLanguages(['Ein Satz, damit der Detektor seine Tabellen lädt']);
})();

parentPort?.on('message', (request: BackgroundRequest) => {
  void (async () => {
    let reply: BackgroundReply;
    try {
      await ready;
      reply = { id: request.id, result: request.kind === 'languages' ? await detectLanguages(request.texts) : labelThemes(request.requests, request.ignored) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(reply);
  })();
});
