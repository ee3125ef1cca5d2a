import { afterEach, describe, expect, it } from 'vitest';
import { C2C_MESSAGE_DEFAULTS, type GroupConversationId, type ServerMessage } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { GroupSendInput } from '../../../shared/protocol';
import { getMessage } from '../store/tables/messages';
import { outboxHeads } from '../store/tables/outbox';
import { FakeGroups } from '../testing/fakeGroups';
import { FakeServer } from '../testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

const WORK = '@TGS#team a';
const ROOM = '@TGS#live';
const COMMUNITY = '@TGS#_@TGS#cafe';
const workConv: GroupConversationId = `group_${WORK}`;
const roomConv = `group_${ROOM}`;

/** What the server stores and acks for a group send (seq per conversation; 0 in a live room). */
function groupServer() {
  const server = new FakeServer('me', ['bob', 'carol']);
  const groups = new FakeGroups(server).install();
  groups.group(WORK, 'Work', 'Team A');
  groups.group(ROOM, 'AVChatRoom', 'Live');
  groups.group(COMMUNITY, 'Community', 'Cafe');
  const news = groups.topic(COMMUNITY, 'news', 'News');
  const stored = new Map<string, ServerMessage[]>();
  const received: GroupSendInput[] = [];
  let refuse: AppError | null = null;
  const oneToOne = server.handlers['message:send'];
  if (!oneToOne) throw new Error('The fake server sends one-to-one messages.');
  server.handlers['message:send'] = (input) => {
    if (!('groupConversationId' in input)) return oneToOne(input);
    received.push(input);
    if (refuse) throw refuse;
    const list = stored.get(input.groupConversationId) ?? [];
    stored.set(input.groupConversationId, list);
    const existing = list.find((m) => m.clientMsgId === input.clientMsgId);
    if (existing) return { message: existing, duplicate: true };
    const live = input.groupConversationId === roomConv;
    const message: ServerMessage = {
      ...C2C_MESSAGE_DEFAULTS,
      msgKey: `g${received.length}`,
      clientMsgId: input.clientMsgId,
      conversationId: input.groupConversationId,
      from: 'me',
      to: null,
      seq: live ? 0 : list.length + 1,
      time: 1_700_000_000_000 + received.length,
      body: input.body,
      cloudCustomData: '',
      replyTo: null,
      recalled: false,
      editedAt: null,
      reactions: [],
      deletedForMe: false,
      modSeq: 0,
      groupAt: input.groupAt ?? null,
      needReceipt: input.needReceipt ?? false,
    };
    if (!live) list.push(message);
    return { message, duplicate: false };
  };
  return {
    server,
    groups,
    topicConv: `group_${news.topicId}`,
    stored,
    received,
    refuseWith(error: AppError | null) {
      refuse = error;
    },
  };
}

/** An account whose group cache holds the fake's groups, left offline. */
async function withGroups(options: Parameters<typeof openTestAccount>[0] = {}) {
  const fake = groupServer();
  const t = openTestAccount({ ...options, server: fake.server });
  t.connection.goOnline();
  await eventually(() => expect(t.account.groups.joined().groups).toHaveLength(3));
  t.connection.goOffline();
  return { t, ...fake };
}

