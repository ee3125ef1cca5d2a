import {
  parseConversationId,
  type C2cConversationId,
  type GroupAt,
  type GroupConversationId,
  type StoredBody,
  type UserId,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ReadableDB, WritableDB } from '../store/database';
import { ensureConversation, getConversation, type GroupConversationKey } from '../store/tables/conversations';
import { getGroup } from '../store/tables/groups';
import type { OutboxPayload } from '../store/tables/outbox';
import { ensureUser } from '../store/tables/users';
import { ensureGroupRow } from '../sync/groupRows';

/**
 * Where an own message goes (ADR 0004 §6): one person, or a group or community topic. A live
 * room (AVChatRoom) stores nothing on the server (seq 0), so its sends skip the outbox: there
 * is nothing a retry after a reconnect could catch up into.
 */
export type SendTarget =
  | { kind: 'c2c'; conversationId: C2cConversationId; peer: UserId }
  | { kind: 'group'; conversationId: GroupConversationId; key: GroupConversationKey; live: boolean };

/** The group-only extras of a send (M6, M8). */
export interface GroupSendExtras {
  groupAt?: GroupAt | undefined;
  needReceipt?: boolean | undefined;
}

/**
 * The target a conversation ID names. A group needs its type (the row's, else the group cache's): a group
 * neither cached as joined nor held as a conversation I am still in is refused at once with
 * `group_not_member` rather than queued for a refusal the server would give anyway.
 */
export function resolveSendTarget(db: ReadableDB, conversationId: string): SendTarget {
  const parsed = parseConversationId(conversationId);
  if (parsed === null) throw new AppError('bad_request', 'Unknown conversation ID.');
  if (parsed.kind === 'c2c') return { kind: 'c2c', conversationId: conversationId as C2cConversationId, peer: parsed.peer };
  const row = getConversation(db, conversationId);
  const cached = getGroup(db, parsed.groupId);
  // The cache knows of a rejoin before the row's `left` is cleared; the row knows a group the cache has not loaded yet.
  const groupType = cached?.group.type ?? (row?.kind === 'group' && !row.left ? row.groupType : null);
  if (groupType === null) throw new AppError('group_not_member');
  return {
    kind: 'group',
    conversationId: conversationId as GroupConversationId,
    key: { id: conversationId, groupId: parsed.groupId, topicId: parsed.topicId, groupType },
    live: groupType === 'AVChatRoom',
  };
}

/** The local conversation row a stored send needs (a Work group before its first message has none yet). */
export function ensureTargetConversation(db: WritableDB, target: SendTarget, time: number): void {
  if (target.kind === 'c2c') {
    ensureUser(db, target.peer, time);
    ensureConversation(db, target.conversationId, target.peer, time);
    return;
  }
  // Through the sync's one way of making group rows, so the group's names are kept with it as for received messages.
  ensureGroupRow(db, target.conversationId, time, target.key.groupType);
}

/** `@` and receipts exist in groups only: asking for them one-to-one is a caller's mistake, not silently dropped. */
export function checkGroupExtras(target: SendTarget, extras: GroupSendExtras): void {
  if (target.kind === 'c2c' && (extras.groupAt !== undefined || extras.needReceipt !== undefined)) {
    throw new AppError('bad_request', 'Mentions and read receipts are for group conversations.');
  }
}

/** Nobody mentioned is stored and sent as no mention at all. */
export function normalizedGroupAt(groupAt: GroupAt | undefined): GroupAt | null {
  if (!groupAt || (!groupAt.all && groupAt.userIds.length === 0)) return null;
  return { all: groupAt.all, userIds: [...new Set(groupAt.userIds)] };
}

/** The `message:send` input for a target, kept verbatim in the outbox (the one-to-one shape is unchanged). */
export function sendPayload(
  target: SendTarget,
  send: { clientMsgId: string; body: StoredBody; replyTo?: string | undefined; groupAt?: GroupAt | null; needReceipt?: boolean },
): OutboxPayload {
  const replyTo = send.replyTo === undefined ? {} : { replyTo: send.replyTo };
  if (target.kind === 'c2c') return { clientMsgId: send.clientMsgId, to: target.peer, body: send.body, ...replyTo };
  return {
    clientMsgId: send.clientMsgId,
    groupConversationId: target.conversationId,
    body: send.body,
    ...replyTo,
    ...(send.groupAt ? { groupAt: send.groupAt } : {}),
    ...(send.needReceipt ? { needReceipt: true } : {}),
  };
}
