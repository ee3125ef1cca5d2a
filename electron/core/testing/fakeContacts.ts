import type { BlockEntry, Friend, FriendList, FriendRequest, Profile } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { DeviceInfo } from '../../../shared/protocol';
import type { FakeServer } from './fakeServer';

/**
 * The relationship chain as the server keeps it for `me`, in memory, for unit tests of the
 * contacts service: profiles, my friend list, pending requests, lists, blocklist, devices.
 * `install` adds the socket requests to a FakeServer; tests change the state directly and
 * push what the real server would.
 */
export class FakeContacts {
  readonly profiles = new Map<string, Profile>();
  readonly friends = new Map<string, Friend>();
  readonly requests: FriendRequest[] = [];
  lists: FriendList[] = [];
  readonly blocked = new Map<string, BlockEntry>();
  devices: DeviceInfo[] = [{ instanceId: 'this', platform: 'Linux', connectedSince: 1, current: true }];
  customStatus = '';
  /** AllowType answers per target (default NeedConfirm). */
  readonly allow = new Map<string, 'AllowType_Type_NeedConfirm' | 'AllowType_Type_AllowAny' | 'AllowType_Type_DenyAny'>();
  readonly signedOut: string[] = [];
  private clock = 1_700_000_000_000;

  constructor(private readonly server: FakeServer) {
    for (const userId of server.users.keys()) this.profiles.set(userId, profile(userId, userId === server.me ? 'self' : 'stranger', server.users.get(userId) ?? userId));
  }

  profileOf(userId: string): Profile {
    const known = this.profiles.get(userId);
    if (!known) throw new AppError('user_not_found');
    return known;
  }

  friend(userId: string, groups: string[] = [], remark = ''): Friend {
    const friend: Friend = {
      userId,
      remark,
      groups,
      addSource: 'AddSource_Type_Search',
      addWording: '',
      addTime: this.clock++,
      custom: {},
      profile: { ...this.profileOf(userId), view: 'friend' },
    };
    this.friends.set(userId, friend);
    for (const name of groups) {
      const list = this.lists.find((l) => l.name === name);
      if (list) list.members.push(userId);
      else this.lists.push({ name, members: [userId] });
    }
    return friend;
  }

  request(userId: string, direction: 'incoming' | 'outgoing', wording = ''): FriendRequest {
    const request: FriendRequest = {
      userId,
      direction,
      addSource: 'AddSource_Type_Search',
      addWording: wording,
      time: this.clock++,
      profile: this.profileOf(userId),
    };
    this.requests.push(request);
    return request;
  }

