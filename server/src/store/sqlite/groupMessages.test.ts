import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type NewGroup } from '../groupTypes';
import { type NewGroupMessage, type Store } from '../types';
import { openSqliteStore } from './sqliteStore';
import { sql } from '../../../../shared/sql/sql';

let store: ReturnType<typeof openSqliteStore>;
beforeEach(async () => {
  store = openSqliteStore({ path: ':memory:' });
  await store.accounts.importMany(['ann', 'bob', 'cat', 'dan'].map((userId) => ({ userId, createdAt: 1 })));
});
afterEach(() => store.close());

function group(groupId: string, overrides: Partial<NewGroup> = {}): NewGroup {
  return {
    groupId,
    type: 'Public',
    name: groupId,
    introduction: '',
    notification: '',
    faceUrl: '',
    owner: 'ann',
    createTime: 100,
    applyJoinOption: 'FreeAccess',
    muteAll: false,
    defaultPermissions: 0,
    active: true,
    maxMemberNum: null,
    custom: {},
    ...overrides,
  };
}
const member = (userId: string, role: 'Owner' | 'Member' = 'Member') => ({ userId, role, joinTime: 100, msgFlag: 'AcceptAndNotify' as const });

let counter = 0;
function draft(groupKey: string, from: string, overrides: Partial<NewGroupMessage> = {}): NewGroupMessage {
  counter += 1;
  return {
    groupKey,
    groupId: groupKey.split('@TOPIC#_')[0]!,
    from,
    clientMsgId: `group-${String(counter).padStart(6, '0')}`,
    random: counter,
    time: 1_700_000_000_000 + counter,
    body: textBody(`message ${counter}`),
    groupAt: null,
    priority: 'Normal',
    needReceipt: false,
    isTip: false,
    activates: false,
    ...overrides,
  };
}
const seqs = (results: Awaited<ReturnType<Store['groupMessages']['appendBatch']>>) =>
  results.map((r) => (r.status === 'stored' || r.status === 'duplicate' ? r.message.seq : r.status));

const TOPIC = '@TGS#_c1@TOPIC#_news';

describe('sqlite store: group messages (ADR 0004 WP1)', () => {
  it('G5 M3 each group and each topic numbers its messages from 1, gap-free inside one batch, beside one-to-one chats', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob')]);
    await store.groups.create(group('g2'), [member('ann', 'Owner')]);
    await store.groups.create(group('@TGS#_c1', { type: 'Community' }), [member('ann', 'Owner')]);
    const results = await store.groupMessages.appendBatch([
      draft('g1', 'ann'),
      draft('g2', 'ann'),
      draft('g1', 'bob'),
      draft(TOPIC, 'ann'),
      draft('@TGS#_c1', 'ann'),
      draft('g1', 'ann', { isTip: true }),
      draft(TOPIC, 'ann'),
    ]);
    expect(seqs(results)).toEqual([1, 1, 2, 1, 1, 3, 2]);
    const c2c = await store.messages.appendBatch([
      { from: 'ann', to: 'bob', clientMsgId: 'c2c-000001', random: 1, time: 1, body: textBody('hi'), hiddenFromSender: false },
    ]);
    expect(c2c[0]).toMatchObject({ status: 'stored', message: { seq: 1 } });
    expect(await store.groups.get('g1')).toMatchObject({ nextMsgSeq: 4 });
  });

  it('M3 a retried send is a duplicate with its first seq; the same client ID in another group is taken; unknown senders refused', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner')]);
    await store.groups.create(group('g2'), [member('ann', 'Owner')]);
    const first = draft('g1', 'ann');
    const [stored] = await store.groupMessages.appendBatch([first]);
    const again = await store.groupMessages.appendBatch([first, { ...first, groupKey: 'g2', groupId: 'g2' }, draft('g1', 'nobody')]);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'client_msg_id_taken', 'sender_not_found']);
    expect(again[0]).toEqual(stored && { ...stored, status: 'duplicate' });
    // Refused items took no seq.
    expect(seqs(await store.groupMessages.appendBatch([draft('g1', 'ann')]))).toEqual([2]);
  });

  it('G2 the first message that activates a Work group sets it active in the same transaction; tips do not', async () => {
    await store.groups.create(group('w1', { type: 'Work', active: false }), [member('ann', 'Owner'), member('bob')]);
    await store.groupMessages.appendBatch([draft('w1', 'ann', { isTip: true, activates: true })]);
    expect(await store.groups.get('w1')).toMatchObject({ active: false });
    await store.groupMessages.appendBatch([draft('w1', 'ann', { activates: true })]);
    expect(await store.groups.get('w1')).toMatchObject({ active: true });
  });

  it('G5 visibility floors: a late joiner sees nothing from before joining unless allowed; account floors always apply', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner')]);
    await store.groupMessages.appendBatch([draft('g1', 'ann'), draft('g1', 'ann')]);
    await store.groups.addMembers('g1', [member('bob')]);
    await store.groupMessages.appendBatch([draft('g1', 'ann')]);
    const late = await store.groupMessages.after('g1', { viewer: 'bob', beforeJoin: false }, 0, 10);
    expect(late.messages.map((m) => m.seq)).toEqual([3]);
    const history = await store.groupMessages.after('g1', { viewer: 'bob', beforeJoin: true }, 0, 10);
    expect(history.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    const before = await store.groupMessages.before('g1', { viewer: 'bob', beforeJoin: false }, 4, 10);
    expect(before).toMatchObject({ hasMore: false });
    expect(before.messages.map((m) => m.seq)).toEqual([3]);
    // A UserID re-created after the messages sees none of them, whatever the group allows.
    await store.accounts.deleteMany(['bob']);
    await store.accounts.importMany([{ userId: 'bob', createdAt: 2 }]);
    expect((await store.groupMessages.after('g1', { viewer: 'bob', beforeJoin: true }, 0, 10)).messages).toEqual([]);
  });

  it('M8 M6 stores @-mentions, priority and receipt requests beside the body', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob')]);
    await store.groupMessages.appendBatch([
      draft('g1', 'ann', { groupAt: { all: false, userIds: ['bob'] }, priority: 'High', needReceipt: true }),
    ]);
    const [message] = (await store.groupMessages.after('g1', { viewer: 'bob', beforeJoin: false }, 0, 10)).messages;
    expect(message).toMatchObject({ groupAt: { all: false, userIds: ['bob'] }, priority: 'High', needReceipt: true, isTip: false });
    expect(message).not.toHaveProperty('to');
    expect(store.db.get(sql`SELECT recipient, priority FROM messages`)).toEqual({ recipient: '', priority: 1 });
  });
});

