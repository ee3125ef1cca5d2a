import { C2C_MESSAGE_DEFAULTS, type ServerMessage, c2cConversationId } from '../../../../shared/domain';
import { type StoredMessage } from '../../store/types';

/** Tencent's MsgKey layout: `<seq>_<random>_<unix seconds>`. */
export function msgKeyOf(message: Pick<StoredMessage, 'seq' | 'random' | 'time'>): string {
  return `${message.seq}_${message.random}_${Math.floor(message.time / 1000)}`;
}

/** The other party of a one-to-one message as `viewer` sees it (themselves for a note to self). */
export function otherParty(message: Pick<StoredMessage, 'from' | 'to'>, viewer: string): string {
  return message.from === viewer ? message.to : message.from;
}

/**
 * A stored message as `viewer` receives it: the conversation ID names the other
 * party; a message they deleted for themselves (M10) comes without content,
 * with the modSeq of that deletion when it is the later change.
 */
export function toServerMessage(message: StoredMessage, viewer: string): ServerMessage {
  const deletion = message.deletedFor.length === 0 ? undefined : message.deletedFor.find((d) => d.userId === viewer);
  const deleted = deletion !== undefined;
  return {
    msgKey: msgKeyOf(message),
    clientMsgId: message.clientMsgId,
    conversationId: c2cConversationId(otherParty(message, viewer)),
    from: message.from,
    to: message.to,
    seq: message.seq,
    time: message.time,
    body: deleted ? [] : message.body,
    cloudCustomData: deleted ? '' : message.cloudCustomData,
    replyTo: deleted ? null : message.replyTo,
    recalled: message.recalled,
    editedAt: message.editedAt,
    reactions: deleted ? [] : message.reactions,
    deletedForMe: deleted,
    modSeq: deletion ? Math.max(deletion.modSeq, message.modSeq) : message.modSeq,
    ...C2C_MESSAGE_DEFAULTS,
  };
}
