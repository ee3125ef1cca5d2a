import { randomBytes } from 'node:crypto';
import type { ConnectionState } from '../../shared/domain';
import type { EventSink } from '../../shared/ipc';
import { PROTOCOL_VERSION, type Platform } from '../../shared/protocol';
import type { AccountContext } from './accountContext';
import { createConnection, type Connection, type ConnectionOptions, type ConnectionRefusal } from './connection/connection';
import type { BackoffOptions } from './connection/backoff';
import type { SocketFactory } from './connection/types';
import type { CoreLogger } from './logger';
import { createAccountMedia, type AccountMedia } from './media/accountMedia';
import type { DesktopFiles } from './media/desktopFiles';
import { CallsService } from './services/calls';
import { ContactsService } from './services/contacts';
import { ConversationOps } from './services/conversationOps';
import { ConversationService } from './services/conversations';
import { GroupsService } from './services/groups';
import { MessageOps } from './services/messageOps';
import { SearchService } from './services/search';
import { LiveSender } from './services/liveSend';
import { MessageService } from './services/messages';
import { Notifier } from './services/notifier';
import { PresenceBook } from './services/presence';
import { accountDatabasePath, accountDirectory } from './services/session/accountPaths';
import type { StoredSession } from './services/session/sessionFile';
import { TypingService } from './services/typing';
import { openStore } from './store/openStore';
import type { OutboxRetryOptions } from './sync/outboxPolicy';
import { GroupSync } from './sync/groupSync';
import { LiveRooms } from './sync/liveRooms';
import { OutboxSender } from './sync/outboxSender';
import { SyncEngine } from './sync/syncEngine';
import { KeyedQueue } from './util/keyedQueue';
import { TaskTracker } from './util/taskTracker';

export interface AccountDeps {
  dataDir: string;
  platform: Platform;
  logger: CoreLogger;
  now: () => number;
  connect?: SocketFactory;
  ackTimeoutMs: number;
  typingShowMs: number;
  emit: EventSink;
  /** The server refused this session for good (expired or revoked UserSig, kicked): sign out. */
  onRefused: (refusal: ConnectionRefusal) => void;
  /** Every (re)connect: the server may have changed its settings meanwhile. */
  onConnected?: () => void;
  /** P1: my own nickname changed (on this device or another): the session follows. */
  onOwnNickname?: (nickname: string) => void;
  /** Test seam: unit tests drive the account through an in-memory connection. */
  createConnection?: (options: ConnectionOptions) => Connection;
  /** Test seam: shorter retry back-off than the defaults. */
  retry?: { catchUp?: BackoffOptions; outbox?: OutboxRetryOptions };
  /** HTTP for uploads, downloads and the relay signing keys (default: globalThis.fetch). */
  fetch?: typeof fetch;
  /** The host's "open with" / "show in folder" (Electron); null in the web host. */
  desktop?: DesktopFiles | null;
}

