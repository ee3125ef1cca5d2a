import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ChatStore } from './store';
import type { ChatState } from './types';

const StoreContext = createContext<ChatStore | null>(null);

export function StoreProvider({ store, children }: { store: ChatStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for code that reads state at the moment it acts (the call engine's wiring). */
export function useChatStoreApi(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useChatStore must be used inside <StoreProvider>.');
  return store;
}

/** Reads one narrow piece of state; select atoms, or wrap object selectors in useShallow. */
export function useChatStore<T>(selector: (state: ChatState) => T): T {
  return useStore(useChatStoreApi(), selector);
}
