import { MsgBody } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type MessagesService, type SenderSync } from '../../features/messages/messages.service';
import { msgKeyOf } from '../../features/messages/view';
import { type PresenceService } from '../../features/presence/presence.service';
import { type V4Command, isInteger, isUserId, listField, userIdField } from './command';

/** openim codes (contract §2.1). */
const PARSE_FAILED = 90001;
const BODY_MALFORMED = 90002;
const TO_ACCOUNT_INVALID = 90003;
const RANDOM_INVALID = 90005;
const TIMESTAMP_INVALID = 90006;
const BODY_NOT_ARRAY = 90007;
const FROM_ACCOUNT_INVALID = 90008;
const TOO_MANY_TARGETS = 90011;
const TO_ACCOUNT_UNKNOWN = 90012;
const LIFETIME_TOO_LONG = 90026;
const SYNC_INVALID = 90031;
const LIFETIME_INVALID = 90044;
const ACCOUNT_NOT_FOUND = 70107;
const BODY_TOO_LONG = 80002;

const MAX_LIFETIME_SECONDS = 7 * 86400;
const MAX_QUERY = 500;

export interface OpenimCommandDeps {
  accounts: AccountsService;
  messages: MessagesService;
  presence: PresenceService;
  clock: Clock;
}

export function openimCommands(deps: OpenimCommandDeps): Record<string, V4Command> {
  const { accounts, presence } = deps;

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
      if (withDetail) result.Detail = presence.platformsOf(target).map((platform) => ({ Platform: platform, Status: 'Online' }));
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
      run: ({ body }) => onlineStatus(body, 'State', false),
    },

    'openim/query_online_status': {
      malformedCode: PARSE_FAILED,
      run: ({ body }) => onlineStatus(body, 'Status', body.IsNeedDetail === 1),
    },

    'openim/sendmsg': {
      malformedCode: PARSE_FAILED,
      async run({ admin, body }) {
        const from = body.From_Account === undefined ? admin : userIdField(body.From_Account, FROM_ACCOUNT_INVALID, 'From_Account');
        const to = userIdField(body.To_Account, TO_ACCOUNT_INVALID, 'To_Account');
        const random = body.MsgRandom;
        if (!isInteger(random) || random < 0 || random > 0xffffffff) {
          throw new TencentError(RANDOM_INVALID, 'MsgRandom is required and must be a 32-bit unsigned integer.');
        }
        if (body.MsgTimeStamp !== undefined && !isInteger(body.MsgTimeStamp)) {
          throw new TencentError(TIMESTAMP_INVALID, 'MsgTimeStamp must be an integer.');
        }
        const sync = body.SyncOtherMachine;
        if (sync !== undefined && sync !== 1 && sync !== 2) throw new TencentError(SYNC_INVALID, 'SyncOtherMachine must be 1 or 2.');
        const lifetime = body.MsgLifeTime;
        if (lifetime !== undefined) {
          if (!isInteger(lifetime) || lifetime < 0) throw new TencentError(LIFETIME_INVALID, 'MsgLifeTime must be a non-negative integer.');
          if (lifetime > MAX_LIFETIME_SECONDS) throw new TencentError(LIFETIME_TOO_LONG, 'MsgLifeTime is at most 604800 seconds (7 days).');
        }
        if (!Array.isArray(body.MsgBody)) throw new TencentError(BODY_NOT_ARRAY, 'MsgBody must be an array.');
        const parsed = MsgBody.safeParse(body.MsgBody);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new TencentError(BODY_MALFORMED, `MsgBody is malformed${issue ? `: ${[...issue.path].join('.')} ${issue.message}` : ''}.`);
        }

        const nowSeconds = Math.floor(deps.clock.now() / 1000);
        // MsgLifeTime 0 means online only: a recipient with no device connected gets nothing, and nothing is kept.
        if (lifetime === 0 && !presence.isOnline(to)) {
          const existing = await accounts.existing([from, to]);
          if (!existing.has(from)) throw new TencentError(FROM_ACCOUNT_INVALID, 'From_Account does not exist.');
          if (!existing.has(to)) throw new TencentError(TO_ACCOUNT_UNKNOWN, 'To_Account does not exist.');
          return { MsgTime: nowSeconds, MsgKey: msgKeyOf({ seq: 0, random, time: nowSeconds * 1000 }) };
        }

        const senderSync: SenderSync = sync === 1 ? 'live' : sync === 2 ? 'hidden' : 'history';
        try {
          const { message } = await deps.messages.send({
            from,
            to,
            // Tencent uses MsgRandom to drop repeats within the same second; so do we.
            clientMsgId: `rest-${nowSeconds}-${random}-${to}`,
            body: parsed.data,
            senderSync,
            random,
          });
          return { MsgTime: Math.floor(message.time / 1000), MsgKey: msgKeyOf(message) };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'account_not_found') throw new TencentError(FROM_ACCOUNT_INVALID, 'From_Account does not exist.');
          if (error.code === 'user_not_found') throw new TencentError(TO_ACCOUNT_UNKNOWN, 'To_Account does not exist.');
          if (error.code === 'body_too_large') throw new TencentError(BODY_TOO_LONG, error.message);
          throw error;
        }
      },
    },
  };
}
