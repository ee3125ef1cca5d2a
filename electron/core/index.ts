/**
 * The Electron-free client core: hosts (electron/main, electron/web-host) import only this file.
 */
export { createChatCore, type ChatCore, type ChatCoreDeps } from './createChatCore';
export type { CoreLogger, CoreLogFn } from './logger';
/** Calls on this device for the host's permission handler: `ChatCore.calls.state().active` (see callActivity.ts). */
export { callWantsMedia, type CallActivity, type CallActivityState } from './callActivity';
export type { ChatSocket, ConnectOptions, SocketFactory } from './connection/types';
/** Which file of the built renderer a request may read: both hosts serve the bundle through these. */
export { contentTypeFor, resolveRendererPath } from './hosting/rendererFiles';
export { buildCsp, type CspOptions } from './hosting/csp';
/** Media for the renderer: hosts route `<mediaBaseUrl><uuid>` to `ChatCore.media.serve` (electron/core/media). */
export type { MediaReply, MediaRequest } from './media/mediaReply';
export type { DesktopFiles } from './media/desktopFiles';
