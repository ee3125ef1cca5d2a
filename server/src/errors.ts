import { type ZodError } from 'zod';
import { AppError, ERRORS, type ErrorCode, type ErrorShape } from '../../shared/errors';
import { type Logger } from './logger';

/**
 * Where typed domain errors become replies, one function per edge: socket
 * acks, the /api/v1 HTTP endpoints, and Tencent's v4 REST envelope. Anything
 * that is not an AppError is logged and answered as `internal`, never leaked.
 */

export function badRequestFrom(error: ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('bad_request');
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new AppError('bad_request', `${where}${issue.message}`);
}

function logUnexpected(error: unknown, log: Logger, context: Record<string, unknown>): void {
  if (!(error instanceof AppError)) log.error({ err: error, ...context }, 'unexpected error');
}

/** The `error` of a failed socket.io ack. */
export function toAckError(error: unknown, log: Logger, context: Record<string, unknown> = {}): ErrorShape {
  logUnexpected(error, log, context);
  return error instanceof AppError ? error.toShape() : { code: 'internal', message: ERRORS.internal.message };
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  body_too_large: 413,
  invalid_credentials: 401,
  unauthenticated: 401,
  forbidden: 403,
  registration_disabled: 403,
  not_found: 404,
  user_not_found: 404,
  account_not_found: 404,
  account_exists: 409,
  rate_limited: 429,
};

/** Status and `{ error: { code, message } }` body for the /api/v1 endpoints. */
export function toHttpError(
  error: unknown,
  log: Logger,
  context: Record<string, unknown> = {},
): { status: number; body: { error: ErrorShape } } {
  const shape = toAckError(error, log, context);
  return { status: HTTP_STATUS[shape.code] ?? (shape.code === 'internal' ? 500 : 400), body: { error: shape } };
}

/** A failure in Tencent's REST terms: a number and the ErrorInfo text. */
export class TencentError extends Error {
  constructor(
    readonly errorCode: number,
    readonly errorInfo: string,
    /** Command fields a FAIL reply still carries (e.g. ErrorList). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(errorInfo);
    this.name = 'TencentError';
  }
}

export interface TencentEnvelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorInfo: string;
  ErrorCode: number;
  [field: string]: unknown;
}

export function tencentOk(fields: Record<string, unknown> = {}): TencentEnvelope {
  return { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...fields };
}

/**
 * The FAIL envelope for anything a v4 command threw. An unexpected fault (or
 * an AppError `internal`) answers `internalCode`, the calling service's own
 * "internal error" number; other AppErrors their catalogue number.
 */
export function toTencentFailure(
  error: unknown,
  log: Logger,
  context: Record<string, unknown> = {},
  internalCode: number = ERRORS.internal.tencentCode,
): TencentEnvelope {
  if (error instanceof TencentError) {
    return { ActionStatus: 'FAIL', ErrorInfo: error.errorInfo, ErrorCode: error.errorCode, ...error.fields };
  }
  logUnexpected(error, log, context);
  const code: ErrorCode = error instanceof AppError ? error.code : 'internal';
  const info = error instanceof AppError ? error.message : ERRORS.internal.message;
  return { ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code === 'internal' ? internalCode : ERRORS[code].tencentCode };
}
