import type { IpcHandlers, RequestChannel } from '../../shared/ipc';
import type { callsRequestSchemas } from '../../shared/ipc/calls';
import type { contactsRequestSchemas } from '../../shared/ipc/contacts';
import type { groupsRequestSchemas } from '../../shared/ipc/groups';
import type { SessionManager } from './services/session/sessionManager';

export interface RendererApiDeps {
  sessions: SessionManager;
  appInfo: { version: string; defaultServerUrl: string | null; host: 'electron' | 'web'; mediaBaseUrl: string; canOpenFiles: boolean };
}

/** Channels the media module (electron/core/media: uploads, relay, forward, files) answers. */
type MediaChannel =
  | 'messages:sendFile'
  | 'messages:cancelUpload'
  | 'messages:forward'
  | 'relay:open'
  | 'files:stageBegin'
  | 'files:stageChunk'
  | 'files:open'
  | 'files:showInFolder';

/** Channels of contacts, profiles, presence and devices (issue 4: shared/ipc/contacts.ts). */
type ContactsChannel = keyof typeof contactsRequestSchemas;

/** Channels of group and community management (issue 5: shared/ipc/groups.ts). */
type GroupsChannel = keyof typeof groupsRequestSchemas;

/** Channels of audio/video calls (issue 6: shared/ipc/calls.ts). */
type CallsChannel = keyof typeof callsRequestSchemas;

type Handlers<C extends RequestChannel> = Pick<IpcHandlers, C>;

/**
 * The renderer ↔ core contract, one small function per channel. Inputs arrive already
 * parsed by the host (shared/ipc/dispatch.ts); errors are thrown as AppError and turned
 * into the reply envelope there. Calls needing an account fail with `unauthenticated`.
 */
export function createRendererApi(deps: RendererApiDeps): IpcHandlers {
  return { ...coreHandlers(deps), ...mediaHandlers(deps), ...contactsHandlers(deps), ...groupsHandlers(deps), ...callsHandlers(deps) };
}

function coreHandlers({ sessions, appInfo }: RendererApiDeps): Handlers<Exclude<RequestChannel, MediaChannel | ContactsChannel | GroupsChannel | CallsChannel>> {
  const account = () => sessions.requireAccount();
  return {
    'app:info': async () => ({ ...appInfo }),
    'session:get': async () => sessions.current(),
    'connection:get': async () => sessions.connectionState(),
    'session:register': (input) => sessions.register(input),
    'session:signIn': (input) => sessions.signIn(input),
    'session:signOut': () => sessions.signOut(null),
    'conversations:list': async () => account().conversations.list(),
    'conversations:open': (input) => account().conversations.open(input.peer),
    'conversations:openGroup': async (input) => account().conversations.openGroup(input.groupId, input.topicId),
    'conversations:markRead': async (input) => {
      account().conversations.markRead(input.conversationId, input.upToSeq);
      return {};
    },
    'conversations:setSettings': async (input) => account().conversationOps.setSettings(input),
    'conversations:setDraft': async (input) => {
      account().conversationOps.setDraft(input);
      return {};
    },
    'conversations:markAllRead': async () => {
      account().conversationOps.markAllRead();
      return {};
    },
    'conversations:clear': async (input) => {
      account().conversationOps.clear(input);
      return {};
    },
    'conversations:delete': async (input) => {
      account().conversationOps.delete(input);
      return {};
    },
    'messages:page': (input) => account().messages.page(input),
    'messages:around': (input) => account().messages.around(input),
    'messages:receiptMembers': (input) => account().messages.receiptMembers(input),
    'messages:send': async (input) => {
      const message = await account().messages.submit(input);
      account().typing.messageSent(input.conversationId);
      return message;
    },
    'messages:retry': async (input) => account().messages.retry(input),
    'messages:recall': async (input) => account().messageOps.recall(input),
    'messages:edit': async (input) => account().messageOps.edit(input),
    'messages:react': async (input) => account().messageOps.react(input),
    'messages:deleteForMe': async (input) => {
      account().messageOps.deleteForMe(input);
      return {};
    },
    'messages:report': async (input) => {
      account().messageOps.report(input);
      return {};
    },
    'search:messages': async (input) => account().search.search(input),
    'typing:notify': async (input) => {
      account().typing.notify(input.conversationId);
      return {};
    },
    'users:lookup': (input) => account().conversations.lookup(input.userId),
  };
}

// ── Media (owned by electron/core/media: engineer "core-media") ─────────────────────────────
// Register the media channels here; everything above belongs to the core-ops lane.
function mediaHandlers({ sessions }: RendererApiDeps): Handlers<MediaChannel> {
  const media = () => sessions.requireAccount().media;
  return {
    'messages:sendFile': (input) => media().sendFile(input),
    'messages:cancelUpload': async (input) => {
      await media().cancelUpload(input);
      return {};
    },
    'messages:forward': async (input) => {
      await media().forward(input);
      return {};
    },
    'relay:open': (input) => media().openRelay(input.key),
    'files:stageBegin': (input) => media().stageBegin(input),
    'files:stageChunk': (input) => media().stageChunk(input),
    'files:open': async (input) => {
      await media().openFile(input.uuid, input.name);
      return {};
    },
    'files:showInFolder': async (input) => {
      await media().showInFolder(input.uuid, input.name);
      return {};
    },
  };
}
// ── end of media ───────────────────────────────────────────────────────────────────────────

