import { type ServerMessage, c2cConversationId } from '../../../../shared/domain';
import { type StoredMessage } from '../../store/types';

/** Tencent's MsgKey layout: `<seq>_<random>_<unix seconds>`. */
export function msgKeyOf(message: Pick<StoredMessage, 'seq' | 'random' | 'time'>): string {
  return `${message.seq}_${message.random}_${Math.floor(message.time / 1000)}`;
}

/** The other party of a one-to-one message as `viewer` sees it (themselves for a note to self). */
export function otherParty(message: Pick<StoredMessage, 'from' | 'to'>, viewer: string): string {
  return message.from === viewer ? message.to : message.from;
}

/** A stored message as `viewer` receives it: the conversation ID names the other party. */
export function toServerMessage(message: StoredMessage, viewer: string): ServerMessage {
  return {
    msgKey: msgKeyOf(message),
    clientMsgId: message.clientMsgId,
    conversationId: c2cConversationId(otherParty(message, viewer)),
    from: message.from,
    to: message.to,
    seq: message.seq,
    time: message.time,
    body: message.body,
  };
}
