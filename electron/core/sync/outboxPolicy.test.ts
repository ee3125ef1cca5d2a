import { describe, expect, it } from 'vitest';
import { decideSendFailure, OUTBOX_RETRY } from './outboxPolicy';

describe('outbox policy', () => {
  it('M3 backs off exponentially per entry, capped, and gives up after the last attempt', () => {
    const delays = Array.from({ length: OUTBOX_RETRY.maxAttempts - 1 }, (_, i) => decideSendFailure('timeout', i + 1));
    expect(delays.map((d) => (d.kind === 'retry' ? d.delayMs : d.kind))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(decideSendFailure('timeout', OUTBOX_RETRY.maxAttempts)).toEqual({ kind: 'fail' });
    expect(decideSendFailure('rate_limited', 2)).toEqual({ kind: 'retry', delayMs: 2_000 });
  });

  it('M3 fails at once on a refusal a retry cannot change, internal errors and unparseable replies included', () => {
    for (const code of ['user_not_found', 'body_too_large', 'bad_request', 'forbidden', 'not_found', 'internal'] as const) {
      expect(decideSendFailure(code, 1)).toEqual({ kind: 'fail' });
    }
  });

  it('M4 stops without counting when the connection or the session is gone', () => {
    expect(decideSendFailure('offline', 99)).toEqual({ kind: 'stop' });
    expect(decideSendFailure('unauthenticated', 1)).toEqual({ kind: 'stop' });
  });

  it('ADR 0004: group refusals fail at once; a group rate limit backs off like any transient refusal', () => {
    for (const code of ['group_member_muted', 'group_muted_all', 'group_not_member', 'group_forbidden', 'group_not_found', 'group_unsupported'] as const) {
      expect(decideSendFailure(code, 1)).toEqual({ kind: 'fail' });
    }
    expect(decideSendFailure('group_rate_limited', 1)).toEqual({ kind: 'retry', delayMs: 1_000 });
    expect(decideSendFailure('group_rate_limited', 3)).toEqual({ kind: 'retry', delayMs: 4_000 });
    expect(decideSendFailure('group_rate_limited', OUTBOX_RETRY.maxAttempts)).toEqual({ kind: 'fail' });
  });
});
