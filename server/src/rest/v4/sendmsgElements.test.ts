import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MsgBody, textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { callV4 } from '../../testing/v4Client';

let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['alice', 'bob', 'carol', 'dave'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

const v4 = (command: string, body: unknown) => callV4(server, command, body);
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: expect.any(String) });
const stored = () => (server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

/** Every element type of contract §3.18, with an app backend's own (external) URLs and UUIDs. */
const EVERY_ELEMENT: MsgBody = [
  { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi, beauty' } },
  { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'content' } },
  { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'someinfo', Latitude: 29.340656774469956, Longitude: 116.77497920478824 } },
  { MsgType: 'TIMCustomElem', MsgContent: { Data: 'message', Desc: 'notification', Ext: 'url', Sound: 'dingdong.aiff' } },
  {
    MsgType: 'TIMImageElem',
    MsgContent: {
      UUID: '1853095_D61040894AC3DE44CDFFFB3EC7EB720F',
      ImageFormat: 1,
      ImageInfoArray: [
        { Type: 1, Size: 1853095, Width: 2448, Height: 3264, URL: 'https://cdn.example.com/a/original.jpg' },
        { Type: 2, Size: 484990, Width: 720, Height: 960, URL: 'https://cdn.example.com/a/large.jpg' },
        { Type: 3, Size: 45242, Width: 150, Height: 200, URL: 'https://cdn.example.com/a/thumb.jpg' },
      ],
    },
  },
  { MsgType: 'TIMSoundElem', MsgContent: { Url: 'https://cdn.example.com/v.m4a', UUID: '305c0201_voice', Size: 62351, Second: 1, Download_Flag: 2 } },
  { MsgType: 'TIMFileElem', MsgContent: { Url: 'https://cdn.example.com/f.pdf', UUID: '305c0201_file', FileSize: 1773552, FileName: 'report.pdf', Download_Flag: 2 } },
  {
    MsgType: 'TIMVideoFileElem',
    MsgContent: {
      VideoUrl: 'https://cdn.example.com/v.mp4',
      VideoUUID: '5da38ba89d6521',
      VideoSize: 1194603,
      VideoSecond: 5,
      VideoFormat: 'mp4',
      VideoDownloadFlag: 2,
      ThumbUrl: 'https://cdn.example.com/v.jpg',
      ThumbUUID: '6edaffedef5150',
      ThumbSize: 13907,
      ThumbWidth: 720,
      ThumbHeight: 1280,
      ThumbFormat: 'JPG',
      ThumbDownloadFlag: 2,
    },
  },
];

const RELAY: MsgBody = [
  {
    MsgType: 'TIMRelayElem',
    MsgContent: {
      Title: 'Chat history of bob and carol',
      MsgNum: 2,
      CompatibleText: 'Your version does not support combined messages.',
      AbstractList: ['bob: hello', 'carol: [Image]'],
      MsgList: [
        { From_Account: 'bob', To_Account: 'carol', MsgSeq: 1, MsgRandom: 7, MsgTimeStamp: 1700000000, MsgBody: textBody('hello') },
        {
          From_Account: 'carol',
          To_Account: 'bob',
          MsgSeq: 2,
          MsgRandom: 8,
          MsgTimeStamp: 1700000001,
          MsgBody: [EVERY_ELEMENT[4]!],
          CloudCustomData: 'kept',
        },
      ],
    },
  },
];

