import { z } from 'zod';
import { CALL_LIMITS, CallInfo, CallParticipantState } from '../domain';
import { callPushSchemas, callRequestSchemas } from '../protocol/calls';

/**
 * The renderer ↔ core contract for calls (issue 6, C1–C5). The renderer owns the media (getUserMedia,
 * RTCPeerConnection) and nothing else; every invitation, answer and SDP/ICE blob goes through the core, which
 * relays it to the server and remembers the call I am in (a restart of the app hangs it up cleanly on the next
 * connect). Everything here needs the connection and answers `offline` without it.
 */

/** A call as this device sees it. */
export const CallView = CallInfo.extend({
  /** My part in it (null: not invited, a group member who may join a call in progress). */
  myState: CallParticipantState.nullable(),
  /** I am joined on THIS device (false with myState 'joined' means "answered on another device"). */
  here: z.boolean(),
});
export type CallView = z.infer<typeof CallView>;

const req = callRequestSchemas;
const OneCall = z.object({ call: CallView });

export const callsRequestSchemas = {
  /** ICE servers and limits, plus this device's ID as participants name it (`deviceId`). */
  'calls:config': { input: req['call:config'].input, output: req['call:config'].output.extend({ deviceId: z.string() }) },
  'calls:start': { input: req['call:invite'].input, output: OneCall },
  'calls:accept': { input: req['call:accept'].input, output: OneCall },
  'calls:decline': { input: req['call:decline'].input, output: OneCall },
  'calls:hangup': { input: req['call:hangup'].input, output: OneCall },
  'calls:join': { input: req['call:join'].input, output: OneCall },
  'calls:invite': { input: req['call:addInvitees'].input, output: OneCall },
  'calls:signal': { input: req['call:signal'].input, output: z.object({}) },
  'calls:setMedia': { input: req['call:setMedia'].input, output: OneCall },
  /** Calls not ended that concern me (ringing for me, mine, in progress in my groups), as last heard from the server. */
  'calls:active': { input: z.strictObject({}), output: z.object({ calls: z.array(CallView) }) },
  /** C5: my call history, newest first, from the server; `next` '' at the end. */
  'calls:history': {
    input: z.strictObject({ cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(CALL_LIMITS.historyPageMax).optional() }),
    output: z.object({ calls: z.array(CallView), next: z.string() }),
  },
} as const;

export const callsEventSchemas = {
  /** A call concerning me changed (state `ended` last). Also sent for the call a restart hung up. */
  'calls:changed': z.object({ call: CallView }),
  /** SDP/ICE for this device's peer connection with `fromUserId`/`fromDeviceId`. */
  'calls:signal': callPushSchemas['call:signal'],
} as const;


