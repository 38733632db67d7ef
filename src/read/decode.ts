/** Bytes → text: BOMs, UTF-16, UTF-8, and Windows-1252 for files that are not valid UTF-8. */
import { lazy } from '../lazy.js';

const iconv = lazy<typeof import('iconv-lite')>('iconv-lite');

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Lines of a UTF-8 file that were not UTF-8 and were read as Windows-1252 (a file pasted together from two sources). */
  windows1252Lines?: number[];
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
  if (head.includes(0)) {
    // UTF-16 without a byte-order mark: Latin text has a zero in every other byte.
    const unmarked = utf16Without(head);
    if (!unmarked) return undefined;
    const text = new TextDecoder(unmarked).decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096)) ? undefined : { text, encoding: unmarked };
  }
  // Text has few control characters besides tab and line breaks; a binary format has many.
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  if (control > head.length / 100) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeLines(bytes);
  }
}

/** 'utf-16le' or 'utf-16be' when the zeros of `head` fall on every other byte, as in UTF-16 text of Latin script. */
function utf16Without(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.9 && evenZeros < pairs * 0.02) return 'utf-16le';
  if (evenZeros > pairs * 0.9 && oddZeros < pairs * 0.02) return 'utf-16be';
  return undefined;
}

/**
 * Not UTF-8 as a whole. A file with no UTF-8 beyond ASCII is what Excel on Windows writes in
 * Western Europe: Windows-1252, in which every byte maps to a character (Node's TextDecoder reads
 * 'windows-1252' as Latin-1 and loses “ ” € and the like). A file where some lines are good UTF-8
 * was put together from two sources: each line is read in the encoding it is in, and the lines
 * read as Windows-1252 are named.
 */
function decodeLines(bytes: Uint8Array): Decoded {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const lines: { text: string | undefined; start: number; end: number }[] = [];
  let multibyte = false;
  for (let start = 0; start <= bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    let text: string | undefined;
    try {
      text = utf8.decode(line);
      if (!multibyte && line.some((b) => b >= 0x80)) multibyte = true;
    } catch {
      text = undefined;
    }
    lines.push({ text, start, end });
    start = end + 1;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!multibyte) return { text: iconv().decode(buffer, 'win1252'), encoding: 'windows-1252' };
  const windows1252Lines: number[] = [];
  const text = lines
    .map((line, i) => {
      if (line.text !== undefined) return line.text;
      windows1252Lines.push(i + 1);
      return iconv().decode(buffer.subarray(line.start, line.end), 'win1252');
    })
    .join('\n');
  return { text, encoding: 'utf-8', windows1252Lines };
}
