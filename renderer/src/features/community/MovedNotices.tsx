import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseConversationId, type ChatMessage, type GroupConversationId, type MessageId } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { useTransientFlag } from '../useTransientFlag';
import { movedAwayTarget } from './movedTips';
import { useTopicName } from './useTopicName';

/** Opens a topic conversation and, when given, shows one of its messages highlighted; false if it is not there. */
function useOpenInTopic(): (conversationId: GroupConversationId, messageId: MessageId | null) => Promise<boolean> {
  const topicOpened = useChatStore((s) => s.topicOpened);
  const jumpToMessageRequested = useChatStore((s) => s.jumpToMessageRequested);
  return async (conversationId, messageId) => {
    const parsed = parseConversationId(conversationId);
    if (parsed?.kind !== 'group' || parsed.topicId === null) return false;
    const opened = await topicOpened(parsed.groupId, parsed.topicId);
    if (!opened.ok) return false;
    return messageId === null || jumpToMessageRequested(conversationId, messageId);
  };
}

function topicOf(conversationId: string): string {
  const parsed = parseConversationId(conversationId);
  return parsed?.kind === 'group' ? (parsed.topicId ?? '') : '';
}

/**
 * ADR 0005: in the topic messages left, the "Alice moved 3 messages from #general to #plans" tip carries a link
 * to them (the moved messages themselves leave this timeline, as Zulip's do). Any other tip is `fallback`.
 */
export function MovedAwayTip({ message, text, fallback }: { message: ChatMessage; text: string; fallback: ReactNode }) {
  const { t } = useTranslation('community');
  const topicName = useTopicName();
  const open = useOpenInTopic();
  const [missing, setMissing] = useTransientFlag();
  const target = movedAwayTarget(message);
  if (!target) return <>{fallback}</>;
  const name = topicName(topicOf(target.conversationId));
  return (
    <p className="group-tip moved-notice" role="note">
      <span className="group-tip__text">
        {text}
        <span aria-hidden="true"> · </span>
        <button type="button" className="link-button moved-notice__open" onClick={() => void open(target.conversationId, target.messageId).then((found) => setMissing(!found))}>
          {t('movedToOpen', { topic: name })}
        </button>
      </span>
      {missing && (
        <span className="moved-notice__missing" role="status">
          {t('movedMissing')}
        </span>
      )}
    </p>
  );
}

/** ADR 0005: "Moved from #general" beside the time of a message moved here; it opens the topic it came from. */
export function MovedFromMarker({ message }: { message: ChatMessage }) {
  const { t } = useTranslation('community');
  const topicName = useTopicName();
  const open = useOpenInTopic();
  const from = message.movedFrom;
  if (!from) return null;
  const label = t('movedFrom', { topic: topicName(topicOf(from.conversationId)) });
  return (
    <button type="button" className="moved-from" title={label} onClick={() => void open(from.conversationId, null)}>
      {label}
    </button>
  );
}
