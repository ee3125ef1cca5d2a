import { type Server as HttpServer, type RequestListener, createServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { type Clock, systemClock } from './clock';
import { accountHandlers } from './features/accounts/accounts.handlers';
import { AccountsService } from './features/accounts/accounts.service';
import { type ScryptParams } from './features/accounts/password';
import { type AuthLimits, AuthService, DEFAULT_AUTH_LIMITS } from './features/auth/auth.service';
import { deviceHandlers } from './features/devices/devices.handlers';
import { DevicesService } from './features/devices/devices.service';
import { type MultiDevicePolicy } from './features/devices/multiDevicePolicy';
import { createMediaFeature, listeningBaseUrl } from './features/media';
import { callHandlers, deviceIdOf } from './features/calls/calls.handlers';
import { callRecordWriter } from './features/calls/callRecords';
import { CallsService, type CallSettings, DEFAULT_CALL_SETTINGS } from './features/calls/calls.service';
import { socketCallSockets } from './features/calls/callSockets';
import { relayHandlers } from './features/relay/relay.handlers';
import { RelayService } from './features/relay/relay.service';
import { conversationHandlers } from './features/conversations/conversations.handlers';
import { HistoryService } from './features/history/history.service';
import { ConversationsService } from './features/conversations/conversations.service';
import { messageHandlers } from './features/messages/messages.handlers';
import { MessagesService } from './features/messages/messages.service';
import { conversationAudience, friendAudience, unionAudience } from './features/presence/audience';
import { presenceHandlers } from './features/presence/presence.handlers';
import { reportHandlers } from './features/reports/reports.handlers';
import { ReportsService } from './features/reports/reports.service';
import { PresenceService } from './features/presence/presence.service';
import { typingHandlers } from './features/typing/typing.handlers';
import { blocklistHandlers } from './features/blocklist/blocklist.handlers';
import { BlocklistService } from './features/blocklist/blocklist.service';
import { friendHandlers } from './features/friends/friends.handlers';
import { type GroupsFeature, createGroupsFeature } from './features/groups';
import { type GroupMessagesFeature, createGroupMessagesFeature } from './features/groupMessages';
import { groupReadsHandlers } from './features/groupReads/groupReads.handlers';
import { GroupReadsService } from './features/groupReads/groupReads.service';
import { groupChangesOf } from './features/groupMessages/observedGroups';
import { socketGroupDelivery } from './gateway/groupDelivery';
import { groupHandlers } from './features/groups/groups.handlers';
import { DEFAULT_GROUP_SETTINGS, type GroupSettings } from './features/groups/groupSettings';
import { FriendsService } from './features/friends/friends.service';
import { SendPermission } from './features/friends/sendPermission';
import { CustomFields, type CustomFieldSetting } from './features/profiles/customFields';
import { profileHandlers } from './features/profiles/profiles.handlers';
import { ProfilesService } from './features/profiles/profiles.service';
import { relationCommands } from './rest/v4/relations';
import { groupCommands } from './rest/v4/groups';
import { groupMessageCommands } from './rest/v4/groupMessages';
import { type C2cPermission, type GroupType } from '../../shared/domain';
import { TypingService } from './features/typing/typing.service';
import { useHandshakeAuth } from './gateway/authMiddleware';
import { handleConnections } from './gateway/connection';
import { type Delivery, socketDelivery } from './gateway/delivery';
import { type RequestLimits } from './gateway/requestBudget';
import { SessionExpiry } from './gateway/sessionExpiry';
import { type AppServer, type AppSocket } from './gateway/types';
import { WriteCoalescer } from './gateway/writeCoalescer';
import { loadOrCreateRelaySigningKey } from './identity';
import { type Logger } from './logger';
import { createRequestHandler } from './rest/router';
import { accountCommands } from './rest/v4/account';
import { historyCommands } from './rest/v4/history';
import { openimCommands } from './rest/v4/openim';
import { withdrawCommands } from './rest/v4/msgWithdraw';
import { messageCommands } from './rest/v4/openimMessages';
import { reportCommands } from './rest/v4/reports';
import { roamCommands } from './rest/v4/roamMsg';
import { setMsgReadCommands } from './rest/v4/setMsgRead';
import { type Store } from './store/types';

export interface AppSettings {
  sdkAppId: number;
  secretKey: string;
  /** App admin UserIDs; they exist as accounts from the start. */
  admins: readonly string[];
  /** A1: self-registration open. */
  registration: boolean;
  /** Lifetime of UserSigs minted at password login. */
  userSigTtlSeconds: number;
  /** Holds uploads (`uploads/`), blobs (`blobs/`) and the relay signing key (M2, M7). */
  dataDir: string;
  /** Base URL clients reach the server at (file URLs in messages); the listening address when null. */
  publicUrl?: string | null;
  /** M5: how long a sender may recall a message; 120 s by default. */
  recallWindowSeconds?: number;
  /** A5: the multi-device policy; the seed's default (dual, one per platform, one Web) unless given. */
  multiDevice?: MultiDevicePolicy;
  /** Issue 4: one-to-one sends between any two users (default) or between friends only (seed table). */
  c2cPermission?: C2cPermission;
  /** P2: the custom profile fields this server offers, with read/write permission. */
  profileFields?: readonly CustomFieldSetting[];
  /** R4: the custom friend fields (Tag_SNS_Custom_*). */
  friendFields?: readonly CustomFieldSetting[];
  /** Issue 5 (G3, G6): group quotas and custom group / member fields; DEFAULT_GROUP_SETTINGS unless given. */
  groups?: GroupSettings;
  /** M15: messages per second a group accepts at Normal priority (40 unless given). */
  groupMessagesPerSecond?: number;
  /** G5 `--group-tips`: mute-all and ApplyJoinOption changes as tips too (seed: off by default). */
  groupTips?: boolean;
  /** `--group-history-before-join`: these types' members read what came before they joined. */
  groupHistoryBeforeJoin?: readonly GroupType[];
  /** Issue 6: ring time, reconnect grace and ICE servers for calls; DEFAULT_CALL_SETTINGS for what is left out. */
  calls?: Partial<CallSettings>;
}

export interface AppDeps {
  settings: AppSettings;
  store: Store;
  logger: Logger;
  clock?: Clock;
  /** Login, registration and handshake limits; whatever is left out takes its value from DEFAULT_AUTH_LIMITS. */
  authLimits?: Partial<AuthLimits>;
  /** Password hashing cost; defaults to scrypt N = 2^15, r = 8, p = 1. */
  scrypt?: ScryptParams;
  /** Per-connection request budgets; DEFAULT_REQUEST_LIMITS by default. */
  requestLimits?: RequestLimits;
  /** A4: socket.io heartbeats; {@link DEFAULT_HEARTBEAT} unless given (tests use short ones). */
  heartbeat?: Heartbeat;
}

export interface Services {
  auth: AuthService;
  accounts: AccountsService;
  messages: MessagesService;
  conversations: ConversationsService;
  reports: ReportsService;
  presence: PresenceService;
  /** A5: connected devices and the multi-device policy. */
  devices: DevicesService;
  typing: TypingService;
  delivery: Delivery;
  profiles: ProfilesService;
  friends: FriendsService;
  blocklist: BlocklistService;
  /** Issue 5: groups, members, communities (REST calls them with an explicit actor identity). */
  groups: GroupsFeature;
  /** ADR 0004: group and topic messages. */
  groupMessages: GroupMessagesFeature;
  /** Issue 6: audio/video calls (C1–C5). */
  calls: CallsService;
}

export interface App {
  /** HTTP (REST, /api/v1, /healthz) and socket.io share this server; the caller listens. */
  readonly httpServer: HttpServer;
  readonly io: AppServer;
  readonly services: Services;
  /** Disconnects every socket, stops the HTTP server and waits for queued sends to commit. The store stays open. */
  close(): Promise<void>;
}

/** socket.io heartbeats: the server pings every `pingIntervalMs` and drops a link whose pong is `pingTimeoutMs` late. */
export interface Heartbeat {
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

/** A4: a dead link is noticed within pingInterval + pingTimeout = 40 s (the seed: within 60 s). */
export const DEFAULT_HEARTBEAT: Heartbeat = { pingIntervalMs: 20_000, pingTimeoutMs: 20_000 };

/**
 * Builds the whole server (HTTP + socket.io + REST) around a store, without
 * listening: main.ts listens for real, tests listen on port 0.
 */
export async function createApp(deps: AppDeps): Promise<App> {
  const { settings, store, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const authLimits: AuthLimits = { ...DEFAULT_AUTH_LIMITS, ...deps.authLimits };
  // The request listener must exist before socket.io attaches: engine.io wraps the
  // listeners present at that moment and passes them only non-socket.io requests.
  let handleRequest: RequestListener = (_request, response) => {
    response.writeHead(503).end();
  };
  const httpServer = createServer((request, response) => handleRequest(request, response));
  const io: AppServer = new SocketServer(httpServer, {
    serveClient: false,
    pingInterval: (deps.heartbeat ?? DEFAULT_HEARTBEAT).pingIntervalMs,
    pingTimeout: (deps.heartbeat ?? DEFAULT_HEARTBEAT).pingTimeoutMs,
    maxHttpBufferSize: 1024 * 1024,
  });

  const coalescer = new WriteCoalescer(logger);
  const delivery = socketDelivery(io, coalescer);
  // A4: the audience is conversation partners until friends exist.
  // A4: friends hear each other's presence by default; conversation partners (friends or not) keep hearing it too.
  const presence = new PresenceService({
    audience: unionAudience(friendAudience(store.relations), conversationAudience(store.conversations)),
    repository: store.presence,
    delivery,
    logger,
    clock,
  });
  const devices = new DevicesService({ clock, logger, policy: settings.multiDevice });
  const auth = new AuthService({
    store,
    delivery,
    clock,
    sdkAppId: settings.sdkAppId,
    secretKey: settings.secretKey,
    userSigTtlSeconds: settings.userSigTtlSeconds,
    admins: settings.admins,
    limits: authLimits,
    scrypt: deps.scrypt,
  });
  // ADR 0004: group writes are observed on the store itself before anything holds its groups repository.
  groupChangesOf(store);
  const groups = createGroupsFeature({ store, delivery, clock, settings: settings.groups ?? DEFAULT_GROUP_SETTINGS });
  const accounts = new AccountsService({
    store,
    auth,
    clock,
    registrationOpen: settings.registration,
    admins: settings.admins,
    scrypt: deps.scrypt,
    logger,
    registerLimit: authLimits.register,
    forgetInGroups: (userId) => groups.members.forgetAccount(userId),
  });
  // M2: uploads, blobs and downloads (server-media).
  const media = createMediaFeature({
    dataDir: settings.dataDir,
    repository: store.media,
    auth,
    clock,
    logger,
    publicBaseUrl: () => settings.publicUrl ?? listeningBaseUrl(httpServer.address()),
  });
  // M7: signed combined-forward bundles (server-media).
  const relay = new RelayService({ store, clock, signingKey: loadOrCreateRelaySigningKey(settings.dataDir) });
  // Issue 4: profiles, the relationship chain and the one-to-one send permission (server-relationships).
  const profiles = new ProfilesService({ store, delivery, customFields: new CustomFields(settings.profileFields ?? []) });
  const friends = new FriendsService({
    store,
    delivery,
    clock,
    profiles,
    friendFields: new CustomFields(settings.friendFields ?? []),
    // A4: a new friend's presence is shown at once (their first-connect announcement has passed).
    onFriendAdded: (owner, friend) => presence.show(owner, friend),
  });
  const blocklist = new BlocklistService({ store, delivery, clock, profiles, friends });
  const sendPermission = new SendPermission({ store, mode: settings.c2cPermission ?? 'any', admins: settings.admins });
  const messages = new MessagesService({
    permission: sendPermission,
    store,
    delivery,
    clock,
    logger,
    onConversationShared: (a, b) => presence.introduce(a, b),
    recallWindowSeconds: settings.recallWindowSeconds,
    media: media.references,
  });
  const groupMessages = createGroupMessagesFeature({
    store,
    rooms: socketGroupDelivery(io, coalescer),
    messages,
    media: media.references,
    clock,
    logger,
    settings: settings.groups ?? DEFAULT_GROUP_SETTINGS,
    delivery,
    messagesPerSecond: settings.groupMessagesPerSecond,
    systemSender: settings.admins[0] ?? 'administrator',
    optionalTips: settings.groupTips,
    historyBeforeJoin: settings.groupHistoryBeforeJoin,
    createTopic: (userId, groupId, input) => groups.communities.createTopic({ userId }, groupId, input),
  });
  // G5: the groups services report their changes as tips from here on.
  groups.setTips((tip) => groupMessages.service.recordTip(tip));
  const reports = new ReportsService({ store, clock });
  const conversations = new ConversationsService({ store, delivery, groupConversations: (userId) => groupMessages.service.conversations(userId) });
  const groupReads = new GroupReadsService({
    store,
    delivery,
    groupMessages: groupMessages.service,
    setReceiveOption: (userId, groupId, msgFlag) => groups.members.setReceiveOption(userId, groupId, msgFlag),
  });
  // Issue 6: calls; their records go through the ordinary send paths.
  const calls = new CallsService({
    repository: store.calls,
    store,
    permission: sendPermission,
    delivery,
    sockets: socketCallSockets(io),
    writeRecord: callRecordWriter({ messages, groupMessages: groupMessages.service }),
    settings: { ...DEFAULT_CALL_SETTINGS, ...settings.calls },
    clock,
    logger,
  });
  const typing = new TypingService({ accounts: store.accounts, conversations: store.conversations, presence, delivery });
  const services: Services = {
    auth,
    accounts,
    messages,
    conversations,
    reports,
    presence,
    devices,
    typing,
    delivery,
    profiles,
    friends,
    blocklist,
    groups,
    groupMessages,
    calls,
  };

  await accounts.ensureAdmins();
  // Calls a previous run left open are over: ended with their records before anyone connects.
  await calls.recover();

  useHandshakeAuth(io, auth, logger, devices);
  const expiry = new SessionExpiry(clock, logger);
  expiry.start();
  handleConnections(io, {
    presence,
    devices,
    coalescer,
    log: logger,
    limits: deps.requestLimits,
    clock,
    expiry,
    joinRooms: (socket) => groupMessages.joinRooms(socket),
    sessionEnded: async ({ userId, issuedAt }) => {
      const ended = await auth.sessionEnded(userId, issuedAt);
      if (ended === 'account_not_found') return 'account_deleted';
      return ended;
    },
    handlers: [
      ...messageHandlers(messages, groupMessages.service, groupReads),
      ...conversationHandlers(conversations, groupReads),
      ...groupReadsHandlers(groupReads),
      ...reportHandlers(reports),
      ...typingHandlers(typing),
      ...presenceHandlers(presence),
      ...deviceHandlers(devices),
      ...accountHandlers(accounts),
      ...media.handlers,
      ...relayHandlers(relay),
      ...profileHandlers(profiles),
      ...friendHandlers(friends),
      ...blocklistHandlers(blocklist),
      ...groupHandlers(groups, groupMessages.topicActions),
      ...callHandlers(calls),
    ],
  });
  // Issue 6: a joined device keeps its place in a call while it reconnects within the grace time.
  // One shared listener (socket.io passes the socket as `this`), so an idle connection costs no closure here either.
  const onCallDeviceGone = function (this: AppSocket): void {
    calls.socketDisconnected({ userId: this.data.userId, deviceId: deviceIdOf(this) });
  };
  io.on('connection', (socket) => {
    calls.socketConnected({ userId: socket.data.userId, deviceId: deviceIdOf(socket) });
    socket.on('disconnect', onCallDeviceGone);
  });

  const history = new HistoryService({ store, clock, sdkAppId: settings.sdkAppId, signingKey: settings.secretKey });
  handleRequest = createRequestHandler({
    log: logger,
    media: media.http,
    v1: { accounts, auth, log: logger, recallWindowSeconds: messages.recallWindowSeconds, relaySigningKeys: () => relay.publicKeys() },
    v4: {
      auth,
      log: logger,
      history,
      commands: {
        ...accountCommands({ accounts, auth }),
        ...openimCommands({ accounts, presence }),
        ...messageCommands({ accounts, messages, clock }),
        ...roamCommands({ accounts, store }),
        ...setMsgReadCommands({ accounts, store, conversations, clock }),
        ...withdrawCommands({ accounts, store, messages }),
        ...historyCommands(history),
        ...reportCommands(reports),
        ...relationCommands({ profiles, friends, blocklist, store }),
        ...groupCommands({ groups, store, settings: settings.groups ?? DEFAULT_GROUP_SETTINGS, clock, sdkAppId: settings.sdkAppId }),
        ...groupMessageCommands({ service: groupMessages.service, clock }),
      },
    },
  });

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    io,
    services,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => {
          if (!httpServer.listening) resolve();
          else httpServer.once('close', () => resolve());
        });
        expiry.stop();
        media.stop();
        calls.stop();
        await io.close();
        httpServer.closeAllConnections();
        await serverClosed;
        await messages.drain();
        await groupMessages.service.drain();
        groupMessages.stop();
      })();
      return closing;
    },
  };
}
