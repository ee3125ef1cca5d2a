import type { GroupApplication, GroupId, GroupInfo, GroupMember, PermissionGroup, UserId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { EventPayload, IpcResult, JoinedGroup, RequestInput, RequestOutput, TopicEntry } from '../../../../shared/ipc';
import { stageBlob } from '../stageBlob';
import type { Slice } from '../types';
import type { Outcome } from './contactsSlice';
import type { LoadStatus } from './conversationsSlice';

/** Issue 5 (G1–G4, G7, G8): the groups I am in and what the management screens show of them. */

export interface MembersState {
  status: LoadStatus;
  members: GroupMember[];
  /** '' when every member is loaded. */
  next: string;
  total: number;
}

/** "You were removed from X", "X was disbanded", "Your request to join X was accepted". */
export interface GroupNotice {
  id: number;
  groupId: GroupId;
  name: string;
  kind: 'kicked' | 'disbanded' | 'quit' | 'approved' | 'rejected';
  wording: string;
}

const MEMBER_PAGE = 100;

export interface GroupManageSlice {
  groups: JoinedGroup[];
  groupsStatus: LoadStatus;
  groupMembers: Partial<Record<GroupId, MembersState>>;
  groupApplications: GroupApplication[];
  groupTopics: Partial<Record<GroupId, TopicEntry[]>>;
  permissionGroups: Partial<Record<GroupId, PermissionGroup[]>>;
  groupNotices: GroupNotice[];
  /** Nicknames of members who are not my friends (users:lookup), by UserID; null: no such user. */
  memberNicks: Partial<Record<UserId, string | null>>;

  groupsRequested(): Promise<void>;
  groupsChanged(change: EventPayload<'groups:changed'>): void;
  groupMembersChanged(change: EventPayload<'groups:membersChanged'>): void;
  groupApplicationsChanged(change: EventPayload<'groups:applicationsChanged'>): void;
  groupApplicationHandled(change: EventPayload<'groups:applicationHandled'>): void;
  groupLeft(change: EventPayload<'groups:left'>): void;
  topicsChanged(change: EventPayload<'topics:changed'>): void;
  permissionGroupsChanged(change: EventPayload<'permissionGroups:changed'>): void;
  groupNoticeDismissed(id: number): void;

  groupCreateRequested(input: RequestInput<'groups:create'>): Promise<Outcome<{ groupId: GroupId }>>;
  groupsSearched(keyword: string): Promise<Outcome<{ groups: GroupInfo[] }>>;
  groupApplyRequested(groupId: GroupId, wording: string): Promise<Outcome<{ outcome: 'joined' | 'pending' }>>;
  groupUpdateRequested(input: RequestInput<'groups:update'>): Promise<Outcome>;
  groupAvatarSubmitted(groupId: GroupId, jpeg: Blob): Promise<Outcome>;
  groupMembersRequested(groupId: GroupId, more?: boolean): Promise<void>;
  memberNicksRequested(userIds: readonly UserId[]): void;
  applicationHandleRequested(groupId: GroupId, applicant: UserId, accept: boolean): Promise<Outcome>;
  groupInviteRequested(groupId: GroupId, userIds: UserId[]): Promise<Outcome<RequestOutput<'groups:invite'>>>;
  memberKickRequested(groupId: GroupId, userId: UserId, reason: string): Promise<Outcome>;
  memberMuteRequested(groupId: GroupId, userId: UserId, seconds: number): Promise<Outcome>;
  memberRoleRequested(groupId: GroupId, userId: UserId, role: 'Admin' | 'Member'): Promise<Outcome>;
  memberNameCardRequested(groupId: GroupId, userId: UserId, nameCard: string): Promise<Outcome>;
  receiveOptionRequested(groupId: GroupId, msgFlag: RequestInput<'groups:setReceiveOption'>['msgFlag']): Promise<Outcome>;
  ownerTransferRequested(groupId: GroupId, newOwner: UserId): Promise<Outcome>;
  groupQuitRequested(groupId: GroupId): Promise<Outcome>;
  groupDisbandRequested(groupId: GroupId): Promise<Outcome>;

  topicsRequested(groupId: GroupId): Promise<void>;
  topicCreateRequested(input: RequestInput<'topics:create'>): Promise<Outcome>;
  topicUpdateRequested(input: RequestInput<'topics:update'>): Promise<Outcome>;
  topicDeleteRequested(groupId: GroupId, topicId: string): Promise<Outcome>;
  /** ADR 0005: mark a topic resolved, or reopen it. */
  topicResolvedRequested(topicId: string, resolved: boolean): Promise<Outcome>;
  /** ADR 0005: moves messages to another topic (or a new one); the moved messages arrive by sync on every device. */
  topicMessagesMoveRequested(input: RequestInput<'topics:moveMessages'>): Promise<Outcome<RequestOutput<'topics:moveMessages'>>>;
  permissionGroupsRequested(groupId: GroupId): Promise<void>;
  permissionGroupCreateRequested(input: RequestInput<'permissionGroups:create'>): Promise<Outcome>;
  permissionGroupUpdateRequested(input: RequestInput<'permissionGroups:update'>): Promise<Outcome>;
  permissionGroupDeleteRequested(groupId: GroupId, permissionGroupId: string): Promise<Outcome>;
  permissionGroupMembersRequested(groupId: GroupId, permissionGroupId: string): Promise<Outcome<{ userIds: UserId[] }>>;
  permissionGroupMembersChangeRequested(groupId: GroupId, permissionGroupId: string, userIds: UserId[], add: boolean): Promise<Outcome>;
  topicPermissionsRequested(topicId: string, permissionGroupId: string, permissions: number | null): Promise<Outcome>;
}

export const groupManageReset = {
  groups: [],
  groupsStatus: 'idle',
  groupMembers: {},
  groupApplications: [],
  groupTopics: {},
  permissionGroups: {},
  groupNotices: [],
  memberNicks: {},
} satisfies Partial<GroupManageSlice>;

function upsertMembers(list: readonly GroupMember[], upserted: readonly GroupMember[], removed: readonly UserId[]): GroupMember[] {
  const gone = new Set(removed);
  const changed = new Map(upserted.map((m) => [m.userId, m]));
  const kept = list.filter((m) => !gone.has(m.userId)).map((m) => changed.get(m.userId) ?? m);
  const known = new Set(kept.map((m) => m.userId));
  return [...kept, ...upserted.filter((m) => !known.has(m.userId))];
}

export const createGroupManageSlice: Slice<GroupManageSlice> = ({ api }) => (set, get) => {
  let account = 0;
  let joinedEvents = 0;
  let noticeIds = 0;
  const asking = new Set<UserId>();

  const fail = (error: ErrorShape): Outcome<never> => ({ ok: false, error });
  async function act<T, R extends object = object>(request: Promise<IpcResult<T>>, apply?: (value: T) => R | void): Promise<Outcome<R>> {
    const result = await request;
    if (!result.ok) return fail(result.error);
    return { ok: true, ...(apply?.(result.value) ?? {}) } as Outcome<R>;
  }
  const notice = (groupId: GroupId, kind: GroupNotice['kind'], wording = '', name?: string | null) => {
    const known = name ?? get().groups.find((g) => g.group.groupId === groupId)?.group.name ?? groupId;
    set({ groupNotices: [...get().groupNotices, { id: ++noticeIds, groupId, name: known || groupId, kind, wording }] });
  };
  const patchMembers = (groupId: GroupId, update: (members: GroupMember[]) => GroupMember[]) => {
    const state = get().groupMembers[groupId];
    if (state) set({ groupMembers: { ...get().groupMembers, [groupId]: { ...state, members: update(state.members) } } });
  };

  return {
    ...groupManageReset,

    async groupsRequested() {
      const mine = ++account;
      const asked = joinedEvents;
      set({ groupsStatus: get().groups.length ? 'ready' : 'loading' });
      await Promise.all([
        api.invoke('groups:joined', {}).then((result) => {
          if (mine !== account) return;
          if (!result.ok) return set({ groupsStatus: get().groups.length ? 'ready' : 'error' });
          set({ groupsStatus: 'ready', ...(asked === joinedEvents ? { groups: result.value.groups } : {}) });
        }),
        api.invoke('groups:applications', {}).then((result) => {
          if (mine === account && result.ok) set({ groupApplications: result.value.applications });
        }),
      ]);
    },

    groupsChanged({ groups, removed }) {
      joinedEvents++;
      // Changed entries keep their place; new ones go last (the server's order: oldest first).
      const gone = new Set(removed);
      const changed = new Map(groups.map((g) => [g.group.groupId, g]));
      const kept = get().groups.filter((g) => !gone.has(g.group.groupId)).map((g) => changed.get(g.group.groupId) ?? g);
      const known = new Set(kept.map((g) => g.group.groupId));
      // A notice that arrived before the group did ("You were accepted into …") gets its name now.
      const named = new Map(groups.map((g) => [g.group.groupId, g.group.name]));
      const groupNotices = get().groupNotices.map((n) => (n.name === n.groupId && named.get(n.groupId) ? { ...n, name: named.get(n.groupId) ?? n.name } : n));
      set({ groups: [...kept, ...groups.filter((g) => !known.has(g.group.groupId))], groupNotices });
    },

    groupMembersChanged({ groupId, upserted, removed }) {
      const state = get().groupMembers[groupId];
      if (!state) return;
      const members = upsertMembers(state.members, upserted, removed);
      const added = members.length - state.members.length;
      set({ groupMembers: { ...get().groupMembers, [groupId]: { ...state, members, total: Math.max(members.length, state.total + added) } } });
    },

    groupApplicationsChanged: ({ applications }) => set({ groupApplications: applications }),

    groupApplicationHandled: ({ groupId, accepted, reason }) => notice(groupId, accepted ? 'approved' : 'rejected', reason ?? ''),

    groupLeft({ groupId, reason, wording, name }) {
      notice(groupId, reason, wording ?? '', name);
      const { [groupId]: _members, ...groupMembers } = get().groupMembers;
      set({ groups: get().groups.filter((g) => g.group.groupId !== groupId), groupMembers });
    },

    topicsChanged({ groupId, topics, removed }) {
      const gone = new Set([...removed, ...topics.map((t) => t.topicId)]);
      const current = get().groupTopics[groupId] ?? [];
      set({ groupTopics: { ...get().groupTopics, [groupId]: [...current.filter((t) => !gone.has(t.topicId)), ...topics] } });
    },

    permissionGroupsChanged: ({ groupId, permissionGroups }) => set({ permissionGroups: { ...get().permissionGroups, [groupId]: permissionGroups } }),

    groupNoticeDismissed: (id) => set({ groupNotices: get().groupNotices.filter((n) => n.id !== id) }),

    groupCreateRequested: (input) =>
      act(api.invoke('groups:create', input), ({ group }) => {
        get().groupsChanged({ groups: [group], removed: [] });
        return { groupId: group.group.groupId };
      }),

    groupsSearched: (keyword) => act(api.invoke('groups:search', { keyword }), ({ groups }) => ({ groups })),

    groupApplyRequested: (groupId, wording) =>
      act(api.invoke('groups:apply', { groupId, ...(wording.trim() ? { wording: wording.trim() } : {}) }), ({ outcome }) => ({ outcome })),

    groupUpdateRequested: (input) => act(api.invoke('groups:update', input), ({ group }) => applyInfo(group)),

    async groupAvatarSubmitted(groupId, jpeg) {
      const staged = await stageBlob(api, jpeg, 'group.jpg', 'image/jpeg');
      if (!staged.ok) return fail(staged.error);
      return act(api.invoke('groups:setAvatar', { groupId, stageId: staged.stageId }), ({ group }) => applyInfo(group));
    },

    async groupMembersRequested(groupId, more = false) {
      const previous = get().groupMembers[groupId];
      if (more && !previous?.next) return;
      const cursor = more ? previous?.next : undefined;
      set({ groupMembers: { ...get().groupMembers, [groupId]: { members: [], next: '', total: 0, ...previous, status: 'loading' } } });
      const result = await api.invoke('groups:members', { groupId, limit: MEMBER_PAGE, ...(cursor ? { cursor } : {}) });
      const current = get().groupMembers[groupId];
      if (!current) return;
      if (!result.ok) return set({ groupMembers: { ...get().groupMembers, [groupId]: { ...current, status: current.members.length ? 'ready' : 'error' } } });
      const { members, next, total } = result.value;
      set({
        groupMembers: {
          ...get().groupMembers,
          [groupId]: { status: 'ready', members: more ? upsertMembers(current.members, members, []) : members, next, total },
        },
      });
    },

    memberNicksRequested(userIds) {
      const friends = new Set(get().contacts.map((c) => c.userId));
      for (const userId of userIds) {
        if (friends.has(userId) || userId in get().memberNicks || asking.has(userId)) continue;
        asking.add(userId);
        void api.invoke('users:lookup', { userId }).then((result) => {
          asking.delete(userId);
          if (result.ok) set({ memberNicks: { ...get().memberNicks, [userId]: result.value ? result.value.nickname : null } });
        });
      }
    },

    applicationHandleRequested: (groupId, applicant, accept) =>
      act(api.invoke('groups:handleApplication', { groupId, applicant, accept }), () => {
        set({ groupApplications: get().groupApplications.filter((a) => !(a.groupId === groupId && a.applicant === applicant)) });
      }),

    groupInviteRequested: (groupId, userIds) => act(api.invoke('groups:invite', { groupId, userIds }), (value) => value),

    memberKickRequested: (groupId, userId, reason) =>
      act(api.invoke('groups:kick', { groupId, userIds: [userId], ...(reason.trim() ? { reason: reason.trim() } : {}) }), () => {
        get().groupMembersChanged({ groupId, upserted: [], removed: [userId] });
      }),

    memberMuteRequested: (groupId, userId, seconds) =>
      act(api.invoke('groups:muteMembers', { groupId, userIds: [userId], seconds }), () => {
        const until = seconds === 0 ? 0 : Math.min(Math.floor(Date.now() / 1000) + seconds, 0xffff_ffff);
        patchMembers(groupId, (list) => list.map((m) => (m.userId === userId ? { ...m, mutedUntil: until } : m)));
      }),

    memberRoleRequested: (groupId, userId, role) =>
      act(api.invoke('groups:setMemberRole', { groupId, userId, role }), () => {
        patchMembers(groupId, (list) => list.map((m) => (m.userId === userId ? { ...m, role } : m)));
      }),

    memberNameCardRequested: (groupId, userId, nameCard) =>
      act(api.invoke('groups:setMemberInfo', { groupId, userId, nameCard }), ({ member }) => {
        get().groupMembersChanged({ groupId, upserted: [member], removed: [] });
        patchSelf(groupId, userId, { nameCard: member.nameCard });
      }),

    receiveOptionRequested: (groupId, msgFlag) =>
      act(api.invoke('groups:setReceiveOption', { groupId, msgFlag }), () => patchSelf(groupId, null, { msgFlag })),

    ownerTransferRequested: (groupId, newOwner) =>
      act(api.invoke('groups:transferOwner', { groupId, newOwner }), () => void get().groupMembersRequested(groupId)),

    groupQuitRequested: (groupId) => act(api.invoke('groups:quit', { groupId }), () => dropGroup(groupId)),
    groupDisbandRequested: (groupId) => act(api.invoke('groups:disband', { groupId }), () => dropGroup(groupId)),

    async topicsRequested(groupId) {
      const result = await api.invoke('topics:list', { groupId });
      if (result.ok) set({ groupTopics: { ...get().groupTopics, [groupId]: result.value.topics } });
    },
    topicCreateRequested: (input) =>
      act(api.invoke('topics:create', input), ({ topic }) => get().topicsChanged({ groupId: input.groupId, topics: [topic], removed: [] })),
    topicUpdateRequested: (input) =>
      act(api.invoke('topics:update', input), ({ topic }) => get().topicsChanged({ groupId: topic.groupId, topics: [topic], removed: [] })),
    topicDeleteRequested: (groupId, topicId) =>
      act(api.invoke('topics:delete', { topicIds: [topicId] }), () => get().topicsChanged({ groupId, topics: [], removed: [topicId] })),
    topicResolvedRequested: (topicId, resolved) =>
      act(api.invoke('topics:setResolved', { topicId, resolved }), ({ topic }) => get().topicsChanged({ groupId: topic.groupId, topics: [topic], removed: [] })),
    topicMessagesMoveRequested: (input) => act(api.invoke('topics:moveMessages', input), (moved) => moved),

    async permissionGroupsRequested(groupId) {
      const result = await api.invoke('permissionGroups:list', { groupId });
      if (result.ok) get().permissionGroupsChanged({ groupId, permissionGroups: result.value.permissionGroups });
    },
    permissionGroupCreateRequested: (input) =>
      act(api.invoke('permissionGroups:create', input), ({ permissionGroup }) => upsertPermissionGroup(permissionGroup)),
    permissionGroupUpdateRequested: (input) =>
      act(api.invoke('permissionGroups:update', input), ({ permissionGroup }) => upsertPermissionGroup(permissionGroup)),
    permissionGroupDeleteRequested: (groupId, permissionGroupId) =>
      act(api.invoke('permissionGroups:delete', { groupId, permissionGroupIds: [permissionGroupId] }), () => {
        const list = get().permissionGroups[groupId] ?? [];
        get().permissionGroupsChanged({ groupId, permissionGroups: list.filter((pg) => pg.permissionGroupId !== permissionGroupId) });
      }),
    permissionGroupMembersRequested: (groupId, permissionGroupId) =>
      act(api.invoke('permissionGroups:members', { groupId, permissionGroupId }), ({ userIds }) => ({ userIds })),
    permissionGroupMembersChangeRequested: (groupId, permissionGroupId, userIds, add) =>
      act(api.invoke(add ? 'permissionGroups:addMembers' : 'permissionGroups:removeMembers', { groupId, permissionGroupId, userIds }), ({ permissionGroup }) =>
        upsertPermissionGroup(permissionGroup),
      ),
    topicPermissionsRequested: (topicId, permissionGroupId, permissions) =>
      act(api.invoke('permissionGroups:setTopicPermissions', { topicId, permissionGroupId, permissions }), ({ permissionGroup }) =>
        upsertPermissionGroup(permissionGroup),
      ),
  };

  function applyInfo(group: GroupInfo): void {
    set({ groups: get().groups.map((g) => (g.group.groupId === group.groupId ? { ...g, group } : g)) });
  }

  /** My own membership: `userId` null or mine. */
  function patchSelf(groupId: GroupId, userId: UserId | null, patch: Partial<JoinedGroup['self']>): void {
    const session = get().session;
    if (userId !== null && (session?.state !== 'signedIn' || session.userId !== userId)) return;
    set({ groups: get().groups.map((g) => (g.group.groupId === groupId ? { ...g, self: { ...g.self, ...patch } } : g)) });
  }

  function dropGroup(groupId: GroupId): void {
    const { [groupId]: _members, ...groupMembers } = get().groupMembers;
    set({ groups: get().groups.filter((g) => g.group.groupId !== groupId), groupMembers });
  }

  function upsertPermissionGroup(permissionGroup: PermissionGroup): void {
    const { groupId } = permissionGroup;
    const list = get().permissionGroups[groupId] ?? [];
    const others = list.filter((pg) => pg.permissionGroupId !== permissionGroup.permissionGroupId);
    get().permissionGroupsChanged({ groupId, permissionGroups: [...others, permissionGroup] });
  }
};
