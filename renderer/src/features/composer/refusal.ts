import type { TFunction } from 'i18next';
import type { ChatMessage } from '../../../../shared/domain';
import { type ErrorCode, type ErrorShape } from '../../../../shared/errors';
import { errorText, formatClock, isSameDay } from '../../i18n';
import { MUTED_FOREVER_AFTER_S } from '../group-manage/groupAbilities';

/** The refusals that mean "you cannot send here now" rather than "this one message failed". */
export const GROUP_SEND_REFUSALS: ReadonlySet<ErrorCode> = new Set(['group_member_muted', 'group_muted_all', 'group_forbidden', 'group_not_member']);

/** The end of a mute in the person's own time: "14:05" today, "Dec 8, 14:05" on another day. */
export function muteEndText(mutedUntil: number, nowMs: number, language: string): string {
  const end = mutedUntil * 1000;
  if (isSameDay(end, nowMs)) return formatClock(end, language);
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(end);
}

/**
 * Why the composer cannot send, said in the person's language (`t` of the groupChat namespace, `tMain` the
 * main catalogue for codes this list has no sentence of its own for). `mutedUntil` 0: the end is not known.
 */
export function refusalText(
  t: TFunction<'groupChat'>,
  tMain: TFunction,
  refusal: ErrorShape,
  context: { mutedUntil: number; nowMs: number; language: string; inTopic: boolean },
): string {
  switch (refusal.code) {
    case 'group_member_muted': {
      const { mutedUntil, nowMs, language } = context;
      if (mutedUntil * 1000 <= nowMs || mutedUntil - nowMs / 1000 >= MUTED_FOREVER_AFTER_S) return t('composer.mutedForever');
      return t('composer.mutedUntil', { when: muteEndText(mutedUntil, nowMs, language) });
    }
    case 'group_muted_all':
      return t('composer.mutedAll');
    case 'group_forbidden':
      return context.inTopic ? t('composer.noTopicPermission') : t('composer.noPermission');
    case 'group_not_member':
      return t('composer.left');
    default:
      return errorText(tMain, refusal);
  }
}

/**
 * A send refused for a group rule the cache did not know yet (the mute push had not arrived): the refusal of
 * messages:send itself, else that of my newest message when it failed so — unless that failure was settled
 * (`settledId`: the refusal since came and went, so it is old news).
 */
export function sendFailure(sendError: ErrorShape | undefined, newest: ChatMessage | undefined, settledId: string | null): ErrorShape | null {
  if (sendError && GROUP_SEND_REFUSALS.has(sendError.code)) return sendError;
  if (!newest?.isOwn || newest.status !== 'failed' || !newest.error || newest.id === settledId) return null;
  return GROUP_SEND_REFUSALS.has(newest.error.code) ? newest.error : null;
}
