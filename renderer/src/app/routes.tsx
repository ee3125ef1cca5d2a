import { useChatStore } from '../state';
import { SignInScreen } from '../features/sign-in/SignInScreen';
import { ChatLayout } from './ChatLayout';
import { HostLostScreen, SplashScreen } from './screens';

/** Which screen: decided by session state alone, so there is no URL routing to keep in sync. */
export function Routes() {
  const hostLink = useChatStore((s) => s.hostLink);
  const session = useChatStore((s) => s.session);
  if (hostLink === 'lost') return <HostLostScreen />;
  if (session === null) return <SplashScreen />;
  if (session.state === 'signedOut') return <SignInScreen />;
  return <ChatLayout />;
}
