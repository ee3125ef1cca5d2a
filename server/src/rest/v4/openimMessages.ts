import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type MessagesService, type SendRequest } from '../../features/messages/messages.service';
import { msgKeyOf } from '../../features/messages/view';
import { type StoredMessage } from '../../store/types';
import { type AppErrorCodes, type V4Command, isUserId, listField, tencentErrorFor } from './command';
import { type SendMsgRequest, RetryWindow, SENDMSG_CODES, parseFrom, parseMessageFields, parseSendMsg, restClientMsgId } from './sendmsg';

const PARSE_FAILED = 90001;
const INTERNAL = 91000;
const TOO_MANY_TARGETS = 90011;
/** batchsendmsg: the code of a recipient that does not exist in ErrorList (contract §3.8 example). */
const ACCOUNT_NOT_FOUND = 70107;
const MAX_BATCH = 500;

/** AppErrors of the send path in openim's numbers. */
const SEND_FAILURES: AppErrorCodes = {
  account_not_found: [SENDMSG_CODES.fromInvalid, 'From_Account does not exist.'],
  user_not_found: [SENDMSG_CODES.toUnknown, 'To_Account does not exist.'],
  body_too_large: [SENDMSG_CODES.bodyTooLong],
  // The send path's reference checks on file elements (a UUID this server issued must exist and match).
  element_mismatch: [SENDMSG_CODES.formatInvalid],
  file_unavailable: [SENDMSG_CODES.formatInvalid],
  file_too_large: [SENDMSG_CODES.formatInvalid],
  relay_unavailable: [SENDMSG_CODES.formatInvalid],
};

export interface MessageCommandDeps {
  messages: MessagesService;
  accounts: AccountsService;
  clock: Clock;
}

/** S1 `openim/sendmsg` (contract §3.7) and `openim/batchsendmsg` (§3.8). */
export function messageCommands(deps: MessageCommandDeps): Record<string, V4Command> {
  const retries = new RetryWindow(deps.clock);

  /** Stores (or, with MsgLifeTime 0, only pushes) one copy; AppErrors come out in openim's numbers. */
  async function sendOne(request: SendMsgRequest): Promise<StoredMessage> {
    const send: SendRequest = {
      from: request.from,
      to: request.to,
      clientMsgId: restClientMsgId(request, retries),
      body: request.body,
      senderSync: request.senderSync,
      random: request.random,
      cloudCustomData: request.cloudCustomData,
      // M2: app backends may name files kept elsewhere (Tencent accepts any URL and UUID); blobs stored here are still checked.
      externalMedia: true,
    };
    try {
      return request.onlineOnly ? await deps.messages.deliverOnline(send) : (await deps.messages.send(send)).message;
    } catch (error) {
      throw tencentErrorFor(error, SEND_FAILURES);
    }
  }

  return {
    'openim/sendmsg': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ admin, body }) {
        const message = await sendOne(parseSendMsg(body, admin));
        return { MsgTime: Math.floor(message.time / 1000), MsgKey: msgKeyOf(message) };
      },
    },

    'openim/batchsendmsg': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ admin, body }) {
        const from = parseFrom(body, admin);
        const targets = listField(body.To_Account, SENDMSG_CODES.toInvalid, 'To_Account', MAX_BATCH, TOO_MANY_TARGETS);
        const fields = parseMessageFields(body, from);
        if (!(await deps.accounts.existing([from])).has(from)) throw new TencentError(SENDMSG_CODES.fromInvalid, 'From_Account does not exist.');

        const unique = [...new Set(targets.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))))];
        const existing = await deps.accounts.existing(unique.filter(isUserId));
        const errors: Array<{ To_Account: string; ErrorCode: number }> = [];
        const recipients: string[] = [];
        for (const target of unique) {
          if (existing.has(target)) recipients.push(target);
          else errors.push({ To_Account: target, ErrorCode: ACCOUNT_NOT_FOUND });
        }
        // Sent together, so the group commit stores them in one transaction.
        const results = await Promise.allSettled(recipients.map((to) => sendOne({ ...fields, to })));
        let first: StoredMessage | null = null;
        for (const [index, result] of results.entries()) {
          if (result.status === 'fulfilled') {
            first ??= result.value;
            continue;
          }
          const error: unknown = result.reason;
          // A fault of the message itself (size, format) fails every copy alike: answer it as sendmsg would.
          if (!(error instanceof TencentError) || error.errorCode !== SENDMSG_CODES.toUnknown) throw error;
          errors.push({ To_Account: recipients[index] ?? '', ErrorCode: ACCOUNT_NOT_FOUND });
        }
        // No callbacks fire for batchsendmsg (contract §3.8).
        if (!first) throw new TencentError(SENDMSG_CODES.toUnknown, 'invalid To_Account', { ErrorList: errors });
        const reply = { MsgKey: msgKeyOf(first) };
        return errors.length === 0 ? reply : { ActionStatus: 'SomeError', ...reply, ErrorList: errors };
      },
    },
  };
}
