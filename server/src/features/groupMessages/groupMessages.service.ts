import {
  GROUP_PERMISSION,
  GROUP_TYPE_TRAITS,
  type GroupAt,
  type GroupMsgPriority,
  type GroupNotice,
  type GroupServerConversation,
  type GroupType,
  type MsgBody,
  type ReplyRef,
  type ServerMessage,
  checkRecallOthers,
  checkSend,
  checkTopicAction,
  hasBit,
  parseConversationId,
  previewOf,
} from '../../../../shared/domain';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { randomUUID } from 'node:crypto';
import { type Delivery } from '../../gateway/delivery';
import { type GroupDelivery } from '../../gateway/groupDelivery';
import { type Logger } from '../../logger';
import {
  type GroupAppendResult,
  type GroupMessagePage,
  type GroupVisibility,
  type MessageChange,
  type NewGroupMessage,
  type Store,
  type StoredGroupMessage,
  type StoredMessage,
} from '../../store/types';
import { APP_ADMIN, type GroupAccess } from '../groups/groupAccess';
import { GroupCommitQueue } from '../messages/groupCommit';
import { type MediaReferences } from '../media/mediaReferences';
import {
  MAX_REACTION_EMOJIS,
  type MessagesService,
  isTextOnly,
  locatorOf,
  measuredBody,
  withReaction,
  withoutReaction,
} from '../messages/messages.service';
import { type GroupMemberCache, type Standing } from './memberCache';
import { type GroupRateLimiter } from './rateLimiter';
import { type GroupTip, tipBody, tipModeFor } from './tips';
import { toGroupServerConversation, toGroupServerMessage } from './view';

export interface GroupSendRequest {
  from: string;
  /** `group_<groupId>` or `group_<topicId>`. */
  conversationId: string;
  clientMsgId: string;
  body: MsgBody;
  cloudCustomData?: string;
  replyTo?: string;
  groupAt?: GroupAt;
  needReceipt?: boolean;
  priority?: GroupMsgPriority;
  originSocketId?: string;
  /** REST OnlineOnlyFlag: pushed to those connected, never stored (seq 0). */
  onlineOnly?: boolean;
  /** REST without a member From_Account: decided as the app admin ('AppAdmin' actor), `from` is the admin's UserID. */
  asAppAdmin?: boolean;
}

/** One REST import_group_msg item (ADR 0004 §4). */
export interface GroupImportItem {
  from: string;
  /** Unix milliseconds. */
  time: number;
  random: number;
  body: MsgBody;
  cloudCustomData?: string;
  priority?: GroupMsgPriority;
}

export type GroupImportResult = { status: 'stored'; seq: number; time: number } | { status: 'refused'; code: ErrorCode };

/** A group conversation ID taken apart; anything else is refused as a bad request. */
function groupKeyOf(conversationId: string): { groupId: string; topicId: string | null; groupKey: string } {
  const parsed = parseConversationId(conversationId);
  if (parsed?.kind !== 'group') throw new AppError('bad_request', 'Not a group conversation ID.');
  return { groupId: parsed.groupId, topicId: parsed.topicId, groupKey: parsed.topicId ?? parsed.groupId };
}

function decide(code: ErrorCode | null): void {
  if (code) throw new AppError(code);
}

/** ADR 0005: a tombstone left where a message moved away from; its copy is the message now. */
function movedAway(message: StoredMessage | StoredGroupMessage): boolean {
  return ((message as Partial<StoredGroupMessage>).movedTo ?? null) !== null;
}

/**
 * ADR 0004 §3: group and topic sends, recalls and reads. Every send is decided by checkSend from
 * groupPermissions.ts on the member's cached standing, then frequency control (M15), the shared body
 * check, one group commit, Work activation and one broadcast to the group's room.
 */
export class GroupMessagesService {
  private readonly queue: GroupCommitQueue<NewGroupMessage, GroupAppendResult>;
  private topicSendHook: ((userId: string, standing: Standing) => Promise<void>) | null = null;

