import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, settle } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { type V4Reply, callV4 } from '../../testing/v4Client';

/** A test clock: every message gets the time we choose, so time ranges and hours are exact. */
const HOUR = 3_600_000;
const START = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
let now = START;

let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => now } });
  await server.app.services.accounts.importAccounts(['alice', 'bob', 'carol', 'dave', 'erin'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

const v4 = (command: string, body: unknown) => callV4(server, command, body, { now });
const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: expect.any(String) });

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId, { userSig: mintTestUserSig(server, userId, { now }) });
  sockets.push(socket);
  return socket;
}

/** Sends at the given clock time and returns the reply. */
async function sendAt(time: number, from: string, to: string, text: string, extra: Record<string, unknown> = {}): Promise<V4Reply> {
  now = time;
  const reply = await v4('openim/sendmsg', { From_Account: from, To_Account: to, MsgRandom: Math.floor(Math.random() * 1e9), MsgBody: textBody(text), ...extra });
  expect(reply.ActionStatus).toBe('OK');
  return reply;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('S1 openim/admin_getroammsg', () => {
  const T0 = START + 60_000;
  const keys: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 30; i += 1) keys.push((await sendAt(T0 + i * 1000, i % 2 === 0 ? 'alice' : 'bob', i % 2 === 0 ? 'bob' : 'alice', `m${i}`, { CloudCustomData: `c${i}` })).MsgKey as string);
  });

  it('S1 answers newest first with every documented field; continues with LastMsgTime + LastMsgKey until Complete 1', async () => {
    const first = await v4('openim/admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: 12, MinTime: seconds(T0), MaxTime: seconds(T0) + 3600 });
    expect(first).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, Complete: 0, MsgCnt: 12 });
    const list = first.MsgList as Array<Record<string, unknown>>;
    expect(list[0]).toEqual({
      From_Account: 'bob',
      To_Account: 'alice',
      MsgSeq: 30,
      MsgRandom: expect.any(Number),
      MsgTimeStamp: seconds(T0) + 29,
      MsgFlagBits: 0,
      IsPeerRead: 0,
      MsgKey: keys[29],
      MsgBody: textBody('m29'),
      CloudCustomData: 'c29',
    });
    expect(first.LastMsgTime).toBe(seconds(T0) + 18);
    expect(first.LastMsgKey).toBe(keys[18]);

    const seen = list.map((m) => m.MsgKey);
    let reply = first;
    while (reply.Complete === 0) {
      reply = await v4('openim/admin_getroammsg', {
        Operator_Account: 'alice',
        Peer_Account: 'bob',
        MaxCnt: 12,
        MinTime: seconds(T0),
        MaxTime: reply.LastMsgTime,
        LastMsgKey: reply.LastMsgKey,
      });
      expect(reply.ActionStatus).toBe('OK');
      seen.push(...(reply.MsgList as Array<Record<string, unknown>>).map((m) => m.MsgKey));
    }
    expect(reply.MsgCnt).toBe(6);
    expect(seen).toEqual([...keys].reverse());
  });

  it('S1 MinTime and MaxTime (seconds, inclusive) bound the range; the old From_Account/To_Account names work too', async () => {
    const reply = await v4('openim/admin_getroammsg', { From_Account: 'bob', To_Account: 'alice', MaxCnt: 100, MinTime: seconds(T0) + 5, MaxTime: seconds(T0) + 7 });
    expect(reply).toMatchObject({ Complete: 1, MsgCnt: 3, LastMsgKey: keys[5], LastMsgTime: seconds(T0) + 5 });
    expect((reply.MsgList as Array<{ MsgBody: unknown }>).map((m) => m.MsgBody)).toEqual([textBody('m7'), textBody('m6'), textBody('m5')]);
    const none = await v4('openim/admin_getroammsg', { Operator_Account: 'alice', Peer_Account: 'carol', MaxCnt: 10, MinTime: 0, MaxTime: seconds(T0) + 3600 });
    expect(none).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, Complete: 1, MsgCnt: 0, MsgList: [] });
  });

  it('S1 a reply stays within about 13 KB; the rest comes with Complete 0', async () => {
    const base = START + 10 * 60_000;
    for (let i = 0; i < 8; i += 1) await sendAt(base + i * 1000, 'carol', 'dave', `${i}`.repeat(3000));
    const reply = await v4('openim/admin_getroammsg', { Operator_Account: 'carol', Peer_Account: 'dave', MaxCnt: 100, MinTime: 0, MaxTime: seconds(base) + 60 });
    expect(reply.Complete).toBe(0);
    expect(reply.MsgCnt).toBe(4);
    expect(Buffer.byteLength(JSON.stringify(reply))).toBeLessThan(13 * 1024 + 500);
    const rest = await v4('openim/admin_getroammsg', { Operator_Account: 'carol', Peer_Account: 'dave', MaxCnt: 100, MinTime: 0, MaxTime: reply.LastMsgTime, LastMsgKey: reply.LastMsgKey });
    expect(rest).toMatchObject({ Complete: 1, MsgCnt: 4 });
  });

  it('S1 a SyncOtherMachine 2 send shows from the recipient’s side only; IsPeerRead follows read receipts', async () => {
    const base = START + 20 * 60_000;
    await sendAt(base, 'erin', 'dave', 'hidden from erin', { SyncOtherMachine: 2 });
    const fromErin = await v4('openim/admin_getroammsg', { Operator_Account: 'erin', Peer_Account: 'dave', MaxCnt: 10, MinTime: 0, MaxTime: seconds(base) + 1 });
    expect(fromErin.MsgCnt).toBe(0);
    const fromDave = await v4('openim/admin_getroammsg', { Operator_Account: 'dave', Peer_Account: 'erin', MaxCnt: 10, MinTime: 0, MaxTime: seconds(base) + 1 });
    expect(fromDave).toMatchObject({ MsgCnt: 1, MsgList: [{ From_Account: 'erin', IsPeerRead: 0 }] });
    await v4('openim/admin_set_msg_read', { Report_Account: 'dave', Peer_Account: 'erin' });
    const afterRead = await v4('openim/admin_getroammsg', { Operator_Account: 'dave', Peer_Account: 'erin', MaxCnt: 10, MinTime: 0, MaxTime: seconds(base) + 1 });
    expect(afterRead).toMatchObject({ MsgList: [{ IsPeerRead: 1 }] });
  });

  it('S1 M10 what the operator cleared is not in their roaming query; the peer still sees it', async () => {
    const base = START + 25 * 60_000;
    await server.app.services.accounts.importAccounts([{ userId: 'clearer' }, { userId: 'keeper' }]);
    await sendAt(base, 'keeper', 'clearer', 'before the clear');
    const clearer = await connect('clearer');
    await call(clearer, 'conversation:clear', { conversationId: 'c2c_keeper' });
    await sendAt(base + 1000, 'keeper', 'clearer', 'after the clear');
    const query = (operator: string, peer: string) => v4('openim/admin_getroammsg', { Operator_Account: operator, Peer_Account: peer, MaxCnt: 10, MinTime: 0, MaxTime: seconds(base) + 5 });
    expect(((await query('clearer', 'keeper')).MsgList as Array<{ MsgBody: unknown }>).map((m) => m.MsgBody)).toEqual([textBody('after the clear')]);
    expect((await query('keeper', 'clearer')).MsgCnt).toBe(2);
  });

  it.each([
    ['no Operator_Account', 90008, { Peer_Account: 'bob' }],
    ['an unknown Operator_Account', 90008, { Operator_Account: 'ghost', Peer_Account: 'bob' }],
    ['no Peer_Account', 90003, { Operator_Account: 'alice' }],
    ['an unknown Peer_Account', 90003, { Operator_Account: 'alice', Peer_Account: 'ghost' }],
    ['no MaxCnt', 90001, { Operator_Account: 'alice', Peer_Account: 'bob', MaxCnt: undefined }],
    ['a MinTime that is a string', 90001, { Operator_Account: 'alice', Peer_Account: 'bob', MinTime: '0' }],
    ['a LastMsgKey that is no MsgKey', 90001, { Operator_Account: 'alice', Peer_Account: 'bob', LastMsgKey: 'abc' }],
  ])('S1 refuses %s with %i', async (_name, code, fields) => {
    expect(await v4('openim/admin_getroammsg', { MaxCnt: 10, MinTime: 0, MaxTime: 1, ...fields })).toEqual(fail(code));
  });
});

