import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupConversation } from '../../../../shared/domain';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { isResolved } from '../../state/community';
import { useGroupSend } from '../composer/useGroupSend';
import { ResolvedIcon } from '../message-actions/actionIcons';

/**
 * ADR 0005: "Mark as resolved" / "Reopen topic" in a topic's header, for whoever may send there (the server's
 * rule, checkSend, decides the same way); hidden from those who may not.
 */
export function TopicResolveButton({ conversation }: { conversation: GroupConversation }) {
  const { t } = useTranslation('community');
  const { t: tMain } = useTranslation();
  const topicId = conversation.topicId;
  const topic = useChatStore((s) => s.groupTopics[conversation.groupId]?.find((entry) => entry.topicId === topicId));
  const topicResolvedRequested = useChatStore((s) => s.topicResolvedRequested);
  const send = useGroupSend(conversation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!topicId || !topic || send?.refusal !== null) return null;
  const resolved = isResolved(topic);
  const label = resolved ? t('reopen') : t('resolve');

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const outcome = await topicResolvedRequested(topicId, !resolved);
    setBusy(false);
    if (!outcome.ok) setError(t('resolveFailed', { reason: errorText(tMain, outcome.error) }));
  };

  return (
    <>
      <button
        type="button"
        className={`icon-button topic-resolve ${resolved ? 'topic-resolve--on' : ''}`}
        aria-label={label}
        title={label}
        disabled={busy}
        onClick={() => void toggle()}
      >
        <ResolvedIcon />
      </button>
      {error && (
        <p className="alert alert--error chat-header__alert" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
