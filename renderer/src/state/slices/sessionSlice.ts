import type { ErrorShape } from '../../../../shared/errors';
import type { RequestInput, RequestOutput } from '../../../../shared/ipc';
import type { Session } from '../../../../shared/domain';
import type { Slice } from '../types';

export type AppInfo = RequestOutput<'app:info'>;
export type SignInForm = RequestInput<'session:signIn'>;
export type RegisterForm = RequestInput<'session:register'>;

export interface SessionSlice {
  appInfo: AppInfo | null;
  /** `null` until the core has said who is signed in. */
  session: Session | null;
  authPending: boolean;
  authError: ErrorShape | null;
  /** Asks the core for app info, session and link at once; each reply applies as it lands. */
  appStarted(): Promise<void>;
  /** Asks the core who is signed in; a session:changed that lands meanwhile is newer and wins. */
  sessionRequested(): Promise<void>;
  signInSubmitted(form: SignInForm): Promise<void>;
  registerSubmitted(form: RegisterForm): Promise<void>;
  signOutRequested(): Promise<void>;
  sessionChanged(session: Session): void;
  authErrorDismissed(): void;
}

export const createSessionSlice: Slice<SessionSlice> = ({ api }) => (set, get) => {
  // Counts applied sessions, so a snapshot asked for before one of them is known to be older.
  let sessionsApplied = 0;

  async function authenticate(call: () => ReturnType<typeof api.invoke<'session:signIn'>>): Promise<void> {
    set({ authPending: true, authError: null });
    const result = await call();
    if (result.ok) {
      set({ authPending: false });
      get().sessionChanged(result.value);
    } else {
      set({ authPending: false, authError: result.error });
    }
  }

  return {
    appInfo: null,
    session: null,
    authPending: false,
    authError: null,

    async appStarted() {
      const appInfo = api.invoke('app:info', {}).then((info) => {
        if (info.ok) set({ appInfo: info.value });
      });
      await Promise.all([appInfo, get().sessionRequested(), get().connectionRequested()]);
    },

    async sessionRequested() {
      const asked = sessionsApplied;
      const result = await api.invoke('session:get', {});
      if (result.ok && sessionsApplied === asked) get().sessionChanged(result.value);
    },

    signInSubmitted: (form) => authenticate(() => api.invoke('session:signIn', form)),
    registerSubmitted: (form) => authenticate(() => api.invoke('session:register', form)),

    async signOutRequested() {
      const result = await api.invoke('session:signOut', {});
      if (result.ok) get().sessionChanged(result.value);
    },

    sessionChanged(session) {
      sessionsApplied++;
      const previous = get().session;
      const sameUser =
        previous?.state === 'signedIn' && session.state === 'signedIn' && previous.userId === session.userId;
      set({ session });
      if (sameUser) return;
      get().accountSwitched();
      if (session.state === 'signedIn') {
        void get().conversationsRequested();
        void get().contactsRequested();
        void get().groupsRequested();
        get().callHistoryPrimed(session.userId);
      }
    },

    authErrorDismissed: () => set({ authError: null }),
  };
};
