import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { parseAck } from './parseAck';

describe('parseAck', () => {
  it('returns the validated value of a successful ack', () => {
    expect(parseAck('conversation:markRead', { ok: true, data: { readSeq: 4 } })).toEqual({ readSeq: 4 });
  });

  it('turns an error ack into an AppError with the server code and message', () => {
    const error = (() => {
      try {
        parseAck('message:send', { ok: false, error: { code: 'user_not_found', message: 'No user carol.' } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'user_not_found', message: 'No user carol.' });
  });

  it('refuses replies that do not match the protocol', () => {
    expect(() => parseAck('conversation:markRead', { ok: true, data: { readSeq: -1 } })).toThrow(/does not match/);
    expect(() => parseAck('conversation:markRead', 'hello')).toThrow(/malformed/);
    expect(() => parseAck('conversation:markRead', { ok: false, error: { code: 'made_up', message: 'm' } })).toThrow(
      expect.objectContaining({ code: 'internal' }),
    );
  });
});
