export { createChatStore, type ChatStore, type ChatStoreOptions } from './store';
export { connectBridgeEvents } from './bridgeEvents';
export { StoreProvider, useChatStore } from './StoreProvider';
export * from './selectors';
export type { ChatState, Language, Theme, Preferences, PreferencesStorage } from './types';
export type { Timeline } from './slices/messagesSlice';
export { PAGE_SIZE } from './slices/messagesSlice';
export { LANGUAGES, THEMES } from './slices/preferencesSlice';
export type { ViewerItem, RelayView, StagingProgress, OutgoingAttachment } from './slices/mediaSlice';