  constructor(
    private readonly deps: {
      store: Store;
      access: GroupAccess;
      cache: GroupMemberCache;
      limiter: GroupRateLimiter;
      rooms: GroupDelivery;
      messages: MessagesService;
      media?: MediaReferences;
      /** Pushes to one user's devices (tips for those who just left, and for a Work group's owner). */
      delivery: Delivery;
      /** Who app-admin tips come from (a UserID, so clients can parse it; Tencent's is @TIM#SYSTEM). */
      systemSender: string;
      /** `--group-tips`: mute-all and ApplyJoinOption tips too (seed: off by default). */
      optionalTips?: boolean;
      clock: Clock;
      logger: Logger;
      /** `--group-history-before-join`: Work/Public members read what came before they joined. */
      historyBeforeJoin?: readonly GroupType[];
    },
  ) {
    this.queue = new GroupCommitQueue((items) => this.commit(items));
  }

  private async commit(items: NewGroupMessage[]): Promise<GroupAppendResult[]> {
    try {
      return await this.deps.store.groupMessages.appendBatch(items);
    } catch (error) {
      this.deps.logger.error({ err: error, batchSize: items.length }, 'storing a batch of group messages failed; nothing of it was stored');
      throw new AppError('internal');
    }
  }

  /** ADR 0005: told of every stored send into a resolved topic (which reopens it). */
  onSendToResolvedTopic(hook: (userId: string, standing: Standing) => Promise<void>): void {
    this.topicSendHook = hook;
  }

  /** The member's standing, or group_not_found (also for a Work group its members cannot see yet). */
  private async standing(groupId: string, userId: string, topicId: string | null): Promise<Standing> {
    const standing = await this.deps.cache.standing(groupId, userId, topicId);
    if (!standing || !this.deps.access.visibleTo(standing.group, { userId })) throw new AppError('group_not_found');
    if (topicId !== null && standing.topic === null) throw new AppError('topic_not_found');
    return standing;
  }

  /** The app admin's standing (REST), decided by groupPermissions.ts like a member's. */
  private async adminStanding(groupId: string, topicId: string | null): Promise<Standing> {
    const group = await this.deps.cache.group(groupId);
    if (!group) throw new AppError('group_not_found');
    const acting = await this.deps.access.acting(group, APP_ADMIN);
    if (topicId === null) return { ...acting, topic: null };
    const info = await this.deps.access.repo.topic(topicId);
    if (!info || info.groupId !== groupId) throw new AppError('topic_not_found');
    return { ...acting, topic: { info, bits: await this.deps.access.topicBitsOf(acting, info) } };
  }

  /** REST reads and writes of a group's history: none in a type that stores none (AVChatRoom, 10007). */
  private async adminHistoryGroup(groupId: string): Promise<Standing> {
    const standing = await this.adminStanding(groupId, null);
    if (!GROUP_TYPE_TRAITS[standing.group.type].storesHistory) throw new AppError('group_unsupported');
    return standing;
  }

