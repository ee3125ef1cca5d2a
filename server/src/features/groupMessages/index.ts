import { type GroupType } from '../../../../shared/domain';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type GroupDelivery } from '../../gateway/groupDelivery';
import { type AppSocket, groupRoom } from '../../gateway/types';
import { type Logger } from '../../logger';
import { type Store } from '../../store/types';
import { GroupAccess } from '../groups/groupAccess';
import { type GroupSettings } from '../groups/groupSettings';
import { type MediaReferences } from '../media/mediaReferences';
import { type MessagesService } from '../messages/messages.service';
import { GroupMessagesService } from './groupMessages.service';
import { GroupMemberCache } from './memberCache';
import { groupChangesOf } from './observedGroups';
import { GroupRateLimiter } from './rateLimiter';
import { TopicActionsService } from './topicActions.service';

export interface GroupMessagesFeature {
  service: GroupMessagesService;
  /** ADR 0005: resolving topics and moving their messages. */
  topicActions: TopicActionsService;
  cache: GroupMemberCache;
  /** Sockets join the rooms of their groups (not those they discard) when they connect. */
  joinRooms(socket: AppSocket): Promise<void>;
  /** Stops listening to group changes (app close). */
  stop(): void;
}

/**
 * ADR 0004 WP2: group sends and their delivery. The store's group writes are observed (observedGroups.ts)
 * so the member cache and the rooms follow every change, whoever made it.
 */
export function createGroupMessagesFeature(deps: {
  store: Store;
  rooms: GroupDelivery;
  messages: MessagesService;
  media?: MediaReferences;
  clock: Clock;
  logger: Logger;
  settings: GroupSettings;
  /** Needed by GroupAccess for pushes (group:changed on Work activation) and by tips. */
  delivery: Delivery;
  messagesPerSecond?: number;
  historyBeforeJoin?: readonly GroupType[];
  /** The app admin UserID tips of app-admin changes come from. */
  systemSender: string;
  optionalTips?: boolean;
  /** A new topic as that user would create it (the groups feature's CommunitiesService), for moves into a new topic. */
  createTopic: TopicActionsService['deps']['createTopic'];
}): GroupMessagesFeature {
  const hub = groupChangesOf(deps.store as { groups: Store['groups'] });
  const access = new GroupAccess({ store: deps.store, delivery: deps.delivery, clock: deps.clock, settings: deps.settings });
  const cache = new GroupMemberCache(access);
  const { rooms } = deps;
  const stop = hub.add({
    changed: (groupId) => cache.invalidate(groupId),
    joined: (groupId, members) => rooms.join(groupId, members.filter((m) => m.msgFlag !== 'Discard').map((m) => m.userId)),
    left: (groupId, userIds) => rooms.leave(groupId, userIds),
    msgFlagChanged: (groupId, userId, msgFlag) => (msgFlag === 'Discard' ? rooms.leave(groupId, [userId]) : rooms.join(groupId, [userId])),
    removed: (groupId) => rooms.dissolve(groupId),
  });
  const service = new GroupMessagesService({
    store: deps.store,
    access,
    cache,
    limiter: new GroupRateLimiter(deps.messagesPerSecond),
    rooms,
    messages: deps.messages,
    media: deps.media,
    clock: deps.clock,
    logger: deps.logger,
    historyBeforeJoin: deps.historyBeforeJoin,
    delivery: deps.delivery,
    systemSender: deps.systemSender,
    optionalTips: deps.optionalTips,
  });
  const topicActions = new TopicActionsService({
    store: deps.store,
    access,
    cache,
    clock: deps.clock,
    recordTip: (tip) => service.recordTip(tip),
    createTopic: deps.createTopic,
  });
  service.onSendToResolvedTopic((userId, standing) => topicActions.reopenBySend(userId, standing));
  return {
    service,
    topicActions,
    cache,
    async joinRooms(socket) {
      const joined = await deps.store.groups.joined(socket.data.userId);
      const receiving = joined.filter(({ member }) => member.msgFlag !== 'Discard').map(({ group }) => groupRoom(group.groupId));
      if (receiving.length > 0 && socket.connected) await socket.join(receiving);
    },
    stop,
  };
}
