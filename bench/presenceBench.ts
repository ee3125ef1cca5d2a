import { type ChildProcess } from 'node:child_process';
import { type PresenceInfo } from '../shared/protocol';
import { DEFAULT_HEARTBEAT } from '../server/src/app';
import { callV4 } from '../server/src/testing/v4Client';
import { RawClient } from './rawClient';
import { type Ready, ask, authFor, startServerProcess, stopServerProcess } from './serverBench';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

const FRIENDS = 3_000;
const USER = 'presence-u';
const friendId = (i: number) => `f${String(i).padStart(4, '0')}`;
const PHASE_TIMEOUT_MS = 30_000;

type PhaseName = 'online' | 'customStatus' | 'offline';
interface Sample {
  first: number;
  last: number;
  serverCpuUs: number;
  clientCpuUs: number;
}
/** Rounds run before the measured ones and not recorded: the first fan-outs also pay for JIT compilation. */
const WARM_UP_ROUNDS = 2;

/** A v4 admin call that must succeed for every item: a half-built audience would make the figures meaningless. */
async function v4(ready: Ready, command: string, body: unknown): Promise<void> {
  const reply = await callV4(ready, command, body);
  const failed = [...((reply.FailAccounts as unknown[] | undefined) ?? []), ...((reply.Fail_Account as unknown[] | undefined) ?? [])];
  if (reply.ActionStatus !== 'OK' || failed.length > 0) throw new Error(`${command} failed: ${JSON.stringify(reply).slice(0, 500)}`);
}

/** U and 3,000 accounts over REST, then one forced Add_Type_Both per friend: each friend has U in their list (the audience). */
async function importAudience(ready: Ready): Promise<void> {
  const ids = Array.from({ length: FRIENDS }, (_, i) => friendId(i));
  await v4(ready, 'im_open_login_svc/multiaccount_import', { AccountList: [{ UserID: USER, Nick: 'U' }] });
  for (let start = 0; start < FRIENDS; start += 100) {
    const batch = ids.slice(start, start + 100);
    await v4(ready, 'im_open_login_svc/multiaccount_import', { AccountList: batch.map((UserID) => ({ UserID, Nick: `Friend ${UserID}` })) });
    await v4(ready, 'sns/friend_add', {
      From_Account: USER,
      AddType: 'Add_Type_Both',
      ForceAddFlags: 1,
      AddFriendItem: batch.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Bench' })),
    });
  }
}

/**
 * Every friend's socket counts U's pushes of the current phase; anything outside a phase, a push with the wrong
 * content, or a second copy to one friend is recorded and fails the benchmark.
 */
class FanOutProbe {
  private counts = new Uint8Array(FRIENDS);
  private expected: ((p: PresenceInfo) => boolean) | null = null;
  private received = 0;
  private first = 0;
  private last = 0;
  private onComplete: (() => void) | null = null;
  readonly faults: string[] = [];

  listen(client: RawClient, index: number): void {
    client.on('presence:changed', (payload) => {
      const t = nowMs();
      const info = payload as PresenceInfo;
      if (info.userId !== USER) return;
      if (!this.expected?.(info)) {
        this.faults.push(`unexpected push to ${friendId(index)}: ${JSON.stringify(info)}`);
        return;
      }
      const count = (this.counts[index] ?? 0) + 1;
      this.counts[index] = count;
      if (count > 1) {
        this.faults.push(`duplicate push to ${friendId(index)}`);
        return;
      }
      this.received += 1;
      if (this.received === 1) this.first = t;
      if (this.received === FRIENDS) {
        this.last = t;
        this.onComplete?.();
      }
    });
  }

  /** Runs `trigger` and resolves with the times (from just before it) to the first and the last of the 3,000 pushes. */
  async measure(name: string, expected: (p: PresenceInfo) => boolean, trigger: () => Promise<void>): Promise<{ first: number; last: number }> {
    this.counts.fill(0);
    this.received = 0;
    this.expected = expected;
    const complete = new Promise<void>((resolve) => (this.onComplete = resolve));
    const t0 = nowMs();
    await trigger();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), PHASE_TIMEOUT_MS)));
    const outcome = await Promise.race([complete, timedOut]);
    clearTimeout(timer);
    this.expected = null;
    this.onComplete = null;
    if (outcome === 'timeout') throw new Error(`presence bench, ${name}: only ${this.received} of ${FRIENDS} friends got the push within ${PHASE_TIMEOUT_MS} ms`);
    if (this.faults.length > 0) throw new Error(`presence bench, ${name}: ${this.faults.length} bad pushes, first: ${this.faults[0]}`);
    return { first: this.first - t0, last: this.last - t0 };
  }
}

async function connectFriends(ready: Ready, probe: FanOutProbe): Promise<RawClient[]> {
  const clients: RawClient[] = [];
  for (let i = 0; i < FRIENDS; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, FRIENDS - i) }, (_, j) => RawClient.connect(ready.url, authFor(ready, friendId(i + j)))));
    batch.forEach((client, j) => probe.listen(client, i + j));
    clients.push(...batch);
  }
  return clients;
}

