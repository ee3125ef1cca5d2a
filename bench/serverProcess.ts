// Child process for the server benchmarks: a real server (createApp + SQLite in
// WAL, synchronous=FULL) plus a raw `ws` echo server as the same-run reference.
// Talks to the parent over the fork IPC channel. Run with --expose-gc.
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { DEFAULT_COMMUNITY_MEMBER_BITS, DEFAULT_TOPIC_MEMBER_BITS } from '../shared/domain';
import { createApp } from '../server/src/app';
import { silentLogger } from '../server/src/logger';
import { openSqliteStore } from '../server/src/store/sqlite/sqliteStore';

const users = Number(process.env.BENCH_USERS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'openchat-bench-server-'));
const store = openSqliteStore({ path: join(dir, 'server.sqlite'), synchronous: process.env.BENCH_SYNC === 'normal' ? 'normal' : 'full' });
const settings = {
  sdkAppId: 1400000001,
  secretKey: 'b'.repeat(64),
  admins: ['administrator'],
  registration: true,
  userSigTtlSeconds: 86400,
  dataDir: dir,
  // groupRate.ts measures what one group can carry, above M15's per-group 40 msg/s (a server setting).
  ...(process.env.BENCH_GROUP_RATE ? { groupMessagesPerSecond: Number(process.env.BENCH_GROUP_RATE) } : {}),
};
// The benchmark measures capacity, not the per-connection request budgets: one client sends thousands of
// back-to-back requests in the round-trip benchmark, far beyond what production allows one connection.
const unlimited = { burst: 1e9, perSecond: 1e9 };
const app = await createApp({
  settings,
  store,
  logger: silentLogger(),
  requestLimits: { send: unlimited, typing: unlimited, other: unlimited },
});
await store.accounts.importMany(Array.from({ length: users }, (_, i) => ({ userId: `u${i}`, createdAt: Date.now() })));
// groupFanout.ts / groupRate.ts: groups written through the store. BENCH_GROUPS is a JSON list of
// {groupId, type, first, count, topicId?}: users u<first>…u<first+count-1>, the first one owning it; a
// community gets one topic in which every member may send.
const benchGroups = JSON.parse(process.env.BENCH_GROUPS ?? '[]') as { groupId: string; type: 'Work' | 'Community'; first: number; count: number; topicId?: string }[];
for (const spec of benchGroups) {
  const now = Math.floor(Date.now() / 1000);
  const owner = `u${spec.first}`;
  await store.groups.create(
    {
      groupId: spec.groupId, type: spec.type, name: spec.groupId, introduction: '', notification: '', faceUrl: '', owner, createTime: now,
      applyJoinOption: spec.type === 'Community' ? 'FreeAccess' : 'DisableApply', muteAll: false, defaultPermissions: spec.type === 'Community' ? DEFAULT_COMMUNITY_MEMBER_BITS : 0, active: true, maxMemberNum: null, custom: {},
    },
    Array.from({ length: spec.count }, (_, i) => ({ userId: `u${spec.first + i}`, role: i === 0 ? ('Owner' as const) : ('Member' as const), joinTime: now, msgFlag: 'AcceptAndNotify' as const })),
  );
  if (spec.topicId) {
    await store.groups.createTopic({
      topicId: spec.topicId, groupId: spec.groupId, name: 'general', introduction: '', notification: '', faceUrl: '', customString: '',
      muteAll: false, defaultPermissions: DEFAULT_TOPIC_MEMBER_BITS, category: '', createTime: now, infoSeq: 1, resolvedAt: null, resolvedBy: null,
    });
  }
}
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
const { port } = app.httpServer.address() as AddressInfo;

const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
echo.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
await new Promise<void>((resolve) => echo.once('listening', resolve));
const echoPort = (echo.address() as AddressInfo).port;

const gc = (globalThis as { gc?: () => void }).gc;
function heapUsed(): number {
  for (let i = 0; i < 3; i += 1) gc?.();
  return process.memoryUsage().heapUsed;
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'heap') process.send?.({ type: 'heap', heapUsed: heapUsed(), sockets: app.io.engine.clientsCount });
  if (message.type === 'cpu') process.send?.({ type: 'cpu', ...process.cpuUsage() });
  if (message.type === 'stop') {
    echo.close();
    void app.close().then(() => store.close()).then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, echoUrl: `ws://127.0.0.1:${echoPort}`, ...settings });
