import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChatApi } from '../testing/fakeChatApi';
import { chatMessage, conversation } from '../testing/fixtures';
import { connectBridgeEvents } from './bridgeEvents';
import { createChatStore, type ChatStore } from './store';

let api: FakeChatApi;
let store: ChatStore;

function makeStore() {
  return createChatStore(api, { preferences: { load: () => ({}), save: () => undefined }, systemLanguage: 'en' });
}

async function openBob() {
  store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 2, lastMessage: chatMessage('m5', 5) })], removed: [] });
  store.getState().conversationSelected('c2c_bob');
  await vi.waitFor(() => expect(store.getState().timelines.c2c_bob?.status).toBe('ready'));
}

const ids = () => store.getState().timelines.c2c_bob?.messages.map((m) => m.id);

beforeEach(async () => {
  api = new FakeChatApi().ok('messages:page', { messages: [chatMessage('m3', 3), chatMessage('m4', 4), chatMessage('m5', 5)], hasMore: true });
  store = makeStore();
  await openBob();
});

describe('message actions', () => {
  it('M14 a reply carries the quoted message ID and ends the reply mode once sent', async () => {
    const quoted = chatMessage('m4', 4);
    api.respond('messages:send', (input) => ({ ok: true, value: chatMessage('m6', null, { replyTo: { messageId: input.replyToId ?? '', from: 'alice', seq: 4, preview: 'x' } }) }));
    store.getState().replyStarted(quoted);
    expect(store.getState().composerModes.c2c_bob).toEqual({ kind: 'reply', message: quoted });
    await store.getState().messageSubmitted('c2c_bob', 'answer', quoted.id);
    expect(api.callsTo('messages:send')).toEqual([{ conversationId: 'c2c_bob', text: 'answer', replyToId: 'm4' }]);
  });

  it('M14 an edit goes to the core, updates the message in place and leaves edit mode', async () => {
    api.ok('messages:edit', chatMessage('m4', 4, { body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'fixed' } }], editedAt: 1 }));
    store.getState().editStarted(chatMessage('m4', 4));
    expect(await store.getState().editSubmitted('c2c_bob', 'fixed')).toBe(true);
    expect(api.callsTo('messages:edit')).toEqual([{ id: 'm4', text: 'fixed' }]);
    expect(store.getState().timelines.c2c_bob?.messages[1]?.editedAt).toBe(1);
    expect(store.getState().composerModes.c2c_bob).toBeUndefined();
  });

  it('M5 a refused recall is said by code and changes nothing', async () => {
    api.respond('messages:recall', () => ({ ok: false, error: { code: 'recall_window_passed', message: 'late' } }));
    await store.getState().recallRequested(chatMessage('m4', 4));
    expect(store.getState().actionError?.code).toBe('recall_window_passed');
    expect(store.getState().timelines.c2c_bob?.messages[1]?.recalled).toBe(false);
  });

  it('M5 re-edit puts the recalled text into the composer, once per request', () => {
    const recalled = chatMessage('m4', 4, { recalled: true, body: [], recalledText: 'typo' });
    store.getState().reEditRequested(recalled);
    const first = store.getState().composerFills.c2c_bob;
    store.getState().reEditRequested(recalled);
    expect(store.getState().composerFills.c2c_bob?.text).toBe('typo');
    expect(store.getState().composerFills.c2c_bob?.nonce).not.toBe(first?.nonce);
  });

  it('M13 a reaction toggles: added when not mine, removed when mine', async () => {
    api.respond('messages:react', () => ({ ok: true, value: chatMessage('m4', 4) }));
    await store.getState().reactionToggled(chatMessage('m4', 4), '👍');
    await store.getState().reactionToggled(chatMessage('m4', 4, { reactions: [{ emoji: '👍', userIds: ['alice'], mine: true }] }), '👍');
    expect(api.callsTo('messages:react')).toEqual([
      { id: 'm4', emoji: '👍', add: true },
      { id: 'm4', emoji: '👍', add: false },
    ]);
  });

  it('M7 selection keeps timeline order and a combined forward sends it, then leaves select mode', async () => {
    api.ok('messages:forward', {});
    store.getState().selectionStarted(chatMessage('m5', 5));
    store.getState().selectionToggled('m3');
    store.getState().selectionToggled('m4');
    store.getState().selectionToggled('m4');
    store.getState().selectionToggled('m4');
    expect(store.getState().selection?.ids).toEqual(['m3', 'm4', 'm5']);
    store.getState().forwardRequested('c2c_bob', store.getState().selection?.ids ?? []);
    expect(await store.getState().forwardSubmitted({ to: ['c2c_carol'], mode: 'combined', title: 'Notes' })).toBe(true);
    expect(api.callsTo('messages:forward')).toEqual([{ ids: ['m3', 'm4', 'm5'], to: ['c2c_carol'], mode: 'combined', title: 'Notes' }]);
    expect(store.getState().selection).toBeNull();
    expect(store.getState().actionNotice?.kind).toBe('forwarded');
  });

  it('M10 delete for me waits for confirmation, then removes the messages', async () => {
    api.ok('messages:deleteForMe', {});
    store.getState().deleteRequested('c2c_bob', ['m3']);
    expect(api.callsTo('messages:deleteForMe')).toEqual([]);
    await store.getState().deleteConfirmed();
    expect(api.callsTo('messages:deleteForMe')).toEqual([{ ids: ['m3'] }]);
    expect(ids()).toEqual(['m4', 'm5']);
  });

  it('M16 a report sends reason and trimmed note; an empty note is left out', async () => {
    api.ok('messages:report', {});
    store.getState().reportRequested(chatMessage('m4', 4));
    await store.getState().reportSubmitted('spam', '  ');
    expect(api.callsTo('messages:report')).toEqual([{ id: 'm4', reason: 'spam' }]);
    expect(store.getState().reporting).toBeNull();
  });
});

