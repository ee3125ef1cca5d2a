import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { GroupAvatar } from '../group-manage/GroupAvatar';
import { conversationTitle } from './conversationTitle';

type Size = 'small' | 'medium' | 'large' | 'xlarge';

/**
 * A conversation's picture: the peer's monogram with presence for one-to-one chats; for a group its photo
 * (faceUrl through the core's media route, as user photos) or monogram, with the small type glyph; a topic
 * shows the topic's own picture when it has one, else the community's.
 */
export function ConversationAvatar({ conversation, size = 'medium', showPresence = true }: { conversation: Conversation; size?: Size; showPresence?: boolean }) {
  const { t } = useTranslation();
  const name = conversationTitle(conversation, t);
  if (conversation.kind === 'c2c') {
    const presence = showPresence ? conversation.presence : null;
    return <Avatar id={conversation.peer.userId} name={name} size={size} presence={presence} presenceLabel={presence ? t(`conversation.${presence}`) : undefined} />;
  }
  const faceUrl = conversation.topic?.faceUrl || conversation.group.faceUrl;
  return <GroupAvatar group={{ groupId: conversation.groupId, name, faceUrl, type: conversation.groupType }} size={size} />;
}
