import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol';
import { textBody } from '../shared/domain';
import { mintUserSig } from '../server/src/features/auth/userSig';
import { openSqliteStore } from '../server/src/store/sqlite/sqliteStore';
import { RawClient } from './rawClient';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export interface Ready {
  type: 'ready';
  url: string;
  echoUrl: string;
  sdkAppId: number;
  secretKey: string;
}

const here = new URL('.', import.meta.url).pathname;
const pinning = existsSync('/usr/bin/taskset');
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server process there, for finding hot spots. */
const profileArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

/** The server under test runs in its own process (pinned to CPU 0 when taskset exists); the load runs here. */
export async function startServerProcess(users: number): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(here, 'serverProcess.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx', ...profileArgs],
    // taskset (if present) pins the server to CPU 0; the generator pins itself to CPU 1 in run.ts.
    ...(pinning ? { execPath: 'taskset', execArgv: ['-c', '0', process.execPath, '--expose-gc', '--import', 'tsx', ...profileArgs] } : {}),
    env: { ...process.env, BENCH_USERS: String(users) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    child.on('message', (m: { type: string }) => {
      if (m.type === 'ready') resolve(m as Ready);
    });
  });
  return { child, ready };
}

export function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

export async function stopServerProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
}

function connect(ready: Ready, userId: string): Promise<Client> {
  const socket: Client = io(ready.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: {
      protocolVersion: PROTOCOL_VERSION,
      sdkAppId: ready.sdkAppId,
      userId,
      userSig: mintUserSig({ sdkAppId: ready.sdkAppId, secretKey: ready.secretKey, userId, expireSeconds: 86400, now: Date.now() }),
      platform: 'Linux',
    },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function authFor(ready: Ready, userId: string): Record<string, unknown> {
  return {
    sdkAppId: ready.sdkAppId,
    userId,
    userSig: mintUserSig({ sdkAppId: ready.sdkAppId, secretKey: ready.secretKey, userId, expireSeconds: 86400, now: Date.now() }),
    platform: 'Linux',
  };
}

async function connectManyRaw(ready: Ready, count: number): Promise<RawClient[]> {
  const clients: RawClient[] = [];
  for (let i = 0; i < count; i += 50) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => RawClient.connect(ready.url, authFor(ready, `u${i + j}`))))));
  }
  return clients;
}

async function connectMany(ready: Ready, count: number): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i += 50) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => connect(ready, `u${i + j}`)))));
  }
  return clients;
}

function send(client: Client, to: string, clientMsgId: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.timeout(30_000).emit('message:send', { clientMsgId, to, body: textBody(text) }, (error: Error | null, ack) => {
      if (error) reject(error);
      else if (!ack.ok) reject(new Error(ack.error.code));
      else resolve();
    });
  });
}

/** BENCH_SYNC=normal runs the server (and the raw reference) with synchronous=NORMAL instead of FULL. */
const syncMode = process.env.BENCH_SYNC === 'normal' ? 'NORMAL' : 'FULL';

/** The same schema's insert rate with nothing in between: the physical ceiling for durable sends. */
function rawInsertRate(rows: number, batch: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-bench-raw-'));
  const store = openSqliteStore({ path: join(dir, 'raw.sqlite'), synchronous: syncMode === 'NORMAL' ? 'normal' : 'full' });
  const db = store.db.raw;
  db.prepare(`INSERT INTO conversations (id, user_a, user_b, last_seq) VALUES (1, 'a', 'b', 0)`).run();
  const insert = db.prepare(
    `INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
     VALUES (1, ?, 'a', 'b', ?, 1, ?, ?)`,
  );
  const body = JSON.stringify(textBody('benchmark message body of typical length'));
  const start = nowMs();
  for (let done = 0; done < rows; done += batch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(rows, done + batch); i += 1) insert.run(i + 1, `raw-${i}`, Date.now(), body);
    })();
  }
  const rate = rows / ((nowMs() - start) / 1000);
  void store.close();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

