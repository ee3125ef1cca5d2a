import type { ConnectionState } from '../../../../shared/domain';
import type { Slice } from '../types';

/** How long "Back online" stays up after the link returns. */
export const BACK_ONLINE_MS = 3000;

export interface ConnectionSlice {
  /** The core's link to the server; `null` until the core reports it. */
  connection: (ConnectionState & { receivedAt: number }) | null;
  /** Set while the banner says "Back online". */
  backOnline: boolean;
  connectionChanged(state: ConnectionState): void;
}

export const createConnectionSlice: Slice<ConnectionSlice> = ({ now, setTimer, clearTimer }) => (set, get) => {
  let backOnlineTimer: unknown = null;
  return {
    connection: null,
    backOnline: false,
    connectionChanged(state) {
      const previous = get().connection;
      const cameBack = state.status === 'online' && previous !== null && previous.status !== 'online';
      if (backOnlineTimer !== null && state.status !== 'online') {
        clearTimer(backOnlineTimer);
        backOnlineTimer = null;
      }
      set({ connection: { ...state, receivedAt: now() }, backOnline: cameBack || (get().backOnline && state.status === 'online') });
      if (cameBack) {
        if (backOnlineTimer !== null) clearTimer(backOnlineTimer);
        backOnlineTimer = setTimer(() => {
          backOnlineTimer = null;
          set({ backOnline: false });
        }, BACK_ONLINE_MS);
      }
    },
  };
};
