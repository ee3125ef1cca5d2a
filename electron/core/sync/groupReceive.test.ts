import { afterEach, describe, expect, it } from 'vitest';
import {
  C2C_MESSAGE_DEFAULTS,
  groupConversationId,
  shouldNotify,
  textBody,
  type GroupAt,
  type GroupConversation,
  type GroupServerConversation,
  type GroupType,
  type ServerMessage,
} from '../../../shared/domain';
import { FakeGroups } from '../testing/fakeGroups';
import { FakeServer } from '../testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

/**
 * Group and topic conversations on the receive path (ADR 0004 §6, WP5) against the fake
 * server: it keeps each group's messages in memory and answers the sync requests the real
 * server answers; the rules that decide them are the server's (tested there).
 */
class FakeGroupChat {
  readonly messages = new Map<string, ServerMessage[]>();
  readonly conversations = new Map<string, GroupServerConversation>();
  private counter = 0;

  constructor(readonly server: FakeServer) {
    const h = server.handlers;
    const base = h['sync:conversations'];
    h['sync:conversations'] = (input) => {
      const c2c = base ? (base(input) as { conversations: [] }).conversations : [];
      return { conversations: [...c2c, ...[...this.conversations.values()].map((c) => this.current(c))] };
    };
    const after = h['sync:messagesAfter'];
    h['sync:messagesAfter'] = (input) => {
      if (!input.conversationId.startsWith('group_')) return after!(input);
      const list = (this.messages.get(input.conversationId) ?? []).filter((m) => m.seq > input.afterSeq);
      return { messages: list.slice(0, input.limit), hasMore: list.length > input.limit };
    };
    const before = h['sync:messagesBefore'];
    h['sync:messagesBefore'] = (input) => {
      if (!input.conversationId.startsWith('group_')) return before!(input);
      const list = (this.messages.get(input.conversationId) ?? []).filter((m) => m.seq < input.beforeSeq);
      return { messages: list.slice(-input.limit), hasMore: list.length > input.limit };
    };
    h['users:get'] = (input) => ({ users: input.userIds.map((userId) => ({ userId, nickname: userId.toUpperCase() })) });
  }

  open(groupId: string, groupType: GroupType, topicId: string | null = null): string {
    const id = groupConversationId(groupId, topicId);
    this.conversations.set(id, {
      kind: 'group',
      conversationId: id,
      groupId,
      topicId,
      groupType,
      mentions: [],
      left: false,
      lastSeq: 0,
      lastMessage: null,
      unreadCount: 0,
      readSeq: 0,
      modSeq: 0,
      clearedSeq: 0,
      pinned: false,
      recvOpt: 'AcceptAndNotify',
    });
    return id;
  }

  current(c: GroupServerConversation): GroupServerConversation {
    const list = this.messages.get(c.conversationId) ?? [];
    return { ...c, lastSeq: list.length, lastMessage: list.at(-1) ?? null };
  }

  /** A message as the server delivers it; `live` = seq 0 (never stored). */
  send(conversationId: string, from: string, text: string, extra: { groupAt?: GroupAt; isTip?: boolean; needReceipt?: boolean; live?: boolean } = {}) {
    const list = this.messages.get(conversationId) ?? [];
    this.counter += 1;
    const message: ServerMessage = {
      ...C2C_MESSAGE_DEFAULTS,
      msgKey: `g${this.counter}`,
      clientMsgId: `group-msg-${String(this.counter).padStart(4, '0')}`,
      conversationId,
      from,
      to: null,
      seq: extra.live ? 0 : list.length + 1,
      time: 1_700_000_000_000 + this.counter,
      body: textBody(text),
      cloudCustomData: '',
      replyTo: null,
      recalled: false,
      editedAt: null,
      reactions: [],
      deletedForMe: false,
      modSeq: 0,
      groupAt: extra.groupAt ?? null,
      needReceipt: extra.needReceipt ?? false,
      isTip: extra.isTip ?? false,
    };
    if (!extra.live) {
      list.push(message);
      this.messages.set(conversationId, list);
    }
    return message;
  }
}

function setup(): { t: TestAccount; chat: FakeGroupChat; groups: FakeGroups } {
  const server = new FakeServer('me', ['bob', 'carol']);
  const groups = new FakeGroups(server).install();
  const chat = new FakeGroupChat(server);
  return { t: openTestAccount({ server }), chat, groups };
}

const listed = (t: TestAccount, id: string) =>
  t.account.conversations.list().find((c): c is GroupConversation => c.kind === 'group' && c.id === id);

