import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { daysAgo, formatDay, formatListTime, isSameDay } from './formatTime';

const t = ((key: string) => key) as unknown as TFunction;
const now = new Date(2026, 5, 15, 10, 30).getTime();

describe('time formatting', () => {
  it('counts calendar days, not 24-hour spans', () => {
    expect(daysAgo(new Date(2026, 5, 14, 23, 59).getTime(), now)).toBe(1);
    expect(daysAgo(new Date(2026, 5, 15, 0, 1).getTime(), now)).toBe(0);
    expect(isSameDay(new Date(2026, 5, 15, 0, 0).getTime(), now)).toBe(true);
  });

  it('labels list times as clock, yesterday, weekday, then date', () => {
    expect(formatListTime(new Date(2026, 5, 15, 9, 5).getTime(), now, 'en', t)).toMatch(/09:05|9:05/);
    expect(formatListTime(new Date(2026, 5, 14, 9, 5).getTime(), now, 'en', t)).toBe('dates.yesterday');
    expect(formatListTime(new Date(2026, 5, 12).getTime(), now, 'en', t)).toBe('Fri');
    expect(formatListTime(new Date(2026, 0, 3).getTime(), now, 'en', t)).toBe('Jan 3');
  });

  it('names day separators Today, Yesterday, then a full date', () => {
    expect(formatDay(now, now, 'en', t)).toBe('dates.today');
    expect(formatDay(new Date(2026, 5, 14).getTime(), now, 'en', t)).toBe('dates.yesterday');
    expect(formatDay(new Date(2026, 5, 1).getTime(), now, 'en', t)).toBe('Monday, June 1');
    expect(formatDay(new Date(2025, 5, 1).getTime(), now, 'zh-CN', t)).toContain('2025');
  });
});