/** Everything that lives while one person is signed in: their store, connection, sync engine and services. */
export interface Account {
  readonly session: StoredSession;
  readonly conversations: ConversationService;
  readonly messages: MessageService;
  /** Recall, edit, react, delete for me, report (through the outbox). */
  readonly messageOps: MessageOps;
  /** Settings, drafts, mark all read, clear, delete. */
  readonly conversationOps: ConversationOps;
  readonly search: SearchService;
  readonly typing: TypingService;
  readonly media: AccountMedia;
  /** Profiles, friends, requests, lists, blocklist, custom status, devices (issue 4). */
  readonly contacts: ContactsService;
  /** Groups and communities I am in, their members, topics, permission groups, applications (issue 5). */
  readonly groups: GroupsService;
  /** Audio/video call signalling, the calls concerning me, the call joined on this device (issue 6). */
  readonly calls: CallsService;
  connectionState(): ConnectionState;
  /** Connects in the background; the store is usable before and without it. */
  start(): void;
  /** Disconnects, lets work in flight settle, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

/** Opens the account's store (no network) and wires its parts together. Throws if the store cannot be opened. */
export function openAccount(session: StoredSession, deps: AccountDeps): Account {
  const logger = deps.logger;
  const db = openStore(accountDatabasePath(deps.dataDir, session.sdkAppId, session.userId));
  // A5: names this running client to the server across its reconnects (a new one per sign-in or start).
  const instanceId = randomBytes(12).toString('base64url');
  const connection = (deps.createConnection ?? createConnection)({
    url: session.serverUrl,
    auth: () => ({
      protocolVersion: PROTOCOL_VERSION,
      sdkAppId: session.sdkAppId,
      userId: session.userId,
      userSig: session.userSig,
      platform: deps.platform,
      instanceId,
    }),
    logger,
    connect: deps.connect,
    ackTimeoutMs: deps.ackTimeoutMs,
  });
  const presence = new PresenceBook(connection);
  const liveRooms = new LiveRooms();
  const ctx: AccountContext = {
    me: session.userId,
    db,
    connection,
    presence,
    notify: new Notifier(db, session.userId, presence, deps.emit, liveRooms),
    tasks: new TaskTracker(),
    conversationQueue: new KeyedQueue(),
    liveRooms,
    now: deps.now,
    logger,
  };
  const typing = new TypingService(ctx, deps.typingShowMs);
  const outbox = new OutboxSender(ctx, (batch) => sync.publish(batch), deps.retry?.outbox);
  const sync: SyncEngine = new SyncEngine(ctx, outbox, typing, { catchUpRetry: deps.retry?.catchUp });
  const conversations = new ConversationService(ctx);
  const live = new LiveSender(ctx);
  const messages = new MessageService(ctx, outbox, sync, live);
  const messageOps = new MessageOps(ctx, outbox);
  const conversationOps = new ConversationOps(ctx, outbox, conversations);
  const search = new SearchService(ctx);
  const media = createAccountMedia(ctx, {
    accountDir: accountDirectory(deps.dataDir, session.sdkAppId, session.userId),
    session,
    fetch: deps.fetch ?? globalThis.fetch,
    emit: deps.emit,
    kickOutbox: () => outbox.kick(),
    sendLive: (target, body) => live.send(target, { body }),
    desktop: deps.desktop ?? null,
    indexRelayText: (id, texts) => search.indexRelayText(id, texts),
  });
  outbox.setBodyPreparer((send, signal) => media.prepareSend(send, signal));
  const contacts = new ContactsService(ctx, deps.emit, media, (nickname) => {
    if (!stopping) deps.onOwnNickname?.(nickname);
  });
  const groupSync = new GroupSync(ctx, deps.emit);
  const groups = new GroupsService(ctx, groupSync, media);
  const calls = new CallsService(ctx, deps.emit, instanceId);

  let stopping: Promise<void> | null = null;
  connection.on('state', (state) => {
    if (!stopping) deps.emit('connection:changed', state);
  });
  connection.on('refused', (refusal) => {
    if (!stopping) deps.onRefused(refusal);
  });
  connection.on('connected', () => {
    if (!stopping) deps.onConnected?.();
  });

  return {
    session,
    conversations,
    messages,
    messageOps,
    conversationOps,
    search,
    typing,
    media,
    contacts,
    groups,
    calls,
    connectionState: () => connection.state,
    start() {
      media.start();
      sync.start();
      contacts.start();
      groupSync.start();
      calls.start();
      connection.open();
    },
    stop() {
      stopping ??= (async () => {
        ctx.tasks.abort();
        sync.stop();
        contacts.stop();
        groupSync.stop();
        calls.stop();
        typing.stop();
        connection.close();
        await ctx.tasks.settled();
        await ctx.conversationQueue.idle();
        db.close();
      })();
      return stopping;
    },
  };
}
