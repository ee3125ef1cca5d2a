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
  // Contacts, profiles, presence, devices (issue 4; schemas in contacts.ts)
  'profile:get',
  'profile:update',
  'profile:setAvatar',
  'profiles:card',
  'users:search',
  'contacts:list',
  'friends:add',
  'friends:delete',
  'friends:update',
  'friends:check',
  'friendRequests:list',
  'friendRequests:markRead',
  'friendRequests:accept',
  'friendRequests:reject',
  'friendRequests:delete',
  'friendLists:create',
  'friendLists:rename',
  'friendLists:delete',
  'friendLists:addMembers',
  'friendLists:removeMembers',
  'blocklist:list',
  'blocklist:add',
  'blocklist:remove',
  'blocklist:check',
  'presence:getStatus',
  'presence:setStatus',
  'devices:list',
  'devices:signOut',
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
  'contacts:changed',
  'friendRequests:changed',
  'blocklist:changed',
  'profile:changed',
  'devices:changed',
  'presence:statusChanged',
] as const;

export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
