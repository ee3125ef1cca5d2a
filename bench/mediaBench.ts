// Media (M2, M7) through real cores and the real server on loopback:
// - upload of a 100 MB file: renderer → core staging (base64 chunks), then the core's
//   tus upload + blob:finalize + send (MB/s), beside a raw file copy of the same file;
// - combined forward of 300 messages: relay:create + send by the forwarder, arrival at
//   the receiver, and relay:open there (network + signature check, then from the local copy).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createChatCore, type ChatCore } from '../electron/core';
import type { ChatMessage } from '../shared/domain';
import { AppError } from '../shared/errors';
import { STAGE_CHUNK_BYTES, type EventChannel, type EventPayload, type RequestChannel, type RequestInput, type RequestOutput } from '../shared/ipc';
import { dispatchIpc } from '../shared/ipc/dispatch';
import { startTestServer } from '../server/src/testing/testServer';
import { fmt, nowMs } from './stats';
import type { BenchRow } from './table';

const MB = 1024 * 1024;

interface Person {
  core: ChatCore;
  call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  changed(): ChatMessage[];
  until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs?: number): Promise<T>;
}

async function startPerson(serverUrl: string, dataDir: string): Promise<Person> {
  const core = createChatCore({
    dataDir,
    defaultServerUrl: serverUrl,
    host: 'web',
    appVersion: 'bench',
    platform: 'Linux',
    logger: pino({ level: 'silent' }),
    media: { mediaBaseUrl: 'http://127.0.0.1/media/' },
  });
  const changed: ChatMessage[] = [];
  let online = false;
  core.subscribe(<E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    if (event === 'messages:changed') changed.push(...(payload as EventPayload<'messages:changed'>).messages);
    if (event === 'connection:changed') online = (payload as EventPayload<'connection:changed'>).status === 'online';
  });
  await core.start();
  const person: Person = {
    core,
    async call(channel, input) {
      const reply = await dispatchIpc(core.api, channel, input, () => {});
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message);
      return reply.value as RequestOutput<typeof channel>;
    },
    changed: () => changed,
    async until(probe, what, timeoutMs = 120_000) {
      const started = Date.now();
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
  };
  await person.until(() => true, 'start');
  return Object.assign(person, { online: () => online });
}

async function signUp(person: Person, serverUrl: string, userId: string): Promise<void> {
  await person.call('session:register', { serverUrl, userId, password: 'correct-horse-battery', nickname: userId });
  const started = Date.now();
  while (!(person as Person & { online(): boolean }).online()) {
    if (Date.now() - started > 30_000) throw new Error('bench: not online');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sentView = (person: Person, id: string) => person.changed().findLast((m) => m.id === id && m.status === 'sent');

export async function runMediaBench(options: { quick: boolean }): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'bench-media-'));
  // Capacity, not the per-connection budgets: 300 sends go back to back before the forward.
  const unlimited = { burst: 1e9, perSecond: 1e9 };
  const server = await startTestServer({ requestLimits: { send: unlimited, typing: unlimited, other: unlimited } });
  const rows: BenchRow[] = [];
  try {
    const alice = await startPerson(server.url, join(work, 'alice'));
    const bob = await startPerson(server.url, join(work, 'bob'));
    await signUp(alice, server.url, 'alice');
    await signUp(bob, server.url, 'bob');
    await alice.call('conversations:open', { peer: 'bob' });

    // Upload.
    const size = (options.quick ? 20 : 100) * MB;
    const bytes = randomBytes(size);
    const source = join(work, 'source.bin');
    writeFileSync(source, bytes);
    let started = nowMs();
    copyFileSync(source, join(work, 'copy.bin'));
    const copyMs = nowMs() - started;
    started = nowMs();
    const { stageId } = await alice.call('files:stageBegin', { name: 'bench.bin', size, mime: 'application/octet-stream' });
    for (let offset = 0; offset < size; offset += STAGE_CHUNK_BYTES) {
      await alice.call('files:stageChunk', { stageId, offset, data: bytes.subarray(offset, offset + STAGE_CHUNK_BYTES).toString('base64') });
    }
    const stageMs = nowMs() - started;
    started = nowMs();
    const pending = await alice.call('messages:sendFile', { conversationId: 'c2c_bob', stageId, kind: 'file' });
    await alice.until(() => sentView(alice, pending.id), 'the upload to be sent');
    const uploadMs = nowMs() - started;
    const mb = size / MB;
    rows.push(
      {
        benchmark: `Upload ${mb} MB (M2)`,
        metric: 'core → server: tus upload + finalize + send',
        value: `${fmt(mb / (uploadMs / 1000), 1)} MB/s (${fmt(uploadMs, 0)} ms)`,
        reference: `raw file copy ${fmt(mb / (copyMs / 1000), 1)} MB/s (${fmt(copyMs, 0)} ms)`,
        target: 'report',
        verdict: 'info',
      },
      {
        benchmark: `Upload ${mb} MB (M2)`,
        metric: 'renderer → core staging (1 MiB base64 chunks, hashed)',
        value: `${fmt(mb / (stageMs / 1000), 1)} MB/s (${fmt(stageMs, 0)} ms)`,
        reference: '',
        target: 'report',
        verdict: 'info',
      },
    );

    // Combined forward of 300 messages, forwarded by bob back to alice.
    const ids: string[] = [];
    for (let i = 0; i < 300; i += 1) {
      const message = await alice.call('messages:send', { conversationId: 'c2c_bob', text: `message ${i} 发票 ${'x'.repeat(40)}` });
      ids.push(message.id);
    }
    await alice.until(() => sentView(alice, ids.at(-1)!), 'the 300 sends');
    await bob.until(async () => {
      const page = await bob.call('messages:page', { conversationId: 'c2c_alice', limit: 200 });
      return page.messages.some((m) => m.id === ids.at(-1));
    }, 'bob to have the 300');
    started = nowMs();
    await bob.call('messages:forward', { ids, to: ['c2c_alice'], mode: 'combined' });
    const forwarded = await bob.until(
      () => bob.changed().findLast((m) => m.isOwn && m.status === 'sent' && m.body[0]?.MsgType === 'TIMRelayElem'),
      'the combined message to be sent',
    );
    const createSendMs = nowMs() - started;
    await alice.until(() => alice.changed().some((m) => m.id === forwarded.id), 'alice to receive it');
    const arrivedMs = nowMs() - started;
    const key = (forwarded.body[0]!.MsgContent as { JsonMsgKey?: string }).JsonMsgKey!;
    started = nowMs();
    const opened = await alice.call('relay:open', { key });
    const openMs = nowMs() - started;
    started = nowMs();
    await alice.call('relay:open', { key });
    const reopenMs = nowMs() - started;
    if (!opened.verified || opened.messages.length !== 300) throw new Error('bench: the bundle did not open verified with 300 messages');
    const row = (metric: string, ms: number, target = 'report'): BenchRow => ({
      benchmark: 'Combined forward, 300 messages (M7)',
      metric,
      value: `${fmt(ms, 1)} ms`,
      reference: '',
      target,
      verdict: 'info',
    });
    rows.push(
      row('relay:create + send (forwarder, until acknowledged)', createSendMs),
      row('… + arrival at the receiver', arrivedMs),
      row('relay:open on the receiver (relay:get + Ed25519 verify + map)', openMs),
      row('relay:open again (local copy)', reopenMs),
    );
    await alice.core.stop();
    await bob.core.stop();
  } finally {
    await server.stop({ removeData: true });
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