/** S3: durable one-to-one sends with `clientCount` connected clients, each keeping `window` sends in flight. */
async function durableSends(clientCount: number, perClient: number, window: number): Promise<BenchRow[]> {
  const { child, ready } = await startServerProcess(clientCount);
  try {
    const clients = await connectManyRaw(ready, clientCount);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let delivered = 0;
    let lastDelivery = 0;
    for (const client of clients) {
      client.on('message:created', (payload) => {
        const t0 = sentAt.get((payload as { clientMsgId: string }).clientMsgId);
        if (t0 === undefined) return;
        const t = nowMs();
        latencies.push(t - t0);
        delivered += 1;
        lastDelivery = t;
      });
    }
    const cpuBefore = await ask<{ user: number; system: number }>(child, 'cpu');
    const start = nowMs();
    let acked = 0;
    await Promise.all(
      clients.map(async (client, i) => {
        const to = `u${(i + clientCount / 2) % clientCount}`;
        let next = 0;
        const lane = async () => {
          while (next < perClient) {
            const n = next++;
            const id = `bench-${i}-${n}`;
            sentAt.set(id, nowMs());
            const ack = (await client.emitWithAck('message:send', { clientMsgId: id, to, body: textBody(`message ${n} from u${i}`) })) as { ok: boolean };
            if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
            acked += 1;
          }
        };
        await Promise.all(Array.from({ length: window }, lane));
      }),
    );
    const ackDone = nowMs();
    const total = clientCount * perClient;
    while (delivered < total && nowMs() - ackDone < 30_000) await new Promise((r) => setTimeout(r, 20));
    const cpuAfter = await ask<{ user: number; system: number }>(child, 'cpu');
    const elapsedS = (Math.max(lastDelivery, ackDone) - start) / 1000;
    const storedRate = acked / ((ackDone - start) / 1000);
    const deliveredRate = delivered / elapsedS;
    const cpuUsPerMsg = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / total;
    for (const c of clients) c.close();
    const raw = rawInsertRate(200_000, 100);
    const rawSingle = rawInsertRate(2_000, 1);
    const ratio = storedRate / raw;
    const label = `Durable 1:1 sends, ${fmt(clientCount, 0)} clients`;
    return [
      {
        benchmark: label,
        metric: `stored + acked (${fmt(total, 0)} msgs, ${window} in flight per client)`,
        value: `${fmt(storedRate, 0)} msg/s`,
        reference: `raw better-sqlite3 insert, same schema, ${syncMode}: ${fmt(raw, 0)} rows/s in 100-row txns → ${fmt(ratio * 100, 0)} %; ${fmt(rawSingle, 0)} rows/s one txn per row`,
        target: '≥ 20,000 msg/s and ≥ 50 % of raw',
        verdict: storedRate >= 20_000 && ratio >= 0.5 ? 'met' : 'missed',
      },
      {
        benchmark: label,
        metric: 'delivered to the recipient',
        value: `${fmt(deliveredRate, 0)} msg/s (${delivered === total ? 'all' : `${delivered} of ${total}`})`,
        reference: `server CPU ${fmt(cpuUsPerMsg, 1)} µs per message${pinning ? ' (server on CPU 0, load on CPU 1)' : ''}`,
        target: '≥ 20,000 msg/s',
        verdict: deliveredRate >= 20_000 && delivered === total ? 'met' : 'missed',
      },
      {
        benchmark: label,
        metric: 'send → receive latency p50 / p99',
        value: `${fmt(percentile(latencies, 50))} / ${fmt(percentile(latencies, 99))} ms`,
        reference: '—',
        target: 'info',
        verdict: 'info',
      },
    ];
  } finally {
    await stopServerProcess(child);
  }
}

/** S1: sequential request/ack round trips for one client, beside a raw `ws` echo in the same server process. */
async function ackRoundTrip(rounds: number): Promise<BenchRow[]> {
  const { child, ready } = await startServerProcess(2);
  try {
    const client = await connect(ready, 'u0');
    const durable: number[] = [];
    const light: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const t0 = nowMs();
      await send(client, 'u1', `rtt${i.toString(36).padStart(8, '0')}`, 'ping');
      durable.push(nowMs() - t0);
      const t1 = nowMs();
      await new Promise<void>((resolve) => client.emit('presence:get', { userIds: ['u1'] }, () => resolve()));
      light.push(nowMs() - t1);
    }
    client.close();
    const ws = new WebSocket(ready.echoUrl);
    await new Promise((resolve) => ws.once('open', resolve));
    const echo: number[] = [];
    const payload = JSON.stringify({ clientMsgId: 'x'.repeat(12), to: 'u1', body: textBody('ping') });
    for (let i = 0; i < rounds; i += 1) {
      const t0 = nowMs();
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve());
        ws.send(payload);
      });
      echo.push(nowMs() - t0);
    }
    ws.close();
    const reference = `raw ws echo p50 / p99: ${fmt(percentile(echo, 50), 3)} / ${fmt(percentile(echo, 99), 3)} ms`;
    return [
      {
        benchmark: 'Ack round trip, one client',
        metric: `durable message:send (fsync each), p50 / p99 of ${fmt(rounds, 0)}`,
        value: `${fmt(percentile(durable, 50), 3)} / ${fmt(percentile(durable, 99), 3)} ms`,
        reference,
        target: 'p99 ≤ 2 ms',
        verdict: percentile(durable, 99) <= 2 ? 'met' : 'missed',
      },
      {
        benchmark: 'Ack round trip, one client',
        metric: `presence:get (no write), p50 / p99 of ${fmt(rounds, 0)}`,
        value: `${fmt(percentile(light, 50), 3)} / ${fmt(percentile(light, 99), 3)} ms`,
        reference,
        target: 'p99 ≤ 2 ms',
        verdict: percentile(light, 99) <= 2 ? 'met' : 'missed',
      },
    ];
  } finally {
    await stopServerProcess(child);
  }
}

/** S4: heap per idle authenticated socket. */
async function idleMemory(count: number): Promise<BenchRow[]> {
  const { child, ready } = await startServerProcess(count);
  try {
    const before = await ask<{ heapUsed: number }>(child, 'heap');
    const clients = await connectMany(ready, count);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await ask<{ heapUsed: number; sockets: number }>(child, 'heap');
    for (const c of clients) c.close();
    const perSocket = (after.heapUsed - before.heapUsed) / count;
    return [
      {
        benchmark: `Idle sockets, ${fmt(count, 0)} connected`,
        metric: 'server heap per socket (after GC)',
        value: `${fmt(perSocket / 1024, 2)} KB`,
        reference: `socket.io docs baseline ≈ 9.3 KB (default ws)`,
        target: '≤ 8 KB',
        verdict: perSocket <= 8 * 1024 ? 'met' : 'missed',
      },
    ];
  } finally {
    await stopServerProcess(child);
  }
}

export async function runServerBench(options: { quick: boolean }): Promise<BenchRow[]> {
  return [
    ...(await durableSends(1000, options.quick ? 10 : 50, 4)),
    ...(await ackRoundTrip(options.quick ? 500 : 5000)),
    ...(await idleMemory(options.quick ? 1000 : 5000)),
  ];
}
