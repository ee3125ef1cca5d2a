import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COMMUNITY_MEMBER_BITS, DEFAULT_TOPIC_MEMBER_BITS, GROUP_LIMITS, textBody } from '../shared/domain';
import { openSqliteStore } from '../server/src/store/sqlite/sqliteStore';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

const GROUP = '@TGS#_bench-move';
const MEMBERS = 200;

/**
 * ADR 0005: one topic:moveMessages transaction at the batch limit (1,000 messages, 200 members with read
 * positions) on the server's real SQLite store (WAL, synchronous=FULL). SQLite runs on the event loop, so every
 * send of the server waits behind it: the batch limit is only right if this stays short.
 */
export async function runTopicMoveBench({ quick }: { quick: boolean }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-bench-move-'));
  const store = openSqliteStore({ path: join(dir, 'server.sqlite'), synchronous: 'full' });
  const runs = quick ? 3 : 10;
  const batch = GROUP_LIMITS.moveBatch;
  try {
    const now = Math.floor(Date.now() / 1000);
    const users = Array.from({ length: MEMBERS }, (_, i) => `m${i}`);
    await store.accounts.importMany(users.map((userId) => ({ userId, createdAt: Date.now() })));
    await store.groups.create(
      {
        groupId: GROUP, type: 'Community', name: 'bench', introduction: '', notification: '', faceUrl: '', owner: 'm0', createTime: now,
        applyJoinOption: 'FreeAccess', muteAll: false, defaultPermissions: DEFAULT_COMMUNITY_MEMBER_BITS, active: true, maxMemberNum: null, custom: {},
      },
      users.map((userId, i) => ({ userId, role: i === 0 ? ('Owner' as const) : ('Member' as const), joinTime: now, msgFlag: 'AcceptAndNotify' as const })),
    );
    const topic = (part: string) => `${GROUP}@TOPIC#_${part}`;
    for (const part of ['from', 'to']) {
      await store.groups.createTopic({
        topicId: topic(part), groupId: GROUP, name: part, introduction: '', notification: '', faceUrl: '', customString: '',
        muteAll: false, defaultPermissions: DEFAULT_TOPIC_MEMBER_BITS, category: '', createTime: now, infoSeq: 1, resolvedAt: null, resolvedBy: null,
      });
    }
    const times: number[] = [];
    let sent = 0;
    for (let run = 0; run < runs; run += 1) {
      const items = Array.from({ length: batch }, (_, i) => ({
        groupKey: topic('from'), groupId: GROUP, from: users[i % MEMBERS] ?? 'm0', clientMsgId: `bench-${String((sent += 1)).padStart(8, '0')}`,
        random: i, time: Date.now(), body: textBody(`message ${i} of run ${run}`), groupAt: null, priority: 'Normal' as const,
        needReceipt: false, isTip: false, activates: false,
      }));
      const stored = await store.groupMessages.appendBatch(items);
      const lastSeq = stored.reduce((max, r) => (r.status === 'stored' ? Math.max(max, r.message.seq) : max), 0);
      for (const userId of users) await store.groupConversations.markRead(userId, topic('from'), lastSeq);
      const firstSeq = lastSeq - batch + 1;
      const start = nowMs();
      const result = await store.groupMessages.moveTopicMessages({ fromKey: topic('from'), toKey: topic('to'), fromSeq: firstSeq, scope: 'later', limit: batch });
      times.push(nowMs() - start);
      if (result.moved.length !== batch) throw new Error(`moved ${result.moved.length} of ${batch}`);
    }
    return [
      {
        benchmark: `Move ${batch.toLocaleString('en')} topic messages (${MEMBERS} members reading), one transaction`,
        metric: `p50 / max over ${runs} moves`,
        value: `${fmt(percentile(times, 50))} / ${fmt(Math.max(...times))} ms`,
        reference: `${fmt(percentile(times, 50) / batch)} ms per message`,
        target: '≤ 250 ms (sends wait behind it)',
        verdict: Math.max(...times) <= 250 ? 'met' : 'missed',
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
