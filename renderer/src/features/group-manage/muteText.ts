import type { TFunction } from 'i18next';
import { formatDay, formatClock, isSameDay } from '../../i18n';
import { MUTED_FOREVER_AFTER_S } from './groupAbilities';

/** "Muted until 14:05" / "Muted until Tue" / "Muted" (for ever); null when not muted now. */
export function muteText(mutedUntil: number, nowMs: number, language: string, t: TFunction): string | null {
  const nowS = Math.floor(nowMs / 1000);
  if (mutedUntil <= nowS) return null;
  if (mutedUntil - nowS >= MUTED_FOREVER_AFTER_S) return t('members.mutedForever');
  const until = mutedUntil * 1000;
  const when = isSameDay(until, nowMs) ? formatClock(until, language) : `${formatDay(until, nowMs, language, t)} ${formatClock(until, language)}`;
  return t('members.mutedUntil', { when });
}
