import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { communityOfTopic } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import type { TopicNameOf } from '../message-content/groupTipText';

/** ADR 0005: a topic named as its community's cached list names it ("a deleted topic" when it is gone). */
export function useTopicName(): TopicNameOf {
  const { t } = useTranslation('community');
  const groupTopics = useChatStore((s) => s.groupTopics);
  return useCallback(
    (topicId: string) => {
      const groupId = communityOfTopic(topicId);
      const topic = groupId ? groupTopics[groupId]?.find((entry) => entry.topicId === topicId) : undefined;
      return topic?.name ?? t('unknownTopic');
    },
    [groupTopics, t],
  );
}
