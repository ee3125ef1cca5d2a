import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMUNITY_MEMBER_BITS,
  GROUP_ACTORS,
  GROUP_TYPES,
  GROUP_TYPE_TRAITS,
  type GroupAction,
  type GroupActor,
  type GroupRole,
  type GroupType,
  type MemberAction,
} from '../../../../shared/domain';
import { SEED, SEED_MEMBER } from '../../../../shared/domain/testing/groupSeedTables';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { type RequestInput, type RequestName } from '../../../../shared/protocol';
import { groupConversationId } from '../../../../shared/domain';
import { type TestSocket, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { type GroupsFeature } from './index';
import { APP_ADMIN } from './groupAccess';

/**
 * G1/G4 over the real socket, one test per cell of the seed tables (the same transcription as
 * shared/domain/groupPermissions.test.ts): each cell gets a fresh group of its type built in the store
 * (Owner, Admin — none in Work —, Member), the actor asks through their socket (the app admin through
 * the service REST uses) and the outcome must be allowed or the documented refusal.
 * send, atAll and recallOthers are real group sends and recalls (ADR 0004 WP2); the app admin's sends are
 * REST's (WP4), so those cells are asked of users only.
 */

let server: TestServer;
let feature: GroupsFeature;
const OWNER = 'cell-owner';
const ADMIN = 'cell-admin';
const MEMBER = 'cell-member';
const OUTSIDER = 'cell-outsider';
const sockets = new Map<string, TestSocket>();
let fresh = 0;

beforeAll(async () => {
  server = await startTestServer({
    requestLimits: { send: { burst: 1e6, perSecond: 1e6 }, typing: { burst: 1e6, perSecond: 1e6 }, other: { burst: 1e6, perSecond: 1e6 } },
    groups: { groupFields: [{ key: 'Level', read: 'Anyone', write: 'Member' }] },
  });
  feature = server.app.services.groups;
  await server.app.services.accounts.importAccounts([OWNER, ADMIN, MEMBER, OUTSIDER].map((userId) => ({ userId })));
  for (const userId of [OWNER, ADMIN, MEMBER, OUTSIDER]) sockets.set(userId, await connectTestClient(server, userId));
});
afterAll(async () => {
  for (const socket of sockets.values()) socket.close();
  await server.stop({ removeData: true });
});

const TEXT = [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: 'cell' } }];
let clientIds = 0;
const nextClientId = () => `cell-msg-${String((clientIds += 1)).padStart(6, '0')}`;

async function freshUser(): Promise<string> {
  fresh += 1;
  const userId = `cell-user-${fresh}`;
  await server.app.services.accounts.importAccounts([{ userId }]);
  return userId;
}

interface Fixture {
  groupId: string;
  type: GroupType;
  /** Communities: a permission group to add members to. */
  permissionGroupId: string;
}

async function fixture(type: GroupType): Promise<Fixture> {
  fresh += 1;
  const groupId = `${type === 'Community' ? '@TGS#_' : ''}cell-${fresh}`;
  const roles: Array<[string, GroupRole]> = [[OWNER, 'Owner'], [MEMBER, 'Member']];
  if (GROUP_TYPE_TRAITS[type].hasAdmins) roles.push([ADMIN, 'Admin']);
  await server.store.groups.create(
    {
      groupId, type, name: `cell ${type}`, introduction: '', notification: '', faceUrl: '', owner: OWNER, createTime: 1,
      applyJoinOption: 'NeedPermission', muteAll: false, defaultPermissions: type === 'Community' ? DEFAULT_COMMUNITY_MEMBER_BITS : 0,
      active: true, maxMemberNum: null, custom: {},
    },
    roles.map(([userId, role]) => ({ userId, role, joinTime: 1, msgFlag: 'AcceptAndNotify' })),
  );
  let permissionGroupId = '';
  if (type === 'Community') {
    permissionGroupId = 'pg-cell';
    await server.store.groups.createPermissionGroup({ groupId, permissionGroupId, name: 'cell', permissions: 0, customString: '', createTime: 1 });
  }
  return { groupId, type, permissionGroupId };
}

const ACTOR_USER: Record<Exclude<GroupActor, 'AppAdmin'>, string> = { Owner: OWNER, Admin: ADMIN, Member: MEMBER, NonMember: OUTSIDER };

/** One action both ways: as a socket request for users, as a service call for the app admin. */
interface Probe {
  prepare?: (fx: Fixture) => Promise<Record<string, string>>;
  socket: (fx: Fixture, extra: Record<string, string>) => { [N in RequestName]: { name: N; input: RequestInput<N> } }[RequestName];
  admin: ((fx: Fixture, extra: Record<string, string>) => Promise<unknown>) | null;
}

