import { z } from 'zod';

/**
 * One error catalogue for socket acks, IPC envelopes and REST replies.
 * `code` is our stable, readable name; `tencentCode` is the number Tencent's
 * documentation gives for the same failure (see docs/protocol.md), so the REST
 * layer and UserSig checks can answer exactly as Tencent would.
 */
export const ERRORS = {
  bad_request: { tencentCode: 90001, message: 'The request is malformed.' },
  body_too_large: { tencentCode: 80002, message: 'The message body is larger than 12 KB.' },
  user_not_found: { tencentCode: 20003, message: 'That user does not exist.' },
  forbidden: { tencentCode: 60010, message: 'You are not allowed to do that.' },
  not_found: { tencentCode: 60009, message: 'Not found.' },
  unauthenticated: { tencentCode: 70002, message: 'Sign in first.' },
  usersig_empty: { tencentCode: 70002, message: 'The UserSig is empty.' },
  usersig_malformed: { tencentCode: 70003, message: 'The UserSig cannot be decoded.' },
  usersig_expired: { tencentCode: 70001, message: 'The UserSig has expired.' },
  usersig_forged: { tencentCode: 70009, message: 'The UserSig signature does not verify.' },
  usersig_wrong_user: { tencentCode: 70013, message: 'The UserSig was issued to another user.' },
  usersig_wrong_app: { tencentCode: 70014, message: 'The UserSig was issued for another SDKAppID.' },
  usersig_revoked: { tencentCode: 70052, message: 'The UserSig has been invalidated; sign in again.' },
  account_not_found: { tencentCode: 70107, message: 'No account with that UserID.' },
  account_exists: { tencentCode: 70402, message: 'That UserID is already taken.' },
  invalid_credentials: { tencentCode: 70003, message: 'Wrong UserID or password.' },
  registration_disabled: { tencentCode: 70403, message: 'Self-registration is turned off on this server.' },
  rate_limited: { tencentCode: 70050, message: 'Too many attempts; try again in a minute.' },
  protocol_version: { tencentCode: 60002, message: 'This client speaks a protocol version the server does not support.' },
  timeout: { tencentCode: 20004, message: 'The server did not answer in time.' },
  offline: { tencentCode: 20004, message: 'Not connected to the server.' },
  kicked: { tencentCode: 70052, message: 'Signed out because this account signed in elsewhere or was signed out by an admin.' },
  // A5: why the server ended a session (session:kicked code), for Session.reason.
  kicked_another_device: { tencentCode: 6208, message: 'Signed out because this account signed in on another device.' },
  kicked_elsewhere: { tencentCode: 6208, message: 'Signed out from another of your devices.' },
  kicked_by_admin: { tencentCode: 70052, message: 'An administrator signed this account out.' },
  internal: { tencentCode: 20005, message: 'Something went wrong on our side.' },
  // Messaging (issue 3). Codes Tencent documents: 20016, 20022, 20023, 90010.
  recall_window_passed: { tencentCode: 20016, message: 'Messages can only be recalled shortly after sending.' },
  message_not_found: { tencentCode: 20022, message: 'That message does not exist (any more).' },
  already_recalled: { tencentCode: 20023, message: 'That message was already recalled.' },
  not_own_message: { tencentCode: 20001, message: 'Only the sender can do that with this message.' },
  not_editable: { tencentCode: 20001, message: 'Only your own text messages can be edited.' },
  too_many_reactions: { tencentCode: 20001, message: 'That message has too many different reactions.' },
  element_mismatch: { tencentCode: 90010, message: 'An element does not match the file it refers to.' },
  file_too_large: { tencentCode: 20001, message: 'The file is too large: images and voice up to 28 MB, files and videos up to 100 MB.' },
  file_unavailable: { tencentCode: 20001, message: 'That file is not available to you.' },
  upload_cancelled: { tencentCode: 20001, message: 'The upload was cancelled.' },
  relay_unavailable: { tencentCode: 20001, message: 'That chat history is not available to you.' },
  // Profiles (issue 4, P1–P3): Tencent's profile codes 40001–40610.
  profile_invalid: { tencentCode: 40001, message: 'The profile request is malformed.' },
  profile_no_read_permission: { tencentCode: 40007, message: 'You may not read that profile field.' },
  profile_read_only: { tencentCode: 40008, message: 'You may not change that profile field.' },
  profile_unknown_field: { tencentCode: 40009, message: 'That profile field does not exist on this server.' },
  profile_value_too_long: { tencentCode: 40601, message: 'That profile value is too long.' },
  profile_invalid_value: { tencentCode: 40605, message: 'That value is not allowed for this profile field.' },
  // Relationship chain (issue 4, R1–R6): Tencent's SNS codes 30001–31704; 20007/20009–20011 for sends.
  friend_invalid: { tencentCode: 30001, message: 'The friend request is malformed.' },
  friend_self: { tencentCode: 30001, message: 'You cannot add yourself as a friend.' },
  friend_unknown_field: { tencentCode: 30001, message: 'That friend field does not exist on this server.' },
  friend_add_forbidden: { tencentCode: 30009, message: 'An administrator has stopped you from sending friend requests.' },
  friend_limit: { tencentCode: 30010, message: 'You already have 3,000 friends, the most allowed.' },
  friend_list_limit: { tencentCode: 30011, message: 'You already have 32 friend lists, the most allowed.' },
  pending_limit: { tencentCode: 30012, message: 'Too many friend requests are waiting (at most 100).' },
  blocklist_limit: { tencentCode: 30013, message: 'Your blocklist already holds 1,000 people, the most allowed.' },
  peer_friend_limit: { tencentCode: 30014, message: 'That person already has 3,000 friends, the most allowed.' },
  peer_blocked_by_me: { tencentCode: 30515, message: 'You have blocked that person; unblock them first.' },
  friend_add_denied: { tencentCode: 30516, message: 'That person does not accept friend requests.' },
  blocked_by_peer_add: { tencentCode: 30525, message: 'That person has blocked you.' },
  friend_request_not_found: { tencentCode: 30614, message: 'That friend request does not exist (any more).' },
  not_friends: { tencentCode: 31704, message: 'You are not friends.' },
  already_friends: { tencentCode: 30001, message: 'You are already friends.' },
  already_blocked: { tencentCode: 30001, message: 'That person is already on your blocklist.' },
  not_blocked: { tencentCode: 30001, message: 'That person is not on your blocklist.' },
  friend_list_not_found: { tencentCode: 30001, message: 'That friend list does not exist.' },
  friend_list_exists: { tencentCode: 30001, message: 'A friend list with that name already exists.' },
  // One-to-one send permission (seed table).
  blocked_by_peer: { tencentCode: 20007, message: 'This person has blocked you; your message was not delivered.' },
  not_friends_both: { tencentCode: 20009, message: 'Only friends can message each other on this server, and you are not friends.' },
  not_friend_of_peer: { tencentCode: 20010, message: 'Only friends can message each other on this server: this person has not added you.' },
  peer_not_my_friend: { tencentCode: 20011, message: 'Only friends can message each other on this server: add this person first.' },
  // Groups and communities (issue 5, G1–G8): Tencent's group codes 10002–10058, 11000, 110002–110003.
  group_not_found: { tencentCode: 10010, message: 'That group does not exist or was disbanded.' },
  group_forbidden: { tencentCode: 10007, message: 'Your role in this group does not allow that.' },
  group_unsupported: { tencentCode: 10007, message: 'This type of group does not allow that.' },
  group_invalid_request: { tencentCode: 10004, message: 'That is not possible in this group.' },
  group_not_member: { tencentCode: 10007, message: 'You are not a member of this group.' },
  group_owner_cannot_quit: { tencentCode: 10009, message: 'The owner cannot leave this group: transfer it or disband it first.' },
  group_already_member: { tencentCode: 10013, message: 'Already a member of this group.' },
  group_full: { tencentCode: 10014, message: 'This group is full.' },
  group_id_invalid: { tencentCode: 10015, message: 'That group ID is not allowed.' },
  group_member_muted: { tencentCode: 10017, message: 'You are muted in this group.' },
  group_muted_all: { tencentCode: 10017, message: 'Only the owner and admins can send while everyone is muted.' },
  group_id_taken: { tencentCode: 10021, message: 'That group ID is already taken.' },
  group_rate_limited: { tencentCode: 10023, message: 'This group is receiving too many messages; try again in a moment.' },
  group_join_limit: { tencentCode: 10037, message: 'Too many groups: leave one before joining another.' },
  group_count_limit: { tencentCode: 10058, message: 'This server already holds as many groups as it allows.' },
  group_apply_disabled: { tencentCode: 10007, message: 'This group does not accept requests to join.' },
  group_application_not_found: { tencentCode: 10004, message: 'That request to join no longer exists.' },
  group_application_limit: { tencentCode: 10004, message: 'Too many requests to join are waiting (at most 50).' },
  topic_not_enabled: { tencentCode: 11000, message: 'Only communities have topics.' },
  topic_not_found: { tencentCode: 110003, message: 'That topic does not exist or was deleted.' },
  topic_limit: { tencentCode: 10004, message: 'A community holds at most 200 topics.' },
  permission_group_not_found: { tencentCode: 10004, message: 'That permission group does not exist.' },
  permission_group_limit: { tencentCode: 10004, message: 'This community already has as many permission groups as it allows.' },
  // Calls (issue 6, C1–C5).
  call_not_found: { tencentCode: 60009, message: 'That call does not exist or you are not part of it.' },
  call_state: { tencentCode: 60010, message: 'That is not possible in this call now.' },
  call_in_another: { tencentCode: 60010, message: 'You are already in a call.' },
  call_full: { tencentCode: 60010, message: 'A call holds at most 6 people.' },
} as const satisfies Record<string, { tencentCode: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/**
 * The plain-data shape every edge (ack, IPC, REST) carries, and what the core
 * stores as the reason of a failed send or a sign-out: the renderer translates
 * by `code`; `message` is the English fallback (and the server's own words).
 */
export const ErrorShape = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type ErrorShape = z.infer<typeof ErrorShape>;

/** A typed domain error; edges turn it into an {@link ErrorShape} in one place each. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string = ERRORS[code].message) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
  toShape(): ErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** Turns anything thrown into a shape safe to send; unknown errors never leak their text. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'internal', message: ERRORS.internal.message };
}
