import type { TFunction } from 'i18next';
import type { Conversation } from '../../../../shared/domain';
import { messageText } from '../../i18n';
import { callHistoryT, callRecordOf, callRecordPreview } from '../../i18n/callRecordText';
import { conversationTitle } from '../chat/conversationTitle';
import { bodyTipText, type NameOf } from '../message-content/groupTipText';

export interface RowPreview {
  /** M8: "[@me]" / "[@all]" shown in red before the text while an unread message mentions me or everyone. */
  mention: 'me' | 'all' | null;
  text: string;
}

/**
 * What a Chats row says under its name (ADR 0004 §7). One-to-one: the last message ("You: …" for mine).
 * Groups: "Sender: text" (the sender as I name them; their UserID until the core knows a name), a tip as its
 * sentence ("Alice joined the group").
 */
export function rowPreview(conversation: Conversation, t: TFunction, tg: TFunction<'groupChat'>, nameOf: NameOf): RowPreview {
  const last = conversation.lastMessage;
  const mention = conversation.kind === 'group' ? conversation.unreadMention : null;
  if (!last) return { mention, text: t('conversation.noMessages') };
  const sender = conversation.kind === 'c2c' ? conversationTitle(conversation, t) : last.senderName?.trim() || last.from;
  if (last.recalled) return { mention, text: last.isOwn ? t('actions.youRecalled') : t('actions.peerRecalled', { name: sender }) };
  if (last.isTip) return { mention, text: bodyTipText(last.body, nameOf, tg) ?? messageText(last.body, t) };
  // C5: a call record reads as what happened from my side ("[Video call] 02:13", "[Missed call]"), unprefixed.
  const record = callRecordOf(last.body);
  if (record) return { mention, text: callRecordPreview(record, last.isOwn ? 'caller' : 'callee', callHistoryT(t)) };
  const text = messageText(last.body, t);
  if (last.isOwn) return { mention, text: t('conversation.youPrefix', { text }) };
  if (conversation.kind === 'group') return { mention, text: tg('list.senderPrefix', { name: sender, text, interpolation: { escapeValue: false } }) };
  return { mention, text };
}
