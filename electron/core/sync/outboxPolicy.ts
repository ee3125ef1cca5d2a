import type { ErrorCode } from '../../../shared/errors';

/**
 * What to do with an outbox entry after a failed `message:send`. Pure, so every case is
 * tested directly; `OutboxSender` carries it out.
 */

/**
 * Refusals a retry cannot change: the message fails at once and leaves the outbox.
 * `internal` is among them: it is also what an unparseable reply or an ack for another
 * message becomes, and re-sending the same bytes to a server that cannot handle them
 * would only hold the queue; the person can still retry the failed message.
 */
export const PERMANENT_SEND_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'user_not_found',
  'body_too_large',
  'bad_request',
  'forbidden',
  'not_found',
  'internal',
  // Refusals of changes (recall, edit, react): the message or the window says no.
  'recall_window_passed',
  'message_not_found',
  'already_recalled',
  'not_own_message',
  'not_editable',
  'too_many_reactions',
  // Attachments (the media module's body preparer).
  'element_mismatch',
  'file_too_large',
  'file_unavailable',
  'upload_cancelled',
  'relay_unavailable',
  // One-to-one permission (R5 and the seed's table): blocked by the peer (20007), not friends (20009–20011).
  'blocked_by_peer',
  'not_friends_both',
  'not_friend_of_peer',
  'peer_not_my_friend',
  // Groups (ADR 0004 §6): the member's standing or the group's type says no until something else changes
  // (an admin lifts the mute, the person rejoins); the message fails with the reason, e.g. muted until ….
  'group_member_muted',
  'group_muted_all',
  'group_not_member',
  'group_forbidden',
  'group_not_found',
  'group_unsupported',
]);

/** The connection is gone or the session ended: stop, and do not count it against the message. */
const STOP_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['offline', 'unauthenticated']);

export interface OutboxRetryOptions {
  /** First wait after a failure; doubles per failure. */
  minMs: number;
  /** The longest wait. */
  maxMs: number;
  /** Failures (timeouts, rate limits…) before the message is marked failed. */
  maxAttempts: number;
}

/** 1 s doubling to a minute; the tenth failure gives up (about four minutes of failures while connected). */
export const OUTBOX_RETRY: OutboxRetryOptions = { minMs: 1_000, maxMs: 60_000, maxAttempts: 10 };

export type SendFailureDecision =
  | { kind: 'stop' }
  | { kind: 'fail' }
  | { kind: 'retry'; delayMs: number };

/**
 * `group_rate_limited` (the group's per-second budget, ADR 0004 §3 M15) is deliberately absent from both sets:
 * it is the default "retry" branch — the same clientMsgId after a back-off, so the server stores it once.
 */

/** `attempts` counts failures including this one. */
export function decideSendFailure(code: ErrorCode, attempts: number, options: OutboxRetryOptions = OUTBOX_RETRY): SendFailureDecision {
  if (STOP_ERRORS.has(code)) return { kind: 'stop' };
  if (PERMANENT_SEND_ERRORS.has(code) || attempts >= options.maxAttempts) return { kind: 'fail' };
  return { kind: 'retry', delayMs: Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempts - 1, 30)) };
}
