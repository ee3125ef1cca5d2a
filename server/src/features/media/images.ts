import { open } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';

/** Tencent's ImageFormat numbers. */
const IMAGE_FORMAT: Record<string, number> = { jpeg: 1, gif: 2, png: 3, bmp: 4 };

/** Formats accepted as images; SVG is refused (it is a document that can carry script, not a picture). */
const MIME_OF: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  heif: 'image/avif',
  bmp: 'image/bmp',
};

export interface ImageFacts {
  format: string;
  mime: string;
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
  imageFormat: number;
}

/** Tencent's variant sizes (longest side): Type 2 large 1080, Type 3 thumbnail 198. */
export const VARIANT_SIDES = { 2: 1080, 3: 198 } as const;

/** Decompression bombs: refuse images over ~100 megapixels before decoding them. */
const MAX_PIXELS = 100_000_000;

/** sharp (libvips) reads no BMP; its header is simple enough to read here (width and height at 18 and 22). */
async function bmpFacts(path: string): Promise<ImageFacts | null> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(26);
    const { bytesRead } = await file.read(header, 0, 26, 0);
    if (bytesRead < 26 || header.toString('latin1', 0, 2) !== 'BM') return null;
    const width = Math.abs(header.readInt32LE(18));
    const height = Math.abs(header.readInt32LE(22));
    if (width === 0 || height === 0) return null;
    return { format: 'bmp', mime: 'image/bmp', width, height, imageFormat: 4 };
  } finally {
    await file.close();
  }
}

/** The image's real format and size, or null when the file is not an image this server accepts. */
export async function inspectImage(path: string, sniffedMime: string): Promise<ImageFacts | null> {
  if (sniffedMime === 'image/bmp') return bmpFacts(path);
  let metadata: Metadata;
  try {
    metadata = await sharp(path, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    return null;
  }
  const format = metadata.format === 'heif' && metadata.compression !== 'av1' ? null : metadata.format;
  const mime = format ? MIME_OF[format] : undefined;
  if (!format || !mime) return null;
  const width = metadata.autoOrient.width;
  const height = metadata.autoOrient.height;
  if (!width || !height || width * height > MAX_PIXELS) return null;
  return { format, mime, width, height, imageFormat: IMAGE_FORMAT[format] ?? 255 };
}

export interface Variant {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The image scaled so its longest side is `side`, in a format like the
 * original's; null when the original is to be used as it is: it is no larger
 * (never upscaled), a GIF (kept animated as uploaded) or a BMP (not decodable here).
 */
export async function makeVariant(path: string, facts: ImageFacts, side: number): Promise<Variant | null> {
  if (Math.max(facts.width, facts.height) <= side || facts.format === 'gif' || facts.format === 'bmp') return null;
  let pipeline = sharp(path, { limitInputPixels: MAX_PIXELS })
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
  if (facts.format === 'jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
  else if (facts.format === 'webp') pipeline = pipeline.webp({ quality: 85 });
  else pipeline = pipeline.png();
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