const GROUP_PROBES: Partial<Record<GroupAction, Probe>> = {
  modifyBasicInfo: {
    socket: (fx) => ({ name: 'group:update', input: { groupId: fx.groupId, name: 'renamed' } }),
    admin: (fx) => feature.groups.update(APP_ADMIN, fx.groupId, { name: 'renamed' }),
  },
  modifyOtherInfo: {
    socket: (fx) => ({ name: 'group:update', input: { groupId: fx.groupId, custom: { Level: 'x' } } }),
    admin: (fx) => feature.groups.update(APP_ADMIN, fx.groupId, { custom: { Level: 'x' } }),
  },
  muteAll: {
    socket: (fx) => ({ name: 'group:update', input: { groupId: fx.groupId, muteAll: true } }),
    admin: (fx) => feature.groups.update(APP_ADMIN, fx.groupId, { muteAll: true }),
  },
  disband: {
    socket: (fx) => ({ name: 'group:disband', input: { groupId: fx.groupId } }),
    admin: (fx) => feature.groups.disband(APP_ADMIN, fx.groupId),
  },
  transferOwner: {
    socket: (fx) => ({ name: 'group:transferOwner', input: { groupId: fx.groupId, newOwner: MEMBER } }),
    admin: (fx) => feature.groups.transferOwner(APP_ADMIN, fx.groupId, MEMBER),
  },
  // Quitting is something a user does; the app admin has no membership to leave (the seed refuses it everywhere).
  quit: { socket: (fx) => ({ name: 'group:quit', input: { groupId: fx.groupId } }), admin: null },
  invite: {
    prepare: async () => ({ invitee: await freshUser() }),
    socket: (fx, x) => ({ name: 'group:invite', input: { groupId: fx.groupId, userIds: [x.invitee!] } }),
    admin: (fx, x) => feature.members.invite(APP_ADMIN, fx.groupId, [x.invitee!]),
  },
  handleApplication: {
    prepare: async (fx) => {
      const applicant = await freshUser();
      await server.store.groups.putApplication({ groupId: fx.groupId, applicant, wording: '', time: 1 });
      return { applicant };
    },
    socket: (fx, x) => ({ name: 'group:handleApplication', input: { groupId: fx.groupId, applicant: x.applicant!, accept: false } }),
    admin: (fx, x) => feature.members.handleApplication(APP_ADMIN, fx.groupId, x.applicant!, false),
  },
  readMembers: {
    socket: (fx) => ({ name: 'group:members', input: { groupId: fx.groupId } }),
    admin: (fx) => feature.members.members(APP_ADMIN, fx.groupId, {}),
  },
  send: {
    socket: (fx) => ({ name: 'message:send', input: { groupConversationId: groupConversationId(fx.groupId), clientMsgId: nextClientId(), body: TEXT } }),
    admin: null,
  },
  atAll: {
    socket: (fx) => ({
      name: 'message:send',
      input: { groupConversationId: groupConversationId(fx.groupId), clientMsgId: nextClientId(), body: TEXT, groupAt: { all: true, userIds: [] } },
    }),
    admin: null,
  },
  recallOthers: {
    // An ordinary member's message (not the actor's own: that is always theirs to recall).
    prepare: async (fx) => {
      const author = await freshUser();
      await server.store.groups.addMembers(fx.groupId, [{ userId: author, role: 'Member', joinTime: 2, msgFlag: 'AcceptAndNotify' }]);
      const socket = await connectTestClient(server, author);
      try {
        const clientMsgId = nextClientId();
        const reply = await request(socket, 'message:send', { groupConversationId: groupConversationId(fx.groupId), clientMsgId, body: TEXT });
        if (!reply.ok) throw new Error(`the author could not send: ${reply.error.code}`);
        return { messageId: `${author}:${clientMsgId}` };
      } finally {
        socket.close();
      }
    },
    socket: (fx, x) => ({ name: 'message:recall', input: { conversationId: groupConversationId(fx.groupId), messageId: x.messageId! } }),
    admin: null,
  },
  manageTopics: {
    socket: (fx) => ({ name: 'topic:create', input: { groupId: fx.groupId, name: 'topic' } }),
    admin: (fx) => feature.communities.createTopic(APP_ADMIN, fx.groupId, { name: 'topic' }),
  },
  managePermissionGroups: {
    socket: (fx) => ({ name: 'permissionGroup:create', input: { groupId: fx.groupId, name: 'pg', permissions: 0 } }),
    admin: (fx) => feature.communities.createPermissionGroup(APP_ADMIN, fx.groupId, { name: 'pg', permissions: 0 }),
  },
  managePermissionGroupMembers: {
    socket: (fx) => ({
      name: 'permissionGroup:addMembers',
      input: { groupId: fx.groupId, permissionGroupId: fx.permissionGroupId || 'pg-none', userIds: [MEMBER] },
    }),
    admin: (fx) => feature.communities.changePermissionGroupMembers(APP_ADMIN, fx.groupId, fx.permissionGroupId || 'pg-none', [MEMBER], 'add'),
  },
};

