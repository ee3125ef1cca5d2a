import { MEDIA_LIMITS } from '../../../../shared/domain';
import type { AttachmentKind } from '../../../../shared/ipc';

// Pictures every Chromium shows and the server thumbnails; SVG, HEIC, TIFF… travel as files.
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp']);

/** M2: what a dropped or pasted file is sent as, from its MIME type. */
export function attachmentKindOf(mime: string): AttachmentKind {
  const type = mime.toLowerCase().split(';')[0]?.trim() ?? '';
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type.startsWith('audio/')) return 'sound';
  if (type.startsWith('video/')) return 'video';
  return 'file';
}

export type AttachmentProblem = { kind: 'tooLarge'; limit: number } | { kind: 'empty' } | null;

/** M2: refused before anything is staged: empty files, or over the limit of their kind. */
export function attachmentProblem(kind: AttachmentKind, size: number): AttachmentProblem {
  if (size === 0) return { kind: 'empty' };
  const limit = MEDIA_LIMITS[kind];
  return size > limit ? { kind: 'tooLarge', limit } : null;
}

/** A name for a pasted screenshot or a recording, which come without one. */
export function fallbackName(prefix: string, mime: string, now: Date): string {
  const ext = mime.split('/')[1]?.split(/[;+]/)[0]?.replace('jpeg', 'jpg') || 'bin';
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${prefix}-${stamp}.${ext}`;
}
