import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { contentTypeFor, resolveRendererPath } from './rendererFiles';

const root = resolve('/srv/bundle');

describe('resolveRendererPath', () => {
  it('maps / to index.html and plain paths inside the root', () => {
    expect(resolveRendererPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveRendererPath(root, '/assets/app-1.js')).toBe(join(root, 'assets', 'app-1.js'));
    expect(resolveRendererPath(root, '/assets/%E4%B8%AD.js')).toBe(join(root, 'assets', '中.js'));
  });

  it('sends page routes (no extension) to the single-page entry', () => {
    expect(resolveRendererPath(root, '/conversations/42')).toBe(join(root, 'index.html'));
  });

  it('names content types by extension, case-insensitively, with a safe default', () => {
    expect(contentTypeFor('a/B.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it.each(['/..', '/../etc/passwd', '/%2e%2e/x', '/a/../../x', '/a//b', '/a\\..\\b', '/%5c..%5cx', '/x%00.js', '/.env', '/%E0%A4%A', 'relative'])(
    'refuses %s',
    (path) => {
      expect(resolveRendererPath(root, path)).toBeNull();
    },
  );
});