describe('group conversations in the core (receive path)', () => {
  it('catch-up stores group conversations and messages: unread leaves out mine and tips, Meeting counts none, senders are named', async () => {
    const { t, chat, groups } = setup();
    groups.group('work 1', 'Work', 'Work one');
    groups.group('meet', 'Meeting', 'Standup');
    const work = chat.open('work 1', 'Work');
    const meet = chat.open('meet', 'Meeting');
    for (const id of [work, meet]) {
      chat.send(id, 'bob', 'hello');
      chat.send(id, 'me', 'hi');
      chat.send(id, 'carol', 'bob joined', { isTip: true });
      chat.send(id, 'carol', '@me look', { groupAt: { all: false, userIds: ['me'] } });
    }
    t.connection.goOnline();
    await eventually(() => expect(listed(t, work)?.lastMessage?.seq).toBe(4));
    expect(listed(t, work)).toMatchObject({
      groupId: 'work 1',
      groupType: 'Work',
      group: { name: 'Work one' },
      topic: null,
      unreadCount: 2,
      unreadMention: 'me',
      left: false,
    });
    await eventually(() => expect(listed(t, meet)).toMatchObject({ unreadCount: 0, unreadMention: 'me' }));
    const page = await t.account.messages.page({ conversationId: work, limit: 20 });
    expect(page.messages.map((m) => [m.seq, m.isTip, m.mentionsMe])).toEqual([
      [1, false, false],
      [2, false, false],
      [3, true, false],
      [4, false, true],
    ]);
    // Names come from users:get for senders never seen before (no name card cached here).
    await eventually(async () => {
      const again = await t.account.messages.page({ conversationId: work, limit: 20 });
      expect(again.messages[0]?.senderName).toBe('BOB');
    });
    t.account.conversations.markRead(work, 4);
    expect(listed(t, work)).toMatchObject({ unreadCount: 0, unreadMention: null });
    await t.close();
  });

  it('live pushes: stored messages in order, seq-0 messages shown from memory only and gone after a restart', async () => {
    const { t, chat, groups } = setup();
    groups.group('room', 'AVChatRoom', 'Live room');
    groups.group('team', 'Public', 'Team');
    const room = chat.open('room', 'AVChatRoom');
    const team = chat.open('team', 'Public');
    t.connection.goOnline();
    await eventually(() => expect(listed(t, team)).toBeDefined());
    t.connection.push('message:created', chat.send(team, 'bob', 'one'));
    t.connection.push('message:created', chat.send(room, 'bob', 'on air', { live: true }));
    await eventually(() => expect(listed(t, team)?.lastMessage?.seq).toBe(1));
    await eventually(() => expect(listed(t, room)?.lastMessage).toMatchObject({ seq: 0, body: textBody('on air') }));
    expect(t.eventsOf('messages:changed').some((e) => e.conversationId === room && e.messages[0]?.seq === 0)).toBe(true);
    const page = await t.account.messages.page({ conversationId: room, limit: 20 });
    expect(page.messages.map((m) => m.body)).toEqual([textBody('on air')]);
    expect(t.db().prepare('SELECT count(*) AS n FROM messages WHERE conversation_id = ?').get(room)).toEqual({ n: 0 });
    expect(listed(t, room)?.unreadCount).toBe(0);

    const again = await t.restart();
    expect((await again.account.messages.page({ conversationId: room, limit: 20 })).messages).toEqual([]);
    await again.close();
  });

  it('M8 a fresh device shows "[@me]"/"[@all]" from the server\u2019s mention hints alone, until read past them', async () => {
    const { t, chat, groups } = setup();
    groups.group('big', 'Public', 'Big');
    groups.group('all', 'Public', 'All hands');
    const big = chat.open('big', 'Public');
    const everyone = chat.open('all', 'Public');
    for (let i = 0; i < 3; i += 1) chat.send(big, 'bob', `old ${i}`);
    chat.send(everyone, 'bob', 'town hall');
    chat.conversations.set(big, { ...chat.conversations.get(big)!, unreadCount: 3, mentions: [{ seq: 1, messageId: 'bob:group-msg-0001', all: false }] });
    chat.conversations.set(everyone, { ...chat.conversations.get(everyone)!, unreadCount: 1, mentions: [{ seq: 1, messageId: 'bob:group-msg-0004', all: true }] });
    t.connection.goOnline();
    await eventually(() => expect(listed(t, big)?.lastMessage?.seq).toBe(3));
    await eventually(() => expect(listed(t, everyone)?.lastMessage?.seq).toBe(1));
    // The stored messages carry no groupAt here: only the hints say who was mentioned.
    expect(listed(t, big)).toMatchObject({ unreadMention: 'me', unreadCount: 3 });
    expect(listed(t, everyone)).toMatchObject({ unreadMention: 'all' });
    t.account.conversations.markRead(big, 3);
    expect(listed(t, big)).toMatchObject({ unreadMention: null, unreadCount: 0 });
    await t.close();
  });

  it('a pushed message of a group not known here yet asks the server for its conversation, then stores it', async () => {
    const { t, chat } = setup();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    const fresh = chat.open('just joined', 'Public');
    t.connection.push('message:created', chat.send(fresh, 'carol', 'welcome aboard'));
    await eventually(() => expect(listed(t, fresh)?.lastMessage?.seq).toBe(1));
    expect(listed(t, fresh)).toMatchObject({ groupType: 'Public', unreadCount: 1, group: { name: 'just joined' } });
    await t.close();
  });

  it('M6 a receipt push updates the counts of my own receipt message; others\u2019 reads never touch one-to-one chats', async () => {
    const { t, chat, groups } = setup();
    groups.group('team', 'Public', 'Team');
    const team = chat.open('team', 'Public');
    const mine = chat.send(team, 'me', 'read this', { needReceipt: true });
    t.connection.goOnline();
    await eventually(() => expect(listed(t, team)?.lastMessage?.seq).toBe(1));
    const id = `me:${mine.clientMsgId}`;
    t.connection.push('message:receipt', { conversationId: team as never, messageId: id, readCount: 2, unreadCount: 3 });
    const changed = t.eventsOf('messages:changed').at(-1);
    expect(changed?.messages[0]).toMatchObject({ id, needReceipt: true, receipt: { readCount: 2, unreadCount: 3 } });
    t.connection.push('conversation:read', { conversationId: team, reader: 'bob', readSeq: 1 });
    expect(t.account.conversations.list().some((c) => c.id === 'c2c_bob')).toBe(false);
    await t.close();
  });

  it('openGroup creates the row of a group I am in (and of its topic), refuses others; leaving keeps it readable', async () => {
    const { t, chat, groups } = setup();
    groups.group('@TGS#_c', 'Community', 'Makers');
    groups.topic('@TGS#_c', 'news', 'News');
    t.connection.goOnline();
    await eventually(() => expect(t.account.groups.joined().groups).toHaveLength(1));
    await eventually(() =>
      expect(t.account.conversations.openGroup('@TGS#_c', '@TGS#_c@TOPIC#_news')).toMatchObject({
        id: 'group_@TGS#_c@TOPIC#_news',
        topicId: '@TGS#_c@TOPIC#_news',
        topic: { name: 'News' },
      }),
    );
    const opened = t.account.conversations.openGroup('@TGS#_c');
    expect(opened).toMatchObject({ kind: 'group', id: 'group_@TGS#_c', group: { name: 'Makers' }, unreadCount: 0, lastMessage: null });
    expect(() => t.account.conversations.openGroup('not mine')).toThrow(expect.objectContaining({ code: 'group_not_member' }));
    expect(() => t.account.conversations.openGroup('@TGS#_c', '@TGS#_c@TOPIC#_nope')).toThrow(expect.objectContaining({ code: 'group_not_found' }));

    const left = { ...chat.current({ ...chat.conversations.get(chat.open('@TGS#_c', 'Community'))! }), left: true };
    t.connection.push('conversation:updated', left);
    expect(listed(t, 'group_@TGS#_c')).toMatchObject({ left: true });
    await t.close();
  });
});

