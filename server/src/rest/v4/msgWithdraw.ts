import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type MessagesService } from '../../features/messages/messages.service';
import { msgKeyOf } from '../../features/messages/view';
import { type Store } from '../../store/types';
import { type AppErrorCodes, type V4Command, tencentErrorFor, userIdField } from './command';
import { parseMsgKey } from './roamMsg';

const PARSE_FAILED = 90001;
const TO_INVALID = 90003;
const FROM_INVALID = 90008;
const MSG_KEY_INVALID = 90054;
const INTERNAL = 91000;

const RECALL_FAILURES: AppErrorCodes = {
  message_not_found: [20022, 'The message to recall does not exist.'],
  already_recalled: [20023, 'The message was already recalled.'],
};

export interface WithdrawDeps {
  store: Store;
  accounts: AccountsService;
  messages: MessagesService;
}

/**
 * S1 `openim/admin_msgwithdraw` (contract §3.10): the admin recalls the
 * message From_Account sent To_Account, by MsgKey, with no time limit; both
 * parties' devices see it recalled, as with a recall by the sender.
 */
export function withdrawCommands(deps: WithdrawDeps): Record<string, V4Command> {
  /**
   * The stored MsgKey of the message the caller means. batchsendmsg answers one
   * MsgKey for all its copies, but each recipient's copy has its own seq; the
   * copy to this recipient is then found by the key's random and second.
   */
  async function storedKeyFor(from: string, to: string, msgKey: string): Promise<string | null> {
    const parts = parseMsgKey(msgKey);
    if (!parts) throw new TencentError(MSG_KEY_INVALID, 'MsgKey is not a valid MsgKey.');
    const exact = await deps.store.messages.find({ between: [from, to], viewer: null, message: { msgKey } });
    if (exact) return exact.from === from ? msgKey : null;
    const candidates = await deps.store.history.byKeyParts(from, to, parts.random, parts.second);
    return candidates.length === 1 && candidates[0] ? msgKeyOf(candidates[0]) : null;
  }

  return {
    'openim/admin_msgwithdraw': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ body }) {
        const from = userIdField(body.From_Account, FROM_INVALID, 'From_Account');
        const to = userIdField(body.To_Account, TO_INVALID, 'To_Account');
        if (typeof body.MsgKey !== 'string' || !parseMsgKey(body.MsgKey)) throw new TencentError(MSG_KEY_INVALID, 'MsgKey is not a valid MsgKey.');
        const existing = await deps.accounts.existing([from, to]);
        if (!existing.has(from)) throw new TencentError(FROM_INVALID, 'From_Account does not exist.');
        if (!existing.has(to)) throw new TencentError(TO_INVALID, 'To_Account does not exist.');
        const msgKey = await storedKeyFor(from, to, body.MsgKey);
        if (!msgKey) throw new TencentError(20022, 'The message to recall does not exist.');
        try {
          await deps.messages.recallMessage({ kind: 'admin' }, { between: [from, to], message: { msgKey } });
        } catch (error) {
          throw tencentErrorFor(error, RECALL_FAILURES);
        }
        return {};
      },
    },
  };
}
