import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MsgBody, textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, openSocket, settle } from '../../testing/socketClient';
import { capturingLogger } from '../../testing/logCapture';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { PARSE_FAILURE_INFO } from './command';

let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ admins: ['ops'] });
  await server.app.services.accounts.importAccounts(['alice', 'bob', 'carol', 'plain'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId, { platform: 'Android' });
  sockets.push(socket);
  return socket;
}

interface Reply {
  ActionStatus: string;
  ErrorInfo: string;
  ErrorCode: number;
  [field: string]: unknown;
}

/** Calls a v4 command the way an app backend does; `query` overrides or removes (undefined) URL parameters. */
async function v4(command: string, body: unknown, query: Record<string, string | undefined> = {}, method = 'POST'): Promise<Reply> {
  const params: Record<string, string | undefined> = {
    sdkappid: String(server.sdkAppId),
    identifier: 'administrator',
    usersig: mintTestUserSig(server, 'administrator'),
    random: String(Math.floor(Math.random() * 0xffffffff)),
    contenttype: 'json',
    ...query,
  };
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(`${server.url}/v4/${command}?${search}`, {
    method,
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Reply;
}

function messageCount(): number {
  return (server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
}

const fail = (code: number) => ({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: expect.any(String) });

describe('S1 REST calling convention', () => {
  it('S1 answers OK with the three envelope fields first', async () => {
    const reply = await v4('im_open_login_svc/account_check', { CheckItem: [{ UserID: 'alice' }] });
    expect(Object.keys(reply).slice(0, 3)).toEqual(['ActionStatus', 'ErrorInfo', 'ErrorCode']);
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
  });

  it('S1 accepts query parameter names in any case (old docs write sdkAppid)', async () => {
    const reply = await v4(
      'im_open_login_svc/account_check',
      { CheckItem: [{ UserID: 'alice' }] },
      { sdkappid: undefined, identifier: undefined, usersig: undefined, sdkAppid: String(server.sdkAppId), Identifier: 'administrator', UserSig: mintTestUserSig(server, 'administrator') },
    );
    expect(reply.ActionStatus).toBe('OK');
  });

  it('S1 any configured admin may call; a non-admin identifier with a valid UserSig gets 60010 and changes nothing', async () => {
    expect((await v4('im_open_login_svc/account_import', { UserID: 'by-ops' }, { identifier: 'ops', usersig: mintTestUserSig(server, 'ops') })).ActionStatus).toBe('OK');
    const refused = await v4('im_open_login_svc/account_import', { UserID: 'sneaky' }, { identifier: 'plain', usersig: mintTestUserSig(server, 'plain') });
    expect(refused).toEqual(fail(60010));
    expect(await server.store.accounts.get('sneaky')).toBeNull();
    const before = messageCount();
    const send = await v4('openim/sendmsg', { To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x') }, { identifier: 'plain', usersig: mintTestUserSig(server, 'plain') });
    expect(send).toEqual(fail(60010));
    expect(messageCount()).toBe(before);
  });

  it.each([
    ['missing sdkappid', 60012, { sdkappid: undefined }],
    ['another sdkappid', 60006, { sdkappid: '1400000001' }],
    ['missing identifier', 60004, { identifier: undefined }],
    ['missing usersig', 70002, { usersig: undefined }],
    ['an empty usersig', 70002, { usersig: '' }],
    ['a malformed usersig', 70003, { usersig: 'not-a-usersig' }],
    ['an expired usersig', 70001, { usersig: 'EXPIRED' }],
    ['a forged usersig', 70009, { usersig: 'FORGED' }],
    ['a usersig issued to another user', 70013, { usersig: 'WRONG_USER' }],
    ['a usersig for another SDKAppID', 70014, { usersig: 'WRONG_APP' }],
    ['an identifier without an account', 70107, { identifier: 'ghost', usersig: 'GHOST' }],
  ])('S1 refuses %s with %i and imports nothing', async (_name, code, query) => {
    const sigs: Record<string, string> = {
      EXPIRED: mintTestUserSig(server, 'administrator', { expireSeconds: 60, now: Date.now() - 3_600_000 }),
      FORGED: mintTestUserSig(server, 'administrator', { secretKey: 'attacker-key-attacker-key' }),
      WRONG_USER: mintTestUserSig(server, 'alice'),
      WRONG_APP: mintTestUserSig(server, 'administrator', { sdkAppId: 1400000001 }),
      GHOST: mintTestUserSig(server, 'ghost'),
    };
    const resolved = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v !== undefined && sigs[v] ? sigs[v] : v]));
    expect(await v4('im_open_login_svc/account_import', { UserID: 'should-not-exist' }, resolved)).toEqual(fail(code));
    expect(await server.store.accounts.get('should-not-exist')).toBeNull();
  });

  it('S1 unknown paths get 60009 and other methods 60002, still with HTTP 200', async () => {
    expect(await v4('im_open_login_svc/no_such_command', {})).toEqual(fail(60009));
    expect(await v4('nosvc/x', {})).toEqual(fail(60009));
    expect(await v4('openim/sendmsg', undefined, {}, 'GET')).toEqual(fail(60002));
  });

  it('S1 a body that is not a JSON object fails per service: openim 90001 with Tencent’s text, accounts 70402', async () => {
    for (const body of ['{"To_Account": ', '', '[1,2]', '"text"', 'null']) {
      expect(await v4('openim/sendmsg', body)).toEqual({ ActionStatus: 'FAIL', ErrorCode: 90001, ErrorInfo: PARSE_FAILURE_INFO });
      expect(await v4('im_open_login_svc/account_import', body)).toEqual({ ActionStatus: 'FAIL', ErrorCode: 70402, ErrorInfo: PARSE_FAILURE_INFO });
    }
  });
});

describe('S1 im_open_login_svc', () => {
  it('S1 account_import creates accounts by UserID or legacy Identifier, idempotently, updating Nick and FaceUrl', async () => {
    expect(await v4('im_open_login_svc/account_import', { UserID: 'imp1', Nick: 'First', FaceUrl: 'http://x/a.png' })).toMatchObject({ ActionStatus: 'OK' });
    expect(await v4('im_open_login_svc/account_import', { Identifier: 'imp2', Nick: 'Legacy', Type: 0 })).toMatchObject({ ActionStatus: 'OK' });
    expect(await v4('im_open_login_svc/account_import', { UserID: 'imp1', Nick: 'Renamed' })).toMatchObject({ ActionStatus: 'OK' });
    expect(await server.store.accounts.get('imp1')).toMatchObject({ nickname: 'Renamed', faceUrl: 'http://x/a.png', passwordHash: null });
    expect(await server.store.accounts.get('imp2')).toMatchObject({ nickname: 'Legacy' });
    const count = server.store.db.raw.prepare("SELECT COUNT(*) AS n FROM accounts WHERE user_id = 'imp1'").get();
    expect(count).toEqual({ n: 1 });
    // An imported account signs in with a UserSig from the app backend.
    const socket = await connect('imp1');
    expect(socket.connected).toBe(true);
  });

  it('S1 account_import refuses a Nick or FaceUrl over 500 bytes with 40601 (§3.1); multiaccount_import lists it in FailAccounts', async () => {
    expect(await v4('im_open_login_svc/account_import', { UserID: 'longnick', Nick: '长'.repeat(167) })).toEqual(fail(40601));
    expect(await v4('im_open_login_svc/account_import', { UserID: 'longnick', FaceUrl: `http://x/${'a'.repeat(500)}` })).toEqual(fail(40601));
    expect(await server.store.accounts.get('longnick')).toBeNull();
    expect(await v4('im_open_login_svc/account_import', { UserID: 'longnick', Nick: '长'.repeat(166) })).toMatchObject({ ActionStatus: 'OK' });
    const multi = await v4('im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: 'longnick2', Nick: 'n'.repeat(501) }] });
    expect(multi).toMatchObject({ ActionStatus: 'OK', FailAccounts: ['longnick2'] });
  });

  it.each([
    ['no UserID', {}],
    ['a numeric UserID', { UserID: 42 }],
    ['an invalid UserID', { UserID: 'has space' }],
    ['a Nick that is not a string', { UserID: 'okid', Nick: 5 }],
  ])('S1 account_import refuses %s with 70402', async (_name, body) => {
    expect(await v4('im_open_login_svc/account_import', body)).toEqual(fail(70402));
    expect(await server.store.accounts.get('okid')).toBeNull();
  });

  it('S1 multiaccount_import takes the old Accounts form and reports FailAccounts', async () => {
    const reply = await v4('im_open_login_svc/multiaccount_import', { Accounts: ['multi1', 'multi2', 'bad id', 7] });
    expect(reply).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, FailAccounts: ['bad id', '7'] });
    expect((await server.store.accounts.getMany(['multi1', 'multi2'])).length).toBe(2);
  });

  it('S1 multiaccount_import takes the new AccountList form and updates existing accounts', async () => {
    const reply = await v4('im_open_login_svc/multiaccount_import', {
      AccountList: [{ UserID: 'multi1', Nick: 'Multi One' }, { UserID: 'multi3', FaceUrl: 'http://x/3.png' }, { Nick: 'no id' }],
    });
    expect(reply).toMatchObject({ ActionStatus: 'OK', FailAccounts: ['null'] });
    expect(await server.store.accounts.get('multi1')).toMatchObject({ nickname: 'Multi One' });
    expect(await server.store.accounts.get('multi3')).toMatchObject({ faceUrl: 'http://x/3.png' });
  });

  it('S1 multiaccount_import refuses more than 100 accounts, or none', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `bulk${i}`);
    expect(await v4('im_open_login_svc/multiaccount_import', { Accounts: many })).toEqual(fail(70402));
    expect(await v4('im_open_login_svc/multiaccount_import', { Accounts: [] })).toEqual(fail(70402));
    expect(await v4('im_open_login_svc/multiaccount_import', {})).toEqual(fail(70402));
    expect(await server.store.accounts.get('bulk0')).toBeNull();
  });

  it('S1 account_check reports Imported and NotImported', async () => {
    expect(await v4('im_open_login_svc/account_check', { CheckItem: [{ UserID: 'alice' }, { UserID: 'never' }] })).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      ResultItem: [
        { UserID: 'alice', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' },
        { UserID: 'never', ResultCode: 0, ResultInfo: '', AccountStatus: 'NotImported' },
      ],
    });
    expect(await v4('im_open_login_svc/account_check', { CheckItem: [] })).toEqual(fail(70402));
  });

  it('S1 account_delete deletes, reports 70107 for missing accounts, revokes credentials and disconnects devices', async () => {
    await v4('im_open_login_svc/account_import', { UserID: 'doomed' });
    const sig = mintTestUserSig(server, 'doomed');
    const socket = await connectTestClient(server, 'doomed', { userSig: sig });
    const kicked = collect(socket, 'session:kicked');
    const reply = await v4('im_open_login_svc/account_delete', { DeleteItem: [{ UserID: 'doomed' }, { UserID: 'never' }, { UserID: 'administrator' }] });
    expect(reply).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      ResultItem: [
        { ResultCode: 0, ResultInfo: '', UserID: 'doomed' },
        { ResultCode: 70107, ResultInfo: 'Err_TLS_PT_Open_Login_Account_Not_Exist', UserID: 'never' },
        { ResultCode: 70402, ResultInfo: expect.any(String), UserID: 'administrator' },
      ],
    });
    await eventually(() => socket.disconnected);
    expect(kicked).toEqual([{ reason: 'This account was deleted.', code: 'account_deleted' }]);
    expect(await server.store.accounts.get('doomed')).toBeNull();
    expect(await server.store.accounts.get('administrator')).not.toBeNull();
    const auth = { protocolVersion: 1, sdkAppId: server.sdkAppId, userId: 'doomed', userSig: sig, platform: 'Web' };
    await expect(openSocket(server.url, auth)).rejects.toMatchObject({ data: { code: 'account_not_found' } });
    // Re-importing the UserID does not revive UserSigs issued before the deletion.
    await v4('im_open_login_svc/account_import', { UserID: 'doomed' });
    await expect(openSocket(server.url, auth)).rejects.toMatchObject({ data: { code: 'usersig_revoked' } });
  });

  it('S1 kick takes UserID or legacy Identifier and signs every device out; unknown accounts get 70107', async () => {
    const sig = mintTestUserSig(server, 'carol');
    const socket = await connectTestClient(server, 'carol', { userSig: sig });
    const kicked = collect(socket, 'session:kicked');
    expect(await v4('im_open_login_svc/kick', { UserID: 'carol' })).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    await eventually(() => socket.disconnected);
    expect(kicked).toEqual([{ reason: expect.any(String), code: 'admin_kick' }]);
    await expect(connectTestClient(server, 'carol', { userSig: sig })).rejects.toMatchObject({ data: { code: 'usersig_revoked' } });
    expect(await v4('im_open_login_svc/kick', { Identifier: 'carol' })).toMatchObject({ ActionStatus: 'OK' });
    expect(await v4('im_open_login_svc/kick', { UserID: 'never' })).toEqual(fail(70107));
    expect(await v4('im_open_login_svc/kick', {})).toEqual(fail(70402));
  });
});

