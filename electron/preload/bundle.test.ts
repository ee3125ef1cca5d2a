import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload can `require` only `electron` (and a few built-ins) and
 * cannot load files of its own, so the bundle must be one CommonJS file whose
 * only import is `electron`. This bundles the real entry the way electron-vite
 * does and checks that, so an accidental value import of zod or shared/domain
 * fails here rather than as a blank window.
 */
describe('preload bundle', () => {
  it('D1 bundles to one CommonJS file whose only require is electron, without zod', async () => {
    const result = await build({
      entryPoints: [join(__dirname, 'index.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.includes('node_modules'))).toBe(false);
    expect(inputs.filter((file) => file.includes('shared/')).sort()).toEqual(['shared/ipc/channels.ts']);
    expect(code).toContain("exposeInMainWorld(\"chat\"");
  });
});
