import { describe, expect, it } from 'vitest';
import { activeSpeakerOf, formatDuration, qualityOf, worstQuality } from './quality';

describe('call quality, speaker and duration', () => {
  it('grades a connection from round-trip time and packet loss', () => {
    expect(qualityOf({ rtt: null, lost: 0, received: 0 })).toBe('unknown');
    expect(qualityOf({ rtt: 0.04, lost: 0, received: 500 })).toBe('good');
    expect(qualityOf({ rtt: 0.3, lost: 0, received: 500 })).toBe('fair');
    expect(qualityOf({ rtt: 0.05, lost: 30, received: 470 })).toBe('fair');
    expect(qualityOf({ rtt: 0.8, lost: 0, received: 500 })).toBe('poor');
    expect(qualityOf({ rtt: 0.05, lost: 100, received: 400 })).toBe('poor');
    expect(worstQuality(['good', 'poor', 'fair'])).toBe('poor');
    expect(worstQuality(['unknown'])).toBe('unknown');
  });

  it('picks the loudest speaker above the threshold, nobody in silence', () => {
    expect(activeSpeakerOf(new Map([['bob/1', 0.3], ['me', 0.1]]))).toBe('bob/1');
    expect(activeSpeakerOf(new Map([['bob/1', 0.001]]))).toBeNull();
  });

  it('shows mm:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(133.7)).toBe('02:13');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
