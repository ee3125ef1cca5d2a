import { c2cConversationId, callDurationSeconds, type ConversationId, type GroupId, type UserId } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import type { CallHistoryFilter } from '../../state/slices/callHistorySlice';

/** How a call went for me: I called; I answered (here or on another device); I declined; I never answered. */
export type CallDirection = 'outgoing' | 'incoming' | 'declined' | 'missed';

export interface CallRow {
  callId: CallView['callId'];
  direction: CallDirection;
  media: CallView['media'];
  kind: CallView['kind'];
  /** One-to-one: the other person (whom a call back rings); null for group calls. */
  peer: UserId | null;
  groupId: GroupId | null;
  /** The chat a click opens (one-to-one: as I see it, c2c_<peer>). */
  conversationId: ConversationId;
  /** Unix ms the call began. */
  at: number;
  /** 0 when it never connected. */
  durationSec: number;
}

export function directionOf(call: CallView, me: UserId): CallDirection {
  if (call.caller === me) return 'outgoing';
  if (call.myState === 'joined' || call.myState === 'left') return 'incoming';
  if (call.myState === 'declined') return 'declined';
  // Invited and never in (missed, busy, cancelled while it rang), or a group call I did not take part in.
  return call.connectedAt !== null && call.myState === null ? 'incoming' : 'missed';
}

/** One-to-one: who the call was with, from my side (the caller sees the callee; the callee the caller). */
export function peerOf(call: CallView, me: UserId): UserId | null {
  if (call.kind !== 'c2c') return null;
  if (call.caller !== me) return call.caller;
  return call.participants.find((p) => p.userId !== me)?.userId ?? null;
}

export function toCallRow(call: CallView, me: UserId): CallRow {
  const peer = peerOf(call, me);
  const conversationId = call.kind === 'c2c' && peer !== null ? c2cConversationId(peer) : call.conversationId;
  return {
    callId: call.callId,
    direction: directionOf(call, me),
    media: call.media,
    kind: call.kind,
    peer,
    groupId: call.groupId,
    conversationId,
    at: call.createdAt,
    durationSec: callDurationSeconds(call),
  };
}

/** The rows the list shows under a filter (Missed: calls I never answered, not those I declined). */
export function callRows(calls: readonly CallView[], me: UserId, filter: CallHistoryFilter): CallRow[] {
  const rows = calls.map((call) => toCallRow(call, me));
  return filter === 'missed' ? rows.filter((row) => row.direction === 'missed') : rows;
}

/** The Calls tab's badge: ended calls I missed after `seenAt` (declined ones are not missed). */
export function missedCallsAfter(calls: readonly CallView[], me: UserId, seenAt: number): number {
  let count = 0;
  for (const call of calls) if (call.state === 'ended' && call.createdAt > seenAt && directionOf(call, me) === 'missed') count++;
  return count;
}