describe('S1 openim/admin_msgwithdraw', () => {
  it('S1 M5 the admin recalls by MsgKey with no time limit; both sides see it recalled; the roaming query flags it 8', async () => {
    const base = START + 30 * 60_000;
    const sent = await sendAt(base, 'bob', 'carol', 'regrettable', { SyncOtherMachine: 1 });
    now = base + 3 * 86_400_000; // days later: far beyond the senders' recall window
    const bob = await connect('bob');
    const carol = await connect('carol');
    const updates = [collect(bob, 'message:updated'), collect(carol, 'message:updated')];
    expect(await v4('openim/admin_msgwithdraw', { From_Account: 'bob', To_Account: 'carol', MsgKey: sent.MsgKey })).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    await eventually(() => updates.every((u) => u.length === 1));
    for (const [update] of updates) expect(update).toMatchObject({ msgKey: sent.MsgKey, recalled: true, body: [] });
    const roam = await v4('openim/admin_getroammsg', { Operator_Account: 'carol', Peer_Account: 'bob', MaxCnt: 10, MinTime: 0, MaxTime: seconds(base) + 1 });
    expect(roam.MsgList).toEqual([expect.objectContaining({ MsgKey: sent.MsgKey, MsgFlagBits: 8, MsgBody: [] })]);
    expect(await v4('openim/admin_msgwithdraw', { From_Account: 'bob', To_Account: 'carol', MsgKey: sent.MsgKey })).toEqual(fail(20023));
    now = base;
  });

  it('S1 a batchsendmsg MsgKey recalls the copy of each recipient', async () => {
    now = START + 40 * 60_000;
    const batch = await v4('openim/batchsendmsg', { From_Account: 'alice', To_Account: ['carol', 'dave'], MsgRandom: 4242, MsgBody: textBody('to both') });
    expect(batch.ActionStatus).toBe('OK');
    for (const to of ['carol', 'dave']) {
      expect(await v4('openim/admin_msgwithdraw', { From_Account: 'alice', To_Account: to, MsgKey: batch.MsgKey })).toMatchObject({ ActionStatus: 'OK' });
    }
  });

  it.each([
    ['a MsgKey that does not exist', 20022, { MsgKey: '999_1_1700000000' }],
    ['a MsgKey of the other direction', 20022, { From_Account: 'carol', To_Account: 'bob' }],
    ['a malformed MsgKey', 90054, { MsgKey: 'not-a-key' }],
    ['no MsgKey', 90054, { MsgKey: undefined }],
    ['an unknown From_Account', 90008, { From_Account: 'ghost' }],
    ['an unknown To_Account', 90003, { To_Account: 'ghost' }],
  ])('S1 refuses %s with %i and changes nothing', async (_name, code, fields) => {
    const sent = await sendAt(START + 50 * 60_000, 'bob', 'carol', 'stays');
    expect(await v4('openim/admin_msgwithdraw', { From_Account: 'bob', To_Account: 'carol', MsgKey: sent.MsgKey, ...fields })).toEqual(fail(code));
    const roam = await v4('openim/admin_getroammsg', { Operator_Account: 'carol', Peer_Account: 'bob', MaxCnt: 1, MinTime: 0, MaxTime: seconds(now) });
    expect(roam.MsgList).toEqual([expect.objectContaining({ MsgKey: sent.MsgKey, MsgFlagBits: 0, MsgBody: textBody('stays') })]);
  });
});

