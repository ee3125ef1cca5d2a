import { UserId, utf8Length } from '../../../../shared/domain';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { TencentError } from '../../errors';

/** ErrorInfo Tencent's examples use for an unparsable body. */
export const PARSE_FAILURE_INFO = 'Fail to Parse json data of body, Please check it';

export interface V4Context {
  /** The calling app admin (the `identifier` query parameter). */
  admin: string;
  /** The parsed JSON body: always an object. */
  body: Record<string, unknown>;
  /** `http(s)://host[:port]` as the caller reached this server, for links in replies. */
  origin: string;
}

export interface V4Command {
  /** The code this service answers a malformed JSON body with (openim 90001, account 70402, …). */
  malformedCode: number;
  /** The code this service answers an unexpected fault with (openim 91000, account 70500, …). */
  internalCode: number;
  /** Extra fields of the OK reply. Failures are thrown as TencentError (or AppError). */
  run(context: V4Context): Promise<Record<string, unknown>>;
}

/** A UserID in a request body, or a TencentError with the given code. */
export function userIdField(value: unknown, code: number, field: string): string {
  if (typeof value !== 'string') throw new TencentError(code, `${field} is required and must be a string.`);
  if (!UserId.safeParse(value).success) throw new TencentError(code, `${field} "${value}" is not a valid UserID (1–32 letters, digits, "_" or "-").`);
  return value;
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && UserId.safeParse(value).success;
}

/** An optional profile string: not a string is `code`, longer than `maxBytes` bytes is `tooLongCode`. */
export function optionalText(value: unknown, code: number, field: string, maxBytes: number, tooLongCode = code): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TencentError(code, `${field} must be a string.`);
  if (utf8Length(value) > maxBytes) throw new TencentError(tooLongCode, `${field} is longer than ${maxBytes} bytes.`);
  return value;
}

/** An array field of 1..max entries, else a TencentError with `code`. */
export function listField(value: unknown, code: number, field: string, max: number, tooManyCode = code): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new TencentError(code, `${field} must be a non-empty array.`);
  if (value.length > max) throw new TencentError(tooManyCode, `${field} holds at most ${max} entries.`);
  return value;
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** How a command answers the AppErrors a service may throw: Tencent's code and, optionally, its own ErrorInfo. */
export type AppErrorCodes = Partial<Record<ErrorCode, readonly [code: number, info?: string]>>;

/** The TencentError for an AppError the table names; anything else is passed on unchanged. */
export function tencentErrorFor(error: unknown, codes: AppErrorCodes): unknown {
  if (!(error instanceof AppError)) return error;
  const mapped = codes[error.code];
  return mapped ? new TencentError(mapped[0], mapped[1] ?? error.message) : error;
}
