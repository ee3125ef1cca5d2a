import { type StoredMessage } from '../../store/types';

/**
 * The message-log file of `open_msg_svc/get_history` (contract §3.17), byte
 * for byte as Tencent documents it: a first line with the header object left
 * open at `"MsgList":[`, one message per line (each followed by a comma, the
 * last one too, as in Tencent's example), and a last line `]}`. Note the key
 * `MsgTimestamp` with a lower-case s, unlike elsewhere in the API.
 */
export type HistoryChatType = 'C2C' | 'Group';

export function hourFileText(header: { sdkAppId: number; chatType: HistoryChatType; msgTime: string }, messages: readonly StoredMessage[]): string {
  const lines = [`{"SdkAppId":${header.sdkAppId},"ChatType":${JSON.stringify(header.chatType)},"MsgTime":${JSON.stringify(header.msgTime)},"MsgList":[`];
  for (const message of messages) lines.push(`${JSON.stringify(hourFileEntry(message))},`);
  lines.push(']}');
  return lines.join('\n');
}

function hourFileEntry(message: StoredMessage): Record<string, unknown> {
  return {
    From_Account: message.from,
    To_Account: message.to,
    MsgTimestamp: Math.floor(message.time / 1000),
    MsgSeq: message.seq,
    MsgRandom: message.random,
    MsgBody: message.body,
    // Not in Tencent's example; written only when there is some, so plain messages keep the documented shape.
    ...(message.cloudCustomData ? { CloudCustomData: message.cloudCustomData } : {}),
  };
}

const HOUR_MS = 3_600_000;

/**
 * The UTC hour a `YYYYMMDDHH` string names, as [start, end) in Unix ms, or
 * null when it is not a real hour.
 */
export function parseHour(msgTime: unknown): { startMs: number; endMs: number } | null {
  if (typeof msgTime !== 'string' || !/^\d{10}$/.test(msgTime)) return null;
  const [year, month, day, hour] = [msgTime.slice(0, 4), msgTime.slice(4, 6), msgTime.slice(6, 8), msgTime.slice(8, 10)].map(Number) as [number, number, number, number];
  const startMs = Date.UTC(year, month - 1, day, hour);
  // Date.UTC rolls 2024-02-30 over into March: a real hour formats back to itself.
  if (formatHour(startMs) !== msgTime) return null;
  return { startMs, endMs: startMs + HOUR_MS };
}

export function formatHour(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
}

/** Tencent's ExpireTime layout, `YYYY-MM-DD HH:mm:ss` (UTC here). */
export function formatExpireTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