  install(): this {
    const me = this.server.me;
    const h = this.server.handlers;
    h['profile:getSelf'] = () => ({ profile: this.profileOf(me) });
    h['profile:setSelf'] = (patch) => {
      if (patch.adminForbidType !== undefined) throw new AppError('profile_read_only');
      const next = { ...this.profileOf(me), ...patch, custom: { ...this.profileOf(me).custom, ...patch.custom } } as Profile;
      this.profiles.set(me, next);
      return { profile: next };
    };
    h['profile:get'] = ({ userIds }) => ({
      profiles: userIds.filter((id) => this.profiles.has(id)).map((id) => this.profileOf(id)),
      notFound: userIds.filter((id) => !this.profiles.has(id)),
    });
    h['user:search'] = ({ keyword }) => ({ profiles: this.profiles.has(keyword) ? [this.profileOf(keyword)] : [] });
    h['friend:add'] = (input) => {
      if (input.userId === me) throw new AppError('friend_self');
      if (!this.profiles.has(input.userId)) throw new AppError('user_not_found');
      if (this.blocked.has(input.userId)) throw new AppError('peer_blocked_by_me');
      const allow = this.allow.get(input.userId) ?? 'AllowType_Type_NeedConfirm';
      if (allow === 'AllowType_Type_DenyAny') throw new AppError('friend_add_denied');
      if (allow === 'AllowType_Type_AllowAny') {
        const friend = this.friend(input.userId, input.groupName ? [input.groupName] : [], input.remark ?? '');
        return { result: 'added' as const, friend };
      }
      return { result: 'pending' as const, request: this.request(input.userId, 'outgoing', input.addWording ?? '') };
    };
    h['friend:respond'] = (input) => {
      const index = this.requests.findIndex((r) => r.userId === input.userId && r.direction === 'incoming');
      if (index === -1) throw new AppError('friend_request_not_found');
      this.requests.splice(index, 1);
      if (input.action === 'reject') return { friend: null };
      return { friend: this.friend(input.userId, input.groupName ? [input.groupName] : [], input.remark ?? '') };
    };
    h['friend:deleteRequest'] = (input) => {
      const index = this.requests.findIndex((r) => r.userId === input.userId && r.direction === input.direction);
      if (index === -1) throw new AppError('friend_request_not_found');
      this.requests.splice(index, 1);
      return {};
    };
    h['friend:requests'] = () => ({ requests: [...this.requests] });
    h['friend:list'] = () => ({ friends: [...this.friends.values()] });
    h['friend:delete'] = ({ userIds }) => ({
      results: userIds.map((userId) => {
        const had = this.friends.delete(userId);
        for (const list of this.lists) list.members = list.members.filter((m) => m !== userId);
        return { userId, error: had ? null : { code: 'not_friends' as const, message: 'You are not friends.' } };
      }),
    });
    h['friend:update'] = (input) => {
      const friend = this.friends.get(input.userId);
      if (!friend) throw new AppError('not_friends');
      if (input.remark !== undefined) friend.remark = input.remark;
      if (input.groups !== undefined) {
        friend.groups = input.groups;
        for (const name of input.groups) if (!this.lists.some((l) => l.name === name)) this.lists.push({ name, members: [] });
        for (const list of this.lists) {
          list.members = list.members.filter((m) => m !== input.userId);
          if (input.groups.includes(list.name)) list.members.push(input.userId);
        }
      }
      return { friend };
    };
    h['friend:check'] = ({ userIds }) => ({
      results: userIds.map((userId) => ({ userId, relation: this.friends.has(userId) ? ('CheckResult_Type_AWithB' as const) : ('CheckResult_Type_NoRelation' as const) })),
    });
    h['friendList:get'] = () => ({ lists: this.lists.map((l) => ({ ...l, members: [...l.members] })) });
    h['friendList:create'] = ({ name, userIds }) => {
      if (this.lists.some((l) => l.name === name)) throw new AppError('friend_list_exists');
      const list = { name, members: [...(userIds ?? [])] };
      this.lists.push(list);
      for (const id of list.members) this.friends.get(id)?.groups.push(name);
      return { list };
    };
    h['friendList:rename'] = ({ name, newName }) => {
      const list = this.lists.find((l) => l.name === name);
      if (!list) throw new AppError('friend_list_not_found');
      list.name = newName;
      for (const friend of this.friends.values()) friend.groups = friend.groups.map((g) => (g === name ? newName : g));
      return { list };
    };
    h['friendList:delete'] = ({ names }) => {
      this.lists = this.lists.filter((l) => !names.includes(l.name));
      for (const friend of this.friends.values()) friend.groups = friend.groups.filter((g) => !names.includes(g));
      return {};
    };
    h['friendList:addMembers'] = ({ name, userIds }) => {
      const list = this.lists.find((l) => l.name === name);
      if (!list) throw new AppError('friend_list_not_found');
      for (const id of userIds) if (!list.members.includes(id)) list.members.push(id);
      return { list };
    };
    h['friendList:removeMembers'] = ({ name, userIds }) => {
      const list = this.lists.find((l) => l.name === name);
      if (!list) throw new AppError('friend_list_not_found');
      list.members = list.members.filter((m) => !userIds.includes(m));
      return { list };
    };
    h['block:add'] = ({ userIds }) => ({
      results: userIds.map((userId) => {
        if (this.blocked.has(userId)) return { userId, error: { code: 'already_blocked' as const, message: 'Already blocked.' } };
        this.blocked.set(userId, { userId, time: this.clock++, profile: this.profileOf(userId) });
        this.friends.delete(userId);
        return { userId, error: null };
      }),
    });
    h['block:remove'] = ({ userIds }) => ({
      results: userIds.map((userId) => ({
        userId,
        error: this.blocked.delete(userId) ? null : { code: 'not_blocked' as const, message: 'Not blocked.' },
      })),
    });
    h['block:list'] = ({ startIndex, limit }) => {
      const all = [...this.blocked.values()];
      const entries = all.slice(startIndex, startIndex + limit);
      const next = startIndex + entries.length;
      return { entries, nextStartIndex: next < all.length ? next : 0, total: all.length };
    };
    h['block:check'] = ({ userIds }) => ({
      results: userIds.map((userId) => ({ userId, relation: this.blocked.has(userId) ? ('BlackCheckResult_Type_AWithB' as const) : ('BlackCheckResult_Type_NO' as const) })),
    });
    h['presence:setCustomStatus'] = ({ customStatus }) => {
      this.customStatus = customStatus;
      return { customStatus };
    };
    h['devices:list'] = () => ({ devices: this.devices });
    h['devices:signOut'] = ({ instanceId }) => {
      this.signedOut.push(instanceId);
      this.devices = this.devices.filter((d) => d.instanceId !== instanceId);
      return {};
    };
    return this;
  }
}

export function profile(userId: string, view: Profile['view'], nick: string): Profile {
  return {
    userId,
    view,
    nick,
    image: '',
    gender: 'Gender_Type_Unknown',
    selfSignature: '',
    allowType: 'AllowType_Type_NeedConfirm',
    level: 0,
    role: 0,
    custom: {},
  };
}
