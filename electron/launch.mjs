// `npm start`: the desktop app with its embedded server.
// 1. make sure the Electron binary is there (electron >= 42 fetches it on demand, not at install);
// 2. build out/ with electron-vite when it is missing or older than the sources;
// 3. run Electron on this folder (package.json "main" is out/main/index.cjs).
// Extra arguments pass through: `npm start -- --server https://chat.example.com`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const DEFAULT_EXECUTABLE =
  process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

/** What electron-vite builds; all must exist for the app to start. */
export const BUILD_OUTPUTS = ['out/main/index.cjs', 'out/main/server.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** What those outputs are built from. */
export const BUILD_INPUTS = [
  'electron/main',
  'electron/preload',
  'electron/core',
  'shared',
  'server/src',
  'renderer',
  'electron.vite.config.ts',
  'package.json',
];

/**
 * Where the Electron binary is, and whether it exists. Reads the npm package's
 * own path.txt rather than `require('electron')`, which would start a download
 * as a side effect and fail with a less helpful message.
 * @param {string} electronDir the electron package folder
 * @param {Record<string, string | undefined>} env
 * @returns {{ installed: boolean, binary: string | null }}
 */
export function electronBinaryStatus(electronDir, env) {
  const pathFile = join(electronDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    // The same rule as the electron package's index.js: an override folder holds the platform's executable.
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded || DEFAULT_EXECUTABLE);
    return { installed: existsSync(binary), binary };
  }
  if (!recorded) return { installed: false, binary: null };
  const binary = join(electronDir, 'dist', recorded);
  return { installed: existsSync(binary), binary };
}

/**
 * Newest modification time under the given paths (files or folders), skipping
 * node_modules, dot-folders and unit tests, which do not change the build.
 * @param {string} root
 * @param {readonly string[]} paths relative to root
 * @returns {number} milliseconds since the epoch; 0 when nothing exists
 */
export function newestMtime(root, paths) {
  let newest = 0;
  /** @param {string} path */
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        visit(join(path, entry));
      }
    } else if (!/\.test\.tsx?$/.test(path)) {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/**
 * True when an output is missing or older than the newest input.
 * @param {string} root
 * @param {{ outputs?: readonly string[], inputs?: readonly string[] }} [options]
 */
export function isBuildStale(root, options = {}) {
  const outputs = options.outputs ?? BUILD_OUTPUTS;
  let oldestOutput = Infinity;
  for (const output of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(join(root, output)).mtimeMs);
    } catch {
      return true;
    }
  }
  return newestMtime(root, options.inputs ?? BUILD_INPUTS) > oldestOutput;
}

/**
 * The words we print when Electron cannot be fetched; the usual cause here is
 * a network that reaches the npm registry but not GitHub.
 * @param {string} version
 */
export function electronMissingMessage(version) {
  return [
    '',
    `OpenChat: the Electron ${version} binary is not installed and could not be downloaded.`,
    'npm start fetches it once, from GitHub releases. If GitHub is not reachable from this machine:',
    '  - set ELECTRON_MIRROR to a mirror you can reach, then run npm start again, e.g.',
    '      ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    '  - or install Electron manually (npx install-electron, or unpack a release zip into',
    '    node_modules/electron/dist and write the executable name to node_modules/electron/path.txt),',
    '    or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron of the same version.',
    'Without Electron the same app runs in a browser: npm run server, then npm run web -- --server <url>.',
    '',
  ].join('\n');
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  process.exit(1);
}

function ensureElectron() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  /** @type {{ version: string, bin: Record<string, string> }} */
  const pkg = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  let status = electronBinaryStatus(electronDir, process.env);
  if (status.installed && status.binary) return status.binary;

  const installer = pkg.bin['install-electron'];
  if (!installer) fail(electronMissingMessage(pkg.version));
  console.log(`OpenChat: downloading Electron ${pkg.version} (first run only)…`);
  const install = spawnSync(process.execPath, [join(electronDir, installer)], { stdio: 'inherit', timeout: 15 * 60_000 });
  status = electronBinaryStatus(electronDir, process.env);
  if (install.status !== 0 || !status.installed || !status.binary) fail(electronMissingMessage(pkg.version));
  return status.binary;
}

function ensureBuild() {
  if (!isBuildStale(ROOT)) return;
  console.log('OpenChat: building (electron-vite build)…');
  const viteDir = dirname(require.resolve('electron-vite/package.json'));
  /** @type {{ bin: Record<string, string> }} */
  const vitePkg = JSON.parse(readFileSync(join(viteDir, 'package.json'), 'utf8'));
  const bin = join(viteDir, vitePkg.bin['electron-vite'] ?? 'bin/electron-vite.js');
  const build = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) fail('OpenChat: the build failed; see the errors above.');
  const missing = BUILD_OUTPUTS.filter((output) => !existsSync(join(ROOT, output)));
  if (missing.length > 0) fail(`OpenChat: the build did not produce ${missing.join(', ')}.`);
}

function warnAboutEnvironment() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('OpenChat: no DISPLAY or WAYLAND_DISPLAY is set; Electron needs a graphical session.');
  }
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    console.warn('OpenChat: Electron refuses to run as root with its sandbox on; start it as a normal user.');
  }
}

/** @param {string} binary */
function runElectron(binary) {
  const env = { ...process.env };
  // Would turn Electron into plain Node and skip the app entirely.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => fail(`OpenChat: could not start Electron (${binary}): ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const binary = ensureElectron();
  ensureBuild();
  warnAboutEnvironment();
  runElectron(binary);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
