import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { c2cConversationId } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../../testing/testServer';
import { uploadBlob } from './mediaTestKit';

/** Bad input: inline combined-forward lists accept unknown element types, but a known file type must have its real shape. */

let server: TestServer;
let alice: TestSocket;
let bob: TestSocket;

beforeEach(async () => {
  server = await startTestServer();
  for (const user of ['alice', 'bob']) await registerUser(server, user);
  [alice, bob] = await Promise.all([connectTestClient(server, 'alice'), connectTestClient(server, 'bob')]);
});

afterEach(async () => {
  [alice, bob].forEach((s) => s.close());
  await server.stop({ removeData: true });
});

function inlineRelay(inner: unknown[]) {
  return {
    MsgType: 'TIMRelayElem',
    MsgContent: {
      Title: 'Chat history',
      MsgNum: 1,
      CompatibleText: '[Chat history]',
      AbstractList: [],
      MsgList: [{ From_Account: 'carol', To_Account: 'dave', MsgSeq: 1, MsgRandom: 1, MsgTimeStamp: 1, MsgBody: inner }],
    },
  };
}

describe('malformed file elements inside an inline MsgList', () => {
  it('M1 M2 a TIMFileElem in the wrong shape inside MsgList is element_mismatch and nothing is stored; unknown types still pass', async () => {
    const blob = await uploadBlob(server, alice, 'alice', randomBytes(200), 'file');
    // No FileSize/FileName: not a TIMFileElem, so it slipped through as an "unknown" element, unchecked.
    const malformed = { MsgType: 'TIMFileElem', MsgContent: { UUID: blob.uuid, Url: 'https://tracker.example/pixel' } };
    const refused = await request(alice, 'message:send', { clientMsgId: 'inline-bad-1', to: 'bob', body: [inlineRelay([malformed])] as never });
    expect(refused).toMatchObject({ ok: false, error: { code: 'element_mismatch' } });
    const history = await call(bob, 'sync:messagesAfter', { conversationId: c2cConversationId('alice'), afterSeq: 0, limit: 10 });
    expect(history.messages).toEqual([]);

    const future = { MsgType: 'TIMFutureElem', MsgContent: { anything: 1 } };
    const accepted = await request(alice, 'message:send', { clientMsgId: 'inline-ok-1', to: 'bob', body: [inlineRelay([future])] as never });
    expect(accepted.ok).toBe(true);
  });

  it('M2 an oversized body full of file elements is body_too_large before any media query', async () => {
    const getBlobs = vi.spyOn(server.store.media, 'getBlobs');
    const file = (n: number) => ({
      MsgType: 'TIMFileElem',
      MsgContent: { Url: 'https://x.example/f', UUID: n.toString(16).padStart(64, '0'), FileSize: 1, FileName: 'f.bin', Download_Flag: 2 },
    });
    const body = [inlineRelay(Array.from({ length: 400 }, (_, n) => file(n)))];
    expect(await request(alice, 'message:send', { clientMsgId: 'inline-big-1', to: 'bob', body: body as never })).toMatchObject({
      ok: false,
      error: { code: 'body_too_large' },
    });
    expect(getBlobs).not.toHaveBeenCalled();
  });
});
