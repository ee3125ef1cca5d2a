import type { IpcHandlers } from '../../shared/ipc';
import type { SessionManager } from './services/session/sessionManager';

export interface RendererApiDeps {
  sessions: SessionManager;
  appInfo: { version: string; defaultServerUrl: string | null; host: 'electron' | 'web' };
}

/**
 * The renderer ↔ core contract, one small function per channel. Inputs arrive already
 * parsed by the host (shared/ipc/dispatch.ts); errors are thrown as AppError and turned
 * into the reply envelope there. Calls needing an account fail with `unauthenticated`.
 */
export function createRendererApi({ sessions, appInfo }: RendererApiDeps): IpcHandlers {
  const account = () => sessions.requireAccount();
  return {
    'app:info': async () => ({ ...appInfo }),
    'session:get': async () => sessions.current(),
    'connection:get': async () => sessions.connectionState(),
    'session:register': (input) => sessions.register(input),
    'session:signIn': (input) => sessions.signIn(input),
    'session:signOut': () => sessions.signOut(null),
    'conversations:list': async () => account().conversations.list(),
    'conversations:open': (input) => account().conversations.open(input.peer),
    'conversations:markRead': async (input) => {
      account().conversations.markRead(input.conversationId, input.upToSeq);
      return {};
    },
    'messages:page': (input) => account().messages.page(input),
    'messages:send': async (input) => {
      const message = account().messages.send(input);
      account().typing.messageSent(input.conversationId);
      return message;
    },
    'messages:retry': async (input) => account().messages.retry(input),
    'typing:notify': async (input) => {
      account().typing.notify(input.conversationId);
      return {};
    },
    'users:lookup': (input) => account().conversations.lookup(input.userId),
  };
}
