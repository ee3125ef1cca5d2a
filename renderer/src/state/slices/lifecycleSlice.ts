import type { Slice } from '../types';
import { contactsReset } from './contactsSlice';
import { groupManageReset } from './groupManageSlice';

export interface LifecycleSlice {
  /** Another person signed in (or everyone signed out): nothing of the previous account may stay on screen. */
  accountSwitched(): void;
}

/** Message-action and conversation state of the previous account (M5–M16 flows). */
const actionsReset = {
  conversationError: null,
  composerModes: {},
  composerFills: {},
  selection: null,
  forwarding: null,
  reporting: null,
  moving: null,
  deleting: null,
  actionError: null,
  actionNotice: null,
  operationFailure: null,
  searchPanel: null,
};

export const createLifecycleSlice: Slice<LifecycleSlice> = () => (set) => ({
  accountSwitched: () =>
    set({ conversations: [], conversationsStatus: 'idle', activeConversationId: null, timelines: {}, typing: {}, sendErrors: {}, readReported: {}, viewer: null, relayStack: [], staging: {}, attachmentErrors: {}, ...actionsReset, ...contactsReset, ...groupManageReset }),
});
