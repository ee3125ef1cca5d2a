import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MsgBody, RelayBundlePayload, SignedRelayBundle } from '../../../shared/domain';
import { openAccount, type Account } from '../account';
import { silentLogger } from '../logger';
import { FakeConnection } from '../testing/fakeConnection';
import { FakeServer } from '../testing/fakeServer';
import { eventually } from '../testing/testAccount';
import type { DesktopFiles } from './desktopFiles';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const signingKey = { id: 'k1', publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };

function signed(payload: RelayBundlePayload, key = 'bundle-1'): SignedRelayBundle {
  const text = JSON.stringify(payload);
  return { key, payload: text, keyId: 'k1', signature: sign(null, Buffer.from(text), privateKey).toString('base64') };
}

const payload: RelayBundlePayload = {
  version: 1,
  title: 'Chat history of bob and carol',
  createdBy: 'bob',
  createdAt: 1_700_000_000_000,
  messages: [
    { From_Account: 'bob', MsgSeq: 1, MsgRandom: 1, MsgTimeStamp: 1_700_000_000, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello 发票' } }] },
    { From_Account: 'carol', MsgSeq: 2, MsgRandom: 2, MsgTimeStamp: 1_700_000_001, MsgBody: [{ MsgType: 'TIMFutureElem', MsgContent: { x: 1 } }] },
  ],
};

let dir: string;
let server: FakeServer;
let connection: FakeConnection;
let account: Account;
let sent: { to: string; body: MsgBody }[];
let opened: string[];
let bundle: SignedRelayBundle;

function open(desktop: DesktopFiles | null = null): Account {
  const opened = openAccount(
    { serverUrl: 'http://chat.test', userId: 'me', nickname: 'Me', sdkAppId: 1400000001, userSig: 'sig', expiresAt: 4_000_000_000 },
    {
      dataDir: dir,
      platform: 'Linux',
      logger: silentLogger,
      now: Date.now,
      ackTimeoutMs: 2_000,
      typingShowMs: 6_000,
      emit: () => {},
      onRefused: () => {},
      createConnection: () => connection,
      fetch: (async (url: string) => {
        if (url === 'http://chat.test/api/v1/info') {
          return Response.json({ name: 't', sdkAppId: 1, protocolVersion: 1, registrationOpen: true, recallWindowSeconds: 120, relaySigningKeys: [signingKey] });
        }
        if (url.startsWith('http://chat.test/api/v1/blobs/')) return new Response('file bytes', { headers: { 'content-type': 'text/plain' } });
        return new Response(null, { status: 404 });
      }) as typeof fetch,
      desktop,
    },
  );
  opened.start();
  return opened;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forward-relay-'));
  server = new FakeServer('me', ['bob', 'carol']);
  sent = [];
  opened = [];
  bundle = signed(payload);
  const send = server.handlers['message:send']!;
  server.handlers['message:send'] = async (input) => {
    if ('to' in input) sent.push({ to: input.to, body: input.body });
    const reply = await send(input);
    return { ...reply, message: { ...reply.message, body: input.body } };
  };
  server.handlers['relay:get'] = () => ({ bundle });
  server.handlers['relay:create'] = (input) => ({
    elem: { MsgType: 'TIMRelayElem', MsgContent: { Title: input.title, MsgNum: input.messages.length, CompatibleText: '', AbstractList: [], JsonMsgKey: 'new-key' } },
  });
  connection = new FakeConnection(server);
  account = open({ openPath: async (path) => void opened.push(path), showItemInFolder: (path) => void opened.push(path) });
  connection.goOnline();
});

