import { checkSend } from '../shared/domain';
import { connectMembers, DeliveryTracker } from './groupLoad';
import { startServerProcess, stopServerProcess } from './serverBench';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

const WARM_UP_ROUNDS = 3;
const ROUND_TIMEOUT_MS = 30_000;

export const WORK_MEMBERS = 2_000;
export const COMMUNITY_MEMBERS = 5_000;
export const COMMUNITY = '@TGS#_bench';
export const TOPIC = '@TGS#_bench@TOPIC#_general';

/**
 * ADR 0004 fan-out, issue 5: one message at a time to a 2,000-member Work group and to a topic of a
 * 5,000-member community, every member connected (raw clients in this process, the server in its own, as in
 * serverBench). Per message: the time from the send to the last of the other members receiving
 * `message:created`, p50/p99 over the rounds (target p99 ≤ 250 ms); and the permission decision per send (µs).
 */
export async function runGroupFanoutBench(options: { quick: boolean }): Promise<BenchRow[]> {
  const rounds = options.quick ? 10 : 30;
  const work = await fanout({ label: 'Group fan-out (2,000-member Work)', members: WORK_MEMBERS, rounds, group: { groupId: 'bench-work', type: 'Work' } });
  const topic = await fanout({
    label: 'Group fan-out (5,000-member community topic)',
    members: COMMUNITY_MEMBERS,
    rounds,
    group: { groupId: COMMUNITY, type: 'Community', topicId: TOPIC },
  });
  const checkUs = permissionCheckMicros();
  return [
    ...work,
    ...topic,
    { benchmark: 'Group send permission', metric: 'checkSend per send', value: `${fmt(checkUs, 3)} µs`, reference: '1,000,000 calls', target: 'negligible', verdict: 'info' },
  ];
}

async function fanout(options: {
  label: string;
  members: number;
  rounds: number;
  group: { groupId: string; type: 'Work' | 'Community'; topicId?: string };
}): Promise<BenchRow[]> {
  const { label, members, rounds, group } = options;
  process.env.BENCH_GROUPS = JSON.stringify([{ ...group, first: 0, count: members }]);
  const { child, ready } = await startServerProcess(members);
  delete process.env.BENCH_GROUPS;
  try {
    const started = nowMs();
    const clients = await connectMembers(ready, 0, members);
    console.error(`[groups] ${members} members connected in ${fmt(nowMs() - started, 0)} ms`);
    // Room joins at connect are asynchronous (a store read each): let them settle before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const tracker = new DeliveryTracker(clients);
    const conversationId = `group_${group.topicId ?? group.groupId}`;
    const times: number[] = [];
    for (let round = 0; round < WARM_UP_ROUNDS + rounds; round += 1) {
      const elapsed = await tracker.send(clients[0]!, conversationId, `fanout-${round}`, members - 1, ROUND_TIMEOUT_MS);
      if (round >= WARM_UP_ROUNDS) times.push(elapsed);
      // Stay under the group's 40 messages per second (M15) whatever the machine.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    if (tracker.strays.length > 0) throw new Error(`${label}: pushes of unknown messages, first ${tracker.strays[0]}`);
    for (const client of clients) client.close();
    const p99 = percentile(times, 99);
    const others = `${(members - 1).toLocaleString('en')} sockets`;
    return [
      { benchmark: label, metric: `send → last of ${others} p50`, value: `${fmt(percentile(times, 50), 1)} ms`, reference: `${rounds} rounds`, target: '—', verdict: 'info' },
      { benchmark: label, metric: `send → last of ${others} p99`, value: `${fmt(p99, 1)} ms`, reference: `${rounds} rounds`, target: '≤ 250 ms', verdict: p99 <= 250 ? 'met' : 'missed' },
    ];
  } finally {
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