describe('S1 openim/admin_set_msg_read', () => {
  it('S1 M6 marks the peer’s messages up to MsgReadTime read (string or number) and pushes read positions like markRead', async () => {
    const base = START + 70 * 60_000;
    await server.app.services.accounts.importAccounts([{ userId: 'reader' }, { userId: 'writer' }]);
    for (let i = 0; i < 3; i += 1) await sendAt(base + i * 10_000, 'writer', 'reader', `r${i}`);
    const writer = await connect('writer');
    const reader = await connect('reader');
    const writerReads = collect(writer, 'conversation:read');
    const readerReads = collect(reader, 'conversation:read');
    expect(await v4('openim/admin_set_msg_read', { Report_Account: 'reader', Peer_Account: 'writer', MsgReadTime: String(seconds(base) + 10) })).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
    });
    await eventually(() => writerReads.length === 1 && readerReads.length === 1);
    expect(writerReads[0]).toEqual({ conversationId: 'c2c_reader', reader: 'reader', readSeq: 2 });
    expect(readerReads[0]).toEqual({ conversationId: 'c2c_writer', reader: 'reader', readSeq: 2 });
    let list = await call(reader, 'sync:conversations', {});
    expect(list.conversations[0]).toMatchObject({ readSeq: 2, unreadCount: 1 });
    expect(await v4('openim/admin_set_msg_read', { Report_Account: 'reader', Peer_Account: 'writer', MsgReadTime: seconds(base) + 20 })).toMatchObject({ ActionStatus: 'OK' });
    list = await call(reader, 'sync:conversations', {});
    expect(list.conversations[0]).toMatchObject({ readSeq: 3, unreadCount: 0 });
    // An earlier time never lowers the read position.
    expect(await v4('openim/admin_set_msg_read', { Report_Account: 'reader', Peer_Account: 'writer', MsgReadTime: 1 })).toMatchObject({ ActionStatus: 'OK' });
    await settle();
    expect(writerReads).toHaveLength(2);
  });

  it.each([
    ['no Report_Account', 90008, { Report_Account: undefined }],
    ['an unknown Report_Account', 90008, { Report_Account: 'ghost' }],
    ['no Peer_Account', 90003, { Peer_Account: undefined }],
    ['an unknown Peer_Account', 90003, { Peer_Account: 'ghost' }],
    ['a MsgReadTime that is not a time', 90001, { MsgReadTime: 'yesterday' }],
  ])('S1 refuses %s with %i', async (_name, code, fields) => {
    expect(await v4('openim/admin_set_msg_read', { Report_Account: 'alice', Peer_Account: 'bob', ...fields })).toEqual(fail(code));
  });
});

