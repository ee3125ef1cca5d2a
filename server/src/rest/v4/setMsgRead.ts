import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { type ConversationsService } from '../../features/conversations/conversations.service';
import { type Store } from '../../store/types';
import { type V4Command, isInteger, userIdField } from './command';

const PARSE_FAILED = 90001;
const PEER_INVALID = 90003;
const REPORTER_INVALID = 90008;
const INTERNAL = 91000;

/** MsgReadTime in Unix seconds: the doc types it String, callers send numbers too (contract §3.11). Null when omitted. */
export function parseReadTime(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  throw new TencentError(PARSE_FAILED, 'MsgReadTime must be Unix seconds (a number or a string of digits).');
}

export interface SetMsgReadDeps {
  store: Store;
  accounts: AccountsService;
  conversations: ConversationsService;
  clock: Clock;
}

/**
 * S1 `openim/admin_set_msg_read` (contract §3.11): Report_Account has read
 * Peer_Account's messages up to MsgReadTime (now when omitted). It moves the
 * read position as a client's markRead does, with the same pushes.
 */
export function setMsgReadCommands(deps: SetMsgReadDeps): Record<string, V4Command> {
  return {
    'openim/admin_set_msg_read': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ body }) {
        const reader = userIdField(body.Report_Account, REPORTER_INVALID, 'Report_Account');
        const peer = userIdField(body.Peer_Account, PEER_INVALID, 'Peer_Account');
        const readTime = parseReadTime(body.MsgReadTime);
        const existing = await deps.accounts.existing([reader, peer]);
        if (!existing.has(reader)) throw new TencentError(REPORTER_INVALID, 'Report_Account does not exist.');
        if (!existing.has(peer)) throw new TencentError(PEER_INVALID, 'Peer_Account does not exist.');
        // Every message of that second counts as read: MsgReadTime has no finer grain.
        const upTo = readTime === null ? deps.clock.now() : readTime * 1000 + 999;
        const seq = await deps.store.history.lastSeqAt(reader, peer, upTo);
        if (seq > 0) await deps.conversations.markRead(reader, peer, seq);
        return {};
      },
    },
  };
}
