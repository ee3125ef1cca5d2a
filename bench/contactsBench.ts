import { FakeContacts, profile } from '../electron/core/testing/fakeContacts';
import { FakeServer } from '../electron/core/testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs } from '../electron/core/testing/testAccount';
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

/**
 * The client core's contacts (issue 4) at the seed's limit of 3,000 friends, in ten lists, with
 * profiles and presence: the full fetch on connect stored in one transaction (over the in-memory
 * fake server, so this is the store's share), and `contacts:list` — what the contacts screen loads
 * — served from the local store with presence: the first call after a restart (cold statement
 * cache) and warm calls, p50/p99.
 */
export async function runContactsBench(options: { quick: boolean }): Promise<BenchRow[]> {
  const count = 3_000;
  const peers = Array.from({ length: count }, (_, i) => `friend${String(i).padStart(4, '0')}`);
  const server = new FakeServer('me', peers);
  const fake = new FakeContacts(server).install();
  for (const [i, userId] of peers.entries()) {
    fake.profiles.set(userId, { ...profile(userId, 'friend', `Friend ${i} 张${i}`), selfSignature: 'A signature of moderate length, like most people write.' });
    fake.friend(userId, [`List ${i % 10}`], i % 3 === 0 ? `Remark ${i}` : '');
  }
  const rows: BenchRow[] = [];
  try {
    const t = openTestAccount({ server });
    const syncStarted = nowMs();
    t.connection.goOnline();
    await eventually(() => {
      if (t.account.contacts.list().friends.filter((f) => f.presence === 'online').length !== count) throw new Error('not yet');
    }, 60_000);
    const syncMs = nowMs() - syncStarted;
    rows.push({
      benchmark: 'Contacts (core)',
      metric: `full fetch of ${count.toLocaleString('en-US')} friends stored in one transaction + presence, ms`,
      value: fmt(syncMs, 0),
      reference: 'in-memory fake server',
      target: '—',
      verdict: 'info',
    });
    const warm: number[] = [];
    for (let i = 0; i < (options.quick ? 10 : 40); i += 1) {
      const started = nowMs();
      const { friends } = t.account.contacts.list();
      warm.push(nowMs() - started);
      if (friends.length !== count) throw new Error('lost friends');
    }
    const restarted = await t.restart();
    const coldStarted = nowMs();
    const cold = restarted.account.contacts.list();
    const coldMs = nowMs() - coldStarted;
    if (cold.friends.length !== count) throw new Error('lost friends after restart');
    await restarted.close();
    const target = '≤ 100 ms (load + render)';
    rows.push({
      benchmark: 'Contacts (core)',
      metric: `contacts:list of ${count.toLocaleString('en-US')} with presence from the store, p50 / p99 ms`,
      value: `${fmt(percentile(warm, 50))} / ${fmt(percentile(warm, 99))}`,
      reference: '',
      target,
      verdict: percentile(warm, 99) <= 100 ? 'met' : 'missed',
    });
    rows.push({
      benchmark: 'Contacts (core)',
      metric: `contacts:list first call after a restart (offline), ms`,
      value: fmt(coldMs),
      reference: '',
      target,
      verdict: coldMs <= 100 ? 'met' : 'missed',
    });
  } finally {
    removeTestDirs();
  }
  return rows;
}
