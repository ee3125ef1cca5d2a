import type { TFunction } from 'i18next';

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Whole calendar days from `ms` to `now` in local time (0 = same day). */
export function daysAgo(ms: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
}

export function isSameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

export function formatClock(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** A conversation row's time: the clock today, then "Yesterday", a weekday, a date. */
export function formatListTime(ms: number, now: number, language: string, t: TFunction): string {
  const days = daysAgo(ms, now);
  if (days <= 0) return formatClock(ms, language);
  if (days === 1) return t('dates.yesterday');
  if (days < 7) return new Intl.DateTimeFormat(language, { weekday: 'short' }).format(ms);
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(language, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'short' }).format(ms);
}

/** A day separator in the timeline. */
export function formatDay(ms: number, now: number, language: string, t: TFunction): string {
  const days = daysAgo(ms, now);
  if (days === 0) return t('dates.today');
  if (days === 1) return t('dates.yesterday');
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(ms);
}

/**
 * Message times in milliseconds. Tencent's wire format counts seconds; a
 * value that small cannot be a millisecond date after 2001, so it is scaled.
 */
export function toMillis(time: number): number {
  return time < 1_000_000_000_000 ? time * 1000 : time;
}