describe('S1 openim online status', () => {
  it('S1 query_online_status reports Status, Detail with platforms when asked, and ErrorList for unknown accounts', async () => {
    await connect('alice');
    await connectTestClient(server, 'alice', { platform: 'Windows' }).then((s) => sockets.push(s));
    const reply = await v4('openim/query_online_status', { IsNeedDetail: 1, To_Account: ['alice', 'bob', 'nobody'] });
    expect(reply).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      QueryResult: [
        {
          To_Account: 'alice',
          Status: 'Online',
          Detail: [
            { Platform: 'Android', Status: 'Online' },
            { Platform: 'Windows', Status: 'Online' },
          ],
        },
        { To_Account: 'bob', Status: 'Offline' },
      ],
      ErrorList: [{ To_Account: 'nobody', ErrorCode: 70107 }],
    });
    const plain = await v4('openim/query_online_status', { To_Account: ['alice'] });
    expect(plain.QueryResult).toEqual([{ To_Account: 'alice', Status: 'Online' }]);
  });

  it('S1 querystate (legacy) answers with the key State', async () => {
    await connect('bob');
    const reply = await v4('openim/querystate', { To_Account: ['bob', 'carol'] });
    expect(reply.QueryResult).toEqual([
      { To_Account: 'bob', State: 'Online' },
      { To_Account: 'carol', State: 'Offline' },
    ]);
  });

  it('S1 online status refuses a missing list (90003), more than 500 (90011), and fails when no account exists', async () => {
    expect(await v4('openim/query_online_status', {})).toEqual(fail(90003));
    expect(await v4('openim/query_online_status', { To_Account: Array.from({ length: 501 }, (_, i) => `u${i}`) })).toEqual(fail(90011));
    expect(await v4('openim/query_online_status', { To_Account: ['nobody'] })).toEqual({
      ...fail(70107),
      QueryResult: [],
      ErrorList: [{ To_Account: 'nobody', ErrorCode: 70107 }],
    });
  });
});

