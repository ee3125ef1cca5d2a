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
