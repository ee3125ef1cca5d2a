import type { Slice } from '../types';

export interface LifecycleSlice {
  /** Another person signed in (or everyone signed out): nothing of the previous account may stay on screen. */
  accountSwitched(): void;
}

export const createLifecycleSlice: Slice<LifecycleSlice> = () => (set) => ({
  accountSwitched: () =>
    set({ conversations: [], conversationsStatus: 'idle', activeConversationId: null, timelines: {}, typing: {}, sendErrors: {}, readReported: {}, viewer: null, relayStack: [], staging: {}, attachmentErrors: {} }),
});
