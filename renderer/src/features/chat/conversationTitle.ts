import type { TFunction } from 'i18next';
import type { Conversation } from '../../../../shared/domain';
import { displayName } from '../../i18n';

/**
 * What a conversation is called everywhere on screen (list row, header, landmarks, composer label): a
 * one-to-one chat by the peer's display name, a group by its name, a community topic by the topic's name.
 * Names come from the core's group cache; a group known only by ID (cache not filled yet) gets the
 * translated "Group chat" rather than an empty heading.
 */
export function conversationTitle(conversation: Conversation, t: TFunction): string {
  if (conversation.kind === 'c2c') return displayName(conversation.peer);
  const name = (conversation.topic?.name ?? '').trim() || conversation.group.name.trim();
  return name || t('chatTitle', { ns: 'groupChat' });
}

/** The UserID a one-to-one conversation is with; null for groups and topics. */
export function peerIdOf(conversation: Conversation): string | null {
  return conversation.kind === 'c2c' ? conversation.peer.userId : null;
}