afterEach(async () => {
  await account.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('relay:open', () => {
  it('M7 verifies the signature with the published key, names senders, keeps unknown elements and converts times', async () => {
    const result = await account.media.openRelay('bundle-1');
    expect(result).toMatchObject({ title: payload.title, verified: true, createdBy: 'bob', createdAt: payload.createdAt });
    expect(result.messages.map((m) => [m.from, m.nickname, m.time])).toEqual([
      ['bob', 'BOB', 1_700_000_000_000],
      ['carol', 'CAROL', 1_700_000_001_000],
    ]);
    expect(result.messages[1]?.body).toEqual([{ MsgType: 'TIMFutureElem', MsgContent: { x: 1 } }]);
  });

  it('M7 a bundle altered after signing opens unverified', async () => {
    bundle = { ...bundle, payload: bundle.payload.replace('hello', 'HELLO') };
    const result = await account.media.openRelay('bundle-1');
    expect(result.verified).toBe(false);
    expect(JSON.stringify(result.messages)).toContain('HELLO');
  });

  it('M7 a bundle opened once opens offline; one never opened says offline', async () => {
    const online = await account.media.openRelay('bundle-1');
    connection.goOffline();
    expect(await account.media.openRelay('bundle-1')).toEqual(online);
    await expect(account.media.openRelay('other')).rejects.toMatchObject({ code: 'offline' });
  });
});

describe('messages:forward', () => {
  async function sendText(text: string) {
    const message = account.messages.send({ conversationId: 'c2c_bob', text });
    await eventually(() => expect(sent.some((s) => s.body[0]?.MsgType === 'TIMTextElem' && s.body[0].MsgContent.Text === text)).toBe(true));
    return message;
  }

  it('M7 one by one copies each body, in the order sent, into every target', async () => {
    const a = await sendText('one');
    const b = await sendText('two');
    sent = [];
    await account.media.forward({ ids: [b.id, a.id], to: ['c2c_carol', 'c2c_bob'], mode: 'oneByOne' });
    await eventually(() => expect(sent).toHaveLength(4));
    expect(sent.map((s) => [s.to, (s.body[0]!.MsgContent as { Text: string }).Text]).toSorted()).toEqual(
      [['bob', 'one'], ['bob', 'two'], ['carol', 'one'], ['carol', 'two']].toSorted(),
    );
    expect(sent.filter((s) => s.to === 'carol').map((s) => (s.body[0]!.MsgContent as { Text: string }).Text)).toEqual(['one', 'two']);
  });

  it('M7 combined asks the server for a bundle of the messages in time order, titled after the people, and sends it', async () => {
    const a = await sendText('one');
    const b = await sendText('two');
    let asked: unknown;
    const create = server.handlers['relay:create']!;
    server.handlers['relay:create'] = (input) => {
      asked = input;
      return create(input);
    };
    sent = [];
    await account.media.forward({ ids: [b.id, a.id], to: ['c2c_carol'], mode: 'combined' });
    expect(asked).toEqual({ title: 'Chat history of Me and bob', messages: [a, b].map((m) => ({ conversationId: 'c2c_bob', messageId: m.id })) });
    await eventually(() => expect(sent).toEqual([{ to: 'carol', body: [expect.objectContaining({ MsgType: 'TIMRelayElem' })] }]));
  });

  it('refuses messages that are not sent yet, and combining while offline', async () => {
    connection.goOffline();
    const pending = account.messages.send({ conversationId: 'c2c_bob', text: 'later' });
    await expect(account.media.forward({ ids: [pending.id], to: ['c2c_carol'], mode: 'oneByOne' })).rejects.toMatchObject({ code: 'bad_request' });
    connection.goOnline();
    const a = await sendText('one');
    connection.goOffline();
    await expect(account.media.forward({ ids: [a.id], to: ['c2c_carol'], mode: 'combined' })).rejects.toMatchObject({ code: 'offline' });
  });
});

describe('files:open', () => {
  it('opens a named, sanitised copy of the downloaded file with the desktop capability', async () => {
    const uuid = createHash('sha256').update('file bytes').digest('hex');
    await account.media.openFile(uuid, '../../evil\r\n.txt');
    expect(opened).toHaveLength(1);
    expect(basename(opened[0]!)).toBe('evil__.txt');
    expect(readFileSync(opened[0]!, 'utf8')).toBe('file bytes');
    await account.media.showInFolder(uuid, 'a.txt');
    expect(basename(opened[1]!)).toBe('a.txt');
  });

  it('refuses without a desktop (the web host) and never fetches a non-hash UUID', async () => {
    await account.stop();
    account = open(null);
    connection.goOnline();
    await expect(account.media.openFile('a'.repeat(64), 'x')).rejects.toMatchObject({ code: 'bad_request' });
    const reply = await account.media.serve({ uuid: 'https-evil', method: 'GET', range: null, download: null });
    expect(reply.status).toBe(404);
  });
});
