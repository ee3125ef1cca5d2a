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
  appStarted(): Promise<void>;
  signInSubmitted(form: SignInForm): Promise<void>;
  registerSubmitted(form: RegisterForm): Promise<void>;
  signOutRequested(): Promise<void>;
  sessionChanged(session: Session): void;
  authErrorDismissed(): void;
}

export const createSessionSlice: Slice<SessionSlice> = ({ api }) => (set, get) => {
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
      const [info, session, connection] = await Promise.all([
        api.invoke('app:info', {}),
        api.invoke('session:get', {}),
        api.invoke('connection:get', {}),
      ]);
      if (info.ok) set({ appInfo: info.value });
      if (session.ok) get().sessionChanged(session.value);
      if (connection.ok) get().connectionChanged(connection.value);
    },

    signInSubmitted: (form) => authenticate(() => api.invoke('session:signIn', form)),
    registerSubmitted: (form) => authenticate(() => api.invoke('session:register', form)),

    async signOutRequested() {
      const result = await api.invoke('session:signOut', {});
      if (result.ok) get().sessionChanged(result.value);
    },

    sessionChanged(session) {
      const previous = get().session;
      const sameUser =
        previous?.state === 'signedIn' && session.state === 'signedIn' && previous.userId === session.userId;
      set({ session });
      if (sameUser) return;
      get().accountSwitched();
      if (session.state === 'signedIn') void get().conversationsRequested();
    },

    authErrorDismissed: () => set({ authError: null }),
  };
};