  async send(request: GroupSendRequest): Promise<{ message: ServerMessage; duplicate: boolean }> {
    const { groupId, topicId, groupKey } = groupKeyOf(request.conversationId);
    const standing = request.asAppAdmin ? await this.adminStanding(groupId, topicId) : await this.standing(groupId, request.from, topicId);
    const { group } = standing;
    const now = this.deps.clock.now();
    const groupAt = request.groupAt ?? null;
    decide(
      checkSend({
        type: group.type,
        actor: standing.actor,
        mutedUntil: standing.member?.mutedUntil ?? 0,
        nowSeconds: Math.floor(now / 1000),
        muteAll: group.muteAll,
        atAll: groupAt?.all ?? false,
        community: group.type === 'Community' ? { bits: standing.bits } : undefined,
        topic: standing.topic ? { bits: standing.topic.bits, muteAll: standing.topic.info.muteAll } : null,
      }),
    );
    const priority = request.priority ?? 'Normal';
    if (!this.deps.limiter.admit(groupId, priority, now)) throw new AppError('group_rate_limited');
    const cloudCustomData = request.cloudCustomData ?? '';
    const bodyJson = await this.deps.messages.assertBodyAllowed(request.from, request.body, cloudCustomData);
    // Mentioned users who are not members (any more) are dropped, not refused.
    const mentioned = groupAt && groupAt.userIds.length > 0 ? (await this.deps.store.groups.members(groupId, groupAt.userIds)).map((m) => m.userId) : [];
    const at: GroupAt | null = groupAt && (groupAt.all || mentioned.length > 0) ? { all: groupAt.all, userIds: groupAt.userIds.filter((u) => mentioned.includes(u)) } : null;
    const replyTo = request.replyTo === undefined ? null : await this.resolveReply(groupKey, request.from, request.replyTo);
    const traits = GROUP_TYPE_TRAITS[group.type];
    const draft: NewGroupMessage = {
      groupKey,
      groupId,
      from: request.from,
      clientMsgId: request.clientMsgId,
      random: Math.floor(Math.random() * 0x1_0000_0000),
      time: now,
      body: request.body,
      bodyJson,
      cloudCustomData,
      replyTo,
      groupAt: at,
      priority,
      // No receipts where nothing is stored.
      needReceipt: (request.needReceipt ?? false) && traits.storesHistory && !request.onlineOnly,
      isTip: false,
      activates: traits.needsActivation && !group.active,
    };
    if (!traits.storesHistory || request.onlineOnly) return { message: this.deliverOnline(draft, request.originSocketId), duplicate: false };
    const result = await this.queue.enqueue(draft);
    switch (result.status) {
      case 'sender_not_found':
        throw new AppError('account_not_found', 'The sender’s account does not exist.');
      case 'client_msg_id_taken':
        throw new AppError('bad_request', 'This client message ID was used before; send with a new one.');
      case 'duplicate':
        return { message: toGroupServerMessage(result.message, request.from), duplicate: true };
      case 'stored': {
        // server-media: the group now carries the message's files, recorded before anyone is told.
        const recording = this.deps.media?.recordRefs({ from: result.message.from, clientMsgId: result.message.clientMsgId }, result.message.body);
        if (recording) await recording;
        if (draft.activates) {
          // The members see the group from now on (ADR §3 "Work activation").
          this.deps.cache.invalidate(groupId);
          await this.deps.access.pushGroupChanged(groupId);
        }
        const message = toGroupServerMessage(result.message, null);
        await this.deliver(groupId, topicId, message, request.originSocketId);
        if (standing.topic?.info.resolvedAt != null) await this.topicSendHook?.(request.from, standing);
        return { message, duplicate: false };
      }
    }
  }

  /** AVChatRoom and OnlineOnlyFlag: seq 0, pushed to the room only, never stored. */
  private deliverOnline(draft: NewGroupMessage, originSocketId: string | undefined): ServerMessage {
    const message = toGroupServerMessage(
      { ...draft, id: 0, seq: 0, recalled: false, editedAt: null, reactions: [], modSeq: 0, deletedFor: [], cloudCustomData: draft.cloudCustomData ?? '', replyTo: draft.replyTo ?? null },
      null,
    );
    this.deps.rooms.toGroup(draft.groupId, 'message:created', message, { exceptSocketId: originSocketId });
    return message;
  }

  /** One broadcast to the group's room; in a topic, members who discard it are left out. */
  private async deliver(groupId: string, topicId: string | null, message: ServerMessage, originSocketId?: string): Promise<void> {
    const exceptUserIds = topicId === null ? [] : await this.topicDiscarders(topicId);
    this.deps.rooms.toGroup(groupId, 'message:created', message, { exceptSocketId: originSocketId, exceptUserIds });
  }

  private topicDiscarders(topicId: string): Promise<string[]> {
    return this.deps.store.groupConversations.discarders(topicId);
  }

  /** M14: the quote of a message of the same group conversation that the sender can see. */
  private async resolveReply(groupKey: string, from: string, messageId: string): Promise<ReplyRef> {
    const locator = locatorOf(messageId);
    const original = locator && (await this.deps.store.messages.find({ groupKey, viewer: from, message: locator }));
    if (!original || movedAway(original) || original.deletedFor.some((d) => d.userId === from)) {
      throw new AppError('message_not_found', 'The message this one replies to does not exist in this conversation.');
    }
    return { messageId, from: original.from, seq: original.seq, preview: previewOf(original.body) };
  }