async function serverCpuUs(child: ChildProcess): Promise<number> {
  const cpu = await ask<{ user: number; system: number }>(child, 'cpu');
  return cpu.user + cpu.system;
}

/**
 * A4 fan-out (issue 4): user U with 3,000 friends, all online as real sockets. Each round U connects, sets a
 * custom status, and disconnects; each time the bench waits for the `presence:changed` push at all 3,000.
 * The server runs in its own process on CPU 0 (as in serverBench); the 3,001 sockets are minimal raw clients
 * here on CPU 1, so the times include their parsing of 3,000 pushes on one core.
 */
export async function runPresenceBench(options: { quick: boolean }): Promise<BenchRow[]> {
  const rounds = options.quick ? 10 : 20;
  const { child, ready } = await startServerProcess(0);
  const samples: Record<PhaseName, Sample[]> = { online: [], customStatus: [], offline: [] };
  const probe = new FanOutProbe();
  let friends: RawClient[] = [];
  try {
    const setupStarted = nowMs();
    await importAudience(ready);
    const importMs = nowMs() - setupStarted;
    friends = await connectFriends(ready, probe);
    console.error(`[presence] ${FRIENDS} friends imported over REST in ${fmt(importMs, 0)} ms, connected in ${fmt(nowMs() - setupStarted - importMs, 0)} ms`);
    let text = '';
    let round = 0;
    const phase = async (name: PhaseName, expected: (p: PresenceInfo) => boolean, trigger: () => Promise<void>) => {
      const cpuBefore = await serverCpuUs(child);
      const clientBefore = process.cpuUsage();
      const times = await probe.measure(`round ${round + 1}, ${name}`, expected, trigger);
      const client = process.cpuUsage(clientBefore);
      const serverCpu = (await serverCpuUs(child)) - cpuBefore;
      if (round >= WARM_UP_ROUNDS) samples[name].push({ ...times, serverCpuUs: serverCpu, clientCpuUs: client.user + client.system });
    };
    for (; round < WARM_UP_ROUNDS + rounds; round += 1) {
      const before = text;
      let u: RawClient | undefined;
      await phase('online', (p) => p.status === 'online' && p.customStatus === before, async () => {
        u = await RawClient.connect(ready.url, authFor(ready, USER));
      });
      text = `Bench round ${round + 1}`;
      await phase('customStatus', (p) => p.status === 'online' && p.customStatus === text, async () => {
        const ack = (await u?.emitWithAck('presence:setCustomStatus', { customStatus: text })) as { ok: boolean } | undefined;
        if (!ack?.ok) throw new Error(`presence:setCustomStatus refused: ${JSON.stringify(ack)}`);
      });
      await phase('offline', (p) => p.status === 'offline' && p.customStatus === text, () => Promise.resolve(u?.close()));
    }
    // Late copies of the last push would show up here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (probe.faults.length > 0) throw new Error(`presence bench: ${probe.faults.length} bad pushes after the last round, first: ${probe.faults[0]}`);
  } finally {
    for (const client of friends) client.close();
    await stopServerProcess(child);
  }

  const label = `Presence fan-out, ${fmt(FRIENDS, 0)} online friends`;
  const deliveries = `all ${fmt(FRIENDS, 0)} × ${rounds} rounds received (after ${WARM_UP_ROUNDS} warm-up), no duplicates`;
  const what: Record<PhaseName, string> = {
    online: 'U connects (handshake included)',
    customStatus: 'U sets a custom status (presence:setCustomStatus)',
    offline: `U disconnects (no grace period; a dead link is noticed within ${(DEFAULT_HEARTBEAT.pingIntervalMs + DEFAULT_HEARTBEAT.pingTimeoutMs) / 1000} s)`,
  };
  return (Object.keys(samples) as PhaseName[]).flatMap((name) => {
    const s = samples[name];
    const cpuMs = s.reduce((sum, x) => sum + x.serverCpuUs, 0) / s.length / 1000;
    const clientCpuMs = s.reduce((sum, x) => sum + x.clientCpuUs, 0) / s.length / 1000;
    const lastP99 = percentile(s.map((x) => x.last), 99);
    return [
      {
        benchmark: label,
        metric: `${what[name]} → first subscriber's push, p50 / p99 ms`,
        value: `${fmt(percentile(s.map((x) => x.first), 50))} / ${fmt(percentile(s.map((x) => x.first), 99))}`,
        reference: deliveries,
        target: 'info',
        verdict: 'info' as const,
      },
      {
        benchmark: label,
        metric: `${what[name]} → last subscriber's push, p50 / p99 ms`,
        value: `${fmt(percentile(s.map((x) => x.last), 50))} / ${fmt(lastP99)}`,
        reference: `server CPU ${fmt(cpuMs, 1)} ms per fan-out (${fmt((cpuMs * 1000) / FRIENDS, 1)} µs per push); the 3,001 clients' ${fmt(clientCpuMs, 1)} ms`,
        target: 'p99 ≤ 250 ms (S6 time-to-last-recipient)',
        verdict: lastP99 <= 250 ? ('met' as const) : ('missed' as const),
      },
    ];
  });
}
