import { useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, GroupAt, GroupConversation } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { ReceiptToggle } from './ReceiptToggle';
import { RefusalBanner } from './RefusalBanner';
import { refusalText, sendFailure } from './refusal';
import { useGroupSend } from './useGroupSend';
import { useMentions, type Mentions } from './useMentions';

export interface GroupComposer {
  /** Shown instead of the composer while checkSend refuses (null: the composer is shown). */
  banner: ReactNode;
  /** Why the last send failed for a group rule the cache did not know yet ("You're muted until …"). */
  failedReason: string | null;
  mentions: Mentions;
  /** The "Request read receipt" toggle, or null (one-to-one chats, AVChatRoom). */
  receiptToggle: ReactNode;
  /** Shown under the box while receipts are requested. */
  receiptNote: string | null;
  /** What a send of `text` carries besides it. */
  extras: (text: string) => { groupAt?: GroupAt; needReceipt?: boolean };
  /** After a successful send. */
  sent: () => void;
}

const asGroup = (conversation: Conversation): GroupConversation | null => (conversation.kind === 'group' ? conversation : null);

/**
 * Everything the composer does only in group and topic conversations (ADR 0004 §7 "Composer"): the @-picker,
 * the refusal banner, the read-receipt toggle, and what a send carries. In a one-to-one chat it is inert.
 */
export function useGroupComposer(
  conversation: Conversation,
  text: string,
  setText: (text: string) => void,
  textarea: RefObject<HTMLTextAreaElement | null>,
): GroupComposer {
  const { t } = useTranslation('groupChat');
  const { t: tMain, i18n } = useTranslation();
  const group = asGroup(conversation);
  const send = useGroupSend(group);
  const mentions = useMentions(group?.groupId ?? null, send?.mayAtAll ?? false, text, setText, textarea);
  // M6: stays on for the next sends until turned off (per open conversation).
  const [receipt, setReceipt] = useState(false);
  const newest = useChatStore((s) => {
    const messages = group ? s.timelines[group.id]?.messages : undefined;
    return messages?.[messages.length - 1];
  });
  const sendError = useChatStore((s) => (group ? s.sendErrors[group.id] : undefined));

  // A refusal that came and went (muted, then unmuted) settles the send it failed: its reason is old news.
  const refusal = send?.refusal ?? null;
  const [seenRefusal, setSeenRefusal] = useState(refusal);
  const [settledId, setSettledId] = useState<string | null>(null);
  if (seenRefusal !== refusal) {
    setSeenRefusal(refusal);
    if (refusal === null && newest) setSettledId(newest.id);
  }

  const context = { mutedUntil: send?.mutedUntil ?? 0, nowMs: send?.nowMs ?? 0, language: i18n.language, inTopic: group?.topicId != null };
  const failure = sendFailure(sendError, newest, settledId);
  const offersReceipt = group !== null && group.groupType !== 'AVChatRoom' && refusal === null;

  return {
    banner:
      group && send && refusal ? <RefusalBanner refusal={{ code: refusal, message: '' }} mutedUntil={send.mutedUntil} nowMs={send.nowMs} inTopic={group.topicId !== null} /> : null,
    failedReason: group && failure && !refusal ? refusalText(t, tMain, failure, context) : null,
    mentions,
    receiptToggle: offersReceipt ? <ReceiptToggle pressed={receipt} onToggle={() => setReceipt((on) => !on)} /> : null,
    receiptNote: offersReceipt && receipt ? t('composer.receiptOn') : null,
    extras: (current) => {
      if (!group) return {};
      const groupAt = mentions.groupAt(current);
      return { ...(groupAt ? { groupAt } : {}), ...(offersReceipt && receipt ? { needReceipt: true } : {}) };
    },
    sent: () => mentions.clear(),
  };
}