  /**
   * G5: a change reported by the groups services becomes a tip: stored (takes a seq, never unread, never
   * activates), pushed with seq 0, or nothing, per the type's traits (tips.ts). Creation is told to the owner's
   * devices only, as is everything in a Work group before its members see it. Members who just left get it on
   * their own devices (their sockets have left the room). Never fails the change itself.
   */
  async recordTip(tip: GroupTip): Promise<void> {
    try {
      const mode = tipModeFor(tip, this.deps.optionalTips ?? false);
      if (mode === 'off') return;
      const { group } = tip;
      const draft: NewGroupMessage = {
        groupKey: tip.topicId ?? group.groupId,
        groupId: group.groupId,
        from: tip.operator ?? this.deps.systemSender,
        clientMsgId: `tip-${randomUUID()}`,
        random: Math.floor(Math.random() * 0x1_0000_0000),
        time: this.deps.clock.now(),
        body: tipBody(tip, this.deps.systemSender),
        groupAt: null,
        priority: 'Normal',
        needReceipt: false,
        isTip: true,
        activates: false,
      };
      let message: ServerMessage;
      if (mode === 'online') {
        message = toGroupServerMessage(
          { ...draft, id: 0, seq: 0, recalled: false, editedAt: null, reactions: [], modSeq: 0, deletedFor: [], cloudCustomData: '', replyTo: null },
          null,
        );
      } else {
        const result = await this.queue.enqueue(draft);
        if (result.status !== 'stored') return;
        message = toGroupServerMessage(result.message, null);
      }
      const current = (await this.deps.store.groups.get(group.groupId)) ?? group;
      const ownerOnly = tip.kind === 'created' || !current.active;
      if (ownerOnly) {
        if (current.owner) this.deps.delivery.toUser(current.owner, 'message:created', message);
        return;
      }
      this.deps.rooms.toGroup(group.groupId, 'message:created', message);
      if (tip.kind === 'kicked' || tip.kind === 'quit') {
        for (const userId of tip.targets) this.deps.delivery.toUser(userId, 'message:created', message);
      }
    } catch (error) {
      this.deps.logger.error({ err: error, groupId: tip.group.groupId, kind: tip.kind }, 'recording a group tip failed');
    }
  }

  /**
   * M5: one's own message within the recall window; someone else's when checkRecallOthers allows
   * (recallOthers with kick's reach; no time limit). Nothing recalls in AVChatRoom (nothing is stored).
   */
  async recall(userId: string, conversationId: string, messageId: string, originSocketId?: string): Promise<ServerMessage> {
    const { groupId, topicId, groupKey } = groupKeyOf(conversationId);
    const standing = await this.standing(groupId, userId, topicId);
    // Nothing is stored in AVChatRoom, so nothing recalls there, member or not (as checkGroupAction's 'unsupported').
    if (!GROUP_TYPE_TRAITS[standing.group.type].storesHistory) throw new AppError('group_unsupported');
    if (standing.actor === 'NonMember') throw new AppError('group_not_member');
    const locator = locatorOf(messageId);
    if (!locator || !('sender' in locator)) throw new AppError('message_not_found');
    const sender = locator.sender === userId ? null : await this.deps.store.groups.member(groupId, locator.sender);
    const windowMs = this.deps.messages.recallWindowSeconds * 1000;
    const now = this.deps.clock.now();
    const result = await this.deps.store.messages.modify({ groupKey, viewer: userId, message: locator }, (current) => {
      if ((current as Partial<StoredGroupMessage>).isTip) throw new AppError('not_own_message', 'Tips cannot be recalled.');
      if (movedAway(current)) throw new AppError('message_not_found', 'That message was moved to another topic.');
      if (current.recalled) throw new AppError('already_recalled');
      if (current.from === userId) {
        if (now - current.time > windowMs) throw new AppError('recall_window_passed');
      } else {
        decide(
          checkRecallOthers(
            standing.group.type,
            standing.actor,
            sender?.role ?? null,
            standing.group.type === 'Community' ? { bits: standing.bits } : undefined,
            standing.topic?.bits ?? null,
          ),
        );
      }
      return { kind: 'recall' };
    });
    if (result.status === 'not_found') throw new AppError('message_not_found');
    const message = toGroupServerMessage(result.message as unknown as StoredGroupMessage, null);
    if (result.changed) this.deps.rooms.toGroup(groupId, 'message:updated', message, { exceptSocketId: originSocketId });
    for (const other of result.alsoChanged) {
      this.deps.rooms.toGroup(groupId, 'message:updated', toGroupServerMessage({ ...(other as unknown as StoredGroupMessage), groupKey, groupId }, null));
    }
    return message;
  }

