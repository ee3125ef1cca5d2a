/**
 * The MIME type of a file from its first bytes (M2: the client's claimed type
 * and the file name are never trusted). Covers what people send in a chat;
 * anything else is `application/octet-stream`. It never answers `text/html`
 * or `image/svg+xml`: markup is served as plain text, so it cannot run.
 */
export const SNIFF_BYTES = 4100;

const OCTET_STREAM = 'application/octet-stream';

function startsWith(head: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function ascii(head: Buffer, offset: number, length: number): string {
  return head.subarray(offset, offset + length).toString('latin1');
}

const SIGNATURES: ReadonlyArray<{ mime: string; test: (head: Buffer) => boolean }> = [
  { mime: 'image/png', test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { mime: 'image/gif', test: (h) => ascii(h, 0, 6) === 'GIF87a' || ascii(h, 0, 6) === 'GIF89a' },
  { mime: 'image/webp', test: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 4) === 'WEBP' },
  { mime: 'image/bmp', test: (h) => ascii(h, 0, 2) === 'BM' && h.length >= 26 },
  { mime: 'image/tiff', test: (h) => startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]) },
  { mime: 'audio/wav', test: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 4) === 'WAVE' },
  { mime: 'video/x-msvideo', test: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 4) === 'AVI ' },
  { mime: 'application/pdf', test: (h) => ascii(h, 0, 5) === '%PDF-' },
  { mime: 'application/zip', test: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]) },
  { mime: 'application/gzip', test: (h) => startsWith(h, [0x1f, 0x8b]) },
  { mime: 'application/x-7z-compressed', test: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { mime: 'application/vnd.rar', test: (h) => ascii(h, 0, 4) === 'Rar!' },
  { mime: 'audio/ogg', test: (h) => ascii(h, 0, 4) === 'OggS' },
  { mime: 'audio/flac', test: (h) => ascii(h, 0, 4) === 'fLaC' },
  { mime: 'audio/amr', test: (h) => ascii(h, 0, 6) === '#!AMR\n' },
  { mime: 'audio/silk', test: (h) => ascii(h, 0, 9) === '#!SILK_V3' || ascii(h, 1, 9) === '#!SILK_V3' },
  { mime: 'audio/mpeg', test: (h) => ascii(h, 0, 3) === 'ID3' || (h.length > 1 && h[0] === 0xff && ((h[1] ?? 0) & 0xe6) === 0xe2) },
  { mime: 'audio/aac', test: (h) => h.length > 1 && h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0 },
  { mime: 'video/webm', test: (h) => startsWith(h, [0x1a, 0x45, 0xdf, 0xa3]) && h.subarray(0, 64).includes('webm') },
  { mime: 'video/x-matroska', test: (h) => startsWith(h, [0x1a, 0x45, 0xdf, 0xa3]) },
  { mime: 'application/x-msdownload', test: (h) => ascii(h, 0, 2) === 'MZ' },
];

/** ISO base media files (MP4, MOV, M4A, HEIC, AVIF) name their brand at offset 8 of an `ftyp` box. */
function isoBrandMime(head: Buffer): string | null {
  if (ascii(head, 4, 4) !== 'ftyp') return null;
  const brand = ascii(head, 8, 4);
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (['heic', 'heix', 'mif1', 'msf1', 'hevc'].includes(brand)) return 'image/heic';
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  return 'video/mp4';
}

/** UTF-8 text without NUL bytes (a truncated last character is tolerated). */
function isText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const replacements = decoded.split('\uFFFD').length - 1;
  return replacements <= 1;
}

export function sniffMime(head: Buffer): string {
  const iso = isoBrandMime(head);
  if (iso) return iso;
  for (const { mime, test } of SIGNATURES) if (test(head)) return mime;
  if (isText(head)) return 'text/plain; charset=utf-8';
  return OCTET_STREAM;
}
