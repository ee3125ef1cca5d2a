import { describe, expect, it } from 'vitest';
import { validateAuthForm, type AuthFormValues } from './validateAuthForm';

const good: AuthFormValues = { serverUrl: 'http://127.0.0.1:8080', userId: 'alice_01', password: 'correct horse', nickname: '' };

describe('validateAuthForm', () => {
  it('accepts a good form in both modes', () => {
    expect(validateAuthForm('signIn', good)).toEqual({});
    expect(validateAuthForm('register', good)).toEqual({});
  });

  it('names each bad field', () => {
    expect(validateAuthForm('register', { serverUrl: 'localhost', userId: 'al ice', password: 'short', nickname: 'x'.repeat(65) })).toEqual({
      serverUrl: 'validation.serverUrl',
      userId: 'validation.userId',
      password: 'validation.passwordShort',
      nickname: 'validation.nicknameLong',
    });
  });

  it('lets an existing short password through on sign-in, but never an empty one', () => {
    expect(validateAuthForm('signIn', { ...good, password: 'short' })).toEqual({});
    expect(validateAuthForm('signIn', { ...good, password: '' })).toEqual({ password: 'validation.passwordRequired' });
    expect(validateAuthForm('signIn', { ...good, serverUrl: 'ftp://x' })).toEqual({ serverUrl: 'validation.serverUrl' });
    expect(validateAuthForm('register', { ...good, password: '' })).toEqual({ password: 'validation.passwordShort' });
  });
});
