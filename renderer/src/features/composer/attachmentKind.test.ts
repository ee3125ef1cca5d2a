import { describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../../../shared/domain';
import { attachmentKindOf, attachmentProblem, fallbackName } from './attachmentKind';

describe('attachments (M2)', () => {
  it('chooses the kind from the MIME type; pictures Chromium cannot show go as files', () => {
    expect(attachmentKindOf('image/png')).toBe('image');
    expect(attachmentKindOf('IMAGE/JPEG')).toBe('image');
    expect(attachmentKindOf('image/svg+xml')).toBe('file');
    expect(attachmentKindOf('audio/webm;codecs=opus')).toBe('sound');
    expect(attachmentKindOf('video/mp4')).toBe('video');
    expect(attachmentKindOf('application/pdf')).toBe('file');
    expect(attachmentKindOf('')).toBe('file');
  });

  it('refuses empty files and files over the limit of their kind, and nothing at the limit', () => {
    expect(attachmentProblem('image', MEDIA_LIMITS.image)).toBeNull();
    expect(attachmentProblem('image', MEDIA_LIMITS.image + 1)).toEqual({ kind: 'tooLarge', limit: 28 * 1024 * 1024 });
    expect(attachmentProblem('file', 101 * 1024 * 1024)).toEqual({ kind: 'tooLarge', limit: 100 * 1024 * 1024 });
    expect(attachmentProblem('file', 0)).toEqual({ kind: 'empty' });
  });

  it('names pasted images and recordings', () => {
    expect(fallbackName('image', 'image/jpeg', new Date('2026-01-02T03:04:05Z'))).toBe('image-20260102-030405.jpg');
    expect(fallbackName('voice', 'audio/webm;codecs=opus', new Date('2026-01-02T03:04:05Z'))).toBe('voice-20260102-030405.webm');
  });
});
