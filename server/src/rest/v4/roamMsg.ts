import { TencentError } from '../../errors';
import { type AccountsService } from '../../features/accounts/accounts.service';
import { msgKeyOf } from '../../features/messages/view';
import { type Store, type StoredMessage } from '../../store/types';
import { type V4Command, isInteger, userIdField } from './command';

const PARSE_FAILED = 90001;
const PEER_INVALID = 90003;
const OPERATOR_INVALID = 90008;
const INTERNAL = 91000;

/** Tencent caps the reply at about 13 KB and asks the caller to continue (contract §3.9). */
export const ROAM_REPLY_LIMIT_BYTES = 13 * 1024;
/** Rows read per page at most, whatever MaxCnt says: the byte cap ends a page long before. */
const MAX_ROWS = 1000;
/** MsgFlagBits of a recalled message. */
const RECALLED_FLAG = 8;

const MSG_KEY = /^(\d{1,16})_(\d{1,10})_(\d{1,12})$/;

/** A MsgKey's parts (`<seq>_<random>_<unix seconds>`), or null when it is not one. */
export function parseMsgKey(value: unknown): { seq: number; random: number; second: number } | null {
  if (typeof value !== 'string') return null;
  const match = MSG_KEY.exec(value);
  if (!match) return null;
  return { seq: Number(match[1]), random: Number(match[2]), second: Number(match[3]) };
}

export interface RoamRequest {
  operator: string;
  peer: string;
  maxCount: number;
  minTime: number;
  maxTime: number;
  /** The seq of the previous page's LastMsgKey: this page starts below it. */
  beforeSeq: number | null;
}

/**
 * Validates an admin_getroammsg body. The current docs name the parties
 * Operator_Account / Peer_Account, the older ones From_Account / To_Account;
 * both are accepted. Pure.
 */
export function parseRoamRequest(body: Record<string, unknown>): RoamRequest {
  const operatorField = body.Operator_Account !== undefined ? 'Operator_Account' : 'From_Account';
  const peerField = body.Peer_Account !== undefined ? 'Peer_Account' : 'To_Account';
  const operator = userIdField(body[operatorField], OPERATOR_INVALID, operatorField);
  const peer = userIdField(body[peerField], PEER_INVALID, peerField);
  const { MaxCnt, MinTime, MaxTime, LastMsgKey } = body;
  if (!isInteger(MaxCnt) || MaxCnt < 1) throw new TencentError(PARSE_FAILED, 'MaxCnt must be a positive integer.');
  if (!isInteger(MinTime) || MinTime < 0) throw new TencentError(PARSE_FAILED, 'MinTime must be Unix seconds.');
  if (!isInteger(MaxTime) || MaxTime < 0) throw new TencentError(PARSE_FAILED, 'MaxTime must be Unix seconds.');
  let beforeSeq: number | null = null;
  if (LastMsgKey !== undefined && LastMsgKey !== '') {
    const key = parseMsgKey(LastMsgKey);
    if (!key) throw new TencentError(PARSE_FAILED, 'LastMsgKey is not a MsgKey from an earlier reply.');
    beforeSeq = key.seq;
  }
  return { operator, peer, maxCount: MaxCnt, minTime: MinTime, maxTime: MaxTime, beforeSeq };
}

/** One MsgList entry as Tencent writes it. */
function roamEntry(message: StoredMessage, isPeerRead: boolean): Record<string, unknown> {
  return {
    From_Account: message.from,
    To_Account: message.to,
    MsgSeq: message.seq,
    MsgRandom: message.random,
    MsgTimeStamp: Math.floor(message.time / 1000),
    MsgFlagBits: message.recalled ? RECALLED_FLAG : 0,
    IsPeerRead: isPeerRead ? 1 : 0,
    MsgKey: msgKeyOf(message),
    MsgBody: message.body,
    CloudCustomData: message.cloudCustomData,
  };
}

export interface RoamCommandDeps {
  store: Store;
  accounts: AccountsService;
}

/** S1 `openim/admin_getroammsg` (contract §3.9): newest first, ~13 KB per reply, continued by LastMsgTime + LastMsgKey. */
export function roamCommands(deps: RoamCommandDeps): Record<string, V4Command> {
  return {
    'openim/admin_getroammsg': {
      malformedCode: PARSE_FAILED,
      internalCode: INTERNAL,
      async run({ body }) {
        const request = parseRoamRequest(body);
        const existing = await deps.accounts.existing([request.operator, request.peer]);
        if (!existing.has(request.operator)) throw new TencentError(OPERATOR_INVALID, `${request.operator} does not exist.`);
        if (!existing.has(request.peer)) throw new TencentError(PEER_INVALID, `${request.peer} does not exist.`);

        const wanted = Math.min(request.maxCount, MAX_ROWS);
        const rows =
          request.minTime > request.maxTime
            ? []
            : await deps.store.history.roamingPage(request.operator, request.peer, {
                fromMs: request.minTime * 1000,
                toMs: request.maxTime * 1000 + 999,
                beforeSeq: request.beforeSeq,
                limit: wanted + 1,
              });
        const conversation = rows.length > 0 ? await deps.store.conversations.get(request.operator, request.peer) : null;
        // Whether the message's recipient has read it: the peer for the operator's own sends, else the operator.
        const readBy = (message: StoredMessage) =>
          message.from === request.operator ? (conversation?.peerReadSeq ?? 0) >= message.seq : (conversation?.readSeq ?? 0) >= message.seq;

        const list: Array<Record<string, unknown>> = [];
        let bytes = 0;
        for (const message of rows.slice(0, wanted)) {
          const entry = roamEntry(message, readBy(message));
          const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
          if (list.length > 0 && bytes + size > ROAM_REPLY_LIMIT_BYTES) break;
          list.push(entry);
          bytes += size;
        }
        const last = list.at(-1);
        return {
          Complete: list.length < rows.length ? 0 : 1,
          MsgCnt: list.length,
          ...(last ? { LastMsgTime: last.MsgTimeStamp, LastMsgKey: last.MsgKey } : {}),
          MsgList: list,
        };
      },
    },
  };
}