const MEMBER_PROBES: Record<MemberAction, (target: string) => Omit<Probe, 'prepare'>> = {
  kick: (target) => ({
    socket: (fx) => ({ name: 'group:kick', input: { groupId: fx.groupId, userIds: [target] } }),
    admin: (fx) => feature.members.kick(APP_ADMIN, fx.groupId, [target]),
  }),
  muteMember: (target) => ({
    socket: (fx) => ({ name: 'group:muteMembers', input: { groupId: fx.groupId, userIds: [target], seconds: 60 } }),
    admin: (fx) => feature.members.mute(APP_ADMIN, fx.groupId, [target], 60),
  }),
  setAdmin: (target) => ({
    socket: (fx) => ({ name: 'group:setMemberRole', input: { groupId: fx.groupId, userId: target, role: 'Admin' } }),
    admin: (fx) => feature.members.setRole(APP_ADMIN, fx.groupId, target, 'Admin'),
  }),
  unsetAdmin: (target) => ({
    socket: (fx) => ({ name: 'group:setMemberRole', input: { groupId: fx.groupId, userId: target, role: 'Member' } }),
    admin: (fx) => feature.members.setRole(APP_ADMIN, fx.groupId, target, 'Member'),
  }),
  setNameCardOfOther: (target) => ({
    socket: (fx) => ({ name: 'group:setMemberInfo', input: { groupId: fx.groupId, userId: target, nameCard: 'card' } }),
    admin: (fx) => feature.members.setMemberInfo(APP_ADMIN, fx.groupId, target, { nameCard: 'card' }),
  }),
};

async function outcome(actor: GroupActor, fx: Fixture, probe: Probe): Promise<ErrorCode | null> {
  const extra = (await probe.prepare?.(fx)) ?? {};
  if (actor === 'AppAdmin') {
    try {
      await probe.admin!(fx, extra);
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.code;
      throw error;
    }
  }
  const { name, input } = probe.socket(fx, extra);
  const reply = await request(sockets.get(ACTOR_USER[actor])!, name, input as never);
  return reply.ok ? null : reply.error.code;
}

function expectedCode(cell: string, actor: GroupActor, action: GroupAction | MemberAction): ErrorCode | null {
  if (cell === '-') return action === 'kick' ? 'group_invalid_request' : action === 'manageTopics' ? 'topic_not_enabled' : 'group_unsupported';
  return null;
}

function refusal(actor: GroupActor, action: GroupAction | MemberAction): ErrorCode {
  if (actor === 'NonMember') return 'group_not_member';
  if (action === 'quit' && actor === 'Owner') return 'group_owner_cannot_quit';
  return 'group_forbidden';
}

/** Admins do not exist in Work groups, so cells about them have no socket to ask from. */
const exists = (type: GroupType, role: GroupActor) => role !== 'Admin' || GROUP_TYPE_TRAITS[type].hasAdmins;

describe('G1 group actions over the socket, cell by cell of the seed tables', () => {
  for (const [action, byType] of Object.entries(SEED) as Array<[GroupAction, Record<GroupType, string>]>) {
    const probe = GROUP_PROBES[action];
    if (!probe) continue;
    for (const type of GROUP_TYPES) {
      const cell = byType[type];
      for (const actor of GROUP_ACTORS) {
        if (!exists(type, actor) || (actor === 'AppAdmin' && !probe.admin)) continue;
        const allowed = cell !== '-' && cell.split(' ').includes(actor);
        const expected = cell === '-' ? expectedCode(cell, actor, action) : allowed ? null : refusal(actor, action);
        it(`G1 ${type}: ${actor} ${action} → ${expected ?? 'allowed'}`, async () => {
          expect(await outcome(actor, await fixture(type), probe)).toBe(expected);
        });
      }
    }
  }
});

describe('G4 member actions over the socket, cell by cell of the seed tables', () => {
  for (const [action, byType] of Object.entries(SEED_MEMBER) as Array<[MemberAction, Record<GroupType, string>]>) {
    for (const type of GROUP_TYPES) {
      const cell = byType[type];
      const reach = new Map(cell === '-' ? [] : cell.split(' ').map((part) => part.split('>') as [string, string]).map(([a, t]) => [a, t.split(',')]));
      for (const actor of GROUP_ACTORS) {
        for (const target of ['Owner', 'Admin', 'Member'] as const) {
          if (!exists(type, actor) || !exists(type, target)) continue;
          // One's own name card is always one's own to set; the owner acting on "the owner" is that case.
          if (action === 'setNameCardOfOther' && actor === 'Owner' && target === 'Owner') continue;
          const allowed = reach.get(actor)?.includes(target) ?? false;
          const expected = cell === '-' ? expectedCode(cell, actor, action) : allowed ? null : refusal(actor, action);
          it(`G4 ${type}: ${actor} ${action} a ${target} → ${expected ?? 'allowed'}`, async () => {
            const fx = await fixture(type);
            let targetId = OWNER;
            if (target !== 'Owner') {
              targetId = await freshUser();
              await server.store.groups.addMembers(fx.groupId, [{ userId: targetId, role: target, joinTime: 2, msgFlag: 'AcceptAndNotify' }]);
            }
            expect(await outcome(actor, fx, MEMBER_PROBES[action](targetId))).toBe(expected);
          });
        }
      }
    }
  }
});
