import { useState } from 'react';
import { CallHistoryScreen } from '../features/call-history/CallHistoryScreen';
import { ChatPane } from '../features/chat/ChatPane';
import { CommunityScreen } from '../features/community/CommunityScreen';
import { ConnectionBanner } from '../features/connection-banner/ConnectionBanner';
import { ContactsScreen } from '../features/contacts/ContactsScreen';
import { NavRail } from '../features/contacts/NavRail';
import { ProfileDialog } from '../features/contacts/ProfileDialog';
import { Sidebar } from '../features/conversation-list/Sidebar';
import { MediaViewer } from '../features/media-viewer/MediaViewer';
import { GroupNotices } from '../features/group-manage/GroupNotices';
import { NewChatDialog } from '../features/new-chat/NewChatDialog';
import { ProfileEditorDialog } from '../features/profile/ProfileEditorDialog';
import { RelayViewer } from '../features/relay-viewer/RelayViewer';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { CallLayer } from '../features/calls/CallLayer';
import { MessageNotifier } from '../features/notifications/MessageNotifier';
import { useChatStore } from '../state';
import './app.css';

/** The signed-in screen: banner over the rail and Chats (conversation list, open chat), Contacts or a community. */
export function ChatLayout() {
  const [dialog, setDialog] = useState<'newChat' | 'settings' | 'myProfile' | null>(null);
  const section = useChatStore((s) => s.section);
  const communityId = useChatStore((s) => s.activeCommunityId);
  const close = () => setDialog(null);
  return (
    <div className="app-shell">
      <CallLayer>
      <ConnectionBanner />
      <div className="app-shell__body">
        <NavRail onOpenMyProfile={() => setDialog('myProfile')} />
        {section === 'contacts' ? (
          <ContactsScreen />
        ) : section === 'calls' ? (
          <CallHistoryScreen />
        ) : section === 'community' && communityId !== null ? (
          <CommunityScreen key={communityId} groupId={communityId} onNewChat={() => setDialog('newChat')} />
        ) : (
          <div className="app-shell__columns">
            <Sidebar onNewChat={() => setDialog('newChat')} onOpenSettings={() => setDialog('settings')} />
            <ChatPane onNewChat={() => setDialog('newChat')} />
          </div>
        )}
      </div>
      <NewChatDialog open={dialog === 'newChat'} onClose={close} />
      <SettingsDialog open={dialog === 'settings'} onClose={close} onEditProfile={() => setDialog('myProfile')} />
      <ProfileEditorDialog open={dialog === 'myProfile'} onClose={close} />
      <ProfileDialog />
      <RelayViewer />
      <MediaViewer />
      <GroupNotices />
      <MessageNotifier />
      </CallLayer>
    </div>
  );
}
