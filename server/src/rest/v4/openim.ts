import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type MessagesService } from '../../features/messages/messages.service';
import { msgKeyOf } from '../../features/messages/view';
import { type PresenceService } from '../../features/presence/presence.service';
import { type AppErrorCodes, type V4Command, isUserId, listField, tencentErrorFor } from './command';
import { RetryWindow, SENDMSG_CODES, parseSendMsg, restClientMsgId } from './sendmsg';

/** openim codes (contract §2.1). */
const PARSE_FAILED = 90001;
const TO_ACCOUNT_INVALID = 90003;
const TOO_MANY_TARGETS = 90011;
const ACCOUNT_NOT_FOUND = 70107;
/** "internal error" in the openim service's own range (contract §2.1, §3.6). */
const INTERNAL = 91000;

const MAX_QUERY = 500;

const SEND_FAILURES: AppErrorCodes = {
  account_not_found: [SENDMSG_CODES.fromInvalid, 'From_Account does not exist.'],
  user_not_found: [SENDMSG_CODES.toUnknown, 'To_Account does not exist.'],
  body_too_large: [SENDMSG_CODES.bodyTooLong],
};

export interface OpenimCommandDeps {
  accounts: AccountsService;
  messages: MessagesService;
  presence: PresenceService;
  clock: Clock;
}

export function openimCommands(deps: OpenimCommandDeps): Record<string, V4Command> {
  const { accounts, presence } = deps;
  const retries = new RetryWindow(deps.clock);

  /** Shared by the legacy and current online-status queries; they differ in key names only. */
  async function onlineStatus(body: Record<string, unknown>, statusKey: 'State' | 'Status', withDetail: boolean) {
    const targets = listField(body.To_Account, TO_ACCOUNT_INVALID, 'To_Account', MAX_QUERY, TOO_MANY_TARGETS);
    const existing = await accounts.existing(targets.filter(isUserId));
    const results: Array<Record<string, unknown>> = [];
    const errors: Array<Record<string, unknown>> = [];
    for (const target of new Set(targets)) {
      if (!isUserId(target) || !existing.has(target)) {
        errors.push({ To_Account: target, ErrorCode: ACCOUNT_NOT_FOUND });
        continue;
      }
      const result: Record<string, unknown> = { To_Account: target, [statusKey]: presence.isOnline(target) ? 'Online' : 'Offline' };
      // §3.6: Detail lists the devices of an online account; an offline one has none and gets no Detail.
      const devices = withDetail ? presence.platformsOf(target) : [];
      if (devices.length > 0) result.Detail = devices.map((platform) => ({ Platform: platform, Status: 'Online' }));
      results.push(result);
    }
    const fields = errors.length > 0 ? { QueryResult: results, ErrorList: errors } : { QueryResult: results };
    // The reply's ErrorCode is 0 when any account succeeded.
    if (results.length === 0) throw new TencentError(ACCOUNT_NOT_FOUND, 'None of the accounts exist.', fields);
    return fields;
  }

  return {
    'openim/querystate': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      run: ({ body }) => onlineStatus(body, 'State', false),
    },

    'openim/query_online_status': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      run: ({ body }) => onlineStatus(body, 'Status', body.IsNeedDetail === 1),
    },

    'openim/sendmsg': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ admin, body }) {
        const request = parseSendMsg(body, admin);
        const send = {
          from: request.from,
          to: request.to,
          clientMsgId: restClientMsgId(request, retries),
          body: request.body,
          senderSync: request.senderSync,
          random: request.random,
        };
        try {
          const message = request.onlineOnly ? await deps.messages.deliverOnline(send) : (await deps.messages.send(send)).message;
          return { MsgTime: Math.floor(message.time / 1000), MsgKey: msgKeyOf(message) };
        } catch (error) {
          throw tencentErrorFor(error, SEND_FAILURES);
        }
      },
    },
  };
}
