import { textBody, type ChatMessage, type MsgBody } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput } from '../../../shared/ipc';
import { requestSchemas } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { ensureGroupRow } from '../sync/groupRows';
import { accountRequest } from './accountRequest';
import { newClientMsgId } from './clientMsgId';
import { normalizedGroupAt, sendPayload, type GroupSendExtras, type SendTarget } from './sendTarget';
import { liveChatMessage } from './views';

/** A group conversation of type AVChatRoom. */
export type LiveTarget = Extract<SendTarget, { kind: 'group' }>;


/**
 * Sends to a live room (AVChatRoom, ADR 0004 §3, §6). The server stores nothing there (the ack's
 * seq is 0), so neither does this device: no outbox row (a send queued offline would have nothing
 * to catch up into, and an ack lost in a drop could not be matched to a stored message), no SQLite
 * row. Offline fails at once with `offline`; a refusal (muted, not a member…) rejects with the
 * server's reason, so the composer keeps the text. The acked message joins the room's ring, where
 * the other members' live messages are.
 */
export class LiveSender {
  constructor(private readonly ctx: AccountContext) {}

  /** The composer's text message. */
  sendText(target: LiveTarget, input: ParsedInput<'messages:send'>): Promise<ChatMessage> {
    return this.send(target, { body: textBody(input.text), replyTo: input.replyToId, groupAt: input.groupAt, needReceipt: input.needReceipt });
  }

  /** Any ready body (a forwarded copy, a combined forward). */
  send(target: LiveTarget, send: { body: MsgBody; replyTo?: string | undefined } & GroupSendExtras): Promise<ChatMessage> {
    const { connection, tasks } = this.ctx;
    return accountRequest(tasks, async (stillSignedIn) => {
      if (!connection.isOnline()) throw new AppError('offline', 'A live room takes messages only while connected.');
      const clientMsgId = newClientMsgId();
      const payload = sendPayload(target, {
        clientMsgId,
        body: send.body,
        replyTo: send.replyTo,
        groupAt: normalizedGroupAt(send.groupAt),
        needReceipt: send.needReceipt === true,
      });
      // Checked like an outbox entry before it leaves (a mention list over the cap is refused here, not by the server).
      const request = requestSchemas['message:send'].input.safeParse(payload);
      if (!request.success) throw new AppError('bad_request', 'This message could not be sent: it is malformed.');
      const { message } = await connection.request('message:send', request.data);
      stillSignedIn();
      if (message.clientMsgId !== clientMsgId) throw new AppError('internal', 'The server acknowledged another message.');
      // Kept and shown like the room's other live messages (sync/liveMessages.ts): the next page of the room has it,
      // the list entry moves, and a room never opened gets its row.
      if (this.ctx.liveRooms.add(message)) {
        ensureGroupRow(this.ctx.db, target.conversationId, message.time, target.key.groupType);
        this.ctx.notify.liveMessages(target.conversationId, [message]);
      }
      return liveChatMessage(this.ctx.db, message, this.ctx.me);
    });
  }
}
