import {
  CALL_RECORD_BUSINESS_ID,
  CALL_RECORD_DESC,
  type CallInfo,
  type CallRecordData,
  type MsgBody,
  callDurationSeconds,
} from '../../../../shared/domain';
import { type GroupMessagesService } from '../groupMessages/groupMessages.service';
import { type MessagesService } from '../messages/messages.service';

/** C5: the record's body: one TIMCustomElem whose Data is the CallRecordData JSON and whose Desc is `[Call]`. */
export function callRecordBody(call: CallInfo): MsgBody {
  const data: CallRecordData = {
    businessID: CALL_RECORD_BUSINESS_ID,
    callId: call.callId,
    kind: call.kind,
    media: call.media,
    caller: call.caller,
    result: call.endReason ?? 'missed',
    durationSec: callDurationSeconds(call),
  };
  return [{ MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(data), Desc: CALL_RECORD_DESC } }];
}

/**
 * Stores an ended call's record in its chat through the ordinary send paths (a seq, sync to every device, unread
 * for the others), sent by the caller with the call ID as client message ID, so writing it twice stores it once.
 * A group record is decided as the app admin's (a caller muted or gone since still leaves the record).
 */
export function callRecordWriter(deps: { messages: MessagesService; groupMessages: GroupMessagesService }): (call: CallInfo) => Promise<void> {
  return async (call) => {
    const body = callRecordBody(call);
    if (call.kind === 'group') {
      await deps.groupMessages.send({ from: call.caller, conversationId: call.conversationId, clientMsgId: call.callId, body, asAppAdmin: true });
      return;
    }
    const callee = call.participants.find((p) => p.userId !== call.caller)?.userId;
    if (callee === undefined) return;
    await deps.messages.send({ from: call.caller, to: callee, clientMsgId: call.callId, body, senderSync: 'live' });
  };
}
