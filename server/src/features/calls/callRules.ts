import { CALL_LIMITS, type CallEndReason, type CallInfo, type CallParticipant } from '../../../../shared/domain';

/** Pure rules of a call's life, shared by the service and its tests (no I/O, no clock). */

export function participantOf(call: CallInfo, userId: string): CallParticipant | undefined {
  return call.participants.find((p) => p.userId === userId);
}

export function joinedCount(call: CallInfo): number {
  return call.participants.filter((p) => p.state === 'joined').length;
}

/** People in the call or ringing for it: what CALL_LIMITS.maxParticipants counts. */
export function presentCount(call: CallInfo): number {
  return call.participants.filter((p) => p.state === 'joined' || p.state === 'invited').length;
}

/**
 * Why a call that ends now ended, unless an explicit reason (cancelled) is given: completed when two were ever
 * connected; a one-to-one call as its callee answered (declined, busy, else missed); a group call declined when
 * every invitee declined, else missed.
 */
export function endReasonOf(call: CallInfo): CallEndReason {
  if (call.connectedAt !== null) return 'completed';
  const invitees = call.participants.filter((p) => p.userId !== call.caller);
  if (call.kind === 'c2c') {
    const state = invitees[0]?.state;
    if (state === 'declined') return 'declined';
    if (state === 'busy') return 'busy';
    return 'missed';
  }
  if (invitees.length > 0 && invitees.every((p) => p.state === 'declined')) return 'declined';
  return 'missed';
}

/** Whether the call is over after a change: it was active and fewer than two remain, or nobody can still answer. */
export function shouldEnd(call: CallInfo): boolean {
  if (call.state === 'ended') return false;
  const joined = joinedCount(call);
  if (call.state === 'active') return joined < 2;
  // ringing: over once nobody rings any more and nobody but the caller joined (or the caller is gone too).
  const ringing = call.participants.some((p) => p.state === 'invited');
  return !ringing || joined === 0;
}

/** Ends the call in place: whoever still rings missed it, whoever is in has left. */
export function endCall(call: CallInfo, now: number, reason?: CallEndReason): void {
  const endReason = reason ?? endReasonOf(call);
  for (const p of call.participants) {
    if (p.state === 'invited') p.state = 'missed';
    else if (p.state === 'joined') p.state = 'left';
  }
  call.state = 'ended';
  call.endReason = endReason;
  call.endedAt = now;
}

/**
 * Makes room in the participant list (at most CALL_LIMITS.maxParticipants entries, the schema's limit) for
 * `userIds` to be rung or to join: refused when more than the limit would then be in or ringing, or when the entries
 * that must stay (the caller, whoever is in or ringing, and `userIds` themselves) would not fit. Otherwise entries
 * that no longer take part (declined, busy, missed, left) are dropped, oldest first, until the newcomers fit.
 * Returns false (changing nothing) when they do not fit.
 */
export function makeRoom(call: CallInfo, userIds: readonly string[]): boolean {
  const coming = new Set(userIds);
  const present = (p: CallParticipant) => p.state === 'joined' || p.state === 'invited';
  const staying = (p: CallParticipant) => p.userId === call.caller || present(p) || coming.has(p.userId);
  const newcomers = [...coming].filter((id) => !participantOf(call, id)).length;
  const peopleAfter = presentCount(call) + [...coming].filter((id) => { const p = participantOf(call, id); return !p || !present(p); }).length;
  if (peopleAfter > CALL_LIMITS.maxParticipants) return false;
  if (call.participants.filter(staying).length + newcomers > CALL_LIMITS.maxParticipants) return false;
  let excess = call.participants.length + newcomers - CALL_LIMITS.maxParticipants;
  call.participants = call.participants.filter((p) => {
    if (excess > 0 && !staying(p)) {
      excess -= 1;
      return false;
    }
    return true;
  });
  return true;
}
