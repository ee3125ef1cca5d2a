import { AppError, ERRORS } from '../../../../shared/errors';
import { TOPIC_ID_SEPARATOR, communityOfTopic } from '../../../../shared/domain';
import { TencentError } from '../../errors';
import { APP_ADMIN, type GroupIdentity, asUser } from '../../features/groups';
import { type V4Command } from './command';
import { type GroupCommandDeps, assertUsersExist, groupCommand, nowSeconds } from './groupCommon';
import { toFilter, topicInfo } from './groupReplies';
import { CreateTopicBody, DestroyTopicBody, GROUP_ID_INVALID, GetTopicBody, ModifyTopicBody, parseBody } from './groupSchemas';

/** Topic replies say "ok" where other services leave ErrorInfo empty (contract §3.16). */
const OK = 'ok';

/**
 * S1 `million_group_open_http_svc/*` (contract §3.16): topics of a community
 * (11000 elsewhere). A documented From_Account acts as that member, with their
 * community and topic permissions; without one the app admin acts.
 */
export function topicCommands({ groups, store, clock }: GroupCommandDeps): Record<string, V4Command> {
  const { communities } = groups;

  async function actor(from: string | undefined): Promise<GroupIdentity> {
    if (from === undefined) return APP_ADMIN;
    await assertUsersExist(store, [from]);
    return asUser(from);
  }

  function assertInGroup(topicId: string, groupId: string): void {
    if (communityOfTopic(topicId) !== groupId) throw new TencentError(GROUP_ID_INVALID, `${topicId} is not a topic of ${groupId}.`);
  }

  return {
    'million_group_open_http_svc/create_topic': groupCommand(async ({ body }) => {
      const input = parseBody(CreateTopicBody, body);
      const identity = await actor(input.From_Account);
      const prefix = `${input.GroupId}${TOPIC_ID_SEPARATOR}`;
      if (input.TopicId !== undefined && !input.TopicId.startsWith(prefix)) {
        throw new TencentError(GROUP_ID_INVALID, `A custom TopicId is ${prefix}<your part>.`);
      }
      const topic = await communities.createTopic(identity, input.GroupId, {
        name: input.TopicName,
        customPart: input.TopicId?.slice(prefix.length),
        introduction: input.Introduction,
        notification: input.Notification,
        faceUrl: input.FaceUrl,
        customString: input.CustomString,
      });
      return { TopicId: topic.topicId };
    }),

    'million_group_open_http_svc/get_topic': groupCommand(async ({ body }) => {
      const input = parseBody(GetTopicBody, body);
      const from = input.From_Account;
      // The topics as From_Account sees them (a member only); SelfInfo is theirs.
      const topics = await communities.topics(await actor(from), input.GroupId);
      const member = await store.groups.member(input.GroupId, from);
      const now = nowSeconds(clock);
      const self = member ? { ShutUpTime: member.mutedUntil > now ? member.mutedUntil : 0, MsgFlag: member.msgFlag } : {};
      const filter = toFilter(input.ResponseFilter);
      const byId = new Map(topics.map((t) => [t.topicId, t]));
      const wanted = input.TopicIdList ?? topics.map((t) => t.topicId);
      return {
        ErrorInfo: OK,
        TopicAndSelfInfo: wanted.map((topicId) => {
          const topic = byId.get(topicId);
          if (!topic) {
            return { ErrorCode: ERRORS.topic_not_found.tencentCode, ErrorInfo: ERRORS.topic_not_found.message, TopicInfo: { TopicId: topicId } };
          }
          return { ErrorCode: 0, ErrorInfo: OK, SelfInfo: self, TopicInfo: topicInfo(topic, filter) };
        }),
      };
    }),

    'million_group_open_http_svc/modify_topic': groupCommand(async ({ body }) => {
      const input = parseBody(ModifyTopicBody, body);
      assertInGroup(input.TopicId, input.GroupId);
      const changes = {
        name: input.TopicName,
        introduction: input.Introduction,
        notification: input.Notification,
        faceUrl: input.FaceUrl,
        customString: input.CustomString,
        muteAll: input.MuteAllMember,
      };
      await communities.updateTopic(await actor(input.From_Account), input.TopicId, changes);
      return { ErrorInfo: OK };
    }),

    'million_group_open_http_svc/destroy_topic': groupCommand(async ({ body }) => {
      const input = parseBody(DestroyTopicBody, body);
      // 10010 for no such group, 11000 for one without topics, before any topic is looked at.
      const existing = new Set((await communities.topics(APP_ADMIN, input.GroupId)).map((t) => t.topicId));
      const items: Record<string, unknown>[] = [];
      for (const topicId of new Set(input.TopicIdList)) {
        let code = 0;
        let info = OK;
        if (communityOfTopic(topicId) !== input.GroupId || !existing.has(topicId)) {
          code = ERRORS.topic_not_found.tencentCode;
          info = ERRORS.topic_not_found.message;
        } else {
          try {
            await communities.deleteTopics(APP_ADMIN, [topicId]);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            code = ERRORS[error.code].tencentCode;
            info = error.message;
          }
        }
        items.push({ ErrorCode: code, ErrorInfo: info, TopicId: topicId });
      }
      return { ErrorInfo: OK, DestroyResultItem: items };
    }),
  };
}