  /** M14: the sender edits their own text message into text; pushed to the room. */
  async edit(userId: string, conversationId: string, messageId: string, body: MsgBody, originSocketId?: string): Promise<ServerMessage> {
    if (!isTextOnly(body)) throw new AppError('not_editable', 'A message can only be edited into text.');
    const now = this.deps.clock.now();
    return this.modifyAsMember(userId, conversationId, messageId, originSocketId, (current) => {
      if (current.from !== userId) throw new AppError('not_own_message');
      if (current.recalled || !isTextOnly(current.body)) throw new AppError('not_editable');
      measuredBody(body, current.cloudCustomData);
      if (JSON.stringify(current.body) === JSON.stringify(body)) return null;
      return { kind: 'edit', body, editedAt: now };
    });
  }

  /** M13: a member adds or removes their reaction (idempotent); pushed to the room. */
  async react(userId: string, conversationId: string, messageId: string, emoji: string, add: boolean, originSocketId?: string): Promise<ServerMessage> {
    return this.modifyAsMember(userId, conversationId, messageId, originSocketId, (current) => {
      if (current.recalled) throw new AppError('already_recalled');
      const reactions = add ? withReaction(current.reactions, emoji, userId) : withoutReaction(current.reactions, emoji, userId);
      if (reactions === null) return null;
      if (reactions.length > MAX_REACTION_EMOJIS) throw new AppError('too_many_reactions');
      return { kind: 'reactions', reactions };
    });
  }

  private async modifyAsMember(
    userId: string,
    conversationId: string,
    messageId: string,
    originSocketId: string | undefined,
    decideChange: (current: StoredMessage) => MessageChange | null,
  ): Promise<ServerMessage> {
    const { groupId, topicId, groupKey } = groupKeyOf(conversationId);
    const standing = await this.standing(groupId, userId, topicId);
    if (!GROUP_TYPE_TRAITS[standing.group.type].storesHistory) throw new AppError('group_unsupported');
    if (standing.actor === 'NonMember') throw new AppError('group_not_member');
    const locator = locatorOf(messageId);
    if (!locator) throw new AppError('message_not_found');
    const result = await this.deps.store.messages.modify({ groupKey, viewer: userId, message: locator }, (current) => {
      if ((current as Partial<StoredGroupMessage>).isTip) throw new AppError('not_editable', 'Tips cannot be changed.');
      if (movedAway(current)) throw new AppError('message_not_found', 'That message was moved to another topic.');
      return decideChange(current);
    });
    if (result.status === 'not_found') throw new AppError('message_not_found');
    const message = toGroupServerMessage(result.message as unknown as StoredGroupMessage, null);
    if (result.changed) this.deps.rooms.toGroup(groupId, 'message:updated', message, { exceptSocketId: originSocketId });
    for (const other of result.alsoChanged) {
      this.deps.rooms.toGroup(groupId, 'message:updated', toGroupServerMessage({ ...(other as unknown as StoredGroupMessage), groupKey, groupId }, null));
    }
    return message;
  }

  /**
   * Who may read what was sent before they joined (ADR §3 "Visibility floor"), decided at read time so a
   * bit change applies at once. Non-members get group_not_member.
   */
  async visibility(userId: string, groupId: string, topicId: string | null): Promise<GroupVisibility> {
    const standing = await this.standing(groupId, userId, topicId);
    if (standing.actor === 'NonMember') throw new AppError('group_not_member');
    return { viewer: userId, beforeJoin: this.beforeJoin(standing) };
  }

