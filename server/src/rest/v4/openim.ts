import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type PresenceService } from '../../features/presence/presence.service';
import { type V4Command, isUserId, listField } from './command';

/** openim codes (contract §2.1). */
const PARSE_FAILED = 90001;
const TO_ACCOUNT_INVALID = 90003;
const TOO_MANY_TARGETS = 90011;
const ACCOUNT_NOT_FOUND = 70107;
/** "internal error" in the openim service's own range (contract §2.1, §3.6). */
const INTERNAL = 91000;

const MAX_QUERY = 500;

export interface OpenimCommandDeps {
  accounts: AccountsService;
  presence: PresenceService;
}

/** Online status; the message commands are in openimMessages.ts. */
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
  };
}
