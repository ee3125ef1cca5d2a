/**
 * Names of the renderer ↔ core contract. No imports: the sandboxed preload
 * bundles this file alone, so it must stay dependency-free.
 */
export const REQUEST_CHANNELS = [
  'app:info',
  'session:get',
  'session:register',
  'session:signIn',
  'session:signOut',
  'connection:get',
  'conversations:list',
  'conversations:open',
  'conversations:markRead',
  'messages:page',
  'messages:send',
  'messages:retry',
  'typing:notify',
  'users:lookup',
  'conversations:setSettings',
  'conversations:setDraft',
  'conversations:markAllRead',
  'conversations:clear',
  'conversations:delete',
  'messages:around',
  'messages:recall',
  'messages:edit',
  'messages:react',
  'messages:deleteForMe',
  'messages:report',
  'messages:forward',
  'messages:sendFile',
  'messages:cancelUpload',
  'files:stageBegin',
  'files:stageChunk',
  'files:open',
  'files:showInFolder',
  'relay:open',
  'search:messages',
] as const;

/** Pushes from the core to the renderer, named in the past tense. */
export const EVENT_CHANNELS = [
  'session:changed',
  'connection:changed',
  'conversations:changed',
  'messages:changed',
  'typing:changed',
  'messages:removed',
  'operations:failed',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
