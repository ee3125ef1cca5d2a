import {
  GROUP_LIMITS,
  type TopicInfo,
  checkSend,
  checkTopicAction,
  communityOfTopic,
  groupConversationId,
  messageId,
} from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type Store } from '../../store/types';
import { type GroupAccess, decide } from '../groups/groupAccess';
import { type GroupMemberCache, type Standing } from './memberCache';
import { type GroupTip } from './tips';

export type MoveScope = 'one' | 'later' | 'all';
export type MoveTarget = { topicId: string } | { newTopic: { name: string; category?: string } };

/**
 * ADR 0005 (issue 5, beyond the seed): Zulip-style resolving of community topics and moving their
 * messages. Every decision goes through groupPermissions.ts: resolving is for whoever may send in the
 * topic (checkSend), moving needs ManageTopicInfo in both topics (ManageTopic covers it).
 */
export class TopicActionsService {
  constructor(
    readonly deps: {
      store: Store;
      access: GroupAccess;
      cache: GroupMemberCache;
      clock: Clock;
      recordTip: (tip: GroupTip) => Promise<void>;
      /** A new target topic, made as that user would make it (CommunitiesService.createTopic: its checks and tip). */
      createTopic: (userId: string, groupId: string, input: { name: string; category?: string }) => Promise<TopicInfo>;
    },
  ) {}

  private async standing(userId: string, topicId: string): Promise<Standing & { topic: NonNullable<Standing['topic']> }> {
    const groupId = communityOfTopic(topicId);
    if (!groupId) throw new AppError('topic_not_found');
    const standing = await this.deps.cache.standing(groupId, userId, topicId);
    if (!standing || !this.deps.access.visibleTo(standing.group, { userId })) throw new AppError('group_not_found');
    if (standing.group.type !== 'Community') throw new AppError('topic_not_enabled');
    if (standing.actor === 'NonMember') throw new AppError('group_not_member');
    if (standing.topic === null) throw new AppError('topic_not_found');
    return { ...standing, topic: standing.topic };
  }

  async setResolved(userId: string, topicId: string, resolved: boolean): Promise<TopicInfo> {
    const standing = await this.standing(userId, topicId);
    decide(
      checkSend({
        type: standing.group.type,
        actor: standing.actor,
        mutedUntil: standing.member?.mutedUntil ?? 0,
        nowSeconds: Math.floor(this.deps.clock.now() / 1000),
        muteAll: standing.group.muteAll,
        atAll: false,
        community: { bits: standing.bits },
        topic: { bits: standing.topic.bits, muteAll: standing.topic.info.muteAll },
      }),
    );
    if ((standing.topic.info.resolvedAt !== null) === resolved) return standing.topic.info;
    return this.changeResolved(standing, userId, resolved);
  }

  /** ADR 0005: a message sent into a resolved topic reopens it (the send itself was already allowed). */
  async reopenBySend(userId: string, standing: Standing): Promise<void> {
    if (standing.topic === null) return;
    // Read again: two sends racing into one resolved topic reopen it once, with one tip.
    const current = await this.deps.store.groups.topic(standing.topic.info.topicId);
    if (!current || current.resolvedAt === null) return;
    await this.changeResolved({ ...standing, topic: { ...standing.topic, info: current } }, userId, false);
  }

  private async changeResolved(standing: Standing & { topic: NonNullable<Standing['topic']> }, userId: string, resolved: boolean): Promise<TopicInfo> {
    const topicId = standing.topic.info.topicId;
    const changes = resolved ? { resolvedAt: Math.floor(this.deps.clock.now() / 1000), resolvedBy: userId } : { resolvedAt: null, resolvedBy: null };
    const topic = await this.deps.store.groups.updateTopic(topicId, changes);
    if (!topic) throw new AppError('topic_not_found');
    this.deps.access.push(await this.deps.store.groups.memberIds(topic.groupId), 'topic:changed', { topic });
    await this.deps.recordTip({ group: standing.group, kind: resolved ? 'topicResolved' : 'topicReopened', operator: userId, targets: [], topicId });
    return topic;
  }

  async moveMessages(
    userId: string,
    input: { fromTopicId: string; fromSeq: number; scope: MoveScope; target: MoveTarget },
  ): Promise<{ toTopicId: string; moved: number; remaining: number }> {
    const source = await this.standing(userId, input.fromTopicId);
    const groupId = source.group.groupId;
    decide(checkTopicAction(source.actor, 'manageTopicInfo', { community: source.bits, topic: source.topic.bits }));
    const selection = { fromKey: input.fromTopicId, fromSeq: input.fromSeq, scope: input.scope };
    const movable = await this.deps.store.groupMessages.moveTopicMessages({ ...selection, toKey: input.fromTopicId, limit: 0 });
    if (movable.remaining === 0) throw new AppError('message_not_found', 'There is nothing to move there: tips, recalled and moved messages stay.');

    let toTopicId: string;
    if ('topicId' in input.target) {
      toTopicId = input.target.topicId;
      if (communityOfTopic(toTopicId) !== groupId) throw new AppError('bad_request', 'Messages move only between topics of one community.');
      if (toTopicId === input.fromTopicId) throw new AppError('bad_request', 'The messages are already in that topic.');
      const target = await this.standing(userId, toTopicId);
      decide(checkTopicAction(target.actor, 'manageTopicInfo', { community: target.bits, topic: target.topic.bits }));
    } else {
      toTopicId = (await this.deps.createTopic(userId, groupId, input.target.newTopic)).topicId;
    }

    const result = await this.deps.store.groupMessages.moveTopicMessages({ ...selection, toKey: toTopicId, limit: GROUP_LIMITS.moveBatch });
    const count = result.moved.length;
    this.deps.access.push(await this.deps.store.groups.memberIds(groupId), 'topic:messagesMoved', {
      groupId,
      fromConversationId: groupConversationId(groupId, input.fromTopicId),
      toConversationId: groupConversationId(groupId, toTopicId),
    });
    const first = result.moved[0]?.copy;
    // FirstMessageId lets a client open the moved messages from the tip in the source.
    const changes = { FromTopicId: input.fromTopicId, ToTopicId: toTopicId, Count: String(count), FirstMessageId: first ? messageId(first.from, first.clientMsgId) : '' };
    for (const topicId of [input.fromTopicId, toTopicId]) {
      await this.deps.recordTip({ group: source.group, kind: 'messagesMoved', operator: userId, targets: [], changes, topicId });
    }
    return { toTopicId, moved: count, remaining: result.remaining };
  }
}
