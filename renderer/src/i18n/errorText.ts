import type { TFunction } from 'i18next';
import { ERRORS, isErrorCode, type ErrorCode, type ErrorShape } from '../../../shared/errors';

/** A typed error from the core, said in the person's language. */
export function errorText(t: TFunction, error: ErrorShape): string {
  if (!isErrorCode(error.code)) return t('errors.internal');
  return t(`errors.${error.code}`, { message: error.message });
}

const CODE_BY_MESSAGE = new Map<string, ErrorCode>(
  (Object.entries(ERRORS) as [ErrorCode, { message: string }][]).map(([code, { message }]) => [message, code]),
);

/**
 * Why a send failed, as stored with the message. The core keeps the
 * catalogue's English text; a known one is translated, anything else shown as is.
 */
export function failureText(t: TFunction, reason: string): string {
  const code = CODE_BY_MESSAGE.get(reason);
  return code ? errorText(t, { code, message: reason }) : reason;
}
