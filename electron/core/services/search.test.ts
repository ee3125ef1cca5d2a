import { afterEach, describe, expect, it } from 'vitest';
import type { MsgBody } from '../../../shared/domain';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';
import { snippetOf } from './search';

afterEach(removeTestDirs);

const file = (name: string): MsgBody => [
  { MsgType: 'TIMFileElem', MsgContent: { Url: 'https://x/f', UUID: 'f1', FileSize: 10, FileName: name, Download_Flag: 2 } },
];

async function seeded(): Promise<TestAccount> {
  const t = openTestAccount();
  t.server.store('bob', 'me', 'bob-msg-01', '请把上个月的发票发给我');
  t.server.store('me', 'bob', 'me-msg-001', 'the invoice is attached');
  const withFile = t.server.store('bob', 'me', 'bob-msg-02', 'x').message;
  withFile.body = file('发票-March.pdf');
  t.server.store('carol', 'me', 'carol-msg-1', 'Invoice from carol');
  t.connection.goOnline();
  await eventually(() => expect(t.account.conversations.list()).toHaveLength(2));
  await eventually(async () => expect((await t.account.messages.page({ conversationId: 'c2c_bob', limit: 10 })).messages).toHaveLength(3));
  t.connection.goOffline();
  return t;
}

const ids = (result: { groups: Array<{ conversationId: string; hits: Array<{ message: { id: string } }> }> }) =>
  result.groups.map((g) => [g.conversationId, g.hits.map((h) => h.message.id)]);

describe('search:messages (M11)', () => {
  it('M11 finds a Chinese substring offline, in text and in file names, grouped by conversation with marked snippets', async () => {
    const t = await seeded();
    const result = t.account.search.search({ query: '发票', limit: 100 });
    expect(ids(result)).toEqual([['c2c_bob', ['bob:bob-msg-02', 'bob:bob-msg-01']]]);
    expect(result.groups[0]?.total).toBe(2);
    expect(result.groups[0]?.hits.map((h) => h.snippet)).toEqual(['\uE000发票\uE001-March.pdf', '请把上个月的\uE000发票\uE001发给我']);
    await t.close();
  });

  it('M11 filters by sender, kind, time and conversation', async () => {
    const t = await seeded();
    // Newest message first: bob's thread is at its second message, carol's at her first.
    expect(ids(t.account.search.search({ query: 'invoice', limit: 100 }))).toEqual([
      ['c2c_bob', ['me:me-msg-001']],
      ['c2c_carol', ['carol:carol-msg-1']],
    ]);
    expect(ids(t.account.search.search({ query: 'invoice', from: 'me', limit: 100 }))).toEqual([['c2c_bob', ['me:me-msg-001']]]);
    expect(ids(t.account.search.search({ query: 'invoice', conversationId: 'c2c_carol', limit: 100 }))).toEqual([['c2c_carol', ['carol:carol-msg-1']]]);
    expect(ids(t.account.search.search({ query: '发票', kinds: ['file'], limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-02']]]);
    expect(ids(t.account.search.search({ query: '发票', kinds: ['text', 'image'], limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-01']]]);
    const times = t.server.thread('bob').map((m) => m.time);
    expect(ids(t.account.search.search({ query: '发票', since: times[2], limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-02']]]);
    expect(ids(t.account.search.search({ query: '发票', until: times[0], limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-01']]]);
    await t.close();
  });

  it('M11 leaves recalled and deleted messages out', async () => {
    const t = await seeded();
    t.account.messageOps.recall({ id: 'me:me-msg-001' });
    t.account.messageOps.deleteForMe({ ids: ['bob:bob-msg-01'] });
    expect(ids(t.account.search.search({ query: 'invoice', limit: 100 }))).toEqual([['c2c_carol', ['carol:carol-msg-1']]]);
    expect(ids(t.account.search.search({ query: '发票', limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-02']]]);
    await t.close();
  });

  it('M11 texts inside a combined message become searchable through indexRelayText', async () => {
    const t = await seeded();
    t.account.search.indexRelayText('bob:bob-msg-02', ['会议纪要 in the bundle']);
    expect(ids(t.account.search.search({ query: '会议', limit: 100 }))).toEqual([['c2c_bob', ['bob:bob-msg-02']]]);
    await t.close();
  });

  it('snippets keep context around the first match and cannot be given fake marks', () => {
    const long = `${'a'.repeat(100)} needle ${'b'.repeat(200)}`;
    const snippet = snippetOf(long, ['NEEDLE']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('\uE000needle\uE001');
    expect(snippetOf('x\uE000y\uE001 z', ['z'])).toBe('xy \uE000z\uE001');
  });
});
