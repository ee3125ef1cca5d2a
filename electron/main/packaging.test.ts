// Packaging cannot run here (electron-builder downloads Electron and its
// toolsets from GitHub), so electron-builder.yml, its resources and the
// package.json fields it relies on are checked statically.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const require = createRequire(__filename);

const Target = z.union([z.string(), z.object({ target: z.string(), arch: z.array(z.string()).optional() })]);
const targetNames = (targets: z.infer<typeof Target>[]) => targets.map((t) => (typeof t === 'string' ? t : t.target));

/** What our packaging promises (ISSUE "Packaging", SPEC D6); electron-builder's own schema is checked separately. */
const BuilderConfig = z.object({
  appId: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+){2,}$/),
  productName: z.literal('OpenChat'),
  directories: z.object({ buildResources: z.literal('build'), output: z.literal('release') }),
  files: z.array(z.string()).min(1),
  extraMetadata: z.object({ main: z.string() }),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()).min(1),
  npmRebuild: z.literal(false),
  afterPack: z.string(),
  protocols: z.array(z.object({ name: z.string(), schemes: z.array(z.string()) })).min(1),
  publish: z.object({ provider: z.literal('generic'), url: z.url() }),
  win: z.object({ icon: z.string(), target: z.array(Target) }),
  nsis: z.object({ oneClick: z.boolean(), perMachine: z.boolean(), allowElevation: z.literal(true) }),
  msi: z.object({ perMachine: z.literal(true), upgradeCode: z.uuid() }),
  mac: z.object({
    icon: z.string(),
    category: z.literal('public.app-category.social-networking'),
    darkModeSupport: z.literal(true),
    target: z.array(Target),
  }),
  linux: z.object({
    icon: z.string(),
    category: z.string().regex(/(^|;)Network(;|$)/).regex(/(^|;)InstantMessaging(;|$)/),
    maintainer: z.string().regex(/<[^@\s]+@[^>\s]+>/),
    target: z.array(Target),
  }),
});

const PackageJson = z.object({
  name: z.string(),
  productName: z.literal('OpenChat'),
  version: z.string().regex(/^\d+\.\d+\.\d+/),
  main: z.literal('out/main/index.cjs'),
  description: z.string().min(1),
  scripts: z.object({ dist: z.string(), start: z.literal('node electron/launch.mjs') }),
  allowScripts: z.object({ electron: z.literal(false), node: z.literal(true) }),
  dependencies: z.record(z.string(), z.string()),
  devDependencies: z.record(z.string(), z.string()),
});

const yamlText = read('electron-builder.yml');
const config = BuilderConfig.parse(parse(yamlText));
const pkg = PackageJson.parse(JSON.parse(read('package.json')));

/** electron-builder-style file filter: included when a positive pattern matches and no later negation does. */
function isPacked(patterns: readonly string[], file: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, pattern, { dot: true })) {
      included = true;
    }
  }
  return included;
}

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

describe('electron-builder.yml', () => {
  it('D6 passes electron-builder’s own configuration schema', async () => {
    await expect(validateConfiguration(parse(yamlText) as Configuration, new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000); // the first call compiles electron-builder's schema: seconds on a busy machine

  it('and that schema would catch a misspelt key (the check can fail)', async () => {
    const broken = { ...(parse(yamlText) as Configuration), msi: { perMachin: true } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  }, 30_000);

  it('D6 builds NSIS and per-machine MSI for Windows, dmg for macOS, AppImage, deb and rpm for Linux', () => {
    expect(targetNames(config.win.target)).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(config.msi.perMachine).toBe(true);
    expect(targetNames(config.mac.target)).toContain('dmg');
    expect(targetNames(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb', 'rpm']));
  });

  it('packs the three bundles, the embedded server and package.json, and no sources', () => {
    expect(config.files).toContain('out/**');
    for (const file of ['out/main/index.cjs', 'out/main/server.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'package.json']) {
      expect(isPacked(config.files, file), file).toBe(true);
    }
    for (const file of ['electron/main/index.ts', 'server/src/main.ts', 'renderer/index.html', 'tests/e2e/chat.test.ts', 'out/main/index.cjs.map']) {
      expect(isPacked(config.files, file), file).toBe(false);
    }
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('unpacks better-sqlite3’s native module from asar and never rebuilds it', () => {
    for (const file of ['node_modules/better-sqlite3/prebuilds/linux-x64.node', 'node_modules/better-sqlite3/prebuilds/win32-x64.node']) {
      expect(config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })), file).toBe(true);
    }
    expect(isPacked(config.files, 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it('unpacks sharp and its libvips platform package (dlopened at run time) from asar', () => {
    for (const file of [
      'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node',
      'node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.18.7',
      'node_modules/@img/sharp-win32-x64/lib/libvips-42.dll',
      'node_modules/sharp/lib/index.js',
    ]) {
      expect(config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })), file).toBe(true);
    }
  });

  it('registers openchat:// links and publishes to a generic (private) update server', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toContain('openchat');
    expect(config.publish.provider).toBe('generic');
  });

  it('has a 1024×1024 PNG icon with transparency, and its SVG source', () => {
    for (const icon of new Set([config.win.icon, config.mac.icon, config.linux.icon])) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
      const { width, height, colorType } = pngSize(join(ROOT, icon));
      expect([width, height]).toEqual([1024, 1024]);
      expect(colorType).toBe(6); // RGBA: the macOS-style tile has a transparent margin.
    }
    expect(read('build/icon.svg')).toContain('<svg');
  });
});

describe('build/hooks/afterPack.cjs', () => {
  const hook = require(join(ROOT, config.afterPack)) as {
    default: (context: unknown) => Promise<void>;
    fuseConfig: (options: typeof FuseV1Options, versions: typeof FuseVersion, platform: string) => Record<string, unknown>;
  };

  it('D1 flips the fuses through electron-builder’s helper on the packed app', async () => {
    const calls: unknown[][] = [];
    const context = {
      electronPlatformName: 'linux',
      appOutDir: '/release/linux-unpacked',
      packager: { addElectronFuses: async (...args: unknown[]) => void calls.push(args) },
    };
    await hook.default(context);
    expect(calls).toHaveLength(1);
    const [passedContext, fuses] = calls[0] as [unknown, Record<number | string, unknown>];
    expect(passedContext).toBe(context);
    expect(fuses).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('re-signs ad hoc only for macOS builds', () => {
    expect(hook.fuseConfig(FuseV1Options, FuseVersion, 'darwin').resetAdHocDarwinSignature).toBe(true);
    expect(hook.fuseConfig(FuseV1Options, FuseVersion, 'win32').resetAdHocDarwinSignature).toBe(false);
  });
});

describe('package.json for packaging', () => {
  it('points main at the built bundle and keeps Electron a devDependency that never runs install scripts', () => {
    expect(pkg.main).toBe('out/main/index.cjs');
    expect(pkg.allowScripts).toMatchObject({ electron: false, node: true });
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.dependencies).not.toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
  });

  it('ships every module the main and server bundles require at run time as a production dependency', () => {
    for (const name of ['better-sqlite3', 'pino', 'socket.io', 'socket.io-client', 'ws', 'zod']) {
      expect(pkg.dependencies, name).toHaveProperty(name);
    }
  });

  it('documents npm run dist as build + electron-builder with this config', () => {
    expect(pkg.scripts.dist).toMatch(/electron-vite build/);
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.yml/);
  });
});
