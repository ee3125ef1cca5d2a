import { describe, expect, it } from 'vitest';
import { ClientMsgId, textBody } from '../../../../shared/domain';
import { TencentError } from '../../errors';
import { RetryWindow, parseSendMsg, restClientMsgId } from './sendmsg';

const minimal = { To_Account: 'alice', MsgRandom: 5, MsgBody: textBody('hi') };

function codeOf(body: Record<string, unknown>): number | null {
  try {
    parseSendMsg(body, 'administrator');
    return null;
  } catch (error) {
    return error instanceof TencentError ? error.errorCode : -1;
  }
}

describe('S1 parseSendMsg', () => {
  it('fills the defaults: the admin as sender, history-only, stored, no caller key', () => {
    expect(parseSendMsg(minimal, 'administrator')).toEqual({
      from: 'administrator',
      to: 'alice',
      random: 5,
      timestamp: null,
      seq: null,
      senderSync: 'history',
      onlineOnly: false,
      body: textBody('hi'),
      cloudCustomData: '',
    });
  });

  it('reads SyncOtherMachine, MsgLifeTime 0, MsgTimeStamp and MsgSeq; ignores a MsgSeq that is not a uint32', () => {
    expect(parseSendMsg({ ...minimal, SyncOtherMachine: 1, MsgLifeTime: 0, MsgTimeStamp: 9, MsgSeq: 3 }, 'ops')).toMatchObject({
      from: 'ops',
      senderSync: 'live',
      onlineOnly: true,
      timestamp: 9,
      seq: 3,
    });
    expect(parseSendMsg({ ...minimal, SyncOtherMachine: 2, MsgLifeTime: 60, MsgSeq: -1 }, 'ops')).toMatchObject({ senderSync: 'hidden', onlineOnly: false, seq: null });
  });

  it.each([
    [90008, { ...minimal, From_Account: 'no spaces allowed' }],
    [90003, { ...minimal, To_Account: 7 }],
    [90005, { ...minimal, MsgRandom: 2 ** 32 }],
    [90006, { ...minimal, MsgTimeStamp: 1.5 }],
    [90031, { ...minimal, SyncOtherMachine: 0 }],
    [90044, { ...minimal, MsgLifeTime: -1 }],
    [90026, { ...minimal, MsgLifeTime: 604_801 }],
    [90007, { ...minimal, MsgBody: 'hi' }],
    [90002, { ...minimal, MsgBody: [{ MsgType: 'TIMTextElem' }] }],
  ])('refuses with %i', (code, body) => {
    expect(codeOf(body)).toBe(code);
  });
});

describe('S1 REST client message IDs', () => {
  it('are valid client message IDs, stable for the caller’s key and different for another', () => {
    let now = 1_000_000;
    const retries = new RetryWindow({ now: () => now });
    const request = parseSendMsg({ ...minimal, From_Account: 'b'.repeat(32), To_Account: 'c'.repeat(32) }, 'administrator');
    const id = restClientMsgId(request, retries);
    expect(ClientMsgId.safeParse(id).success).toBe(true);
    now += 119_000;
    expect(restClientMsgId(request, retries)).toBe(id);
    now += 1_000;
    expect(restClientMsgId(request, retries)).not.toBe(id);
    const stamped = { ...request, timestamp: 42 };
    expect(restClientMsgId(stamped, retries)).toBe(restClientMsgId(stamped, new RetryWindow({ now: () => 0 })));
  });

  it('the retry window forgets old entries and stays within its size', () => {
    let now = 0;
    const retries = new RetryWindow({ now: () => now }, 1_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) retries.firstSeenAt(key);
    expect((retries as unknown as { firstSeen: Map<string, number> }).firstSeen.size).toBe(3);
    now = 5_000;
    expect(retries.firstSeenAt('d')).toBe(5_000);
    expect((retries as unknown as { firstSeen: Map<string, number> }).firstSeen.size).toBe(1);
  });
});
