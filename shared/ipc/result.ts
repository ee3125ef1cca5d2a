import type { ErrorShape } from '../errors';

/** Every IPC reply: errors are values, because Electron keeps only `message` of a thrown error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };
