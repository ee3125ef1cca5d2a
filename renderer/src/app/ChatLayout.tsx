import { useState } from 'react';
import { ChatPane } from '../features/chat/ChatPane';
import { ConnectionBanner } from '../features/connection-banner/ConnectionBanner';
import { Sidebar } from '../features/conversation-list/Sidebar';
import { MediaViewer } from '../features/media-viewer/MediaViewer';
import { NewChatDialog } from '../features/new-chat/NewChatDialog';
import { RelayViewer } from '../features/relay-viewer/RelayViewer';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import './app.css';

/** The signed-in screen: banner over a two-column layout (nav list, main chat). */
export function ChatLayout() {
  const [dialog, setDialog] = useState<'newChat' | 'settings' | null>(null);
  const close = () => setDialog(null);
  return (
    <div className="app-shell">
      <ConnectionBanner />
      <div className="app-shell__columns">
        <Sidebar onNewChat={() => setDialog('newChat')} onOpenSettings={() => setDialog('settings')} />
        <ChatPane onNewChat={() => setDialog('newChat')} />
      </div>
      <NewChatDialog open={dialog === 'newChat'} onClose={close} />
      <SettingsDialog open={dialog === 'settings'} onClose={close} />
      <RelayViewer />
      <MediaViewer />
    </div>
  );
}