describe('sending in groups (ADR 0004 WP5)', () => {
  it('M8 M6 queues the group variant with its mentions and receipt request, stores them on the pending message, and the ack confirms it', async () => {
    const { t, received, stored } = await withGroups();
    const sent = t.account.messages.send({ conversationId: workConv, text: 'hi @bob', groupAt: { all: false, userIds: ['bob', 'bob'] }, needReceipt: true });
    expect(sent).toMatchObject({ conversationId: workConv, status: 'pending', seq: null, isOwn: true });
    const row = getMessage(t.db(), 'me', sent.id.split(':')[1] ?? '');
    expect(row).toMatchObject({ groupAt: { all: false, userIds: ['bob'] }, needsReceipt: true, status: 'pending' });
    const [head] = outboxHeads(t.db());
    expect(head?.payload).toEqual({
      clientMsgId: row?.clientMsgId,
      groupConversationId: workConv,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi @bob' } }],
      groupAt: { all: false, userIds: ['bob'] },
      needReceipt: true,
    });
    expect(t.account.conversations.list().map((c) => c.id)).toContain(workConv);

    t.connection.goOnline();
    await eventually(() => expect(getMessage(t.db(), 'me', row?.clientMsgId ?? '')).toMatchObject({ status: 'sent', seq: 1 }));
    expect(received).toHaveLength(1);
    expect(stored.get(workConv)).toHaveLength(1);
    expect(outboxHeads(t.db())).toEqual([]);
    await t.close();
  });

  it('G7 sends in a community topic with the topic conversation ID; nobody mentioned sends no groupAt', async () => {
    const { t, received, topicConv } = await withGroups();
    t.connection.goOnline();
    t.account.messages.send({ conversationId: topicConv, text: 'news!', groupAt: { all: false, userIds: [] } });
    await eventually(() => expect(received).toHaveLength(1));
    expect(received[0]).not.toHaveProperty('groupAt');
    expect(received[0]).toMatchObject({ groupConversationId: topicConv });
    await t.close();
  });

  it('a group this device does not know I am in is refused at once (group_not_member), and mentions are refused one-to-one', async () => {
    const { t } = await withGroups();
    expect(() => t.account.messages.send({ conversationId: 'group_@TGS#other', text: 'x' })).toThrow(expect.objectContaining({ code: 'group_not_member' }));
    expect(() => t.account.messages.send({ conversationId: 'c2c_bob', text: 'x', groupAt: { all: true, userIds: [] } })).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(outboxHeads(t.db())).toEqual([]);
    await t.close();
  });

  it('a muted member’s send fails with the server’s reason (permanent); retry re-queues the group variant', async () => {
    const { t, refuseWith, received } = await withGroups();
    refuseWith(new AppError('group_member_muted', 'You are muted in this group until 2026-12-06 15:00 UTC.'));
    const sent = t.account.messages.send({ conversationId: workConv, text: 'let me talk', needReceipt: true });
    t.connection.goOnline();
    await eventually(async () => {
      const { messages } = await t.account.messages.page({ conversationId: workConv, limit: 10 });
      expect(messages.find((m) => m.id === sent.id)).toMatchObject({
        status: 'failed',
        error: { code: 'group_member_muted', message: 'You are muted in this group until 2026-12-06 15:00 UTC.' },
      });
    });
    expect(received).toHaveLength(1);
    expect(outboxHeads(t.db())).toEqual([]);

    refuseWith(null);
    t.account.messages.retry({ id: sent.id });
    await eventually(() => expect(received).toHaveLength(2));
    expect(received[1]).toMatchObject({ groupConversationId: workConv, clientMsgId: received[0]?.clientMsgId, needReceipt: true });
    await eventually(() => expect(getMessage(t.db(), 'me', received[0]?.clientMsgId ?? '')?.status).toBe('sent'));
    await t.close();
  });

  it('M15 a rate-limited group send backs off and is delivered once, with the same client message ID', async () => {
    const { t, refuseWith, received, stored } = await withGroups({ retry: { outbox: { minMs: 20, maxMs: 40, maxAttempts: 10 } } });
    refuseWith(new AppError('group_rate_limited'));
    t.connection.goOnline();
    const sent = t.account.messages.send({ conversationId: workConv, text: 'busy room' });
    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(2));
    refuseWith(null);
    await eventually(() => expect(getMessage(t.db(), 'me', sent.id.split(':')[1] ?? '')?.status).toBe('sent'));
    expect(new Set(received.map((r) => r.clientMsgId)).size).toBe(1);
    expect(stored.get(workConv)).toHaveLength(1);
    await t.close();
  });
});

