import { UserId } from '../../../../shared/domain';
import { Password } from '../../../../shared/protocol/http';

export type AuthMode = 'signIn' | 'register';

export interface AuthFormValues {
  serverUrl: string;
  userId: string;
  password: string;
  nickname: string;
}

export type AuthFieldErrors = Partial<Record<keyof AuthFormValues, 'validation.serverUrl' | 'validation.userId' | 'validation.passwordRequired' | 'validation.passwordShort' | 'validation.nicknameLong'>>;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Checks a form with the same rules the core applies, so most mistakes are caught before a round trip. */
export function validateAuthForm(mode: AuthMode, values: AuthFormValues): AuthFieldErrors {
  const errors: AuthFieldErrors = {};
  if (!isHttpUrl(values.serverUrl.trim())) errors.serverUrl = 'validation.serverUrl';
  if (!UserId.safeParse(values.userId.trim()).success) errors.userId = 'validation.userId';
  if (mode === 'register') {
    if (!Password.safeParse(values.password).success) errors.password = 'validation.passwordShort';
  } else if (values.password.length === 0) errors.password = 'validation.passwordRequired';
  if (mode === 'register' && values.nickname.trim().length > 64) errors.nickname = 'validation.nicknameLong';
  return errors;
}
