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
  /** Asks the core for the link's state; a connection:changed that lands meanwhile is newer and wins. */
  connectionRequested(): Promise<void>;
}

export const createConnectionSlice: Slice<ConnectionSlice> = ({ api, now, setTimer, clearTimer }) => (set, get) => {
  // Counts applied states, so a snapshot asked for before one of them is known to be older.
  let statesApplied = 0;
  let backOnlineTimer: unknown = null;
  // Only a link that failed (a retry was scheduled) "comes back"; a first connect after sign-in does not.
  let failedSinceOnline = false;
  return {
    connection: null,
    backOnline: false,
    async connectionRequested() {
      const asked = statesApplied;
      const result = await api.invoke('connection:get', {});
      if (result.ok && statesApplied === asked) get().connectionChanged(result.value);
    },

    connectionChanged(state) {
      statesApplied++;
      const wasOnline = get().connection?.status === 'online';
      if (state.status === 'offline' && state.retryInMs !== null) failedSinceOnline = true;
      const cameBack = state.status === 'online' && failedSinceOnline;
      if (state.status === 'online') failedSinceOnline = false;
      if (backOnlineTimer !== null && state.status !== 'online') {
        clearTimer(backOnlineTimer);
        backOnlineTimer = null;
      }
      set({ connection: { ...state, receivedAt: now() }, backOnline: cameBack || (get().backOnline && state.status === 'online') });
      if (state.status === 'online') get().stalledHistoryResumed();
      // Calls missed while away are in the server's history (the Calls tab's badge counts them).
      if (state.status === 'online' && !wasOnline && get().session?.state === 'signedIn') void get().callHistoryRequested();
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
