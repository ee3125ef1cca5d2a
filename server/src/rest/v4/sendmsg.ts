import { createHash } from 'node:crypto';
import { MsgBody, utf8Length } from '../../../../shared/domain';
import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type SenderSync } from '../../features/messages/messages.service';
import { isInteger, userIdField } from './command';

/** openim codes of sendmsg (contract §2.1, §3.7). */
export const SENDMSG_CODES = {
  bodyMalformed: 90002,
  toInvalid: 90003,
  randomInvalid: 90005,
  timestampInvalid: 90006,
  bodyNotArray: 90007,
  fromInvalid: 90008,
  toUnknown: 90012,
  lifetimeTooLong: 90026,
  formatInvalid: 90010,
  syncInvalid: 90031,
  lifetimeInvalid: 90044,
  bodyTooLong: 80002,
} as const;

const MAX_LIFETIME_SECONDS = 7 * 86400;
/** The same bound a client send has (shared SendMessage input). */
const MAX_CLOUD_CUSTOM_DATA_BYTES = 1024;
const UINT32_MAX = 0xffffffff;

/** The message fields sendmsg and batchsendmsg share (everything but the recipient). */
export interface MessageFields {
  from: string;
  random: number;
  /** The caller's MsgTimeStamp (Unix seconds), when given: part of the de-duplication key. */
  timestamp: number | null;
  /** The caller's MsgSeq, when given as a uint32: part of the de-duplication key. */
  seq: number | null;
  senderSync: SenderSync;
  /** MsgLifeTime 0: deliver to connected devices only, store nothing. */
  onlineOnly: boolean;
  body: MsgBody;
  /** CloudCustomData, '' when none. */
  cloudCustomData: string;
}

/** A validated `openim/sendmsg` body. */
export interface SendMsgRequest extends MessageFields {
  to: string;
}

/** Validates a sendmsg body field by field, throwing Tencent's code for the first fault. Pure. */
export function parseSendMsg(body: Record<string, unknown>, admin: string): SendMsgRequest {
  const from = parseFrom(body, admin);
  const to = userIdField(body.To_Account, SENDMSG_CODES.toInvalid, 'To_Account');
  return { ...parseMessageFields(body, from), to };
}

/** From_Account, or the calling admin when it is omitted. */
export function parseFrom(body: Record<string, unknown>, admin: string): string {
  return body.From_Account === undefined ? admin : userIdField(body.From_Account, SENDMSG_CODES.fromInvalid, 'From_Account');
}

/** The fields after the accounts, in the order Tencent checks them. Pure. */
export function parseMessageFields(body: Record<string, unknown>, from: string): MessageFields {
  const C = SENDMSG_CODES;
  const random = body.MsgRandom;
  if (!isInteger(random) || random < 0 || random > UINT32_MAX) {
    throw new TencentError(C.randomInvalid, 'MsgRandom is required and must be a 32-bit unsigned integer.');
  }
  if (body.MsgTimeStamp !== undefined && !isInteger(body.MsgTimeStamp)) {
    throw new TencentError(C.timestampInvalid, 'MsgTimeStamp must be an integer.');
  }
  const sync = body.SyncOtherMachine;
  if (sync !== undefined && sync !== 1 && sync !== 2) throw new TencentError(C.syncInvalid, 'SyncOtherMachine must be 1 or 2.');
  const lifetime = body.MsgLifeTime;
  if (lifetime !== undefined) {
    if (!isInteger(lifetime) || lifetime < 0) throw new TencentError(C.lifetimeInvalid, 'MsgLifeTime must be a non-negative integer.');
    if (lifetime > MAX_LIFETIME_SECONDS) throw new TencentError(C.lifetimeTooLong, 'MsgLifeTime is at most 604800 seconds (7 days).');
  }
  if (!Array.isArray(body.MsgBody)) throw new TencentError(C.bodyNotArray, 'MsgBody must be an array.');
  const parsed = MsgBody.safeParse(body.MsgBody);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TencentError(C.bodyMalformed, `MsgBody is malformed${issue ? `: ${[...issue.path].join('.')} ${issue.message}` : ''}.`);
  }
  const cloud = body.CloudCustomData;
  if (cloud !== undefined && typeof cloud !== 'string') throw new TencentError(C.formatInvalid, 'CloudCustomData must be a string.');
  if (cloud !== undefined && utf8Length(cloud) > MAX_CLOUD_CUSTOM_DATA_BYTES) {
    throw new TencentError(C.bodyTooLong, `CloudCustomData is longer than ${MAX_CLOUD_CUSTOM_DATA_BYTES} bytes.`);
  }
  const push = body.OfflinePushInfo;
  if (push !== undefined && (typeof push !== 'object' || push === null || Array.isArray(push))) {
    throw new TencentError(C.formatInvalid, 'OfflinePushInfo must be an object.');
  }
  const seq = body.MsgSeq;
  return {
    from,
    random,
    timestamp: isInteger(body.MsgTimeStamp) ? body.MsgTimeStamp : null,
    // Undocumented shapes of MsgSeq are ignored rather than refused, as before.
    seq: isInteger(seq) && seq >= 0 && seq <= UINT32_MAX ? seq : null,
    senderSync: sync === 1 ? 'live' : sync === 2 ? 'hidden' : 'history',
    onlineOnly: lifetime === 0,
    body: parsed.data,
    cloudCustomData: cloud ?? '',
  };
}

/**
 * Remembers when a (sender, recipient, MsgRandom) was first seen, for a while,
 * so that a backend retrying a sendmsg without MsgTimeStamp or MsgSeq (after
 * the 3 s REST timeout, say) gets the stored message back instead of a copy.
 * Entries live in insertion order, so expired ones are swept from the front.
 */
export class RetryWindow {
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    readonly windowMs = 120_000,
    private readonly maxEntries = 200_000,
  ) {}

  /** Unix milliseconds at which `key` was first seen within the window (now, if not). */
  firstSeenAt(key: string): number {
    const now = this.clock.now();
    for (const [oldest, at] of this.firstSeen) {
      if (now - at < this.windowMs && this.firstSeen.size < this.maxEntries) break;
      this.firstSeen.delete(oldest);
    }
    const seen = this.firstSeen.get(key);
    if (seen !== undefined) return seen;
    this.firstSeen.set(key, now);
    return now;
  }
}

/**
 * The client message ID a REST send is stored under, which decides what is a
 * retry: the same sender (the store keys on it), recipient and MsgRandom, plus
 * MsgTimeStamp and MsgSeq when the caller gives them (contract §3.7: MsgSeq is
 * for de-duplication). Without either, repeats within the retry window count
 * as one. Hashed to fit the 64-character limit whatever the UserIDs.
 */
export function restClientMsgId(request: SendMsgRequest, retries: RetryWindow): string {
  const key =
    request.timestamp === null && request.seq === null
      ? { window: Math.floor(retries.firstSeenAt(`${request.from}\n${request.to}\n${request.random}`) / 1000) }
      : { timestamp: request.timestamp, seq: request.seq };
  const digest = createHash('sha256').update(JSON.stringify([request.to, request.random, key])).digest('base64url');
  return `rest-${digest.slice(0, 32)}`;
}
