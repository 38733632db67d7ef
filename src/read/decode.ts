/** Bytes → text: BOMs, UTF-16, UTF-8, and Windows-1252 for files that are not valid UTF-8. */
import { lazy } from '../lazy.js';

const iconv = lazy<typeof import('iconv-lite')>('iconv-lite');

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** Returns the text, or `undefined` when the bytes are not text (NUL bytes outside UTF-16). */
export function decodeText(bytes: Uint8Array): Decoded | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return undefined;
  // Text has few control characters besides tab and line breaks; a binary format has many.
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  if (control > head.length / 100) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: what Excel on Windows writes in Western Europe. Every byte maps to a character.
    // (Node's TextDecoder reads 'windows-1252' as Latin-1 and loses “ ” € and the like.)
    return { text: iconv().decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}
