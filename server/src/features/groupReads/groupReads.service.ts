import {
  GROUP_TYPE_TRAITS,
  type GroupMsgFlag,
  type GroupServerConversation,
  type ReceiptMembersWhich,
  type RecvOpt,
  groupConversationId,
  parseConversationId,
} from '../../../../shared/domain';
import { GROUP_MESSAGE_LIMITS } from '../../../../shared/domain/groupMessages';
import { AppError } from '../../../../shared/errors';
import { type Delivery } from '../../gateway/delivery';
import { type GroupVisibility, type Store, type StoredGroupMessage } from '../../store/types';
import { type GroupMessagesService } from '../groupMessages/groupMessages.service';
import { toGroupServerConversation, toGroupServerMessage } from '../groupMessages/view';
import { locatorOf } from '../messages/messages.service';

interface Target {
  conversationId: ReturnType<typeof groupConversationId>;
  groupId: string;
  topicId: string | null;
  groupKey: string;
}

function targetOf(conversationId: string): Target {
  const parsed = parseConversationId(conversationId);
  if (parsed?.kind !== 'group') throw new AppError('bad_request', 'Not a group conversation ID.');
  return { conversationId: groupConversationId(parsed.groupId, parsed.topicId), groupId: parsed.groupId, topicId: parsed.topicId, groupKey: parsed.topicId ?? parsed.groupId };
}

/**
 * ADR 0004 WP3: what one member does to a group or topic conversation — read (M6 receipts to senders),
 * clear, delete, delete messages for themselves (M10), pin and receive option (M12). Every call first
 * decides membership (group_not_found, topic_not_found, group_not_member) so a refused call writes nothing.
 */
export class GroupReadsService {
  constructor(
    private readonly deps: {
      store: Store;
      delivery: Delivery;
      groupMessages: GroupMessagesService;
      /** The groups service's own write of `group_members.msg_flag` (rooms follow it: Discard leaves). */
      setReceiveOption: (userId: string, groupId: string, msgFlag: GroupMsgFlag) => Promise<void>;
    },
  ) {}

  private async member(userId: string, conversationId: string): Promise<Target & { visibility: GroupVisibility }> {
    const target = targetOf(conversationId);
    const visibility = await this.deps.groupMessages.visibility(userId, target.groupId, target.topicId);
    return { ...target, visibility };
  }

  /**
   * Raises the read position; the reader's other devices hear of it, and the sender of every receipt
   * message newly read gets its counts (read positions are the only per-member state; ADR §3 M6).
   */
  async markRead(userId: string, conversationId: string, readSeq: number, originSocketId?: string): Promise<{ readSeq: number }> {
    const target = await this.member(userId, conversationId);
    const result = await this.deps.store.groupConversations.markRead(userId, target.groupKey, readSeq);
    if (!result.changed) return { readSeq: result.readSeq };
    const { delivery, store } = this.deps;
    delivery.toUser(userId, 'conversation:read', { conversationId: target.conversationId, reader: userId, readSeq: result.readSeq }, { exceptSocketId: originSocketId });
    for (const receipt of result.receipts) {
      const found = await store.messages.find({ groupKey: target.groupKey, viewer: null, message: { sender: receipt.sender, clientMsgId: receipt.clientMsgId } });
      if (!found) continue;
      const counts = await store.groupConversations.receiptCounts(target.groupKey, (found as unknown as StoredGroupMessage).id);
      delivery.toUser(receipt.sender, 'message:receipt', {
        conversationId: target.conversationId,
        messageId: `${receipt.sender}:${receipt.clientMsgId}`,
        ...counts,
      });
    }
    return { readSeq: result.readSeq };
  }

  /** M6: one page of who has / has not read one of the caller's own receipt messages. */
  async receiptMembers(
    userId: string,
    conversationId: string,
    messageId: string,
    which: ReceiptMembersWhich,
    cursor: string | null,
  ): Promise<{ userIds: string[]; cursor: string | null }> {
    const target = await this.member(userId, conversationId);
    const group = await this.deps.store.groups.get(target.groupId);
    if (!group || !GROUP_TYPE_TRAITS[group.type].storesHistory) throw new AppError('group_unsupported', 'Nothing is stored here, so nothing has receipts.');
    const locator = locatorOf(messageId);
    const found = locator && (await this.deps.store.messages.find({ groupKey: target.groupKey, viewer: userId, message: locator }));
    const message = found ? (found as unknown as StoredGroupMessage) : null;
    if (!message || !message.needReceipt) throw new AppError('message_not_found', 'No receipt message of this conversation has that ID.');
    if (message.from !== userId) throw new AppError('group_forbidden', 'Only the sender sees who read a message.');
    return this.deps.store.groupConversations.receiptMembers(target.groupKey, message.id, which, cursor, GROUP_MESSAGE_LIMITS.receiptMembersPageSize);
  }

