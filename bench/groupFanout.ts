import { checkSend } from '../shared/domain';
import { RawClient } from './rawClient';
import { authFor, startServerProcess, stopServerProcess } from './serverBench';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

const MEMBERS = 2_000;
const GROUP = 'bench-work';
const WARM_UP_ROUNDS = 3;
const ROUND_TIMEOUT_MS = 30_000;

/**
 * ADR 0004 fan-out: one message to a 2,000-member Work group with every member connected (raw clients here,
 * the server in its own process as in serverBench). Measures, per message, the time from the send to the last
 * of the 1,999 other members receiving `message:created` (p50/p99 over the rounds; target p99 ≤ 250 ms), and
 * the cost of the permission decision per send (checkSend, µs).
 */
export async function runGroupFanoutBench(options: { quick: boolean }): Promise<BenchRow[]> {
  const rounds = options.quick ? 10 : 30;
  process.env.BENCH_GROUP = GROUP;
  const { child, ready } = await startServerProcess(MEMBERS);
  delete process.env.BENCH_GROUP;
  const clients: RawClient[] = [];
  try {
    let current = '';
    let received = 0;
    let last = 0;
    let done: (() => void) | null = null;
    const faults: string[] = [];
    const started = nowMs();
    for (let i = 0; i < MEMBERS; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, MEMBERS - i) }, (_, j) => RawClient.connect(ready.url, authFor(ready, `u${i + j}`))));
      for (const client of batch) {
        client.on('message:created', (payload) => {
          const message = payload as { clientMsgId: string; conversationId: string };
          if (message.clientMsgId !== current) {
            faults.push(`unexpected push ${message.clientMsgId} during ${current}`);
            return;
          }
          received += 1;
          if (received === MEMBERS - 1) {
            last = nowMs();
            done?.();
          }
        });
      }
      clients.push(...batch);
    }
    console.error(`[groups] ${MEMBERS} members connected in ${fmt(nowMs() - started, 0)} ms`);
    // Room joins at connect are asynchronous (a store read each): let them settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sender = clients[0]!;
    const times: number[] = [];
    for (let round = 0; round < WARM_UP_ROUNDS + rounds; round += 1) {
      current = `fanout-${String(round).padStart(6, '0')}`;
      received = 0;
      const complete = new Promise<void>((resolve) => (done = resolve));
      const t0 = nowMs();
      const ack = (await sender.emitWithAck('message:send', {
        groupConversationId: `group_${GROUP}`,
        clientMsgId: current,
        body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `round ${round}` } }],
      })) as { ok: boolean; error?: unknown };
      if (!ack.ok) throw new Error(`group send refused: ${JSON.stringify(ack.error)}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ROUND_TIMEOUT_MS)));
      const outcome = await Promise.race([complete, timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout') throw new Error(`group fan-out: only ${received} of ${MEMBERS - 1} members got round ${round}`);
      if (faults.length > 0) throw new Error(`group fan-out: ${faults.length} bad pushes, first: ${faults[0]}`);
      if (round >= WARM_UP_ROUNDS) times.push(last - t0);
      // Stay under the group's 40 messages per second (M15) whatever the machine.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const checkUs = permissionCheckMicros();
    const p99 = percentile(times, 99);
    return [
      { benchmark: 'Group fan-out (2,000-member Work)', metric: 'send → last of 1,999 sockets p50', value: `${fmt(percentile(times, 50), 1)} ms`, reference: `${rounds} rounds`, target: '—', verdict: 'info' },
      { benchmark: 'Group fan-out (2,000-member Work)', metric: 'send → last of 1,999 sockets p99', value: `${fmt(p99, 1)} ms`, reference: `${rounds} rounds`, target: '≤ 250 ms', verdict: p99 <= 250 ? 'met' : 'missed' },
      { benchmark: 'Group send permission', metric: 'checkSend per send', value: `${fmt(checkUs, 3)} µs`, reference: '1,000,000 calls', target: '—', verdict: 'info' },
    ];
  } finally {
    for (const client of clients) client.close();
    await stopServerProcess(child);
  }
}

/** The permission decision every send makes (shared/domain/groupPermissions.ts), µs per call. */
function permissionCheckMicros(): number {
  const calls = 1_000_000;
  let refused = 0;
  const t0 = nowMs();
  for (let i = 0; i < calls; i += 1) {
    const code = checkSend({ type: 'Work', actor: 'Member', mutedUntil: i & 1, nowSeconds: 1, muteAll: false, atAll: (i & 7) === 0 });
    if (code) refused += 1;
  }
  const elapsed = nowMs() - t0;
  if (refused !== 0) throw new Error('checkSend refused an allowed send in the benchmark');
  return (elapsed * 1000) / calls;
}
