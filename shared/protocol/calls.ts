import { z } from 'zod';
import { CALL_LIMITS, CallId, CallInfo, CallMedia, CallSignal, GroupId, IceServer, UserId } from '../domain';

/**
 * Issue 6 (C1–C5): call signalling over the socket. The server keeps every call's state (persisted; a server
 * restart ends the calls it held), rings every device of each invitee, times ringing out, relays SDP/ICE between
 * the joined devices only, and stores each call's record message (C5) in its chat when the call ends.
 *
 * Refusals: call_not_found (no such call, or not one I am invited to or in), call_state (the call or my part in it
 * does not allow that now), call_in_another (I am already in a call on another device or this one), call_full,
 * plus the one-to-one send rules (blocklist, friends-only) and group membership codes for invitations.
 */

const Target = z.union([
  z.strictObject({ userId: UserId }),
  /** Members of the group to ring (1–5: the caller makes six); any other member may join later (C2). */
  z.strictObject({ groupId: GroupId, userIds: z.array(UserId).min(1).max(CALL_LIMITS.maxParticipants - 1) }),
]);

const ByCall = z.strictObject({ callId: CallId });
const OneCall = z.object({ call: CallInfo });

export const callRequestSchemas = {
  /** ICE servers from the server's settings (empty: host candidates, fine on a LAN) and the limits in force. */
  'call:config': {
    input: z.strictObject({}),
    output: z.object({ iceServers: z.array(IceServer), ringSeconds: z.number().int().positive(), maxParticipants: z.number().int().positive() }),
  },
  /**
   * C1/C2: start a call from this device (the caller is joined on it at once). A callee already in a call makes a
   * one-to-one call end at once with endReason busy (and its record); in a group call that invitee is `busy`.
   */
  'call:invite': { input: z.strictObject({ target: Target, media: CallMedia }), output: OneCall },
  /** Answer on this device: ringing stops on my other devices (they see me joined elsewhere). */
  'call:accept': { input: ByCall, output: OneCall },
  'call:decline': { input: ByCall, output: OneCall },
  /** Leave (or, as the caller of a call nobody answered yet, cancel). The call ends when fewer than two remain. */
  'call:hangup': { input: ByCall, output: OneCall },
  /** C2: a member of the call's group joins a call in progress without being invited. */
  'call:join': { input: ByCall, output: OneCall },
  /** C2: a joined participant rings more members of the group during the call. */
  'call:addInvitees': { input: z.strictObject({ callId: CallId, userIds: z.array(UserId).min(1).max(CALL_LIMITS.maxParticipants - 1) }), output: OneCall },
  /** Relayed as `call:signal` to one joined device; both ends must be joined in this call. */
  'call:signal': {
    input: z.strictObject({ callId: CallId, toUserId: UserId, toDeviceId: z.string().min(1).max(64), signal: CallSignal }),
    output: z.object({}),
  },
  /** Announce my microphone/camera state to the others (muted, camera off, video switched to audio). */
  'call:setMedia': { input: z.strictObject({ callId: CallId, audio: z.boolean(), video: z.boolean() }), output: OneCall },
  /** Calls not ended that I am invited to or in, and calls in progress in my groups (after a reconnect). */
  'call:active': { input: z.strictObject({}), output: z.object({ calls: z.array(CallInfo) }) },
  /** C5: calls I was part of (called, invited or joined), newest first; `next` '' at the end. */
  'call:history': {
    input: z.strictObject({ cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(CALL_LIMITS.historyPageMax).optional() }),
    output: z.object({ calls: z.array(CallInfo), next: z.string() }),
  },
} as const;

export const callPushSchemas = {
  /**
   * Any change of a call, sent to every device of each participant and, for group calls, of every group member
   * (so a chat header can offer "Join"). The final one has state `ended`.
   */
  'call:updated': z.object({ call: CallInfo }),
  /** SDP/ICE from another joined device of the call, delivered to this device only. */
  'call:signal': z.object({ callId: CallId, fromUserId: UserId, fromDeviceId: z.string(), signal: CallSignal }),
} as const;
