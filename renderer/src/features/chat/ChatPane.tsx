import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { selectActiveConversation, useChatStore } from '../../state';
import { AttachmentArea } from '../composer/AttachmentArea';
import { Composer } from '../composer/Composer';
import { MessageActionsLayer } from '../message-actions/MessageActionsLayer';
import { SelectionBar } from '../message-actions/SelectionBar';
import { ChatHeader } from './ChatHeader';
import { conversationTitle } from './conversationTitle';
import { NoChatSelected } from './NoChatSelected';
import { Timeline } from './Timeline';
import './chat.css';

/** The main landmark: the open conversation, or guidance when none is open. */
export function ChatPane({ onNewChat }: { onNewChat: () => void }) {
  const { t } = useTranslation();
  const conversation = useChatStore(selectActiveConversation);
  return (
    <main className="chat-pane" aria-label={conversation ? conversationTitle(conversation, t) : t('chat.pickTitle')}>
      {conversation ? <OpenChat key={conversation.id} conversation={conversation} /> : <NoChatSelected onNewChat={onNewChat} />}
    </main>
  );
}

function OpenChat({ conversation }: { conversation: Conversation }) {
  const selecting = useChatStore((s) => s.selection?.conversationId === conversation.id);
  return (
    <>
      <ChatHeader conversation={conversation} />
      <AttachmentArea conversation={conversation}>
        <Timeline conversation={conversation} />
        {/* Select mode (M7) shows its bar instead; the composer stays mounted and keeps its text. */}
        <div className="composer-slot" hidden={selecting}>
          <Composer conversation={conversation} />
        </div>
        {selecting && <SelectionBar conversationId={conversation.id} />}
      </AttachmentArea>
      <MessageActionsLayer />
    </>
  );
}