describe('sqlite store: group conversations (ADR 0004 WP1)', () => {
  it('G5 M4 per-member rows are created lazily: listing, unread and mentions need none; markRead/clear/settings create one', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob'), member('cat')]);
    await store.groupMessages.appendBatch([
      draft('g1', 'ann'),
      draft('g1', 'ann', { groupAt: { all: false, userIds: ['bob'] } }),
      draft('g1', 'bob'),
      draft('g1', 'ann', { isTip: true }),
    ]);
    const rows = () => store.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM group_conversation_members`)?.n;
    const v = (viewer: string) => () => ({ viewer, beforeJoin: false });
    const [bobView] = await store.groupConversations.listFor('bob', v('bob'));
    expect(bobView).toMatchObject({ groupKey: 'g1', topicId: null, lastSeq: 4, unreadCount: 2, readSeq: 0, pinned: false, recvOpt: null });
    expect(bobView?.mentions).toEqual([{ seq: 2, sender: 'ann', clientMsgId: expect.any(String), all: false }]);
    expect((await store.groupConversations.listFor('cat', v('cat')))[0]).toMatchObject({ unreadCount: 3, mentions: [] });
    expect(await store.groupConversations.listFor('dan', v('dan'))).toEqual([]);
    expect(rows()).toBe(0);
    expect(await store.groupConversations.markRead('bob', 'g1', 99)).toEqual({ readSeq: 4, changed: true, receipts: [] });
    expect(await store.groupConversations.markRead('bob', 'g1', 1)).toMatchObject({ readSeq: 4, changed: false });
    expect(rows()).toBe(1);
    expect((await store.groupConversations.get('bob', 'g1', v('bob')()))).toMatchObject({ unreadCount: 0, mentions: [] });
    await store.groupConversations.updateSettings('cat', 'g1', { pinned: true });
    expect(await store.groupConversations.clear('cat', 'g1')).toEqual({ clearedSeq: 4 });
    expect(rows()).toBe(2);
    expect(await store.groupConversations.get('cat', 'g1', v('cat')())).toMatchObject({ pinned: true, clearedSeq: 4, unreadCount: 0, lastMessage: null });
  });

  it('G5 unread: Meeting keeps none; a late joiner allowed old history does not start with it unread; imports leave unread at 0', async () => {
    await store.groups.create(group('m1', { type: 'Meeting' }), [member('ann', 'Owner'), member('bob')]);
    await store.groupMessages.appendBatch([draft('m1', 'ann')]);
    expect((await store.groupConversations.get('bob', 'm1', { viewer: 'bob', beforeJoin: true }))?.unreadCount).toBe(0);

    await store.groups.create(group('p1'), [member('ann', 'Owner')]);
    await store.groupMessages.appendBatch([draft('p1', 'ann'), draft('p1', 'ann')]);
    await store.groups.addMembers('p1', [member('bob')]);
    await store.groupMessages.appendBatch([draft('p1', 'ann')]);
    expect(await store.groupConversations.get('bob', 'p1', { viewer: 'bob', beforeJoin: true })).toMatchObject({ unreadCount: 1 });
    await store.groupMessages.importBatch([draft('p1', 'ann'), draft('p1', 'ann')]);
    expect(await store.groupConversations.get('bob', 'p1', { viewer: 'bob', beforeJoin: true })).toMatchObject({ unreadCount: 0, lastSeq: 5 });
    await store.groupMessages.appendBatch([draft('p1', 'ann')]);
    expect(await store.groupConversations.get('bob', 'p1', { viewer: 'bob', beforeJoin: true })).toMatchObject({ unreadCount: 1 });
  });

  it('G2 an inactive Work group is listed to its owner only', async () => {
    await store.groups.create(group('w1', { type: 'Work', active: false }), [member('ann', 'Owner'), member('bob')]);
    await store.groupMessages.appendBatch([draft('w1', 'ann', { isTip: true })]);
    const v = (viewer: string) => () => ({ viewer, beforeJoin: false });
    expect((await store.groupConversations.listFor('ann', v('ann'))).map((c) => c.groupKey)).toEqual(['w1']);
    expect(await store.groupConversations.listFor('bob', v('bob'))).toEqual([]);
  });

  it('M6 receipt counts come from read positions of those in the group when it was sent, and page by user', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob'), member('cat')]);
    const [sent] = await store.groupMessages.appendBatch([draft('g1', 'ann', { needReceipt: true })]);
    await store.groups.addMembers('g1', [member('dan')]);
    if (sent?.status !== 'stored') throw new Error('not stored');
    expect(await store.groupConversations.receiptCounts('g1', sent.message.id)).toEqual({ readCount: 0, unreadCount: 2 });
    const read = await store.groupConversations.markRead('bob', 'g1', 1);
    expect(read.receipts).toEqual([{ seq: 1, sender: 'ann', clientMsgId: sent.message.clientMsgId }]);
    expect(await store.groupConversations.receiptCounts('g1', sent.message.id)).toEqual({ readCount: 1, unreadCount: 1 });
    expect(await store.groupConversations.receiptMembers('g1', sent.message.id, 'unread', null, 10)).toEqual({ userIds: ['cat'], cursor: null });
    expect(await store.groupConversations.receiptMembers('g1', sent.message.id, 'read', null, 10)).toEqual({ userIds: ['bob'], cursor: null });
  });

  it('M5 modify serves group refs: a recall by the app admin empties the body and bumps the conversation modSeq', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob')]);
    const [sent] = await store.groupMessages.appendBatch([draft('g1', 'bob')]);
    if (sent?.status !== 'stored') throw new Error('not stored');
    const ref = { groupKey: 'g1', viewer: null, message: { sender: 'bob', clientMsgId: sent.message.clientMsgId } };
    const result = await store.messages.modify(ref, () => ({ kind: 'recall' }));
    expect(result).toMatchObject({ status: 'ok', changed: true, message: { recalled: true, body: [], modSeq: 1, seq: 1 } });
    const modified = await store.groupMessages.modifiedAfter('g1', { viewer: 'ann', beforeJoin: false }, 0, 10);
    expect(modified.messages).toMatchObject([{ recalled: true, modSeq: 1 }]);
  });
});

describe('sqlite store: media in groups (ADR 0004 WP1)', () => {
  it('M2 a group message’s media is downloadable by the group’s current members only, until recalled', async () => {
    await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob')]);
    const [sent] = await store.groupMessages.appendBatch([draft('g1', 'ann')]);
    if (sent?.status !== 'stored') throw new Error('not stored');
    await store.media.recordRefs({ from: 'ann', clientMsgId: sent.message.clientMsgId }, [{ kind: 'blob', ref: 'abc' }]);
    expect(await store.media.accessible('bob', 'blob', ['abc'])).toEqual(new Set(['abc']));
    expect(await store.media.accessible('cat', 'blob', ['abc'])).toEqual(new Set());
    await store.groups.removeMembers('g1', ['bob']);
    expect(await store.media.accessible('bob', 'blob', ['abc'])).toEqual(new Set());
    // A Public group's late joiner does not read what came before, so may not download it either.
    await store.groups.addMembers('g1', [member('cat')]);
    expect(await store.media.accessible('cat', 'blob', ['abc'])).toEqual(new Set());
    await store.groups.create(group('m1', { type: 'Meeting' }), [member('ann', 'Owner')]);
    const [meeting] = await store.groupMessages.appendBatch([draft('m1', 'ann')]);
    if (meeting?.status !== 'stored') throw new Error('not stored');
    await store.media.recordRefs({ from: 'ann', clientMsgId: meeting.message.clientMsgId }, [{ kind: 'blob', ref: 'def' }]);
    await store.groups.addMembers('m1', [member('cat')]);
    expect(await store.media.accessible('cat', 'blob', ['def'])).toEqual(new Set(['def']));
    await store.messages.modify({ groupKey: 'm1', viewer: null, message: { sender: 'ann', clientMsgId: meeting.message.clientMsgId } }, () => ({ kind: 'recall' }));
    expect(await store.media.accessible('cat', 'blob', ['def'])).toEqual(new Set());
  });
});