  /** M10: hides the history up to now from the member, on all their devices; the others keep it. */
  async clear(userId: string, conversationId: string, originSocketId?: string): Promise<{ clearedSeq: number }> {
    const target = await this.member(userId, conversationId);
    const result = (await this.deps.store.groupConversations.clear(userId, target.groupKey)) ?? { clearedSeq: 0 };
    const conversation = await this.conversationOf(userId, target);
    if (conversation) this.deps.delivery.toUser(userId, 'conversation:updated', conversation, { exceptSocketId: originSocketId });
    return result;
  }

  /** M10: cleared, and off the member's list until a newer message arrives. */
  async remove(userId: string, conversationId: string, originSocketId?: string): Promise<void> {
    const target = await this.member(userId, conversationId);
    await this.deps.store.groupConversations.remove(userId, target.groupKey);
    this.deps.delivery.toUser(userId, 'conversation:deleted', { conversationId: target.conversationId }, { exceptSocketId: originSocketId });
  }

  /** M10: deleted for the member only (all or none), pushed to their other devices. */
  async deleteForMe(userId: string, conversationId: string, messageIds: readonly string[], originSocketId?: string): Promise<{ modSeq: number }> {
    const target = await this.member(userId, conversationId);
    const locators = messageIds.map((id) => locatorOf(id));
    if (locators.some((l) => l === null || !('sender' in l))) throw new AppError('message_not_found');
    const result = await this.deps.store.messages.deleteForMe(
      userId,
      { groupKey: target.groupKey },
      locators as Array<{ sender: string; clientMsgId: string }>,
    );
    if (result.status === 'not_found') throw new AppError('message_not_found');
    for (const deleted of result.deleted) {
      const message = toGroupServerMessage({ ...(deleted as unknown as StoredGroupMessage), groupKey: target.groupKey, groupId: target.groupId }, userId);
      this.deps.delivery.toUser(userId, 'message:updated', message, { exceptSocketId: originSocketId });
    }
    return { modSeq: result.modSeq };
  }

  /**
   * M12: pinned is the conversation row's; the receive option of a group is the member's MsgFlag (written
   * by the groups service, so Discard takes the member's sockets out of the room), of a topic the row's.
   */
  async setSettings(
    userId: string,
    conversationId: string,
    settings: { pinned?: boolean; recvOpt?: RecvOpt },
    originSocketId?: string,
  ): Promise<GroupServerConversation> {
    const target = await this.member(userId, conversationId);
    // Nothing written for a conversation without a message yet: there is nothing to return either.
    if (!(await this.conversationOf(userId, target))) throw new AppError('not_found', 'No such conversation.');
    const { recvOpt, pinned } = settings;
    if (recvOpt !== undefined && target.topicId === null) await this.deps.setReceiveOption(userId, target.groupId, recvOpt);
    const rowSettings = { pinned, recvOpt: target.topicId === null ? undefined : recvOpt };
    if (rowSettings.pinned !== undefined || rowSettings.recvOpt !== undefined) {
      await this.deps.store.groupConversations.updateSettings(userId, target.groupKey, rowSettings);
    }
    const conversation = await this.conversationOf(userId, target);
    if (!conversation) throw new AppError('not_found', 'No such conversation.');
    this.deps.delivery.toUser(userId, 'conversation:updated', conversation, { exceptSocketId: originSocketId });
    return conversation;
  }

  /** One conversation of the member's list (null while nothing in it is visible to them). */
  async conversation(userId: string, conversationId: string): Promise<GroupServerConversation | null> {
    return this.conversationOf(userId, await this.member(userId, conversationId));
  }

  private async conversationOf(userId: string, target: Target & { visibility: GroupVisibility }): Promise<GroupServerConversation | null> {
    const [record, group, member] = await Promise.all([
      this.deps.store.groupConversations.get(userId, target.groupKey, target.visibility),
      this.deps.store.groups.get(target.groupId),
      this.deps.store.groups.member(target.groupId, userId),
    ]);
    if (!record || !group) return null;
    return toGroupServerConversation(record, group.type, member?.msgFlag ?? GROUP_TYPE_TRAITS[group.type].defaultMsgFlag);
  }
}