  private beforeJoin(standing: Standing): boolean {
    const type = standing.group.type;
    if (GROUP_TYPE_TRAITS[type].historyBeforeJoin || (this.deps.historyBeforeJoin ?? []).includes(type)) return true;
    if (type !== 'Community') return false;
    if (standing.topic) return checkTopicAction(standing.actor, 'readTopicHistoryBeforeJoin', { community: standing.bits, topic: standing.topic.bits }) === null;
    return standing.actor === 'Owner' || hasBit(standing.bits, GROUP_PERMISSION.GetGroupHistoryMessage);
  }

  private async page(userId: string, conversationId: string, read: (key: string, v: GroupVisibility) => Promise<GroupMessagePage>) {
    const { groupId, topicId, groupKey } = groupKeyOf(conversationId);
    const visibility = await this.visibility(userId, groupId, topicId);
    const page = await read(groupKey, visibility);
    const messages = await Promise.all(
      page.messages.map(async (m) => {
        const message = toGroupServerMessage(m, userId);
        // M6: the sender's own receipt messages carry their counts in sync pages too, so a device that was
        // offline for the message:receipt pushes (or a new one) shows current counts; derived, never stored.
        if (m.from !== userId || !m.needReceipt || m.seq === 0) return message;
        return { ...message, receipt: await this.deps.store.groupConversations.receiptCounts(groupKey, m.id) };
      }),
    );
    return { messages, hasMore: page.hasMore };
  }

  after(userId: string, conversationId: string, afterSeq: number, limit: number) {
    return this.page(userId, conversationId, (key, v) => this.deps.store.groupMessages.after(key, v, afterSeq, limit));
  }

  before(userId: string, conversationId: string, beforeSeq: number, limit: number) {
    return this.page(userId, conversationId, (key, v) => this.deps.store.groupMessages.before(key, v, beforeSeq, limit));
  }

  modifiedAfter(userId: string, conversationId: string, afterModSeq: number, limit: number) {
    return this.page(userId, conversationId, (key, v) => this.deps.store.groupMessages.modifiedAfter(key, v, afterModSeq, limit));
  }

  /** The member's group and topic conversations for sync:conversations. */
  async conversations(userId: string): Promise<GroupServerConversation[]> {
    const joined = await this.deps.store.groups.joined(userId);
    const standings = new Map<string, Standing>();
    const msgFlags = new Map(joined.map(({ group, member }) => [group.groupId, member.msgFlag]));
    for (const { group } of joined) {
      const standing = await this.deps.cache.standing(group.groupId, userId, null);
      if (standing) standings.set(group.groupId, standing);
    }
    const records = await this.deps.store.groupConversations.listFor(userId, (groupId) => {
      const standing = standings.get(groupId);
      // Topics read their own bits lazily; listing uses the community's (a topic page decides exactly).
      return { viewer: userId, beforeJoin: standing ? this.beforeJoin(standing) : false };
    });
    return records.flatMap((record) => {
      const standing = standings.get(record.groupId);
      return standing ? [toGroupServerConversation(record, standing.group.type, msgFlags.get(record.groupId) ?? 'AcceptAndNotify')] : [];
    });
  }

  /**
   * REST group_msg_recall: the app admin recalls by seq (checkRecallOthers decides); per seq, whether it
   * was recalled (false: no such message, or a tip). Already recalled counts as done.
   */
  async adminRecall(groupId: string, seqs: readonly number[]): Promise<Array<{ seq: number; recalled: boolean }>> {
    const standing = await this.adminHistoryGroup(groupId);
    const out: Array<{ seq: number; recalled: boolean }> = [];
    for (const seq of seqs) {
      const found = (await this.deps.store.groupMessages.adminPage(groupId, seq, 1)).messages.find((m) => m.seq === seq);
      if (!found || found.isTip || movedAway(found)) {
        out.push({ seq, recalled: false });
        continue;
      }
      const sender = await this.deps.store.groups.member(groupId, found.from);
      decide(checkRecallOthers(standing.group.type, 'AppAdmin', sender?.role ?? null, standing.group.type === 'Community' ? { bits: standing.bits } : undefined));
      const result = await this.deps.store.messages.modify(
        { groupKey: groupId, viewer: null, message: { sender: found.from, clientMsgId: found.clientMsgId } },
        (current) => (current.recalled ? null : { kind: 'recall' }),
      );
      if (result.status === 'not_found') {
        out.push({ seq, recalled: false });
        continue;
      }
      if (result.changed) this.deps.rooms.toGroup(groupId, 'message:updated', toGroupServerMessage(result.message as unknown as StoredGroupMessage, null));
      out.push({ seq, recalled: true });
    }
    return out;
  }

