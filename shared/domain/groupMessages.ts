import { z } from 'zod';
import { MessageId, Seq } from './ids';
import { GroupId, TopicId } from './groupIds';
import { type GroupAt, type GroupMsgPriority } from './groups';
import type { RecvOpt } from './models';

/**
 * Group and topic messages (ADR 0004: G5, M6, M8, M15): the shapes that travel
 * beside a message and the pure rules every side shares. Who may send is
 * groupPermissions.ts `checkSend`; nothing here decides permissions.
 */

export const GROUP_MESSAGE_LIMITS = {
  /** `ServerConversation.mentions`: unread mentions of the viewer listed per conversation. */
  maxMentionHints: 20,
  /** `group:receiptMembers` page size. */
  receiptMembersPageSize: 100,
  /** `sync:groupNotices` page size. */
  noticesPageSize: 100,
  /** Seq-0 messages (AVChatRoom, online-only, online tips) a client keeps per conversation in memory. */
  liveRingSize: 500,
} as const;

/** M15: REST's MsgPriority numbers (1 High … 3 Low); the server stores the number, `messages.priority`. */
export const PRIORITY_NUMBER: Record<GroupMsgPriority, 1 | 2 | 3> = { High: 1, Normal: 2, Low: 3 };

export function priorityFromNumber(value: number): GroupMsgPriority | null {
  return value === 1 ? 'High' : value === 2 ? 'Normal' : value === 3 ? 'Low' : null;
}

/** M6: a group receipt message as its sender sees it (derived from members' read positions, never per-message writes). */
export const GroupReceiptCounts = z.object({
  readCount: z.number().int().min(0),
  unreadCount: z.number().int().min(0),
});
export type GroupReceiptCounts = z.infer<typeof GroupReceiptCounts>;

/** M8: one unread mention of the viewer, so a fresh device shows "[@me]" without fetching the message. */
export const GroupMentionHint = z.object({
  seq: Seq,
  messageId: MessageId,
  /** The message mentioned everyone ("@All") rather than the viewer by ID. */
  all: z.boolean(),
});
export type GroupMentionHint = z.infer<typeof GroupMentionHint>;

/**
 * M8: whether a message mentions `me` — computed by each receiver (pushes are the
 * same for every member). One's own message never mentions oneself.
 */
export function mentionsUser(groupAt: GroupAt | null, from: string, me: string): boolean {
  if (groupAt === null || from === me) return false;
  return groupAt.all || groupAt.userIds.includes(me);
}

/**
 * ADR 0004 §6, M8, M12: whether a newly arrived message should raise a system notification under the
 * conversation's receive option. One's own messages and group tips never do; AcceptNotNotifyExceptAt only when
 * it mentions me (by ID or @All); Discard nothing (the server does not even push those; a sync that brings them
 * must stay silent too).
 */
export function shouldNotify(recvOpt: RecvOpt, message: { from: string; isTip: boolean; groupAt: GroupAt | null }, me: string): boolean {
  if (message.from === me || message.isTip) return false;
  switch (recvOpt) {
    case 'AcceptAndNotify':
      return true;
    case 'AcceptNotNotifyExceptAt':
      return mentionsUser(message.groupAt, message.from, me);
    case 'AcceptNotNotify':
    case 'Discard':
      return false;
  }
}

/** A REST send_group_system_notification as members receive it (`group:notice`, `sync:groupNotices`); takes no seq. */
export const GroupNotice = z.object({
  /** Ascending per server: the `afterId` cursor of `sync:groupNotices`. */
  id: z.number().int().min(1),
  groupId: GroupId,
  /** The topic it was sent to, when REST named one. */
  topicId: TopicId.nullable(),
  content: z.string(),
  /** Unix ms. */
  time: z.number().int(),
});
export type GroupNotice = z.infer<typeof GroupNotice>;

/** M6: which list of a receipt message `group:receiptMembers` pages. */
export const ReceiptMembersWhich = z.enum(['read', 'unread']);
export type ReceiptMembersWhich = z.infer<typeof ReceiptMembersWhich>;