describe('removed messages and jumps', () => {
  it('M10 messages:removed drops the named messages and everything up to a cleared seq', () => {
    connectBridgeEvents(api, store);
    api.emit('messages:removed', { conversationId: 'c2c_bob', ids: ['m5'], clearedUpToSeq: null });
    expect(ids()).toEqual(['m3', 'm4']);
    api.emit('messages:removed', { conversationId: 'c2c_bob', ids: [], clearedUpToSeq: 3 });
    expect(ids()).toEqual(['m4']);
  });

  it('M11/M14 jumping to a loaded message only highlights it', async () => {
    expect(await store.getState().jumpToMessageRequested('c2c_bob', 'm4')).toBe(true);
    expect(api.callsTo('messages:around')).toEqual([]);
    expect(store.getState().timelines.c2c_bob?.highlight?.id).toBe('m4');
  });

  it('M11/M14 jumping to an unloaded message replaces the window with the page around it; live messages wait for the newer pages', async () => {
    api.ok('messages:around', { messages: [chatMessage('m1', 1), chatMessage('m2', 2)], hasMoreBefore: false, hasMoreAfter: true });
    expect(await store.getState().jumpToMessageRequested('c2c_bob', 'm1')).toBe(true);
    const timeline = store.getState().timelines.c2c_bob;
    expect(ids()).toEqual(['m1', 'm2']);
    expect(timeline?.hasMoreAfter).toBe(true);
    expect(timeline?.highlight?.id).toBe('m1');
    store.getState().messagesChanged({ conversationId: 'c2c_bob', messages: [chatMessage('m9', 9)] });
    expect(ids()).toEqual(['m1', 'm2']);
    api.ok('messages:page', { messages: [chatMessage('m3', 3)], hasMore: false });
    await store.getState().newerMessagesRequested('c2c_bob');
    expect(api.callsTo('messages:page').at(-1)).toEqual({ conversationId: 'c2c_bob', afterId: 'm2', limit: 50 });
    expect(ids()).toEqual(['m1', 'm2', 'm3']);
    expect(store.getState().timelines.c2c_bob?.hasMoreAfter).toBe(false);
  });

  it('a jump to a message the core cannot find reports false and keeps the list', async () => {
    api.ok('messages:around', { messages: [], hasMoreBefore: false, hasMoreAfter: false });
    expect(await store.getState().jumpToMessageRequested('c2c_bob', 'gone')).toBe(false);
    expect(ids()).toEqual(['m3', 'm4', 'm5']);
  });
});

describe('conversation settings', () => {
  it('M12 pinned conversations sort first whatever their activity', () => {
    store.getState().conversationsChanged({
      conversations: [conversation('carol', { lastActivityAt: 2_000_000_000_000 }), conversation('dave', { lastActivityAt: 1, pinned: true })],
      removed: [],
    });
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c2c_dave', 'c2c_carol', 'c2c_bob']);
  });

  it('M12 pin and mute toggle through conversations:setSettings', async () => {
    api.respond('conversations:setSettings', (input) => ({ ok: true, value: conversation('bob', { pinned: input.pinned ?? false, recvOpt: input.recvOpt ?? 'AcceptAndNotify' }) }));
    await store.getState().pinToggled('c2c_bob');
    await store.getState().muteToggled('c2c_bob');
    expect(api.callsTo('conversations:setSettings')).toEqual([
      { conversationId: 'c2c_bob', pinned: true },
      { conversationId: 'c2c_bob', recvOpt: 'AcceptNotNotify' },
    ]);
    expect(store.getState().conversations[0]?.recvOpt).toBe('AcceptNotNotify');
  });

  it('M12 mark read covers the newest message; mark all read asks once and only when something is unread', async () => {
    api.ok('conversations:markRead', {}).ok('conversations:markAllRead', {});
    await store.getState().conversationMarkedRead('c2c_bob');
    expect(api.callsTo('conversations:markRead')).toEqual([{ conversationId: 'c2c_bob', upToSeq: 5 }]);
    await store.getState().allMarkedRead();
    expect(api.callsTo('conversations:markAllRead')).toHaveLength(1);
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 0 })], removed: [] });
    await store.getState().allMarkedRead();
    expect(api.callsTo('conversations:markAllRead')).toHaveLength(1);
  });

  it('M12 a draft shows in the list at once and is kept by the core; the same text is not sent twice', async () => {
    api.ok('conversations:setDraft', {});
    await store.getState().draftChanged('c2c_bob', 'half a thought');
    await store.getState().draftChanged('c2c_bob', 'half a thought');
    expect(store.getState().conversations[0]?.draft).toBe('half a thought');
    expect(api.callsTo('conversations:setDraft')).toEqual([{ conversationId: 'c2c_bob', text: 'half a thought' }]);
  });

  it('M10 deleting a conversation removes it and closes it', async () => {
    api.ok('conversations:delete', {});
    await store.getState().conversationDeleted('c2c_bob');
    expect(store.getState().conversations).toEqual([]);
    expect(store.getState().activeConversationId).toBeNull();
  });

  it('Alt+Up/Down moves between conversations and stops at the ends', () => {
    store.getState().conversationsChanged({ conversations: [conversation('carol', { lastActivityAt: 0 })], removed: [] });
    store.getState().adjacentConversationSelected(1);
    expect(store.getState().activeConversationId).toBe('c2c_carol');
    store.getState().adjacentConversationSelected(1);
    expect(store.getState().activeConversationId).toBe('c2c_carol');
    store.getState().adjacentConversationSelected(-1);
    expect(store.getState().activeConversationId).toBe('c2c_bob');
  });
});