  /** REST group_msg_get_simple: the admin view (no floors), newest first, seq ≤ upToSeq (latest when null). */
  async adminHistory(groupId: string, upToSeq: number | null, limit: number): Promise<GroupMessagePage> {
    await this.adminHistoryGroup(groupId);
    return this.deps.store.groupMessages.adminPage(groupId, upToSeq, limit);
  }

  /**
   * REST import_group_msg: ascending times after the group's creation and its last message and before now;
   * an item out of order is refused alone. Stored with seqs, no tips, no pushes.
   */
  async adminImport(groupId: string, items: readonly GroupImportItem[]): Promise<GroupImportResult[]> {
    const { group } = await this.adminHistoryGroup(groupId);
    const last = (await this.deps.store.groupMessages.adminPage(groupId, null, 1)).messages[0];
    let floor = Math.max(group.createTime * 1000, last?.time ?? 0);
    const now = this.deps.clock.now();
    const results: GroupImportResult[] = [];
    for (const item of items) {
      if (item.time <= floor || item.time > now) {
        results.push({ status: 'refused', code: 'group_invalid_request' });
        continue;
      }
      const cloudCustomData = item.cloudCustomData ?? '';
      let bodyJson: string;
      try {
        bodyJson = await this.deps.messages.assertBodyAllowed(item.from, item.body, cloudCustomData);
      } catch (error) {
        // One oversized or unusable body fails its own item, as a bad time does (Tencent's per-item 80002).
        if (!(error instanceof AppError)) throw error;
        results.push({ status: 'refused', code: error.code });
        continue;
      }
      const [stored] = await this.deps.store.groupMessages.importBatch([
        {
          groupKey: groupId,
          groupId,
          from: item.from,
          clientMsgId: `import-${randomUUID()}`,
          random: item.random,
          time: item.time,
          body: item.body,
          bodyJson,
          cloudCustomData,
          groupAt: null,
          priority: item.priority ?? 'Normal',
          needReceipt: false,
          isTip: false,
          activates: false,
        },
      ]);
      if (stored?.status !== 'stored') {
        results.push({ status: 'refused', code: stored?.status === 'sender_not_found' ? 'account_not_found' : 'group_invalid_request' });
        continue;
      }
      floor = item.time;
      results.push({ status: 'stored', seq: stored.message.seq, time: stored.message.time });
    }
    return results;
  }

  /**
   * REST send_group_system_notification: one notice (targets null: everyone), pushed as group:notice to the
   * addressed members' devices. AVChatRoom stores nothing and only addresses everyone (online push).
   */
  async adminNotice(groupId: string, targets: readonly string[] | null, content: string): Promise<GroupNotice> {
    const { group } = await this.adminStanding(groupId, null);
    const time = this.deps.clock.now();
    if (!GROUP_TYPE_TRAITS[group.type].storesHistory) {
      if (targets !== null) throw new AppError('group_unsupported', 'An AVChatRoom notice goes to every member.');
      const notice: GroupNotice = { id: 0, groupId, topicId: null, content, time };
      this.deps.rooms.toGroup(groupId, 'group:notice', { notice });
      return notice;
    }
    const members = targets === null ? [] : await this.deps.store.groups.members(groupId, targets);
    if (targets !== null && members.length === 0) throw new AppError('group_not_member', 'None of ToMembers_Account is a member.');
    const notice = await this.deps.store.groupNotices.add({ groupId, topicId: null, targets: targets === null ? null : members.map((m) => m.userId), content, time });
    if (targets === null) this.deps.rooms.toGroup(groupId, 'group:notice', { notice });
    else for (const member of members) this.deps.delivery.toUser(member.userId, 'group:notice', { notice });
    return notice;
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }
}