// ── Contacts, profiles, presence, devices (issue 4) ─────────────────────────────────────────
function contactsHandlers({ sessions }: RendererApiDeps): Handlers<ContactsChannel> {
  const contacts = () => sessions.requireAccount().contacts;
  const done = async (work: Promise<unknown> | void): Promise<Record<string, never>> => {
    await work;
    return {};
  };
  return {
    'profile:get': async () => contacts().ownProfile(),
    'profile:update': (input) => contacts().updateProfile(input),
    'profile:setAvatar': (input) => contacts().setAvatar(input.stageId),
    'profiles:card': (input) => contacts().card(input.userId),
    'users:search': (input) => contacts().search(input.query),
    'contacts:list': async () => contacts().list(),
    'friends:add': (input) => contacts().addFriend(input),
    'friends:delete': (input) => contacts().deleteFriends(input.userIds, input.mode),
    'friends:update': (input) => contacts().updateFriend(input),
    'friends:check': (input) => contacts().check(input),
    'friendRequests:list': async () => contacts().requests(),
    'friendRequests:markRead': () => done(contacts().markRequestsRead()),
    'friendRequests:accept': (input) => done(contacts().respond(input.userId, 'accept', { remark: input.remark, list: input.list })),
    'friendRequests:reject': (input) => done(contacts().respond(input.userId, 'reject')),
    'friendRequests:delete': (input) => done(contacts().deleteRequest(input.userId, input.direction)),
    'friendLists:create': (input) => contacts().createList(input.name, input.userIds),
    'friendLists:rename': (input) => contacts().renameList(input.name, input.newName),
    'friendLists:delete': (input) => done(contacts().deleteList(input.name)),
    'friendLists:addMembers': (input) => contacts().addToList(input.name, input.userIds),
    'friendLists:removeMembers': (input) => contacts().removeFromList(input.name, input.userIds),
    'blocklist:list': async () => contacts().blocklist(),
    'blocklist:add': (input) => contacts().block(input.userIds),
    'blocklist:remove': (input) => contacts().unblock(input.userIds),
    'blocklist:check': (input) => contacts().checkBlocked(input),
    'presence:getStatus': async () => ({ customStatus: contacts().customStatus() }),
    'presence:setStatus': (input) => contacts().setCustomStatus(input.customStatus),
    'devices:list': () => contacts().devices(),
    'devices:signOut': (input) => done(contacts().signOutDevice(input.instanceId)),
  };
}

// ── Groups and communities, management (issue 5) ───────────────────────────────────────────
function groupsHandlers({ sessions }: RendererApiDeps): Handlers<GroupsChannel> {
  const groups = () => sessions.requireAccount().groups;
  return {
    'groups:joined': async () => groups().joined(),
    'groups:get': (input) => groups().get(input),
    'groups:search': (input) => groups().search(input),
    'groups:create': (input) => groups().create(input),
    'groups:update': (input) => groups().update(input),
    'groups:apply': (input) => groups().applyToJoin(input),
    'groups:applications': async () => groups().applications(),
    'groups:handleApplication': (input) => groups().handleApplication(input),
    'groups:invite': (input) => groups().invite(input),
    'groups:kick': (input) => groups().kick(input),
    'groups:quit': (input) => groups().quit(input),
    'groups:members': (input) => groups().members(input),
    'groups:setMemberRole': (input) => groups().setMemberRole(input),
    'groups:muteMembers': (input) => groups().muteMembers(input),
    'groups:setMemberInfo': (input) => groups().setMemberInfo(input),
    'groups:setReceiveOption': (input) => groups().setReceiveOption(input),
    'groups:transferOwner': (input) => groups().transferOwner(input),
    'groups:disband': (input) => groups().disband(input),
    'groups:setAvatar': (input) => groups().setAvatar(input.groupId, input.stageId),
    'topics:list': (input) => groups().topics(input),
    'topics:create': (input) => groups().createTopic(input),
    'topics:update': (input) => groups().updateTopic(input),
    'topics:delete': (input) => groups().deleteTopics(input),
    'topics:setResolved': (input) => groups().setTopicResolved(input),
    'topics:moveMessages': (input) => groups().moveTopicMessages(input),
    'permissionGroups:list': (input) => groups().permissionGroups(input),
    'permissionGroups:create': (input) => groups().createPermissionGroup(input),
    'permissionGroups:update': (input) => groups().updatePermissionGroup(input),
    'permissionGroups:delete': (input) => groups().deletePermissionGroups(input),
    'permissionGroups:addMembers': (input) => groups().addPermissionGroupMembers(input),
    'permissionGroups:removeMembers': (input) => groups().removePermissionGroupMembers(input),
    'permissionGroups:members': (input) => groups().permissionGroupMembers(input),
    'permissionGroups:setTopicPermissions': (input) => groups().setTopicPermissions(input),
  };
}

// ── Audio/video calls (issue 6) ─────────────────────────────────────────────────────────────
function callsHandlers({ sessions }: RendererApiDeps): Handlers<CallsChannel> {
  const calls = () => sessions.requireAccount().calls;
  return {
    'calls:config': () => calls().config(),
    'calls:start': (input) => calls().startCall(input),
    'calls:accept': (input) => calls().accept(input),
    'calls:decline': (input) => calls().decline(input),
    'calls:hangup': (input) => calls().hangup(input),
    'calls:join': (input) => calls().join(input),
    'calls:invite': (input) => calls().invite(input),
    'calls:signal': (input) => calls().signal(input),
    'calls:setMedia': (input) => calls().setMedia(input),
    'calls:active': () => calls().active(),
    'calls:history': (input) => calls().history(input),
  };
}
