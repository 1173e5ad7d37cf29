/**
 * Text encoding of a data file from its first bytes: a UTF-8 or UTF-16 byte
 * order mark, else UTF-16 recognised by its NUL bytes, else UTF-8. Also a
 * streaming decoder from byte chunks to strings (the BOM dropped).
 */
import { open } from 'node:fs/promises';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Sniffed {
  encoding: TextEncodingName;
  /** bytes of the byte order mark (0 when none) */
  bomLength: number;
  /** the first bytes decoded (up to 64 KB), for format and delimiter detection */
  head: string;
  size: number;
}

export function encodingOf(b: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b.length >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    const n = Math.min(b.length, 512) & ~1;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) evenNul++;
      if (b[i + 1] === 0) oddNul++;
    }
    if (oddNul > n / 4 && evenNul === 0) return { encoding: 'utf-16le', bomLength: 0 };
    if (evenNul > n / 4 && oddNul === 0) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Reads the first 64 KB of a file and decides its encoding. */
export async function sniff(path: string): Promise<Sniffed> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(size, 65536));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const b = buf.subarray(0, bytesRead);
    const e = encodingOf(b);
    const head = new TextDecoder(e.encoding, { fatal: false }).decode(b.subarray(e.bomLength));
    return { ...e, head, size };
  } finally {
    await fh.close();
  }
}

/** Decodes a byte stream to strings (BOM dropped); for UTF-8 a chunk split inside a character is handled. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: TextEncodingName): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  for await (const c of chunks) {
    const s = decoder.decode(c, { stream: true });
    if (s.length) yield s;
  }
  const rest = decoder.decode();
  if (rest.length) yield rest;
}
