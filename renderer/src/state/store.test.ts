import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChatApi } from '../testing/fakeChatApi';
import { chatMessage, conversation } from '../testing/fixtures';
import { connectBridgeEvents } from './bridgeEvents';
import { createChatStore, type ChatStore } from './store';
import { selectRecallWindowMs, selectSendError } from './selectors';
import { DEFAULT_RECALL_WINDOW_MS } from './slices/messageActionsSlice';
import { BACK_ONLINE_MS } from './slices/connectionSlice';
import { FIRST_ITEM_INDEX } from './slices/messagesSlice';
import { TYPING_NOTIFY_EVERY_MS } from './slices/typingSlice';
import type { Preferences } from './types';
import type { ChatMessage, ConnectionState, Conversation, Session } from '../../../shared/domain';
import type { IpcResult } from '../../../shared/ipc';

const alice = { state: 'signedIn', userId: 'alice', nickname: 'Alice', serverUrl: 'http://127.0.0.1:1', serverPolicy: { recallWindowSeconds: 120 } } as const;

/** A reply the test hands over when it chooses, to land it before or after an event. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let api: FakeChatApi;
let store: ChatStore;
let saved: Preferences | null;
let clock: number;

function makeStore(preferences: Partial<Preferences> = {}) {
  return createChatStore(api, {
    preferences: { load: () => preferences, save: (p) => (saved = p) },
    systemLanguage: 'en',
    now: () => clock,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  saved = null;
  api = new FakeChatApi()
    .ok('app:info', { version: '1.0.0', defaultServerUrl: 'http://127.0.0.1:1', host: 'web', mediaBaseUrl: 'http://127.0.0.1:1/media/', canOpenFiles: false })
    .ok('session:get', { state: 'signedOut', reason: null })
    .ok('conversations:list', [conversation('bob', { lastActivityAt: 1 }), conversation('carol', { lastActivityAt: 2 })])
    .ok('messages:page', { messages: [chatMessage('m0000003', 3), chatMessage('m0000004', 4)], hasMore: true });
  store = makeStore();
  return () => vi.useRealTimers();
});

describe('session', () => {
  it('M5 the recall window is the one the core learned from the server; a new one for the same person keeps the chat as it is', async () => {
    expect(selectRecallWindowMs(store.getState())).toBe(DEFAULT_RECALL_WINDOW_MS);
    api.ok('session:get', { ...alice, serverPolicy: { recallWindowSeconds: 5 } });
    await store.getState().appStarted();
    await vi.waitFor(() => expect(store.getState().conversationsStatus).toBe('ready'));
    expect(selectRecallWindowMs(store.getState())).toBe(5_000);
    connectBridgeEvents(api, store);
    api.emit('session:changed', { ...alice, serverPolicy: { recallWindowSeconds: 300 } });
    expect(selectRecallWindowMs(store.getState())).toBe(300_000);
    expect(store.getState().conversations).toHaveLength(2);
    expect(api.callsTo('conversations:list')).toHaveLength(1);
  });

  it('loads app info and session on start, then the conversation list once signed in', async () => {
    api.ok('session:get', alice);
    await store.getState().appStarted();
    await vi.waitFor(() => expect(store.getState().conversationsStatus).toBe('ready'));
    expect(store.getState().appInfo?.defaultServerUrl).toBe('http://127.0.0.1:1');
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c2c_carol', 'c2c_bob']);
  });

  it('applies each start-up reply as it lands; an event that lands while a snapshot is out wins over it', async () => {
    const session = deferred<IpcResult<Session>>();
    const connection = deferred<IpcResult<ConnectionState>>();
    api.respond('session:get', () => session.promise).respond('connection:get', () => connection.promise).ok('conversations:list', []);
    const started = store.getState().appStarted();
    // app:info does not wait for the slower replies.
    await vi.waitFor(() => expect(store.getState().appInfo?.version).toBe('1.0.0'));

    store.getState().connectionChanged({ status: 'online', retryInMs: null });
    connection.resolve({ ok: true, value: { status: 'connecting', retryInMs: null } });
    store.getState().sessionChanged(alice);
    session.resolve({ ok: true, value: { state: 'signedOut', reason: null } });
    await started;
    // The banner is not stuck on "connecting", and the person is not signed out by an old answer.
    expect(store.getState().connection?.status).toBe('online');
    expect(store.getState().session).toEqual(alice);
  });

  it('keeps a typed sign-in error and stays signed out', async () => {
    await store.getState().appStarted();
    api.respond('session:signIn', () => ({ ok: false, error: { code: 'invalid_credentials', message: 'Wrong UserID or password.' } }));
    await store.getState().signInSubmitted({ serverUrl: 'http://127.0.0.1:1', userId: 'alice', password: 'nope' });
    expect(store.getState().authError?.code).toBe('invalid_credentials');
    expect(store.getState().session?.state).toBe('signedOut');
    expect(store.getState().authPending).toBe(false);
  });

  it('forgets the previous account entirely when someone else signs in', async () => {
    store.getState().sessionChanged(alice);
    await vi.waitFor(() => expect(store.getState().conversations).toHaveLength(2));
    store.getState().conversationSelected('c2c_bob');
    api.ok('conversations:list', []);
    store.getState().sessionChanged({ ...alice, userId: 'mallory' });
    expect(store.getState().activeConversationId).toBeNull();
    expect(store.getState().timelines).toEqual({});
    await vi.waitFor(() => expect(store.getState().conversationsStatus).toBe('ready'));
    expect(store.getState().conversations).toEqual([]);
  });
});

describe('timeline', () => {
  beforeEach(async () => {
    store.getState().conversationSelected('c2c_bob');
    await vi.waitFor(() => expect(store.getState().timelines.c2c_bob?.status).toBe('ready'));
  });

  it('loads the newest page when a conversation is opened', () => {
    expect(api.callsTo('messages:page')).toEqual([{ conversationId: 'c2c_bob', limit: 50 }]);
    expect(store.getState().timelines.c2c_bob?.messages.map((m) => m.id)).toEqual(['m0000003', 'm0000004']);
  });

  it('prepends an older page before the oldest shown message and moves firstItemIndex by its size', async () => {
    api.ok('messages:page', { messages: [chatMessage('m0000001', 1), chatMessage('m0000002', 2)], hasMore: false });
    await store.getState().olderMessagesRequested('c2c_bob');
    const timeline = store.getState().timelines.c2c_bob;
    expect(api.callsTo('messages:page')[1]).toEqual({ conversationId: 'c2c_bob', beforeId: 'm0000003', limit: 50 });
    expect(timeline?.messages.map((m) => m.id)).toEqual(['m0000001', 'm0000002', 'm0000003', 'm0000004']);
    expect(timeline?.firstItemIndex).toBe(FIRST_ITEM_INDEX - 2);
    expect(timeline?.hasMore).toBe(false);
    await store.getState().olderMessagesRequested('c2c_bob');
    expect(api.callsTo('messages:page')).toHaveLength(2);
  });

  it('M4 asks again for older history that stalled while offline once the connection is back', async () => {
    api.ok('messages:page', { messages: [], hasMore: true });
    await store.getState().olderMessagesRequested('c2c_bob');
    expect(store.getState().timelines.c2c_bob?.olderStalled).toBe(true);
    api.ok('messages:page', { messages: [chatMessage('m0000002', 2)], hasMore: false });
    store.getState().connectionChanged({ status: 'connecting', retryInMs: null });
    expect(api.callsTo('messages:page')).toHaveLength(2);
    store.getState().connectionChanged({ status: 'online', retryInMs: null });
    await vi.waitFor(() => expect(store.getState().timelines.c2c_bob?.messages.map((m) => m.id)).toEqual(['m0000002', 'm0000003', 'm0000004']));
    expect(api.callsTo('messages:page')).toHaveLength(3);
    expect(store.getState().timelines.c2c_bob?.olderStalled).toBe(false);
  });

  it('merges live changes: a pending send becomes sent, then read, in place', async () => {
    api.respond('messages:send', ({ text }) => ({ ok: true, value: chatMessage('p0000001', null, { body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] }) }));
    expect(await store.getState().messageSubmitted('c2c_bob', 'hello')).toBe(true);
    expect(store.getState().timelines.c2c_bob?.messages.at(-1)).toMatchObject({ id: 'p0000001', status: 'pending' });
    store.getState().messagesChanged({ conversationId: 'c2c_bob', messages: [chatMessage('p0000001', 5, { readByPeer: true })] });
    const messages = store.getState().timelines.c2c_bob?.messages ?? [];
    expect(messages).toHaveLength(3);
    expect(messages.at(-1)).toMatchObject({ id: 'p0000001', seq: 5, status: 'sent', readByPeer: true });
  });

  it('reports a refused send and keeps the composer text (returns false)', async () => {
    api.respond('messages:send', () => ({ ok: false, error: { code: 'bad_request', message: 'Type a message first.' } }));
    expect(await store.getState().messageSubmitted('c2c_bob', ' ')).toBe(false);
    expect(store.getState().sendErrors.c2c_bob?.code).toBe('bad_request');
  });

  it("a refused send shows in its own conversation only, and that conversation's next send clears it", async () => {
    api.respond('messages:send', () => ({ ok: false, error: { code: 'body_too_large', message: 'Too large.' } }));
    await store.getState().messageSubmitted('c2c_bob', 'x'.repeat(20_000));
    expect(selectSendError('c2c_bob')(store.getState())?.code).toBe('body_too_large');
    expect(selectSendError('c2c_carol')(store.getState())).toBeUndefined();
    api.ok('messages:send', chatMessage('p0000002', null, { conversationId: 'c2c_carol' }));
    await store.getState().messageSubmitted('c2c_carol', 'hi');
    expect(selectSendError('c2c_bob')(store.getState())?.code).toBe('body_too_large');
    api.ok('messages:send', chatMessage('p0000003', null));
    await store.getState().messageSubmitted('c2c_bob', 'short');
    expect(selectSendError('c2c_bob')(store.getState())).toBeUndefined();
  });

  it('a page requested before an ack and a receipt answers after them without undoing them', async () => {
    const page = deferred<IpcResult<{ messages: ChatMessage[]; hasMore: boolean }>>();
    api.respond('messages:page', () => page.promise);
    store.getState().conversationSelected('c2c_carol');
    store.getState().messagesChanged({ conversationId: 'c2c_carol', messages: [chatMessage('p0000007', 7, { conversationId: 'c2c_carol', readByPeer: true })] });
    page.resolve({ ok: true, value: { messages: [chatMessage('p0000007', null, { conversationId: 'c2c_carol' })], hasMore: false } });
    await vi.waitFor(() => expect(store.getState().timelines.c2c_carol?.status).toBe('ready'));
    expect(store.getState().timelines.c2c_carol?.messages).toEqual([expect.objectContaining({ id: 'p0000007', seq: 7, status: 'sent', readByPeer: true })]);
  });

  it('ignores changes for conversations that are not loaded', () => {
    store.getState().messagesChanged({ conversationId: 'c2c_carol', messages: [chatMessage('m0000009', 9)] });
    expect(store.getState().timelines.c2c_carol).toBeUndefined();
  });
});

describe('conversations', () => {
  beforeEach(async () => {
    api.ok('conversations:markRead', {});
    await store.getState().conversationsRequested();
  });

  it('M6 marks read up to the newest message seen, once per position; the badge stays until the core counts again', async () => {
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 3, lastActivityAt: 5 })], removed: [] });
    await store.getState().messagesSeen('c2c_bob', 7);
    // Scrolling back over what was already read, or seeing it again, tells the core nothing new.
    await store.getState().messagesSeen('c2c_bob', 7);
    await store.getState().messagesSeen('c2c_bob', 5);
    expect(api.callsTo('conversations:markRead')).toEqual([{ conversationId: 'c2c_bob', upToSeq: 7 }]);
    // Messages 8 and 9 are still unread: only the core knows that count.
    expect(store.getState().conversations.find((c) => c.id === 'c2c_bob')?.unreadCount).toBe(3);
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 2, lastActivityAt: 5 })], removed: [] });
    await store.getState().messagesSeen('c2c_bob', 9);
    expect(api.callsTo('conversations:markRead')).toEqual([
      { conversationId: 'c2c_bob', upToSeq: 7 },
      { conversationId: 'c2c_bob', upToSeq: 9 },
    ]);
  });

  it('M6 sends nothing when nothing is unread', async () => {
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 0 })], removed: [] });
    await store.getState().messagesSeen('c2c_bob', 4);
    expect(api.callsTo('conversations:markRead')).toEqual([]);
  });

  it('M6 a failed mark-read is tried again at the next sighting, and never puts back an old badge', async () => {
    api.respond('conversations:markRead', () => ({ ok: false, error: { code: 'internal', message: 'x' } }));
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 2 })], removed: [] });
    const marking = store.getState().messagesSeen('c2c_bob', 3);
    // A fresher count lands while the request is out: the failure must not overwrite it.
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 5 })], removed: [] });
    await marking;
    expect(store.getState().conversations.find((c) => c.id === 'c2c_bob')?.unreadCount).toBe(5);
    api.ok('conversations:markRead', {});
    await store.getState().messagesSeen('c2c_bob', 3);
    expect(api.callsTo('conversations:markRead')).toHaveLength(2);
  });

  it('a list requested before a change answers after it without undoing it; only the newest request answers', async () => {
    const list = deferred<IpcResult<Conversation[]>>();
    api.respond('conversations:list', () => list.promise);
    const loading = store.getState().conversationsRequested();
    store.getState().conversationsChanged({ conversations: [conversation('bob', { unreadCount: 4, lastActivityAt: 9 })], removed: ['c2c_carol'] });
    list.resolve({ ok: true, value: [conversation('bob', { unreadCount: 0, lastActivityAt: 1 }), conversation('carol')] });
    await loading;
    expect(store.getState().conversations).toEqual([expect.objectContaining({ id: 'c2c_bob', unreadCount: 4 })]);

    const previousAccount = deferred<IpcResult<Conversation[]>>();
    api.respond('conversations:list', () => previousAccount.promise);
    const superseded = store.getState().conversationsRequested();
    api.ok('conversations:list', [conversation('dave')]);
    await store.getState().conversationsRequested();
    previousAccount.resolve({ ok: true, value: [conversation('mallory')] });
    await superseded;
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c2c_dave']);
  });

  it('refuses to start a chat with an unknown UserID', async () => {
    api.ok('users:lookup', null);
    const outcome = await store.getState().chatStartRequested('nobody');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'user_not_found' } });
    expect(api.callsTo('conversations:open')).toEqual([]);
  });

  it('R1 offline, a chat with someone this device has never seen opens on trust', async () => {
    api.respond('users:lookup', () => ({ ok: false, error: { code: 'offline', message: 'Not connected to the server.' } }));
    api.ok('conversations:open', conversation('erin', { lastActivityAt: 9 }));
    expect(await store.getState().chatStartRequested('erin')).toEqual({ ok: true, conversationId: 'c2c_erin' });
    expect(api.callsTo('conversations:open')).toEqual([{ peer: 'erin' }]);
    expect(store.getState().activeConversationId).toBe('c2c_erin');
  });

  it('R1 offline, when the core cannot open it either, says offline, never that nobody has the UserID', async () => {
    const offline = { ok: false, error: { code: 'offline', message: 'Not connected to the server.' } } as const;
    api.respond('users:lookup', () => offline).respond('conversations:open', () => offline);
    expect(await store.getState().chatStartRequested('erin')).toEqual({ ok: false, error: offline.error });
  });

  it('opens and selects a chat with a known UserID', async () => {
    api.ok('users:lookup', { userId: 'dave', nickname: 'Dave' }).ok('conversations:open', conversation('dave', { lastActivityAt: 9 }));
    const outcome = await store.getState().chatStartRequested('dave');
    expect(outcome).toEqual({ ok: true, conversationId: 'c2c_dave' });
    expect(store.getState().activeConversationId).toBe('c2c_dave');
    expect(store.getState().conversations[0]?.id).toBe('c2c_dave');
  });

  it('drops removed conversations and closes the one on screen', () => {
    store.getState().conversationSelected('c2c_bob');
    store.getState().conversationsChanged({ conversations: [], removed: ['c2c_bob'] });
    expect(store.getState().conversations.map((c) => c.id)).toEqual(['c2c_carol']);
    expect(store.getState().activeConversationId).toBeNull();
  });
});

describe('typing', () => {
  it('M9 shows the peer typing for as long as the core says so, however long, and only the core ends it', async () => {
    store.getState().conversationSelected('c2c_bob');
    await vi.waitFor(() => expect(store.getState().timelines.c2c_bob?.status).toBe('ready'));
    store.getState().typingChanged({ conversationId: 'c2c_bob', userId: 'bob', typing: true });
    vi.advanceTimersByTime(60_000);
    expect(store.getState().typing.c2c_bob).toBe('bob');
    // An older page with Bob's messages says nothing about whether he is typing now.
    store.getState().messagesChanged({ conversationId: 'c2c_bob', messages: [chatMessage('m0000001', 1, { isOwn: false, from: 'bob' })] });
    expect(store.getState().typing.c2c_bob).toBe('bob');
    store.getState().typingChanged({ conversationId: 'c2c_bob', userId: 'bob', typing: false });
    expect(store.getState().typing.c2c_bob).toBeUndefined();
  });

  it('tells the peer at most once per interval while the person types', () => {
    api.ok('typing:notify', {});
    store.getState().composerTyped('c2c_bob');
    store.getState().composerTyped('c2c_bob');
    clock = TYPING_NOTIFY_EVERY_MS;
    store.getState().composerTyped('c2c_bob');
    expect(api.callsTo('typing:notify')).toHaveLength(2);
    store.getState().composerSent('c2c_bob');
    store.getState().composerTyped('c2c_bob');
    expect(api.callsTo('typing:notify')).toHaveLength(3);
  });
});

describe('connection', () => {
  it('says "back online" briefly after the link failed and returned, not on a first connect', () => {
    store.getState().connectionChanged({ status: 'offline', retryInMs: null });
    store.getState().connectionChanged({ status: 'connecting', retryInMs: null });
    store.getState().connectionChanged({ status: 'online', retryInMs: null });
    expect(store.getState().backOnline).toBe(false);
    store.getState().connectionChanged({ status: 'offline', retryInMs: 4000 });
    store.getState().connectionChanged({ status: 'online', retryInMs: null });
    expect(store.getState().backOnline).toBe(true);
    vi.advanceTimersByTime(BACK_ONLINE_MS);
    expect(store.getState().backOnline).toBe(false);
  });
});

describe('bridge events and preferences', () => {
  it('routes every core event to its action', async () => {
    const detach = connectBridgeEvents(api, store);
    api.ok('conversations:list', []);
    api.emit('session:changed', alice);
    api.emit('connection:changed', { status: 'connecting', retryInMs: null });
    api.emit('typing:changed', { conversationId: 'c2c_bob', userId: 'bob', typing: true });
    api.setHostLink('lost');
    expect(store.getState().connection?.status).toBe('connecting');
    expect(store.getState().typing.c2c_bob).toBe('bob');
    expect(store.getState().session).toEqual(alice);
    expect(store.getState().hostLink).toBe('lost');
    detach();
    api.emit('connection:changed', { status: 'online', retryInMs: null });
    expect(store.getState().connection?.status).toBe('connecting');
  });

  it('remembers language and theme choices, defaulting to the system language', () => {
    expect(store.getState().language).toBe('en');
    store.getState().languageChosen('zh-CN');
    store.getState().themeChosen('dark');
    expect(saved).toEqual({ language: 'zh-CN', theme: 'dark', notifications: true, notificationPreview: true });
    expect(makeStore({ language: 'zh-CN', theme: 'light' }).getState()).toMatchObject({ language: 'zh-CN', theme: 'light' });
    expect(makeStore({ theme: 'neon' as 'light' }).getState().theme).toBe('system');
  });
});
