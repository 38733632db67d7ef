/**
 * Work the pipeline hands to a second thread: language detection (eld), theme labels
 * (compromise), a share of the candidate numbers of themes, and half of the texts a sentence
 * encoder reads (`themes.meaning: sentences`: each text's meaning is the same read on either thread). Both libraries take a few hundred
 * milliseconds to load; on a worker thread — started, for `swotlens run`, before the main thread
 * loads its own modules — compromise loads while the main thread starts and reads, eld when a
 * statement looks like another language, the detection runs beside the next stages, the
 * candidates are tried by both threads at once, and the texts the labels come from are parsed as
 * soon as the themes are found.
 *
 * On a two-core machine the threads slow each other down when both allocate heavily (loading a
 * library, parsing text): what the second thread takes off the first is worth about half its time.
 * Where there is no built worker (the sources run by vitest or tsx) or it fails, the same
 * functions run on this thread: the results are the same either way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { detectLanguages, type LanguageDetector } from '../read/languages.js';
import { sentenceMeanings } from '../represent/sentences.js';
import type { PackedSample, Score } from '../themes/discover.js';
import { HERE as THEMES_HERE, type Helper, labelHere } from '../themes/helper.js';
import { sharedCounter, takeFromQueue } from './queue.js';
import type { LabelRequest } from '../themes/label.js';

/** The second thread: what the themes step may hand it (its `Helper`), the language check, and a way to stop. */
export interface Background extends Helper {
  detectLanguages: LanguageDetector;
  /** The meaning of each text read whole (`themes.meaning: sentences`), in the texts' order. */
  readMeanings: (texts: readonly string[]) => Promise<Float32Array[]>;
  /** Stops the worker; safe to call twice. */
  close(): Promise<void>;
}

export type BackgroundRequest =
  | { id: number; kind: 'languages'; texts: readonly string[] }
  | { id: number; kind: 'phrases'; texts: readonly string[] }
  | { id: number; kind: 'meanings'; texts: readonly string[] }
  | { id: number; kind: 'labels'; requests: readonly LabelRequest[]; ignored: readonly string[] }
  | {
      id: number;
      kind: 'candidates';
      sample: PackedSample;
      sampleId: number;
      ks: readonly number[];
      counter: Int32Array;
    };
export type BackgroundReply = { id: number; result: unknown } | { id: number; error: string };

const WORKER = new URL('./worker.js', import.meta.url);

/** Everything on this thread: the main thread tries every candidate itself. */
export const HERE: Background = {
  ...THEMES_HERE,
  detectLanguages,
  readMeanings: (texts) => sentenceMeanings(texts),
  close: async () => {},
};

/** A worker started ahead of a run, not yet taken, and whether it has stopped already. */
let early: { worker: Worker; stopped: boolean } | undefined;

/**
 * Starts the second thread ahead of a run, so that it loads its libraries while the first thread
 * loads its modules (bin/swotlens.js calls this for `run`). Until startBackground takes it, the
 * thread does not keep the process alive: a run that stops before its pipeline leaves none behind.
 */
export function startBackgroundEarly(): void {
  if (early || !existsSync(fileURLToPath(WORKER))) return;
  try {
    const started = { worker: new Worker(WORKER), stopped: false };
    started.worker.unref();
    started.worker.once('error', () => (started.stopped = true));
    started.worker.once('exit', () => (started.stopped = true));
    early = started;
  } catch {
    early = undefined;
  }
}

export function startBackground(): Background {
  if (!existsSync(fileURLToPath(WORKER))) return HERE;
  let worker: Worker | undefined;
  const taken = early;
  early = undefined;
  try {
    if (taken && !taken.stopped) {
      worker = taken.worker;
      worker.ref();
    } else {
      worker = new Worker(WORKER);
    }
  } catch {
    return HERE;
  }
  /** The samples handed to the worker in this run, numbered, so that it keeps what it built from one. */
  const samples = new WeakMap<PackedSample, number>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  const fail = (error: Error): void => {
    worker = undefined;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: BackgroundReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) p?.reject(new Error(reply.error));
    else p?.resolve(reply.result);
  });
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the background worker stopped')));
  /** Asks the worker; if it cannot answer, does the work here. */
  const ask = async <T>(request: BackgroundRequest, here: () => Promise<T>): Promise<T> => {
    const current = worker;
    if (!current) return here();
    try {
      return await new Promise<T>((resolve, reject) => {
        pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
        current.postMessage(request);
      });
    } catch {
      return here();
    }
  };
  return {
    detectLanguages: (texts) => ask({ id: next++, kind: 'languages', texts }, () => detectLanguages(texts)),
    readMeanings: (texts) => ask({ id: next++, kind: 'meanings', texts }, () => sentenceMeanings(texts)),
    prepareLabels: (texts) => void ask({ id: next++, kind: 'phrases', texts }, async () => undefined),
    label: (requests, ignored) =>
      ask({ id: next++, kind: 'labels', requests, ignored }, () => labelHere(requests, ignored)),
    // Shared memory, so that the worker reads the sample without a copy.
    memory: (bytes) => new SharedArrayBuffer(bytes),
    candidates: async (sample, ks, tryHere) => {
      if (!worker || ks.length < 2) return ks.map(tryHere);
      const sampleId = samples.get(sample) ?? next;
      samples.set(sample, sampleId);
      const counter = sharedCounter();
      // Both threads take candidates off the counter; if the worker fails, it has scored none.
      const helping = ask<Score[]>({ id: next++, kind: 'candidates', sample, sampleId, ks, counter }, async () => []);
      const mine = takeFromQueue(ks, counter, tryHere);
      // Wait for the worker only if it took some; whatever it could not finish is tried here.
      return mine.length < ks.length ? [...mine, ...(await helping)] : mine;
    },
    close: async () => {
      const current = worker;
      worker = undefined;
      if (current) await current.terminate();
    },
  };
}
