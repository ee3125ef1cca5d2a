import type { StateCreator } from 'zustand/vanilla';
import type { ChatApi } from '../api/chatApi';
import type { ConnectionSlice } from './slices/connectionSlice';
import type { ConversationsSlice } from './slices/conversationsSlice';
import type { HostSlice } from './slices/hostSlice';
import type { MessageActionsSlice } from './slices/messageActionsSlice';
import type { MessagesSlice } from './slices/messagesSlice';
import type { PreferencesSlice } from './slices/preferencesSlice';
import type { SessionSlice } from './slices/sessionSlice';
import type { TypingSlice } from './slices/typingSlice';
import type { LifecycleSlice } from './slices/lifecycleSlice';
import type { MediaSlice } from './slices/mediaSlice';
import type { ContactsSlice } from './slices/contactsSlice';
import type { GroupManageSlice } from './slices/groupManageSlice';
import type { CallsSlice } from './slices/callsSlice';

export type ChatState = SessionSlice & ConnectionSlice & ConversationsSlice & MessagesSlice & MessageActionsSlice & TypingSlice & PreferencesSlice & HostSlice & LifecycleSlice & MediaSlice & ContactsSlice & GroupManageSlice & CallsSlice;

export type Theme = 'system' | 'light' | 'dark';
export type Language = 'en' | 'zh-CN';
export interface Preferences {
  theme: Theme;
  language: Language;
  /** System notifications for new messages while the app is in the background. */
  notifications: boolean;
  /** Whether they show the message's text, or only who wrote ("New message"). */
  notificationPreview: boolean;
}

/** Where preferences live between launches (localStorage in the app; memory in tests). */
export interface PreferencesStorage {
  load(): Partial<Preferences>;
  save(preferences: Preferences): void;
}

/** Small per-device marks that outlive a launch, such as when the Calls section was last seen (localStorage in the app). */
export interface MarkStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface StoreDeps {
  api: ChatApi;
  preferences: PreferencesStorage;
  marks: MarkStorage;
  /** The language to use until the person picks one (from navigator.language). */
  systemLanguage: Language;
  now: () => number;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export type Slice<T> = (deps: StoreDeps) => StateCreator<ChatState, [], [], T>;
