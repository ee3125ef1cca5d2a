import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textBody } from '../shared/domain';
import { openStore } from '../electron/core/store/openStore';
import { transaction } from '../electron/core/store/database';
import { ensureConversation } from '../electron/core/store/tables/conversations';
import { ackedBefore, insertMessage } from '../electron/core/store/tables/messages';
import { searchMessages } from '../electron/core/store/tables/messageSearch';
import type { AccountContext } from '../electron/core/accountContext';
import { SearchService } from '../electron/core/services/search';
import type { ParsedInput } from '../shared/ipc';

type SearchInput = ParsedInput<'search:messages'>;

/** M11: Latin and CJK queries reported separately, through the whole search path (filters, grouping, snippets). */
const SCRIPT_QUERIES: Array<{ script: string; queries: SearchInput[] }> = [
  {
    script: 'Latin',
    queries: [
      { query: 'invoice', limit: 100 },
      { query: 'meeting room', limit: 100 },
      { query: 'invoice', from: 'me', limit: 100 },
      { query: 'invoice', conversationId: 'c2c_user7', limit: 100 },
      { query: 'invoice', kinds: ['text'], since: 1_700_000_000_000 + 500_000_000, limit: 100 },
    ],
  },
  {
    script: 'CJK',
    queries: [
      { query: '发票', limit: 100 },
      { query: '报销', limit: 100 },
      { query: '上个月的发票', limit: 100 },
      { query: '发票', from: 'me', limit: 100 },
      { query: '发票', conversationId: 'c2c_user7', limit: 100 },
    ],
  },
];
import { fmt, nowMs, percentile } from './stats';
import { type BenchRow } from './table';

const PHRASES = [
  'Can you send me last month’s invoice?',
  '请把上个月的发票发给我',
  'Meeting moved to 3pm, same room',
  '明天下午三点开会，地点不变',
  'The build is green again 🎉',
  '周末一起去爬山吗？',
  '先週の請求書を送ってください',
  'Lunch? The noodle place downstairs',
  '好的，收到，谢谢！',
  '회의 자료를 공유해 주세요',
];

const RARE_PHRASE = '差旅报销单已经提交了';

/** A deterministic pseudo-random stream, so runs are comparable. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/**
 * D1–D3 on the client's real schema and table functions: bulk insert with the
 * FTS5 trigger on, the latest page of a conversation, and substring search
 * in Chinese and English, at `total` messages.
 */
export function runStoreBench(total: number): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-bench-store-'));
  const db = openStore(join(dir, 'chat.sqlite'));
  const conversations = Math.max(10, Math.round(total / 100));
  const random = rng(42);
  try {
    const start = nowMs();
    transaction(db, () => {
      for (let c = 0; c < conversations; c += 1) ensureConversation(db, `c2c_user${c}`, `user${c}`, 0);
    });
    const batch = 1000;
    const seqs = new Array<number>(conversations).fill(0);
    for (let done = 0; done < total; done += batch) {
      transaction(db, () => {
        for (let i = done; i < Math.min(total, done + batch); i += 1) {
          const c = i % conversations;
          seqs[c] = (seqs[c] ?? 0) + 1;
          // One message in 5,000 carries a rare phrase: searches for rare words must not scan.
          const phrase = i % 5000 === 4999 ? RARE_PHRASE : PHRASES[Math.floor(random() * PHRASES.length)];
          const text = `${phrase} #${i}`;
          insertMessage(db, {
            clientMsgId: `bench-${i.toString(36).padStart(8, '0')}`,
            conversationId: `c2c_user${c}`,
            seq: seqs[c] ?? 1,
            msgKey: null,
            sender: i % 2 === 0 ? 'me' : `user${c}`,
            body: textBody(text),
            text,
            time: 1_700_000_000_000 + i * 1000,
            status: 'sent',
            createdAt: 1_700_000_000_000 + i * 1000,
          });
        }
      });
    }
    const insertSeconds = (nowMs() - start) / 1000;
    const insertRate = total / insertSeconds;

    const pageTimes: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const c = Math.floor(random() * conversations);
      const t0 = nowMs();
      const page = ackedBefore(db, `c2c_user${c}`, null, 50);
      pageTimes.push(nowMs() - t0);
      if (page.length === 0) throw new Error('empty page');
    }

    const searches: Array<{ label: string; query: string }> = [
      { label: 'common Chinese 2-char word “发票”', query: '发票' },
      { label: 'rare Chinese 2-char word “报销”', query: '报销' },
      { label: 'Chinese substring “上个月的发票”', query: '上个月的发票' },
      { label: 'Chinese phrase + 2-char word “已经提交 报销”', query: '已经提交 报销' },
      { label: 'English “invoice”', query: 'invoice' },
    ];
    const searchRows: BenchRow[] = searches.map(({ label, query }) => {
      const times: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        const t0 = nowMs();
        const hits = searchMessages(db, query, 50);
        times.push(nowMs() - t0);
        if (hits.length === 0) throw new Error(`no hits for ${query}`);
      }
      const p99 = percentile(times, 99);
      return {
        benchmark: `Local store, ${fmt(total, 0)} msgs`,
        metric: `FTS ${label}, top 50: p50 / p99`,
        value: `${fmt(percentile(times, 50))} / ${fmt(p99)} ms`,
        reference: '—',
        target: 'p99 ≤ 50 ms',
        verdict: p99 <= 50 ? 'met' : 'missed',
      };
    });

    const searchService = new SearchService({ db, me: 'me' } as unknown as AccountContext); // uses only db and me
    const scriptRows: BenchRow[] = SCRIPT_QUERIES.map(({ script, queries }) => {
      const times: number[] = [];
      for (let round = 0; round < 20; round += 1) {
        for (const query of queries) {
          const t0 = nowMs();
          const { groups } = searchService.search(query);
          times.push(nowMs() - t0);
          if (round === 0 && groups.length === 0 && query.kinds === undefined) throw new Error(`no hits for ${query.query}`);
        }
      }
      const p99 = percentile(times, 99);
      return {
        benchmark: `Local store, ${fmt(total, 0)} msgs`,
        metric: `M11 search:messages, ${script} queries (${queries.length} kinds × 20, filters, grouped, snippets): p50 / p99`,
        value: `${fmt(percentile(times, 50))} / ${fmt(p99)} ms`,
        reference: '—',
        target: 'p99 ≤ 50 ms',
        verdict: p99 <= 50 ? 'met' : 'missed',
      };
    });

    const sizeMb = statSync(join(dir, 'chat.sqlite')).size / 1e6;
    const pageP99 = percentile(pageTimes, 99);
    return [
      {
        benchmark: `Local store, ${fmt(total, 0)} msgs`,
        metric: 'bulk insert with FTS (1,000-row txns)',
        value: `${fmt(insertRate, 0)} rows/s`,
        reference: `${fmt(sizeMb, 0)} MB on disk`,
        target: '≥ 30,000 rows/s',
        verdict: insertRate >= 30_000 ? 'met' : 'missed',
      },
      {
        benchmark: `Local store, ${fmt(total, 0)} msgs`,
        metric: 'latest 50 of a conversation: p50 / p99',
        value: `${fmt(percentile(pageTimes, 50), 3)} / ${fmt(pageP99, 3)} ms`,
        reference: '—',
        target: 'p99 ≤ 2 ms',
        verdict: pageP99 <= 2 ? 'met' : 'missed',
      },
      ...searchRows,
      ...scriptRows,
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
