import { describe, expect, it } from 'vitest';
import { classifyConnectError, PERMANENT_CONNECT_ERRORS } from './classifyConnectError';

function refusal(code: string, message = 'x') {
  return Object.assign(new Error(message), { data: { code, message } });
}

describe('classifyConnectError', () => {
  it.each([...PERMANENT_CONNECT_ERRORS])('A2 signs out on a permanent refusal: %s', (code) => {
    expect(classifyConnectError(refusal(code, 'told by server'))).toEqual({ kind: 'signOut', code, message: 'told by server' });
  });

  it('retries on network errors', () => {
    expect(classifyConnectError(new Error('xhr poll error'))).toEqual({ kind: 'retry', code: null, message: 'xhr poll error' });
    expect(classifyConnectError(new Error('timeout')).kind).toBe('retry');
    expect(classifyConnectError(undefined).kind).toBe('retry');
  });

  it('retries on transient server answers and unknown codes', () => {
    expect(classifyConnectError(refusal('rate_limited'))).toMatchObject({ kind: 'retry', code: 'rate_limited' });
    expect(classifyConnectError(refusal('internal'))).toMatchObject({ kind: 'retry', code: 'internal' });
    expect(classifyConnectError(refusal('some_future_code'))).toMatchObject({ kind: 'retry', code: null });
  });

  it('fills in the catalogue text when the server sends no message', () => {
    const error = Object.assign(new Error(''), { data: { code: 'usersig_expired' } });
    expect(classifyConnectError(error)).toEqual({ kind: 'signOut', code: 'usersig_expired', message: 'The UserSig has expired.' });
  });
});
