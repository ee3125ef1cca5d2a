import { type AccountsService } from '../../features/accounts/accounts.service';
import { type AuthService } from '../../features/auth/auth.service';
import { type V4Command, isUserId, listField, optionalText, record, tencentErrorFor, userIdField } from './command';

/** Account codes (contract §2.1, §3.1): 70402 invalid parameter, 70107 account missing, 40601 value over 500 bytes, 70500 internal. */
const INVALID = 70402;
const NOT_FOUND = 70107;
const TOO_LONG = 40601;
const INTERNAL = 70500;
const NOT_FOUND_INFO = 'Err_TLS_PT_Open_Login_Account_Not_Exist';
const MAX_BATCH = 100;
const MAX_PROFILE_BYTES = 500;

export interface AccountCommandDeps {
  accounts: AccountsService;
  auth: AuthService;
}

/** `im_open_login_svc/*` (contract §3.1–§3.5); legacy `Identifier` is accepted wherever `UserID` is. */
export function accountCommands({ accounts, auth }: AccountCommandDeps): Record<string, V4Command> {
  return {
    'im_open_login_svc/account_import': {
      malformedCode: INVALID,
      internalCode: INTERNAL,
      async run({ body }) {
        const userId = userIdField(body.UserID ?? body.Identifier, INVALID, 'UserID');
        const nickname = optionalText(body.Nick, INVALID, 'Nick', MAX_PROFILE_BYTES, TOO_LONG);
        const faceUrl = optionalText(body.FaceUrl, INVALID, 'FaceUrl', MAX_PROFILE_BYTES, TOO_LONG);
        await accounts.importAccounts([{ userId, nickname, faceUrl }]);
        return {};
      },
    },

    'im_open_login_svc/multiaccount_import': {
      malformedCode: INVALID,
      internalCode: INTERNAL,
      async run({ body }) {
        const failed: string[] = [];
        const valid: Array<{ userId: string; nickname?: string; faceUrl?: string }> = [];
        if (body.AccountList !== undefined) {
          for (const entry of listField(body.AccountList, INVALID, 'AccountList', MAX_BATCH)) {
            const item = record(entry);
            const userId = item.UserID ?? item.Identifier;
            try {
              valid.push({
                userId: userIdField(userId, INVALID, 'UserID'),
                nickname: optionalText(item.Nick, INVALID, 'Nick', MAX_PROFILE_BYTES, TOO_LONG),
                faceUrl: optionalText(item.FaceUrl, INVALID, 'FaceUrl', MAX_PROFILE_BYTES, TOO_LONG),
              });
            } catch {
              failed.push(typeof userId === 'string' ? userId : JSON.stringify(userId ?? null));
            }
          }
        } else {
          for (const userId of listField(body.Accounts, INVALID, 'Accounts', MAX_BATCH)) {
            if (isUserId(userId)) valid.push({ userId });
            else failed.push(typeof userId === 'string' ? userId : JSON.stringify(userId));
          }
        }
        if (valid.length > 0) await accounts.importAccounts(valid);
        return { FailAccounts: failed };
      },
    },

    'im_open_login_svc/account_delete': {
      malformedCode: INVALID,
      internalCode: INTERNAL,
      async run({ body }) {
        const items = listField(body.DeleteItem, INVALID, 'DeleteItem', MAX_BATCH).map((entry) => {
          const item = record(entry);
          return item.UserID ?? item.Identifier;
        });
        const deletable = items.filter((id): id is string => isUserId(id) && !auth.isAdmin(id));
        const deleted = new Set(await accounts.deleteAccounts(deletable));
        return {
          ResultItem: items.map((userId) => {
            if (!isUserId(userId)) return { ResultCode: INVALID, ResultInfo: 'invalid UserID', UserID: userId ?? '' };
            if (auth.isAdmin(userId)) return { ResultCode: INVALID, ResultInfo: 'An app admin account cannot be deleted.', UserID: userId };
            return deleted.has(userId)
              ? { ResultCode: 0, ResultInfo: '', UserID: userId }
              : { ResultCode: NOT_FOUND, ResultInfo: NOT_FOUND_INFO, UserID: userId };
          }),
        };
      },
    },

    'im_open_login_svc/account_check': {
      malformedCode: INVALID,
      internalCode: INTERNAL,
      async run({ body }) {
        const items = listField(body.CheckItem, INVALID, 'CheckItem', MAX_BATCH).map((entry) => {
          const item = record(entry);
          return item.UserID ?? item.Identifier;
        });
        const existing = await accounts.existing(items.filter(isUserId));
        return {
          ResultItem: items.map((userId) =>
            isUserId(userId)
              ? { UserID: userId, ResultCode: 0, ResultInfo: '', AccountStatus: existing.has(userId) ? 'Imported' : 'NotImported' }
              : { UserID: userId ?? '', ResultCode: INVALID, ResultInfo: 'invalid UserID', AccountStatus: 'NotImported' },
          ),
        };
      },
    },

    'im_open_login_svc/kick': {
      malformedCode: INVALID,
      internalCode: INTERNAL,
      async run({ body }) {
        const userId = userIdField(body.UserID ?? body.Identifier, INVALID, 'UserID');
        try {
          await auth.kick(userId);
        } catch (error) {
          throw tencentErrorFor(error, { account_not_found: [NOT_FOUND, NOT_FOUND_INFO] });
        }
        return {};
      },
    },
  };
}
