import { createContext, useContext, useSyncExternalStore } from 'react';
import type { CallId, CallMedia, GroupId, UserId } from '../../../../shared/domain';
import type { CallEngine, EngineSnapshot } from './callEngine';

export interface CallActions {
  start(target: { userId: UserId } | { groupId: GroupId; userIds: UserId[] }, media: CallMedia): Promise<void>;
  accept(callId: CallId, asAudio?: boolean): Promise<void>;
  decline(callId: CallId): Promise<void>;
  hangUp(callId: CallId): Promise<void>;
  join(callId: CallId): Promise<void>;
  invite(callId: CallId, userIds: UserId[]): Promise<boolean>;
}

export interface CallContextValue {
  engine: CallEngine;
  actions: CallActions;
}

export const CallContext = createContext<CallContextValue | null>(null);

export function useCallActions(): CallActions | null {
  return useContext(CallContext)?.actions ?? null;
}

const NO_ENGINE = () => () => undefined;

export function useEngineSnapshot(): EngineSnapshot | null {
  const engine = useContext(CallContext)?.engine ?? null;
  return useSyncExternalStore(engine ? engine.subscribe : NO_ENGINE, () => (engine ? engine.getSnapshot() : null));
}

export function useCallEngine(): CallEngine | null {
  return useContext(CallContext)?.engine ?? null;
}