describe('notifications follow the receive option (M8, M12)', () => {
  const at = (userIds: string[], all = false): GroupAt => ({ all, userIds });
  it('notifies per option; own messages and tips never', () => {
    const plain = { from: 'bob', isTip: false, groupAt: null };
    expect(shouldNotify('AcceptAndNotify', plain, 'me')).toBe(true);
    expect(shouldNotify('AcceptNotNotify', plain, 'me')).toBe(false);
    expect(shouldNotify('Discard', plain, 'me')).toBe(false);
    expect(shouldNotify('AcceptNotNotifyExceptAt', plain, 'me')).toBe(false);
    expect(shouldNotify('AcceptNotNotifyExceptAt', { ...plain, groupAt: at(['me']) }, 'me')).toBe(true);
    expect(shouldNotify('AcceptNotNotifyExceptAt', { ...plain, groupAt: at([], true) }, 'me')).toBe(true);
    expect(shouldNotify('AcceptNotNotifyExceptAt', { ...plain, groupAt: at(['carol']) }, 'me')).toBe(false);
    expect(shouldNotify('AcceptAndNotify', { ...plain, isTip: true }, 'me')).toBe(false);
    expect(shouldNotify('AcceptAndNotify', { ...plain, from: 'me' }, 'me')).toBe(false);
  });
});
