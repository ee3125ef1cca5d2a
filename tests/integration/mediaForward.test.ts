import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';
import { allMessages } from './history';
import { fetchMedia, latestView, sha256, stageFile } from './mediaFiles';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

let server: TestServer;
const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function person(name: string): Promise<TestCore> {
  server ??= await startTestServer();
  if (cleanups.length === 0) cleanups.push(() => server.stop({ removeData: true }));
  const core = await startTestCore({ serverUrl: server.url, name });
  cleanups.push(() => core.dispose());
  await core.signUp(name);
  await online(core);
  return core;
}

async function sentIn(person: TestCore, message: ChatMessage): Promise<ChatMessage> {
  return person.waitFor(() => (latestView(person, message.id)?.status === 'sent' ? latestView(person, message.id) : null), 30_000, 'the send');
}

async function receive(person: TestCore, conversationId: string, count: number): Promise<ChatMessage[]> {
  return person.waitFor(
    async () => {
      const list = (await person.call('conversations:list', {})).some((c) => c.id === conversationId) ? await allMessages(person, conversationId) : [];
      return list.length >= count ? list : null;
    },
    30_000,
    `${count} messages in ${conversationId}`,
  );
}

describe('forwarding (M7)', () => {
  it('M7 forwarding one by one keeps the order and the media references, and the new receiver may download the file', async () => {
    const [alice, bob, carol] = [await person('alice'), await person('bob'), await person('carol')];
    await alice.call('conversations:open', { peer: 'bob' });
    await alice.call('conversations:open', { peer: 'carol' });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).png().toBuffer();
    const image = await sentIn(
      alice,
      await alice.call('messages:sendFile', { conversationId: 'c2c_bob', stageId: await stageFile(alice, png, 'red.png', 'image/png'), kind: 'image' }),
    );
    const text = await sentIn(alice, await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'that was the red one' }));
    expect(image.body[0]).toMatchObject({ MsgType: 'TIMImageElem', MsgContent: { UUID: sha256(png) } });
    expect((image.body[0]!.MsgContent as { ImageInfoArray: unknown[] }).ImageInfoArray[0]).toMatchObject({ Type: 1, Width: 64, Height: 48 });

    // Picked in reverse: forwarded in the order they were sent.
    await alice.call('messages:forward', { ids: [text.id, image.id], to: ['c2c_carol'], mode: 'oneByOne' });
    const got = await receive(carol, 'c2c_alice', 2);
    expect(got.map((m) => m.body)).toEqual([image.body, text.body]);
    expect(got.every((m) => m.id !== image.id && m.id !== text.id)).toBe(true);
    const download = await fetchMedia(carol, sha256(png));
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(sha256(png));
    expect(download.headers['Content-Type']).toBe('image/png');
    // Bob (who saw the original) still can; nothing changed for him.
    expect((await fetchMedia(bob, sha256(png))).status).toBe(200);
  });

  it('M7 a combined forward arrives as one relay message whose bundle opens verified, in time order, with nicknames', async () => {
    const [alice, dave] = [await person('alice2'), await person('dave')];
    await alice.call('conversations:open', { peer: 'dave' });
    const sent: ChatMessage[] = [];
    for (const text of ['first 发票', 'second', 'third']) {
      sent.push(await sentIn(alice, await alice.call('messages:send', { conversationId: 'c2c_dave', text })));
    }
    await receive(dave, 'c2c_alice2', 3);
    await dave.call('messages:forward', { ids: sent.map((m) => m.id).reverse(), to: ['c2c_alice2'], mode: 'combined' });
    const [relay] = (await receive(alice, 'c2c_dave', 4)).slice(3);
    expect(relay?.body[0]).toMatchObject({ MsgType: 'TIMRelayElem', MsgContent: { Title: 'Chat history of dave and alice2', MsgNum: 3 } });
    const key = (relay!.body[0]!.MsgContent as { JsonMsgKey?: string }).JsonMsgKey;
    expect(key).toBeTruthy();
    const opened = await alice.call('relay:open', { key: key! });
    expect(opened.verified).toBe(true);
    expect(opened.createdBy).toBe('dave');
    expect(opened.messages.map((m) => [m.from, m.nickname, m.body])).toEqual(sent.map((m) => ['alice2', 'alice2', m.body]));
    // Opened once, it opens offline too (kept with the keys it was verified with).
    await server.stop();
    await alice.waitFor(() => alice.eventsOf('connection:changed').at(-1)?.status !== 'online', 10_000, 'offline');
    expect(await alice.call('relay:open', { key: key! })).toEqual(opened);
    // A bundle altered after signing (here: the copy kept on disk) is shown, but reported unverified.
    const [account] = readdirSync(join(alice.dataDir, 'accounts')).filter((name) => name.endsWith('-alice2'));
    const kept = join(alice.dataDir, 'accounts', account!, 'media', 'relays', `${createHash('sha256').update(key!).digest('hex')}.json`);
    const bundle = JSON.parse(readFileSync(kept, 'utf8')) as { payload: string };
    writeFileSync(kept, JSON.stringify({ ...bundle, payload: bundle.payload.replace('second', 'SECOND') }));
    const tampered = await alice.call('relay:open', { key: key! });
    expect(tampered.verified).toBe(false);
    expect(JSON.stringify(tampered.messages)).toContain('SECOND');
    // Text inside the bundle is found by local search.
    const found = await alice.call('search:messages', { query: '发票', limit: 10 });
    expect(found.groups.flatMap((g) => g.hits.map((h) => h.message.id))).toContain(relay!.id);
  });
});
