import type { CallHistoryCatalog } from './callHistory.en';
import { parseCallRecord, type CallRecordData, type StoredElem } from '../../../shared/domain';

/** A call's length as the record shows it: "02:13", "1:02:13" from an hour on. */
export function formatCallDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** The call record (C5) a body carries, or null: a record message has exactly one custom element. */
export function callRecordOf(body: readonly StoredElem[]): CallRecordData | null {
  if (body.length !== 1) return null;
  const element = body[0];
  if (element?.MsgType !== 'TIMCustomElem') return null;
  const content = element.MsgContent as { Data?: unknown } | null | undefined;
  return typeof content?.Data === 'string' ? parseCallRecord(content.Data) : null;
}

/** Whose view a record is read from: the caller (who sent the record) or someone who was called. */
export type CallPerspective = 'caller' | 'callee';

export function perspectiveOf(record: CallRecordData, me: string | null): CallPerspective {
  return me !== null && record.caller === me ? 'caller' : 'callee';
}

type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];
/** A key of the `callHistory` namespace. */
export type CallHistoryKey = Leaves<CallHistoryCatalog>;
/** Translates a `callHistory` key: `useTranslation('callHistory').t`, or `callHistoryT(t)` from another namespace. */
export type Tc = (key: CallHistoryKey, options?: { duration?: string }) => string;

/** A default-namespace `t` reading the `callHistory` namespace. */
export function callHistoryT(t: (key: never, options: { ns: 'callHistory'; duration?: string }) => string): Tc {
  return (key, options) => t(key as never, { ...options, ns: 'callHistory' });
}

/**
 * What a record bubble says (C5), from my side of the call: "Video call · 02:13"; the caller reads
 * "No answer" / "Call cancelled" / "Busy" / "Call declined" where the person called reads "Missed voice call".
 */
export function callRecordText(record: CallRecordData, perspective: CallPerspective, t: Tc): string {
  const duration = formatCallDuration(record.durationSec);
  const video = record.media === 'video';
  if (record.kind === 'group') {
    if (record.result === 'completed') return t(video ? 'record.groupVideo' : 'record.groupVoice', { duration });
    if (perspective === 'callee') return t('record.groupMissed');
    return t(record.result === 'cancelled' ? 'record.groupCancelled' : 'record.groupNoAnswer');
  }
  if (record.result === 'completed') return t(video ? 'record.video' : 'record.voice', { duration });
  if (record.result === 'declined') return t(perspective === 'caller' ? 'record.declined' : 'record.youDeclined');
  if (perspective === 'callee') return t(video ? 'record.missedVideo' : 'record.missedVoice');
  switch (record.result) {
    case 'cancelled':
      return t('record.cancelled');
    case 'busy':
      return t('record.busy');
    case 'missed':
      return t('record.noAnswer');
  }
}

/**
 * What a conversation row says for a record (C5): "[Video call] 02:13", "[Missed call]", "[No answer]"… —
 * language-dependent like every preview, so it is made here from the record's data, not kept by the core.
 */
export function callRecordPreview(record: CallRecordData, perspective: CallPerspective, t: Tc): string {
  const duration = formatCallDuration(record.durationSec);
  if (record.kind === 'group') {
    if (record.result === 'completed') return t('preview.group', { duration });
    if (perspective === 'callee') return t('preview.groupMissed');
    return t(record.result === 'cancelled' ? 'preview.groupCancelled' : 'preview.groupNoAnswer');
  }
  if (record.result === 'completed') return t(record.media === 'video' ? 'preview.video' : 'preview.voice', { duration });
  if (record.result === 'declined') return t('preview.declined');
  if (perspective === 'callee') return t('preview.missed');
  switch (record.result) {
    case 'cancelled':
      return t('preview.cancelled');
    case 'busy':
      return t('preview.busy');
    case 'missed':
      return t('preview.noAnswer');
  }
}

/** A record where nobody's side is known (quotes, copy): the `callHistory` key of "[Video call]", "[Group call]". */
export function callRecordNeutralKey(record: CallRecordData): 'preview.anyGroup' | 'preview.anyVideo' | 'preview.anyVoice' {
  if (record.kind === 'group') return 'preview.anyGroup';
  return record.media === 'video' ? 'preview.anyVideo' : 'preview.anyVoice';
}

/** Whether the record is a missed call for me (drawn in red). */
export function isMissedForMe(record: CallRecordData, perspective: CallPerspective): boolean {
  return perspective === 'callee' && record.result !== 'completed' && record.result !== 'declined';
}
