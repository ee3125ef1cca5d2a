import { shouldNotify, type Conversation, type UserId } from '../../../../shared/domain';

/** Why a conversation's change deserves a system notification: a new message, or one that @-mentions me. */
export type NoticeReason = 'message' | 'mention';

/**
 * M12 and the receive options (G4): whether a conversation's change is a new incoming message worth a
 * system notification. Only what raised the unread count counts (so nothing already read, nothing mine, no
 * tips, and none of the types without unread counts — Meeting, AVChatRoom); the receive option decides the
 * rest, as the core would (`shouldNotify`: a muted chat stays quiet, "mute except @" speaks for a mention only).
 */
export function noticeReason(before: Conversation | undefined, after: Conversation, me: UserId): NoticeReason | null {
  const last = after.lastMessage;
  if (!last || last.isOwn || last.isTip || last.recalled || last.from === me) return null;
  const previous = before?.lastMessage;
  if (previous && (previous.id === last.id || (previous.seq ?? 0) >= (last.seq ?? 0))) return null;
  if (after.unreadCount <= (before?.unreadCount ?? 0)) return null;
  if (!shouldNotify(after.recvOpt, last, me)) return null;
  return last.mentionsMe ? 'mention' : 'message';
}
