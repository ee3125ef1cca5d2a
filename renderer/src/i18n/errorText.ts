import type { TFunction } from 'i18next';
import { isErrorCode, type ErrorShape } from '../../../shared/errors';

/** A typed error from the core, said in the person's language. */
export function errorText(t: TFunction, error: ErrorShape): string {
  if (!isErrorCode(error.code)) return t('errors.internal');
  return t(`errors.${error.code}`, { message: error.message });
}
