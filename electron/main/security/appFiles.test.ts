import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../core';
import { createAppRequestHandler, resolveAppFile } from './appFiles';
import { appCsp } from './csp';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'openchat-appfiles-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>OpenChat</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  // A secret beside the renderer folder, and one whose name shares its prefix.
  writeFileSync(join(base, 'secret.txt'), 'secret');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app://chat paths to files inside the root, with / and page routes going to index.html', () => {
    expect(resolveAppFile(root, 'app://chat/')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://chat/assets/app-1a2b.js')).toEqual({ kind: 'file', path: join(root, 'assets', 'app-1a2b.js') });
    expect(resolveAppFile(root, 'app://chat/conversations/42')).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://chat/assets/app-1a2b.js?v=1#x')).toEqual({ kind: 'file', path: join(root, 'assets', 'app-1a2b.js') });
  });

  it.each([
    'app://chat/..%2fsecret.txt',
    'app://chat/..%2Fsecret.txt',
    'app://chat/%2e%2e%2fsecret.txt',
    'app://chat/assets/..%2f..%2fsecret.txt',
    'app://chat/..%5csecret.txt',
    'app://chat/assets%5c..%5c..%5csecret.txt',
    'app://chat/..%2frenderer-evil%2fx.js',
    'app://chat/index.html%00.js',
    'app://chat/%2fetc%2fpasswd.txt',
    'app://chat//etc/passwd.txt',
    'app://chat/.env.json',
    'app://chat/assets/.hidden.js',
    'app://chat/%E0%A4%A.js',
  ])('D1 refuses the traversal or hidden path %s', (url) => {
    expect(resolveAppFile(root, url)).toEqual({ kind: 'refused' });
  });

  it('D1 keeps dot segments the URL parser collapses inside the root', () => {
    expect(resolveAppFile(root, 'app://chat/%2e%2e/renderer-evil/x.js')).toEqual({ kind: 'file', path: join(root, 'renderer-evil', 'x.js') });
    expect(resolveAppFile(root, 'app://chat/assets/../../../secret.txt')).toEqual({ kind: 'file', path: join(root, 'secret.txt') });
  });

  it('D1 refuses other hosts and schemes', () => {
    expect(resolveAppFile(root, 'app://evil/index.html')).toEqual({ kind: 'refused' });
    expect(resolveAppFile(root, 'app://chat.evil/index.html')).toEqual({ kind: 'refused' });
    expect(resolveAppFile(root, 'file:///etc/passwd')).toEqual({ kind: 'refused' });
    expect(resolveAppFile(root, 'not a url')).toEqual({ kind: 'refused' });
  });
});

describe('createAppRequestHandler', () => {
  const handler = () => createAppRequestHandler({ root });

  it('D1 serves renderer files with the CSP header and the right content type', async () => {
    const response = await handler()(new Request('app://chat/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(appCsp());
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('<title>OpenChat</title>');

    const script = await handler()(new Request('app://chat/assets/app-1a2b.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('D1 answers 404 with the CSP for traversal attempts and missing files, never reading outside the root', async () => {
    const read: string[] = [];
    const spying = createAppRequestHandler({
      root,
      readFile: async (path) => {
        read.push(path);
        throw new Error('missing');
      },
    });
    const traversal = await spying(new Request('app://chat/..%2fsecret.txt'));
    expect(traversal.status).toBe(404);
    expect(traversal.headers.get('content-security-policy')).toBe(appCsp());
    expect(await traversal.text()).not.toContain('secret');
    expect(read).toEqual([]);

    const missing = await spying(new Request('app://chat/assets/nope.js'));
    expect(missing.status).toBe(404);
    expect(read).toEqual([join(root, 'assets', 'nope.js')]);
  });

  it('refuses methods other than GET and HEAD, and sends no body for HEAD', async () => {
    const post = await handler()(new Request('app://chat/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const head = await handler()(new Request('app://chat/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('contentTypeFor', () => {
  it('knows the bundle types and falls back to octet-stream', () => {
    expect(contentTypeFor('/x/a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