describe('S1 openim/sendmsg: every element type', () => {
  it('S1 M1 stores and delivers every element type with CloudCustomData; admin sends may point at external URLs', async () => {
    const alice = await connect('alice');
    const pushes = collect(alice, 'message:created');
    const reply = await v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 1287657, MsgBody: EVERY_ELEMENT, CloudCustomData: 'your cloud custom data' });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgTime: expect.any(Number), MsgKey: expect.any(String) });
    expect(reply.MsgKey).toMatch(new RegExp(`^[1-9]\\d*_1287657_${reply.MsgTime as number}$`));
    await eventually(() => pushes.length === 1);
    expect(pushes[0]).toMatchObject({ from: 'bob', msgKey: reply.MsgKey, body: EVERY_ELEMENT, cloudCustomData: 'your cloud custom data' });
    const history = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: 0, limit: 10 });
    expect(history.messages.at(-1)).toMatchObject({ body: EVERY_ELEMENT, cloudCustomData: 'your cloud custom data' });
  });

  it('S1 M7 a combined (relay) message with its MsgList inline, nested elements kept', async () => {
    const reply = await v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: 31, MsgBody: RELAY });
    expect(reply.ActionStatus).toBe('OK');
    const alice = await connect('alice');
    const history = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: 0, limit: 50 });
    expect(history.messages.at(-1)?.body).toEqual(RELAY);
  });

  it.each([
    ['a sound without Download_Flag', 90002, [{ MsgType: 'TIMSoundElem', MsgContent: { Url: 'https://x/v.m4a', UUID: 'u1', Size: 1, Second: 1 } }]],
    ['a sound with Download_Flag 1', 90002, [{ MsgType: 'TIMSoundElem', MsgContent: { Url: 'https://x/v.m4a', UUID: 'u1', Size: 1, Second: 1, Download_Flag: 1 } }]],
    ['a sound without Url', 90002, [{ MsgType: 'TIMSoundElem', MsgContent: { UUID: 'u1', Size: 1, Second: 1, Download_Flag: 2 } }]],
    ['a sound without UUID', 90002, [{ MsgType: 'TIMSoundElem', MsgContent: { Url: 'https://x/v.m4a', Size: 1, Second: 1, Download_Flag: 2 } }]],
    ['a file URL that is not http(s)', 90002, [{ MsgType: 'TIMFileElem', MsgContent: { Url: 'javascript:alert(1)', UUID: 'u', FileSize: 1, FileName: 'a', Download_Flag: 2 } }]],
    ['an image format outside 1/2/3/4/255', 90002, [{ MsgType: 'TIMImageElem', MsgContent: { UUID: 'u', ImageFormat: 7, ImageInfoArray: [{ Type: 1, Size: 1, Width: 1, Height: 1, URL: 'https://x/i' }] } }]],
    ['a latitude beyond 90', 90002, [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'x', Latitude: 91, Longitude: 0 } }]],
    ['two custom elements', 90002, [{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'a' } }, { MsgType: 'TIMCustomElem', MsgContent: { Data: 'b' } }]],
    ['an element without MsgContent', 90002, [{ MsgType: 'TIMTextElem' }]],
    ['an unknown element type', 90002, [{ MsgType: 'TIMBogusElem', MsgContent: {} }]],
    ['an empty MsgBody', 90002, []],
    ['a MsgBody that is an object', 90007, { MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }],
  ])('S1 refuses %s with %i and stores nothing', async (_name, code, msgBody) => {
    const before = stored();
    expect(await v4('openim/sendmsg', { To_Account: 'alice', MsgRandom: 1, MsgBody: msgBody })).toEqual(fail(code));
    expect(stored()).toBe(before);
  });

  it.each([
    ['CloudCustomData that is not a string', 90010, { CloudCustomData: { a: 1 } }],
    ['CloudCustomData over 1 KB', 80002, { CloudCustomData: 'x'.repeat(1025) }],
    ['OfflinePushInfo that is not an object', 90010, { OfflinePushInfo: 'push' }],
    ['no MsgRandom', 90005, { MsgRandom: undefined }],
    ['a MsgRandom that is a string', 90005, { MsgRandom: '12' }],
    ['MsgLifeTime over 7 days', 90026, { MsgLifeTime: 604_801 }],
    ['no To_Account', 90003, { To_Account: undefined }],
    ['an unknown From_Account', 90008, { From_Account: 'ghost' }],
    ['an unknown To_Account', 90012, { To_Account: 'ghost' }],
  ])('S1 refuses %s with %i', async (_name, code, fields) => {
    const before = stored();
    expect(await v4('openim/sendmsg', { To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x'), ...fields })).toEqual(fail(code));
    expect(stored()).toBe(before);
  });

  it('S1 a request body over the REST limit is 93000, an unparsable one 90001', async () => {
    expect(await v4('openim/sendmsg', JSON.stringify({ To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x'.repeat(1_100_000)) }))).toEqual(fail(93000));
    expect(await v4('openim/sendmsg', '{"To_Account":')).toEqual(fail(90001));
  });

  it('S1 MsgLifeTime accepts 0–604800; SyncOtherMachine 1 syncs the sender, 2 hides it from the sender', async () => {
    const bob = await connect('bob');
    const bobPushes = collect(bob, 'message:created');
    expect(await v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'carol', MsgRandom: 5, MsgLifeTime: 604_800, SyncOtherMachine: 1, MsgBody: textBody('synced') })).toMatchObject({ ActionStatus: 'OK' });
    expect(await v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'carol', MsgRandom: 6, MsgLifeTime: 60, SyncOtherMachine: 2, MsgBody: textBody('hidden') })).toMatchObject({ ActionStatus: 'OK' });
    await settle();
    expect(bobPushes.map((m) => m.body)).toEqual([textBody('synced')]);
    const history = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_carol', afterSeq: 0, limit: 10 });
    expect(history.messages.map((m) => m.body)).toEqual([textBody('synced')]);
  });
});

describe('S1 openim/batchsendmsg', () => {
  it('S1 sends one message to every recipient, answering one MsgKey; ActionStatus OK', async () => {
    const carol = await connect('carol');
    const dave = await connect('dave');
    const pushes = [collect(carol, 'message:created'), collect(dave, 'message:created')];
    const reply = await v4('openim/batchsendmsg', { From_Account: 'bob', To_Account: ['carol', 'dave'], MsgRandom: 19901224, MsgBody: EVERY_ELEMENT.slice(0, 2), CloudCustomData: 'batch' });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgKey: expect.stringMatching(/^\d+_19901224_\d+$/) });
    await eventually(() => pushes.every((p) => p.length === 1));
    for (const [push] of pushes) expect(push).toMatchObject({ from: 'bob', body: EVERY_ELEMENT.slice(0, 2), cloudCustomData: 'batch' });
    expect(pushes[0]?.[0]?.msgKey).toBe(reply.MsgKey);
  });

  it('S1 a partial failure answers SomeError with ErrorCode 0 and an ErrorList; the others still get it', async () => {
    const before = stored();
    const reply = await v4('openim/batchsendmsg', { To_Account: ['alice', 'rong', 'alice', 'bad id'], MsgRandom: 28360, MsgBody: textBody('hi') });
    expect(reply).toEqual({
      ActionStatus: 'SomeError',
      ErrorInfo: '',
      ErrorCode: 0,
      MsgKey: expect.stringMatching(/^\d+_28360_\d+$/),
      ErrorList: [
        { To_Account: 'rong', ErrorCode: 70107 },
        { To_Account: 'bad id', ErrorCode: 70107 },
      ],
    });
    expect(stored()).toBe(before + 1);
  });

  it('S1 all recipients failing is FAIL 90012 "invalid To_Account"', async () => {
    const before = stored();
    expect(await v4('openim/batchsendmsg', { To_Account: ['rong', 'ghost'], MsgRandom: 1, MsgBody: textBody('x') })).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 90012,
      ErrorInfo: 'invalid To_Account',
    });
    expect(stored()).toBe(before);
  });

  it.each([
    ['501 recipients', 90011, { To_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) }],
    ['no recipients', 90003, { To_Account: [] }],
    ['a To_Account that is a string', 90003, { To_Account: 'alice' }],
    ['an unknown sender', 90008, { From_Account: 'ghost' }],
    ['no MsgRandom', 90005, { MsgRandom: undefined }],
    ['a malformed element', 90002, { MsgBody: [{ MsgType: 'TIMSoundElem', MsgContent: {} }] }],
    ['an oversize body', 80002, { MsgBody: textBody('z'.repeat(13_000)) }],
  ])('S1 refuses %s with %i and stores nothing', async (_name, code, fields) => {
    const before = stored();
    expect(await v4('openim/batchsendmsg', { To_Account: ['alice', 'carol'], MsgRandom: 3, MsgBody: textBody('x'), ...fields })).toEqual(expect.objectContaining(fail(code)));
    expect(stored()).toBe(before);
  });

  it('S1 500 recipients are accepted (the documented maximum)', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `many${i}`);
    await server.app.services.accounts.importAccounts(many.map((userId) => ({ userId })));
    const before = stored();
    expect(await v4('openim/batchsendmsg', { To_Account: many, MsgRandom: 9, MsgBody: textBody('to all') })).toMatchObject({ ActionStatus: 'OK' });
    expect(stored()).toBe(before + 500);
  });
});
