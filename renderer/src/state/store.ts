import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCallsSlice } from './slices/callsSlice';
import { createConnectionSlice } from './slices/connectionSlice';
import { createContactsSlice } from './slices/contactsSlice';
import { createGroupManageSlice } from './slices/groupManageSlice';
import { createConversationsSlice } from './slices/conversationsSlice';
import { createHostSlice } from './slices/hostSlice';
import { createLifecycleSlice } from './slices/lifecycleSlice';
import { createMediaSlice } from './slices/mediaSlice';
import { createMessageActionsSlice } from './slices/messageActionsSlice';
import { createMessagesSlice } from './slices/messagesSlice';
import { createPreferencesSlice } from './slices/preferencesSlice';
import { createSessionSlice } from './slices/sessionSlice';
import { createTypingSlice } from './slices/typingSlice';
import type { ChatApi } from '../api/chatApi';
import type { ChatState, Language, MarkStorage, PreferencesStorage, StoreDeps } from './types';

export type ChatStore = StoreApi<ChatState>;

export interface ChatStoreOptions {
  preferences: PreferencesStorage;
  systemLanguage: Language;
  /** Memory only when not given (tests). */
  marks?: MarkStorage;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

function memoryMarks(): MarkStorage {
  const values = new Map<string, string>();
  return { get: (key) => values.get(key) ?? null, set: (key, value) => void values.set(key, value) };
}

/**
 * The renderer's one store: a projection of what the core reports, built
 * from slices. Actions are named after what happened (`conversationSelected`),
 * not after the field they set.
 */
export function createChatStore(api: ChatApi, options: ChatStoreOptions): ChatStore {
  const deps: StoreDeps = {
    api,
    preferences: options.preferences,
    marks: options.marks ?? memoryMarks(),
    systemLanguage: options.systemLanguage,
    now: options.now ?? (() => Date.now()),
    setTimer: options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
    clearTimer: options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
  };
  return createStore<ChatState>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createConnectionSlice(deps)(...a),
    ...createConversationsSlice(deps)(...a),
    ...createMessagesSlice(deps)(...a),
    ...createMessageActionsSlice(deps)(...a),
    ...createTypingSlice(deps)(...a),
    ...createPreferencesSlice(deps)(...a),
    ...createHostSlice(deps)(...a),
    ...createLifecycleSlice(deps)(...a),
    ...createMediaSlice(deps)(...a),
    ...createContactsSlice(deps)(...a),
    ...createGroupManageSlice(deps)(...a),
    ...createCallsSlice(deps)(...a),
  }));
}
