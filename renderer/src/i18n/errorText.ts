import type { TFunction } from 'i18next';
import { isErrorCode, type ErrorShape } from '../../../shared/errors';

/**
 * A typed error from the core (a refused request, why a send failed, why the
 * person was signed out), said in the person's language. Translated by code,
 * never by its English words; `message` is shown only for a code this build has
 * no translation for (a newer core or server).
 */
export function errorText(t: TFunction, error: ErrorShape): string {
  if (!isErrorCode(error.code)) return error.message || t('errors.internal');
  return t(`errors.${error.code}`, { message: error.message, defaultValue: error.message });
}