describe('sending in a live room (AVChatRoom)', () => {
  it('fails at once offline and stores nothing', async () => {
    const { t, received } = await withGroups();
    await expect(t.account.messages.submit({ conversationId: roomConv, text: 'hello room' })).rejects.toMatchObject({ code: 'offline' });
    expect(received).toEqual([]);
    expect(outboxHeads(t.db())).toEqual([]);
    expect(t.db().prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    await t.close();
  });

  it('online goes straight to the server, is kept in the room’s ring only (seq 0), and a refusal rejects with its reason', async () => {
    const { t, received, refuseWith } = await withGroups();
    t.connection.goOnline();
    const sent = await t.account.messages.submit({ conversationId: roomConv, text: 'hello room' });
    expect(sent).toMatchObject({ conversationId: roomConv, seq: 0, status: 'sent', isOwn: true });
    // Shown like received live messages: an event for the timeline, and the room listed with it as its last message.
    expect(t.eventsOf('messages:changed').filter((e) => e.conversationId === roomConv).flatMap((e) => e.messages.map((m) => m.id))).toEqual([sent.id]);
    expect(t.account.conversations.list().find((c) => c.id === roomConv)?.lastMessage?.id).toBe(sent.id);
    expect(received).toHaveLength(1);
    expect(t.db().prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(outboxHeads(t.db())).toEqual([]);
    refuseWith(new AppError('group_muted_all'));
    await expect(t.account.messages.submit({ conversationId: roomConv, text: 'again' })).rejects.toMatchObject({ code: 'group_muted_all' });
    await t.close();
  });

  it('forwarding into a live room offline queues nothing anywhere; files are refused there', async () => {
    const { t, received } = await withGroups();
    t.connection.goOnline();
    const first = t.account.messages.send({ conversationId: workConv, text: 'to forward' });
    await eventually(() => expect(getMessage(t.db(), 'me', first.id.split(':')[1] ?? '')?.status).toBe('sent'));
    t.connection.goOffline();
    await expect(t.account.media.forward({ ids: [first.id], to: [workConv, roomConv], mode: 'oneByOne' })).rejects.toMatchObject({ code: 'offline' });
    expect(outboxHeads(t.db())).toEqual([]);
    await expect(t.account.media.sendFile({ conversationId: roomConv, stageId: 'x', kind: 'file' })).rejects.toMatchObject({ code: 'group_unsupported' });

    t.connection.goOnline();
    await t.account.media.forward({ ids: [first.id], to: [workConv, roomConv], mode: 'oneByOne' });
    // The live copy goes at once; the stored one through the outbox: their order between the two is not fixed.
    await eventually(() => expect(received.map((r) => r.groupConversationId).toSorted()).toEqual([workConv, workConv, roomConv].toSorted()));
    await t.close();
  });
});

describe('combined forwards of group messages (M7)', () => {
  it('names the group and the topic in the default title and sends the bundle into another group', async () => {
    const { t, server, received, topicConv } = await withGroups();
    const asked: Array<{ title: string }> = [];
    server.handlers['relay:create'] = (input) => {
      asked.push(input);
      return { elem: { MsgType: 'TIMRelayElem', MsgContent: { Title: input.title, MsgNum: input.messages.length, CompatibleText: '', AbstractList: [], JsonMsgKey: 'k' } } };
    };
    t.connection.goOnline();
    const a = t.account.messages.send({ conversationId: workConv, text: 'in the team' });
    const b = t.account.messages.send({ conversationId: topicConv, text: 'in the news topic' });
    await eventually(() => expect(received).toHaveLength(2));
    await eventually(() => expect(getMessage(t.db(), 'me', b.id.split(':')[1] ?? '')?.status).toBe('sent'));
    await t.account.media.forward({ ids: [a.id, b.id], to: [topicConv], mode: 'combined' });
    expect(asked.map((x) => x.title)).toEqual(['Chat history of me, Team A and News']);
    await eventually(() => expect(received).toHaveLength(3));
    expect(received[2]).toMatchObject({ groupConversationId: topicConv, body: [{ MsgType: 'TIMRelayElem' }] });
    await t.close();
  });
});

describe('messages:receiptMembers (M6)', () => {
  it('pages who read an own receipt message from the server; offline and messages that are not own receipt messages are refused', async () => {
    const { t, server } = await withGroups();
    const asked: unknown[] = [];
    server.handlers['group:receiptMembers'] = (input) => {
      asked.push(input);
      return input.which === 'read' ? { userIds: ['bob'], cursor: 'c1' } : { userIds: ['carol'], cursor: null };
    };
    t.connection.goOnline();
    const receipt = t.account.messages.send({ conversationId: workConv, text: 'read this', needReceipt: true });
    const plain = t.account.messages.send({ conversationId: workConv, text: 'no receipt' });
    const direct = t.account.messages.send({ conversationId: 'c2c_bob', text: 'hi bob' });
    await eventually(() => expect(getMessage(t.db(), 'me', plain.id.split(':')[1] ?? '')?.status).toBe('sent'));
    await eventually(() => expect(getMessage(t.db(), 'me', direct.id.split(':')[1] ?? '')?.status).toBe('sent'));

    await expect(t.account.messages.receiptMembers({ id: receipt.id, which: 'read', cursor: null })).resolves.toEqual({ userIds: ['bob'], cursor: 'c1' });
    await expect(t.account.messages.receiptMembers({ id: receipt.id, which: 'unread', cursor: 'c1' })).resolves.toEqual({ userIds: ['carol'], cursor: null });
    expect(asked).toEqual([
      { conversationId: workConv, messageId: receipt.id, which: 'read', cursor: null },
      { conversationId: workConv, messageId: receipt.id, which: 'unread', cursor: 'c1' },
    ]);
    for (const id of [plain.id, direct.id, 'bob:nosuchmessage1']) {
      await expect(t.account.messages.receiptMembers({ id, which: 'read', cursor: null })).rejects.toMatchObject({ code: 'not_found' });
    }
    t.connection.goOffline();
    await expect(t.account.messages.receiptMembers({ id: receipt.id, which: 'read', cursor: null })).rejects.toMatchObject({ code: 'offline' });
    expect(asked).toHaveLength(2);
    await t.close();
  });
});

describe('changes in group conversations (M5, M10, M12, M13, M14, M16)', () => {
  it('recall, edit, react, delete for me, report, settings and clear go to the server under the group conversation ID', async () => {
    const { t, server, stored } = await withGroups();
    const find = (conversationId: string, id: string) => {
      const message = stored.get(conversationId)?.find((m) => `${m.from}:${m.clientMsgId}` === id);
      if (!message) throw new AppError('message_not_found');
      return message;
    };
    let modSeq = 0;
    const changed = (message: ServerMessage) => ({ message: { ...message, modSeq: ++modSeq } });
    const h = server.handlers;
    h['message:edit'] = (input) => changed(Object.assign(find(input.conversationId, input.messageId), { body: input.body, editedAt: 5 }));
    h['message:react'] = (input) =>
      changed(Object.assign(find(input.conversationId, input.messageId), { reactions: input.add ? [{ emoji: input.emoji, userIds: ['me'] }] : [] }));
    h['message:recall'] = (input) => changed(Object.assign(find(input.conversationId, input.messageId), { recalled: true, body: [] }));
    h['message:deleteForMe'] = () => ({ modSeq });
    h['message:report'] = () => ({ reportId: 'r1' });
    h['conversation:clear'] = (input) => ({ clearedSeq: stored.get(input.conversationId)?.length ?? 0 });
    let refuseSettings = true;
    const serverConversation = (pinned: boolean) => ({
      kind: 'group' as const,
      conversationId: workConv,
      groupId: WORK,
      topicId: null,
      groupType: 'Work' as const,
      mentions: [],
      left: false,
      lastSeq: stored.get(workConv)?.length ?? 0,
      lastMessage: null,
      unreadCount: 0,
      readSeq: 0,
      modSeq,
      clearedSeq: 0,
      pinned,
      recvOpt: 'AcceptNotNotify' as const,
    });
    h['conversation:setSettings'] = (input) => {
      if (refuseSettings) throw new AppError('group_not_member');
      return { conversation: serverConversation(input.pinned ?? false) };
    };
    h['sync:conversations'] = () => ({ conversations: [serverConversation(false)] });

    t.connection.goOnline();
    const [a, b, c] = ['one', 'two', 'three'].map((text) => t.account.messages.send({ conversationId: workConv, text }));
    await eventually(() => expect(stored.get(workConv)).toHaveLength(3));
    await eventually(() => expect(getMessage(t.db(), 'me', c?.id.split(':')[1] ?? '')?.status).toBe('sent'));
    t.account.messageOps.edit({ id: a?.id ?? '', text: 'one (edited)' });
    t.account.messageOps.react({ id: a?.id ?? '', emoji: '👍', add: true });
    t.account.messageOps.recall({ id: b?.id ?? '' });
    t.account.messageOps.deleteForMe({ ids: [c?.id ?? ''] });
    t.account.messageOps.report({ id: a?.id ?? '', reason: 'spam' });
    t.account.conversationOps.setSettings({ conversationId: workConv, pinned: true, recvOpt: 'AcceptNotNotify' });
    await eventually(() => expect(outboxHeads(t.db())).toEqual([]));
    const asked = t.connection.sent.filter((r) => r.name !== 'message:send' && r.name.includes(':') && 'conversationId' in (r.input as object));
    const byName = new Map(asked.map((r) => [r.name, (r.input as { conversationId: string }).conversationId]));
    for (const name of ['message:edit', 'message:react', 'message:recall', 'message:deleteForMe', 'message:report', 'conversation:setSettings']) {
      expect(byName.get(name as never), name).toBe(workConv);
    }
    const page = await t.account.messages.page({ conversationId: workConv, limit: 10 });
    expect(page.messages.map((m) => [m.id, m.recalled, m.editedAt !== null, m.reactions.length])).toEqual([
      [a?.id, false, true, 1],
      [b?.id, true, false, 0],
    ]);
    // The refused settings change was undone from the server's state of this group conversation.
    await eventually(() => expect(t.account.conversations.get(workConv)).toMatchObject({ pinned: false }));
    expect(t.eventsOf('operations:failed').at(-1)).toMatchObject({ conversationId: workConv, op: 'settings', error: { code: 'group_not_member' } });

    refuseSettings = false;
    t.account.conversationOps.setSettings({ conversationId: workConv, pinned: true });
    t.account.conversationOps.clear({ conversationId: workConv });
    await eventually(() => expect(outboxHeads(t.db())).toEqual([]));
    expect(t.account.conversations.get(workConv)).toMatchObject({ pinned: true });
    expect((await t.account.messages.page({ conversationId: workConv, limit: 10 })).messages).toEqual([]);
    await t.close();
  });
});
