import { z } from 'zod';
import { GroupId } from './groupIds';
import { ConversationId, UserId } from './ids';

/**
 * Issue 6 (C1–C5): audio/video calls. Media flows renderer ↔ renderer (WebRTC, full mesh); everything else —
 * invitations, ringing, answers, SDP and ICE — goes renderer → core → server → core → renderer.
 *
 * Mesh rule (no glare): whoever joins sends an offer to every participant already joined; those answer.
 * A participant is addressed by userId + deviceId (the handshake instanceId of the device that joined).
 */
export const CALL_LIMITS = {
  /** C2: full mesh; beyond this an SFU is needed (docs/calls.md). */
  maxParticipants: 6,
  /** Default ring time before an invitee counts as missed (server setting `callRingSeconds`). */
  ringSeconds: 30,
  /** A joined device whose socket is gone this long has left the call (restart, crash, network loss). */
  reconnectGraceSeconds: 10,
  historyPageMax: 50,
  sdpMaxChars: 100_000,
  candidateMaxChars: 2_000,
} as const;

export const CallId = z.string().regex(/^call_[A-Za-z0-9_-]{8,64}$/, 'Unknown call ID.');
export type CallId = z.infer<typeof CallId>;

export const CallMedia = z.enum(['audio', 'video']);
export type CallMedia = z.infer<typeof CallMedia>;

/** ringing: only the caller is in; active: two or more are in; ended: over (see endReason). */
export const CallState = z.enum(['ringing', 'active', 'ended']);
export type CallState = z.infer<typeof CallState>;

/**
 * invited: ringing on every device of the user; joined: in the call on `deviceId`; declined; busy (was in another
 * call when invited); missed (rang for the ring time, or the caller cancelled while it rang); left (was in, hung up
 * or lost their device for longer than the grace time).
 */
export const CallParticipantState = z.enum(['invited', 'joined', 'declined', 'busy', 'missed', 'left']);
export type CallParticipantState = z.infer<typeof CallParticipantState>;

/**
 * How a call ended, as its record says (C5): completed (two or more were connected; the record has a duration),
 * cancelled (the caller hung up before anyone answered), declined (one-to-one: the callee declined), missed (nobody
 * answered in the ring time), busy (one-to-one: the callee was in another call).
 */
export const CallEndReason = z.enum(['completed', 'cancelled', 'declined', 'missed', 'busy']);
export type CallEndReason = z.infer<typeof CallEndReason>;

export const CallParticipant = z.object({
  userId: UserId,
  state: CallParticipantState,
  /** The device in the call (joined, or left after being joined); null before. */
  deviceId: z.string().nullable(),
  /** Media state as the participant last announced it. */
  audio: z.boolean(),
  video: z.boolean(),
  /** Unix ms. */
  joinedAt: z.number().int().nullable(),
});
export type CallParticipant = z.infer<typeof CallParticipant>;

export const CallInfo = z.object({
  callId: CallId,
  kind: z.enum(['c2c', 'group']),
  /** The chat the call belongs to (and where its record goes): c2c_<peer> as the caller sees it, or group_<groupId>. */
  conversationId: ConversationId,
  groupId: GroupId.nullable(),
  media: CallMedia,
  caller: UserId,
  state: CallState,
  endReason: CallEndReason.nullable(),
  /** Unix ms: invited; first two connected; over. */
  createdAt: z.number().int(),
  connectedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** The caller first; then invitees in the order invited. */
  participants: z.array(CallParticipant).min(1).max(CALL_LIMITS.maxParticipants),
});
export type CallInfo = z.infer<typeof CallInfo>;

/** Seconds from connectedAt to endedAt (0 when the call never connected). */
export function callDurationSeconds(call: Pick<CallInfo, 'connectedAt' | 'endedAt'>): number {
  if (call.connectedAt === null || call.endedAt === null) return 0;
  return Math.max(0, Math.round((call.endedAt - call.connectedAt) / 1000));
}

const Sdp = z.string().min(1).max(CALL_LIMITS.sdpMaxChars);

/** WebRTC signalling between two devices in one call; the server relays it and never reads it. */
export const CallSignal = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('offer'), sdp: Sdp }),
  z.strictObject({ type: z.literal('answer'), sdp: Sdp }),
  z.strictObject({
    type: z.literal('ice'),
    candidate: z.strictObject({
      candidate: z.string().max(CALL_LIMITS.candidateMaxChars),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
    }),
  }),
]);
export type CallSignal = z.infer<typeof CallSignal>;

/** RTCIceServer as deployments configure it (STUN/TURN; none on a LAN: host candidates suffice). */
export const IceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/**
 * C5: the record a call leaves in its chat: a TIMCustomElem sent by the caller whose Data is this JSON and whose
 * Desc is `[Call]` (older clients and REST readers see a custom message with a readable description).
 */
export const CALL_RECORD_BUSINESS_ID = 'av_call';
export const CallRecordData = z.object({
  businessID: z.literal(CALL_RECORD_BUSINESS_ID),
  callId: CallId,
  kind: z.enum(['c2c', 'group']),
  media: CallMedia,
  caller: UserId,
  result: CallEndReason,
  durationSec: z.number().int().min(0),
});
export type CallRecordData = z.infer<typeof CallRecordData>;
export const CALL_RECORD_DESC = '[Call]';

/** Reads a call record out of a custom element's Data, or null when it is something else. */
export function parseCallRecord(data: string | undefined): CallRecordData | null {
  if (!data || !data.includes(CALL_RECORD_BUSINESS_ID)) return null;
  try {
    const parsed = CallRecordData.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