describe('S1 open_msg_svc/get_history', () => {
  /** The hour after the others (nothing else is sent in it). */
  const hourStart = START + 2 * HOUR;
  const msgTime = new Date(hourStart).toISOString().slice(0, 13).replace(/[-T]/g, '');

  it('S1 produces the hour’s gzip file in the documented format behind a signed, expiring link', async () => {
    const a = await sendAt(hourStart + 5_000, 'alice', 'bob', '四等分');
    const b = await sendAt(hourStart + 65_000, 'bob', 'alice', 'reply', { CloudCustomData: 'cc' });
    await sendAt(hourStart + HOUR + 1_000, 'alice', 'bob', 'next hour');
    now = hourStart + HOUR + 120_000;
    const reply = await v4('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: msgTime });
    expect(reply).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      File: [
        {
          URL: expect.stringMatching(new RegExp(`^${server.url}/v4/open_msg_svc/download/[0-9a-f]{32}\\.gz\\?expires=\\d+&signature=[0-9a-f]{64}$`)),
          ExpireTime: new Date(now + HOUR).toISOString().slice(0, 19).replace('T', ' '),
          FileSize: expect.any(Number),
          FileMD5: expect.stringMatching(/^[0-9a-f]{32}$/),
          GzipSize: expect.any(Number),
          GzipMD5: expect.stringMatching(/^[0-9a-f]{32}$/),
        },
      ],
    });
    const file = (reply.File as Array<Record<string, string | number>>)[0]!;
    const response = await fetch(String(file.URL));
    expect(response.status).toBe(200);
    const gz = Buffer.from(await response.arrayBuffer());
    const plain = gunzipSync(gz);
    expect([gz.length, createHash('md5').update(gz).digest('hex')]).toEqual([file.GzipSize, file.GzipMD5]);
    expect([plain.length, createHash('md5').update(plain).digest('hex')]).toEqual([file.FileSize, file.FileMD5]);
    const parts = (key: unknown) => String(key).split('_').map(Number);
    const [seqA, randomA] = parts(a.MsgKey);
    const [seqB, randomB] = parts(b.MsgKey);
    expect(plain.toString('utf8')).toBe(
      [
        `{"SdkAppId":${server.sdkAppId},"ChatType":"C2C","MsgTime":"${msgTime}","MsgList":[`,
        `{"From_Account":"alice","To_Account":"bob","MsgTimestamp":${seconds(hourStart) + 5},"MsgSeq":${seqA},"MsgRandom":${randomA},"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"四等分"}}]},`,
        `{"From_Account":"bob","To_Account":"alice","MsgTimestamp":${seconds(hourStart) + 65},"MsgSeq":${seqB},"MsgRandom":${randomB},"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"reply"}}],"CloudCustomData":"cc"},`,
        ']}',
      ].join('\n'),
    );

    // A changed signature is refused; after the expiry the link is gone.
    expect((await fetch(String(file.URL).replace(/signature=./, (s) => `${s.slice(0, -1)}${s.endsWith('0') ? '1' : '0'}`))).status).toBe(403);
    expect((await fetch(String(file.URL).replace(/expires=\d+/, `expires=${now + 10 * HOUR}`))).status).toBe(403);
    now += HOUR + 1;
    expect((await fetch(String(file.URL))).status).toBe(410);
    now = hourStart + HOUR + 120_000;
  });

  it('S1 an hour without messages is 1004; Group logs are empty until groups exist', async () => {
    const emptyHour = new Date(START - 3 * HOUR).toISOString().slice(0, 13).replace(/[-T]/g, '');
    expect(await v4('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: emptyHour })).toEqual(fail(1004));
    expect(await v4('open_msg_svc/get_history', { ChatType: 'Group', MsgTime: msgTime })).toEqual(fail(1004));
  });

  it.each([
    ['an hour older than 7 days', () => new Date(now - 8 * 86_400_000).toISOString().slice(0, 13).replace(/[-T]/g, '')],
    ['an hour in the future', () => new Date(now + 2 * HOUR).toISOString().slice(0, 13).replace(/[-T]/g, '')],
    ['a day that does not exist', () => '2024023010'],
    ['hour 24', () => '2024010124'],
    ['a number instead of a string', () => 2024010110],
    ['a shorter string', () => '20240101'],
  ])('S1 refuses %s with 1002', async (_name, value) => {
    expect(await v4('open_msg_svc/get_history', { ChatType: 'C2C', MsgTime: value() })).toEqual(fail(1002));
  });

  it('S1 a ChatType other than C2C or Group is 1002, an unparsable body 1001', async () => {
    expect(await v4('open_msg_svc/get_history', { ChatType: 'c2c', MsgTime: msgTime })).toEqual(fail(1002));
    expect(await v4('open_msg_svc/get_history', '{')).toEqual(fail(1001));
  });

  it('S1 a download link is refused without the admin’s signature and for unknown files', async () => {
    expect((await fetch(`${server.url}/v4/open_msg_svc/download/${'0'.repeat(32)}.gz?expires=${now + 1000}&signature=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await fetch(`${server.url}/v4/open_msg_svc/download/..%2Fsecret.gz`)).status).toBe(404);
  });
});