describe('S1 openim/sendmsg', () => {
  it('S1 sends as the admin by default, delivers live and syncs like a socket send, answering MsgTime and MsgKey', async () => {
    const alice = await connect('alice');
    const pushes = collect(alice, 'message:created');
    const reply = await v4('openim/sendmsg', { To_Account: 'alice', MsgRandom: 1287657, MsgBody: textBody('hello from the backend') });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, MsgTime: expect.any(Number) });
    expect(reply.MsgKey).toMatch(new RegExp(`^\\d+_1287657_${reply.MsgTime as number}$`));
    await eventually(() => pushes.length === 1);
    expect(pushes[0]).toMatchObject({ from: 'administrator', to: 'alice', conversationId: 'c2c_administrator', msgKey: reply.MsgKey, body: textBody('hello from the backend') });
    const history = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_administrator', afterSeq: 0, limit: 10 });
    expect(history.messages.at(-1)).toEqual(pushes[0]);
  });

  it('S1 SyncOtherMachine 1 pushes to the sender’s devices; 2 keeps it out of the sender’s history; omitted keeps history only', async () => {
    await server.app.services.accounts.importAccounts([{ userId: 'dora' }]);
    const bob = await connect('bob');
    const bobPushes = collect(bob, 'message:created');
    const send = (text: string, extra: Record<string, unknown>) =>
      v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'dora', MsgRandom: Math.floor(Math.random() * 1e9), MsgBody: textBody(text), ...extra });
    expect((await send('synced', { SyncOtherMachine: 1 })).ActionStatus).toBe('OK');
    expect((await send('hidden', { SyncOtherMachine: 2 })).ActionStatus).toBe('OK');
    expect((await send('history only', {})).ActionStatus).toBe('OK');
    await settle();
    expect(bobPushes.map((m) => m.body)).toEqual([textBody('synced')]);
    expect(bobPushes[0]?.conversationId).toBe('c2c_dora');
    const bobHistory = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_dora', afterSeq: 0, limit: 10 });
    expect(bobHistory.messages.map((m) => m.body)).toEqual([textBody('synced'), textBody('history only')]);
    const dora = await connect('dora');
    const doraHistory = await call(dora, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: 0, limit: 10 });
    expect(doraHistory.messages.map((m) => m.body)).toEqual([textBody('synced'), textBody('hidden'), textBody('history only')]);
  });

  it('S1 carries every element type of the shared schema', async () => {
    const body: MsgBody = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'content' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'someinfo', Latitude: 29.34, Longitude: 116.77 } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'message', Desc: 'notification', Ext: 'url', Sound: 'dingdong.aiff' } },
    ];
    const reply = await v4('openim/sendmsg', { SyncOtherMachine: 2, To_Account: 'alice', MsgRandom: 55, MsgBody: body, CloudCustomData: 'x', OfflinePushInfo: { PushFlag: 0 } });
    expect(reply.ActionStatus).toBe('OK');
    const stored = server.store.db.raw.prepare('SELECT body FROM messages ORDER BY id DESC LIMIT 1').get() as { body: string };
    expect(JSON.parse(stored.body)).toEqual(body);
  });

  it('S1 MsgLifeTime 0 (online only) is pushed to connected devices and never stored, synced or counted unread', async () => {
    await server.app.services.accounts.importAccounts([{ userId: 'fleeting' }]);
    const before = messageCount();
    const offline = await v4('openim/sendmsg', { To_Account: 'fleeting', MsgRandom: 9, MsgLifeTime: 0, MsgBody: textBody('now or never') });
    expect(offline).toMatchObject({ ActionStatus: 'OK', MsgKey: expect.stringMatching(/^0_9_\d+$/) });
    const phone = await connect('fleeting');
    const desktop = await connect('fleeting');
    const pushes = [collect(phone, 'message:created'), collect(desktop, 'message:created')];
    const online = await v4('openim/sendmsg', { To_Account: 'fleeting', MsgRandom: 10, MsgLifeTime: 0, MsgBody: textBody('live') });
    expect(online).toMatchObject({ ActionStatus: 'OK', MsgKey: `0_10_${online.MsgTime as number}` });
    await eventually(() => pushes.every((p) => p.length === 1));
    expect(pushes[0]).toEqual([
      expect.objectContaining({ from: 'administrator', to: 'fleeting', seq: 0, msgKey: online.MsgKey, body: textBody('live') }),
    ]);
    expect(messageCount()).toBe(before);
    expect(await call(phone, 'sync:conversations', {})).toEqual({ conversations: [] });
    expect(await call(phone, 'sync:messagesAfter', { conversationId: 'c2c_administrator', afterSeq: 0, limit: 10 })).toEqual({ messages: [], hasMore: false });
  });

  it.each([
    ['an oversize body to someone offline', 80002, { To_Account: 'plain', MsgBody: textBody('z'.repeat(13_000)) }],
    ['an oversize body to someone online', 80002, { To_Account: 'alice', MsgBody: textBody('z'.repeat(13_000)) }],
    ['an unknown recipient', 90012, { To_Account: 'ghost', MsgBody: textBody('x') }],
    ['an unknown sender', 90008, { From_Account: 'ghost', To_Account: 'alice', MsgBody: textBody('x') }],
  ])('S1 MsgLifeTime 0 gets the same checks: %s is refused with %i', async (_name, code, body) => {
    const alice = await connect('alice');
    const pushes = collect(alice, 'message:created');
    expect(await v4('openim/sendmsg', { ...body, MsgRandom: 11, MsgLifeTime: 0 })).toEqual(fail(code));
    await settle();
    expect(pushes).toEqual([]);
  });

  it.each([
    ['no To_Account', 90003, { MsgRandom: 1, MsgBody: textBody('x') }],
    ['a To_Account that is not a string', 90003, { To_Account: ['alice'], MsgRandom: 1, MsgBody: textBody('x') }],
    ['no MsgRandom', 90005, { To_Account: 'alice', MsgBody: textBody('x') }],
    ['a negative MsgRandom', 90005, { To_Account: 'alice', MsgRandom: -1, MsgBody: textBody('x') }],
    ['a MsgTimeStamp that is not an integer', 90006, { To_Account: 'alice', MsgRandom: 1, MsgTimeStamp: 'now', MsgBody: textBody('x') }],
    ['a MsgBody that is not an array', 90007, { To_Account: 'alice', MsgRandom: 1, MsgBody: { MsgType: 'TIMTextElem' } }],
    ['no MsgBody', 90007, { To_Account: 'alice', MsgRandom: 1 }],
    ['a malformed element', 90002, { To_Account: 'alice', MsgRandom: 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: {} }] }],
    ['an element type outside the schema', 90002, { To_Account: 'alice', MsgRandom: 1, MsgBody: [{ MsgType: 'TIMImageElem', MsgContent: {} }] }],
    ['an unknown sender', 90008, { From_Account: 'ghost', To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x') }],
    ['an unknown recipient', 90012, { To_Account: 'ghost', MsgRandom: 1, MsgBody: textBody('x') }],
    ['SyncOtherMachine 3', 90031, { SyncOtherMachine: 3, To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x') }],
    ['a MsgLifeTime that is not an integer', 90044, { MsgLifeTime: '60', To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x') }],
    ['a MsgLifeTime over 7 days', 90026, { MsgLifeTime: 604801, To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('x') }],
    ['a body over 12 KB', 80002, { To_Account: 'alice', MsgRandom: 1, MsgBody: textBody('z'.repeat(13_000)) }],
  ])('S1 sendmsg refuses %s with %i and stores nothing', async (_name, code, body) => {
    const before = messageCount();
    expect(await v4('openim/sendmsg', body)).toEqual(fail(code));
    expect(messageCount()).toBe(before);
  });
});

describe('S1 openim/sendmsg de-duplication (fixed clock)', () => {
  let now = Date.now();
  let clocked: TestServer;
  beforeAll(async () => {
    clocked = await startTestServer({ clock: { now: () => now } });
    await clocked.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
  });
  afterAll(() => clocked.stop({ removeData: true }));

  async function send(body: Record<string, unknown>): Promise<Reply> {
    const query = new URLSearchParams({ sdkappid: String(clocked.sdkAppId), identifier: 'administrator', usersig: mintTestUserSig(clocked, 'administrator'), random: '7', contenttype: 'json' });
    return (await (await fetch(`${clocked.url}/v4/openim/sendmsg?${query}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Reply;
  }
  const stored = () => (clocked.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;

  it('S1 a retry without MsgTimeStamp or MsgSeq within two minutes is the same message, also concurrently; after that it is new', async () => {
    const body = { From_Account: 'bob', To_Account: 'alice', MsgRandom: 424242, MsgBody: textBody('retry me') };
    const before = stored();
    const [first, concurrent] = await Promise.all([send(body), send(body)]);
    expect(first).toMatchObject({ ActionStatus: 'OK' });
    now += 5_000; // the backend timed out after 3 s and retries in a later second
    const retry = await send(body);
    expect([concurrent.MsgKey, retry.MsgKey]).toEqual([first.MsgKey, first.MsgKey]);
    expect(retry.MsgTime).toBe(first.MsgTime);
    expect(stored()).toBe(before + 1);
    now += 120_000;
    expect((await send(body)).MsgKey).not.toBe(first.MsgKey);
    expect(stored()).toBe(before + 2);
  });

  it('S1 with MsgTimeStamp (and MsgSeq) the caller’s values decide, however late the retry', async () => {
    const before = stored();
    const body = { From_Account: 'bob', To_Account: 'alice', MsgRandom: 77, MsgTimeStamp: 1557387418, MsgBody: textBody('stamped') };
    const first = await send(body);
    now += 3_600_000;
    expect((await send(body)).MsgKey).toBe(first.MsgKey);
    expect((await send({ ...body, MsgTimeStamp: 1557387419 })).MsgKey).not.toBe(first.MsgKey);
    const withSeq = { From_Account: 'bob', To_Account: 'alice', MsgRandom: 77, MsgSeq: 93847636, MsgBody: textBody('sequenced') };
    const sequenced = await send(withSeq);
    now += 3_600_000;
    expect((await send(withSeq)).MsgKey).toBe(sequenced.MsgKey);
    expect((await send({ ...withSeq, MsgSeq: 93847637 })).MsgKey).not.toBe(sequenced.MsgKey);
    // Another recipient with the same values is another message.
    expect((await send({ ...body, To_Account: 'bob' })).MsgKey).not.toBe(first.MsgKey);
    expect(stored()).toBe(before + 5);
  });
});

describe('S1 unexpected faults', () => {
  it('S1 answer each service’s own internal code (account 70500, openim 91000) and log no credentials', async () => {
    const { logger, lines } = capturingLogger();
    const own = await startTestServer({ logger });
    try {
      const adminSig = mintTestUserSig(own, 'administrator');
      const call4 = async (command: string, body: unknown) => {
        const query = new URLSearchParams({ sdkappid: String(own.sdkAppId), identifier: 'administrator', usersig: adminSig, random: '1', contenttype: 'json' });
        return (await (await fetch(`${own.url}/v4/${command}?${query}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Reply;
      };
      vi.spyOn(own.app.services.accounts, 'importAccounts').mockRejectedValueOnce(new Error('disk on fire'));
      vi.spyOn(own.app.services.accounts, 'existing').mockRejectedValueOnce(new Error('disk on fire'));
      expect(await call4('im_open_login_svc/account_import', { UserID: 'x1' })).toEqual({ ActionStatus: 'FAIL', ErrorCode: 70500, ErrorInfo: expect.any(String) });
      expect(await call4('openim/query_online_status', { To_Account: ['x1'] })).toEqual({ ActionStatus: 'FAIL', ErrorCode: 91000, ErrorInfo: expect.any(String) });
      expect(lines.filter((line) => line.msg === 'unexpected error')).toHaveLength(2);
      expect(JSON.stringify(lines)).not.toContain(adminSig);
    } finally {
      await own.stop({ removeData: true });
    }
  });
});
