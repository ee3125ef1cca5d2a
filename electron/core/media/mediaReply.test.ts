import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDisposition, parseRange, replyWithFile, safeContentType, sanitizeFileName } from './mediaReply';

const dir = mkdtempSync(join(tmpdir(), 'reply-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'blob');
writeFileSync(path, Buffer.from('0123456789'));
const blob = { path, size: 10, mime: 'video/mp4' };

async function text(body: Readable | null): Promise<string> {
  if (!body) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('media replies', () => {
  it('parses the single ranges media elements send', () => {
    expect(parseRange('bytes=2-5', 10)).toEqual({ start: 2, end: 5 });
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange(null, 10)).toBeNull();
  });

  it('M1 serves a whole file, a range (206) for seeking, and 416 past the end', async () => {
    const full = replyWithFile({ uuid: 'x', method: 'GET', range: null, download: null }, blob);
    expect(full.status).toBe(200);
    expect(full.headers['Content-Type']).toBe('video/mp4');
    expect(full.headers['Accept-Ranges']).toBe('bytes');
    expect(await text(full.body)).toBe('0123456789');
    const part = replyWithFile({ uuid: 'x', method: 'GET', range: 'bytes=3-6', download: null }, blob);
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 3-6/10');
    expect(part.headers['Content-Length']).toBe('4');
    expect(await text(part.body)).toBe('3456');
    const past = replyWithFile({ uuid: 'x', method: 'GET', range: 'bytes=20-', download: null }, blob);
    expect(past.status).toBe(416);
    expect(past.headers['Content-Range']).toBe('bytes */10');
  });

  it('serves only images, audio and video inline; HTML and SVG as opaque bytes, never sniffed', () => {
    expect(safeContentType('image/png')).toBe('image/png');
    expect(safeContentType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(safeContentType('text/html')).toBe('application/octet-stream');
    expect(safeContentType('image/svg+xml')).toBe('application/octet-stream');
    const reply = replyWithFile({ uuid: 'x', method: 'HEAD', range: null, download: null }, { ...blob, mime: 'text/html' });
    expect(reply.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(reply.headers['Content-Security-Policy']).toContain('sandbox');
    expect(reply.body).toBeNull();
  });

  it('a download name cannot carry a path, quotes or header syntax', async () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\boot.ini')).toBe('boot.ini');
    expect(sanitizeFileName('a"b\r\nSet-Cookie: x')).toBe('a_b__Set-Cookie_ x');
    expect(sanitizeFileName('...')).toBe('file');
    expect(contentDisposition('发票 2024.pdf')).toBe(
      `attachment; filename="__ 2024.pdf"; filename*=UTF-8''${encodeURIComponent('发票 2024.pdf')}`,
    );
    const reply = replyWithFile({ uuid: 'x', method: 'GET', range: null, download: '<script>.html' }, blob);
    expect(reply.headers['Content-Disposition']).toMatch(/^attachment; filename="_script_.html"/);
    await text(reply.body);
  });
});
