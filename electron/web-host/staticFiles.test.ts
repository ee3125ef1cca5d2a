import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { resolveStaticPath } from './staticFiles';

const root = resolve('/srv/bundle');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1.js')).toBe(join(root, 'assets', 'app-1.js'));
    expect(resolveStaticPath(root, '/assets/%E4%B8%AD.js')).toBe(join(root, 'assets', '中.js'));
  });

  it.each(['/..', '/../etc/passwd', '/%2e%2e/x', '/a/../../x', '/a//b', '/a\\..\\b', '/%5c..%5cx', '/x%00.js', '/.env', '/%E0%A4%A', 'relative'])(
    'refuses %s',
    (path) => {
      expect(resolveStaticPath(root, path)).toBeNull();
    },
  );
});
