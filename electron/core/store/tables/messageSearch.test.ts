import { describe, expect, it } from 'vitest';
import { memoryStore, testMessage } from '../testing';
import { ensureConversation } from './conversations';
import { insertMessage } from './messages';
import { searchMessages } from './messageSearch';

function storeWith(texts: string[]) {
  const db = memoryStore();
  ensureConversation(db, 'c2c_bob', 'bob', 1);
  texts.forEach((text, i) => insertMessage(db, testMessage({ conversationId: 'c2c_bob', seq: i + 1, text })));
  return db;
}

describe('searchMessages (FTS5 trigram)', () => {
  it('finds "发票" inside "请把上个月的发票发给我"', () => {
    const db = storeWith(['请把上个月的发票发给我', '明天见', 'see you tomorrow']);
    expect(searchMessages(db, '发票').map((m) => m.text)).toEqual(['请把上个月的发票发给我']);
  });

  it('finds Chinese substrings of three or more characters through the index', () => {
    const db = storeWith(['请把上个月的发票发给我', '上个星期的会议']);
    expect(searchMessages(db, '上个月').map((m) => m.text)).toEqual(['请把上个月的发票发给我']);
    expect(searchMessages(db, '上个').map((m) => m.text).sort()).toEqual(['上个星期的会议', '请把上个月的发票发给我'].sort());
  });

  it('matches Latin text case-insensitively and requires every term', () => {
    const db = storeWith(['Invoice for March', 'the invoice is late', 'March madness']);
    expect(searchMessages(db, 'INVOICE').length).toBe(2);
    expect(searchMessages(db, 'invoice march').map((m) => m.text)).toEqual(['Invoice for March']);
  });

  it('treats quotes and LIKE wildcards as literal characters', () => {
    const db = storeWith(['100% sure', 'he said "hi"', 'plain']);
    expect(searchMessages(db, '%').map((m) => m.text)).toEqual(['100% sure']);
    expect(searchMessages(db, '"hi"').map((m) => m.text)).toEqual(['he said "hi"']);
    expect(searchMessages(db, '   ')).toEqual([]);
  });

  it('keeps the index in step when a message text changes or is deleted', () => {
    const db = storeWith(['old words here']);
    db.prepare(`UPDATE messages SET text = 'new words here'`).run();
    expect(searchMessages(db, 'old')).toEqual([]);
    expect(searchMessages(db, 'new').length).toBe(1);
    db.prepare('DELETE FROM messages').run();
    expect(searchMessages(db, 'words')).toEqual([]);
  });
});

describe('searchMessages: two-character CJK terms go through the bigram index', () => {
  it('M11 finds two-character Chinese, Japanese and Korean words through messages_bigram', () => {
    const db = storeWith(['请把发票发给我', '发一下票据', '会議の資料', '회의 자료를 공유해 주세요', 'invoice']);
    expect(searchMessages(db, '发票').map((m) => m.text)).toEqual(['请把发票发给我']);
    expect(searchMessages(db, '会議').map((m) => m.text)).toEqual(['会議の資料']);
    expect(searchMessages(db, '자료').map((m) => m.text)).toEqual(['회의 자료를 공유해 주세요']);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM messages_bigram WHERE messages_bigram MATCH '"发票"'`)
      .all() as Array<{ detail: string }>;
    expect(plan.some((step) => step.detail.includes('VIRTUAL TABLE INDEX'))).toBe(true);
  });

  it('does not match a pair that only spans a gap between two runs', () => {
    const db = storeWith(['发 票', '发票']);
    expect(searchMessages(db, '发票').map((m) => m.text)).toEqual(['发票']);
  });

  it('combines a pair with longer and one-character terms', () => {
    const db = storeWith(['上个月的发票 ok', '上个月的报销', '发票 x']);
    expect(searchMessages(db, '上个月 发票').map((m) => m.text)).toEqual(['上个月的发票 ok']);
    expect(searchMessages(db, '发票 x').map((m) => m.text)).toEqual(['发票 x']);
    expect(searchMessages(db, '报').map((m) => m.text)).toEqual(['上个月的报销']);
  });

  it('keeps the bigram index in step on update and delete', () => {
    const db = storeWith(['旧的发票']);
    db.prepare(`UPDATE messages SET text = '新的报销'`).run();
    expect(searchMessages(db, '发票')).toEqual([]);
    expect(searchMessages(db, '报销').length).toBe(1);
    db.prepare('DELETE FROM messages').run();
    expect(searchMessages(db, '报销')).toEqual([]);
  });
});
