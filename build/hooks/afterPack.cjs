// electron-builder afterPack hook: flips Electron's fuses in the packed app,
// right before signing (Electron security checklist 19). Fuses are bits baked
// into the Electron binary; once off, no command-line flag or environment
// variable can turn them back on.
'use strict';

/**
 * The fuse settings, keyed by @electron/fuses' FuseV1Options indices.
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the app into a general Node.
 * - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code.
 * - EnableNodeCliInspectArguments off: no --inspect debugger into the main process.
 *   (This also stops Playwright's _electron.launch; test builds must not use this hook.)
 * - EnableEmbeddedAsarIntegrityValidation on: a modified app.asar refuses to load
 *   (electron-builder embeds the hash on macOS and Windows).
 * - OnlyLoadAppFromAsar on: the app cannot be swapped for a loose folder.
 * - EnableCookieEncryption on: cookies at rest are encrypted with the OS keychain.
 * - GrantFileProtocolExtraPrivileges off: file:// gets no special powers; we use app://.
 * @param {typeof import('@electron/fuses').FuseV1Options} options
 * @param {typeof import('@electron/fuses').FuseVersion} versions
 * @param {string} platform electron platform name (darwin, mas, win32, linux)
 * @returns {import('@electron/fuses').FuseV1Config}
 */
function fuseConfig(options, versions, platform) {
  return {
    version: versions.V1,
    // Flipping a fuse invalidates the ad-hoc signature of an (unsigned) arm64 macOS build; re-sign it ad hoc.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [options.RunAsNode]: false,
    [options.EnableNodeOptionsEnvironmentVariable]: false,
    [options.EnableNodeCliInspectArguments]: false,
    [options.EnableEmbeddedAsarIntegrityValidation]: true,
    [options.OnlyLoadAppFromAsar]: true,
    [options.EnableCookieEncryption]: true,
    [options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/**
 * Loaded lazily: @electron/fuses comes with electron-builder (app-builder-lib),
 * and only packaging needs it. A release without fuses must not slip out
 * silently, so a missing module fails the build.
 * @returns {Promise<typeof import('@electron/fuses')>}
 */
async function loadFuses() {
  try {
    return await import('@electron/fuses');
  } catch (error) {
    throw new Error('afterPack: @electron/fuses is not installed (it ships with electron-builder); refusing to package without fuses.', {
      cause: error,
    });
  }
}

/** @param {import('app-builder-lib').AfterPackContext} context */
async function afterPack(context) {
  const { FuseV1Options, FuseVersion } = await loadFuses();
  // electron-builder's own helper finds the executable (.app, .exe or the Linux executableName).
  await context.packager.addElectronFuses(context, fuseConfig(FuseV1Options, FuseVersion, context.electronPlatformName));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
