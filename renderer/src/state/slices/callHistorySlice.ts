import type { CallId, CallMedia, UserId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { CallView } from '../../../../shared/ipc';
import type { Slice } from '../types';

export type CallHistoryFilter = 'all' | 'missed';

/** One page of calls:history (the server caps pages at CALL_LIMITS.historyPageMax). */
export const CALL_HISTORY_PAGE = 30;

/**
 * C5: the Calls section's list — my calls, newest first, in pages from `calls:history`. A call that ends while the
 * list is loaded brings the first page again (`callHistoryRequested`); pages already loaded further down are kept.
 */
export interface CallHistorySlice {
  callHistory: CallView[];
  /** Cursor of the next older page: null before the first page arrived, '' at the end. */
  callHistoryNext: string | null;
  callHistoryStatus: 'idle' | 'loading' | 'ready' | 'failed';
  callHistoryError: ErrorShape | null;
  callHistoryFilter: CallHistoryFilter;
  /** Unix ms up to which missed calls count as seen on this device (the Calls tab's badge counts those after). */
  callsSeenAt: number;

  /** Signed in: when this device last saw the Calls section (a device new to the account starts now), then the newest page. */
  callHistoryPrimed(userId: UserId): void;
  /** The Calls section was on screen: its calls count as seen. */
  callsSeen(): void;
  /** The newest page, merged over what is loaded (opening the section, a call ended). */
  callHistoryRequested(): Promise<void>;
  /** The next older page (scrolled to the end, or "Load more"). */
  callHistoryMoreRequested(): Promise<void>;
  callHistoryFilterChosen(filter: CallHistoryFilter): void;
  /** Call back from a one-to-one row: the calls slice's start when there is one (the in-call UI), else `calls:start`. */
  callBackRequested(peer: UserId, media: CallMedia): Promise<{ ok: true } | { ok: false; error: ErrorShape }>;
}

type StartCall = (target: { userId: UserId }, media: CallMedia) => Promise<{ ok: true } | { ok: false; error: ErrorShape }>;

export const callHistoryReset = {
  callHistory: [],
  callHistoryNext: null,
  callHistoryStatus: 'idle',
  callHistoryError: null,
  callHistoryFilter: 'all',
  callsSeenAt: 0,
} satisfies Partial<CallHistorySlice>;

/** A fresh first page over the loaded list: the page wins for its calls; older loaded calls stay below it. */
export function mergeNewestPage(loaded: readonly CallView[], page: readonly CallView[], pageIsWhole: boolean): CallView[] {
  if (pageIsWhole) return [...page];
  const inPage = new Set<CallId>(page.map((c) => c.callId));
  const oldest = page.length > 0 ? Math.min(...page.map((c) => c.createdAt)) : Infinity;
  return [...page, ...loaded.filter((c) => !inPage.has(c.callId) && c.createdAt <= oldest)];
}

/** An older page below the loaded list (a call already listed is not listed twice). */
export function appendOlderPage(loaded: readonly CallView[], page: readonly CallView[]): CallView[] {
  const listed = new Set<CallId>(loaded.map((c) => c.callId));
  return [...loaded, ...page.filter((c) => !listed.has(c.callId))];
}

const seenKey = (userId: UserId) => `callsSeenAt.${userId}`;

export const createCallHistorySlice: Slice<CallHistorySlice> = ({ api, marks, now }) => (set, get) => {
  // Only the newest request may write the first page; a slow older answer is dropped.
  let generation = 0;
  let loadingMore = false;
  return {
    ...callHistoryReset,

    callHistoryPrimed(userId) {
      const stored = Number(marks.get(seenKey(userId)));
      const seenAt = stored > 0 ? stored : now();
      if (!(stored > 0)) marks.set(seenKey(userId), String(seenAt));
      set({ callsSeenAt: seenAt });
      void get().callHistoryRequested();
    },

    callsSeen() {
      const session = get().session;
      if (session?.state !== 'signedIn') return;
      // The server's clock stamps the calls: a newest call stamped ahead of this clock is still seen.
      const seenAt = Math.max(now(), ...get().callHistory.map((c) => c.createdAt));
      marks.set(seenKey(session.userId), String(seenAt));
      set({ callsSeenAt: seenAt });
    },

    async callHistoryRequested() {
      const mine = ++generation;
      if (get().callHistoryNext === null) set({ callHistoryStatus: 'loading', callHistoryError: null });
      const page = await api.invoke('calls:history', { limit: CALL_HISTORY_PAGE });
      if (mine !== generation) return;
      if (!page.ok) {
        set({ callHistoryStatus: get().callHistoryNext === null ? 'failed' : 'ready', callHistoryError: page.error });
        return;
      }
      const firstLoad = get().callHistoryNext === null;
      // Nothing loaded beyond one page: the fresh page is the whole list (and its cursor the next one).
      const whole = firstLoad || get().callHistory.length <= CALL_HISTORY_PAGE;
      set({
        callHistory: mergeNewestPage(get().callHistory, page.value.calls, whole),
        callHistoryNext: whole ? page.value.next : (get().callHistoryNext ?? ''),
        callHistoryStatus: 'ready',
        callHistoryError: null,
      });
    },

    async callHistoryMoreRequested() {
      const cursor = get().callHistoryNext;
      if (!cursor || loadingMore) return;
      loadingMore = true;
      const mine = generation;
      try {
        const page = await api.invoke('calls:history', { cursor, limit: CALL_HISTORY_PAGE });
        if (mine !== generation && get().callHistoryNext !== cursor) return;
        if (!page.ok) {
          set({ callHistoryError: page.error });
          return;
        }
        set({ callHistory: appendOlderPage(get().callHistory, page.value.calls), callHistoryNext: page.value.next, callHistoryError: null });
      } finally {
        loadingMore = false;
      }
    },

    callHistoryFilterChosen(filter) {
      set({ callHistoryFilter: filter });
    },

    async callBackRequested(peer, media) {
      const start = (get() as unknown as { callStartRequested?: StartCall }).callStartRequested;
      if (start) return start({ userId: peer }, media);
      const started = await api.invoke('calls:start', { target: { userId: peer }, media });
      return started.ok ? { ok: true } : { ok: false, error: started.error };
    },
  };
};
