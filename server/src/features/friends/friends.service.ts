import { AppError, type ErrorCode, ERRORS } from '../../../../shared/errors';
import {
  type AddType,
  type BatchItemResult,
  type CheckRelation,
  type CheckType,
  type DeleteType,
  type Friend,
  type FriendList,
  type FriendRequest,
  type FriendRequestDirection,
  RELATION_LIMITS,
} from '../../../../shared/domain';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type FriendRecord, type FriendRequestRecord, type Store } from '../../store/types';
import { type CustomFields } from '../profiles/customFields';
import { type ProfilesService } from '../profiles/profiles.service';

export interface AddFriendRequest {
  from: string;
  to: string;
  addSource: string;
  addWording?: string;
  remark?: string;
  groupName?: string;
  addType?: AddType;
  /** REST ForceAddFlags 1: added at once whatever the target's AllowType (blocklists still apply). */
  force?: boolean;
}

export type AddFriendResult = { result: 'added'; friend: Friend } | { result: 'pending'; request: FriendRequest };

export function itemError(code: ErrorCode, message?: string): BatchItemResult['error'] {
  return { code, message: message ?? ERRORS[code].message };
}

/** R2–R4, R6: friends, pending requests, friend lists and relation checks. Every change is pushed to each device of the users it concerns. */
export class FriendsService {
  constructor(
    private readonly deps: {
      store: Store;
      delivery: Delivery;
      clock: Clock;
      profiles: ProfilesService;
      friendFields: CustomFields;
      /** A4: `owner` now has `friend` in their list (presence tells the owner the friend's status). */
      onFriendAdded?: (owner: string, friend: string) => void;
    },
  ) {}

  private get relations() {
    return this.deps.store.relations;
  }

  get friendFields(): CustomFields {
    return this.deps.friendFields;
  }

  hasFriendField(key: string): boolean {
    return this.deps.friendFields.get(key) !== undefined;
  }

  /** REST friend_import: a one-way entry in `from`'s list, no AllowType, no request, no callback (blocklists and limits apply). */
  async importOne(
    from: string,
    to: string,
    fields: { remark: string; addSource: string; addWording: string; groups: string[]; custom: Record<string, string> },
  ): Promise<void> {
    if (from === to) throw new AppError('friend_self');
    if ((await this.relations.profiles([to])).length === 0) throw new AppError('user_not_found');
    await this.assertNotBlocked(from, to);
    if ((await this.relations.friends(from, [to])).length > 0) throw new AppError('already_friends');
    await this.assertRoomFor(from, 'friend_limit');
    const { custom, ...entry } = fields;
    await this.addEntry(from, to, entry);
    if (Object.keys(custom).length > 0) await this.update(from, to, { custom }, 'admin');
  }

  async toFriends(owner: string, records: readonly FriendRecord[]): Promise<Friend[]> {
    const profiles = new Map((await this.deps.profiles.profilesFor(owner, records.map((r) => r.friend))).map((p) => [p.userId, p]));
    const out: Friend[] = [];
    for (const r of records) {
      const profile = profiles.get(r.friend);
      if (!profile) continue; // the account was deleted
      out.push({
        userId: r.friend,
        remark: r.remark,
        groups: r.groups,
        addSource: r.addSource,
        addWording: r.addWording,
        addTime: r.addTime,
        custom: this.deps.friendFields.readable(r.custom, 'app'),
        profile,
      });
    }
    return out;
  }

  async friend(owner: string, friend: string): Promise<Friend | null> {
    const [record] = await this.relations.friends(owner, [friend]);
    if (!record) return null;
    return (await this.toFriends(owner, [record]))[0] ?? null;
  }

  async list(owner: string): Promise<Friend[]> {
    return this.toFriends(owner, await this.relations.friendsOf(owner));
  }

  async toRequest(viewer: string, record: FriendRequestRecord): Promise<FriendRequest> {
    const other = record.from === viewer ? record.to : record.from;
    const [profile] = await this.deps.profiles.profilesFor(viewer, [other]);
    return {
      userId: other,
      direction: record.from === viewer ? 'outgoing' : 'incoming',
      addSource: record.addSource,
      addWording: record.addWording,
      time: record.time,
      profile: profile ?? (await this.fallbackProfile(other)),
    };
  }

  private fallbackProfile(userId: string): Promise<FriendRequest['profile']> {
    return Promise.resolve({
      userId,
      view: 'stranger',
      nick: userId,
      image: '',
      gender: 'Gender_Type_Unknown',
      selfSignature: '',
      allowType: 'AllowType_Type_NeedConfirm',
      level: 0,
      role: 0,
      custom: {},
    });
  }

  async requests(userId: string): Promise<FriendRequest[]> {
    const records = await this.relations.requestsOf(userId);
    return Promise.all(records.map((r) => this.toRequest(userId, r)));
  }

  async lists(owner: string): Promise<FriendList[]> {
    return this.relations.lists(owner);
  }

  private async pushLists(owner: string): Promise<void> {
    this.deps.delivery.toUser(owner, 'friendList:changed', { lists: await this.lists(owner) });
  }

  private async pushFriend(owner: string, friend: string, event: 'friend:added' | 'friend:updated'): Promise<Friend | null> {
    const entry = await this.friend(owner, friend);
    if (entry) this.deps.delivery.toUser(owner, event, { friend: entry });
    return entry;
  }

  private async assertNotBlocked(from: string, to: string): Promise<void> {
    if ((await this.relations.blockedAmong(from, [to])).length > 0) throw new AppError('peer_blocked_by_me');
    if ((await this.relations.blockedAmong(to, [from])).length > 0) throw new AppError('blocked_by_peer_add');
  }

  private async assertRoomFor(owner: string, code: 'friend_limit' | 'peer_friend_limit'): Promise<void> {
    if ((await this.relations.friendCount(owner)) >= RELATION_LIMITS.maxFriends) throw new AppError(code);
  }

  private async assertListRoom(owner: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const existing = new Set((await this.relations.lists(owner)).map((l) => l.name));
    const added = new Set(names.filter((n) => !existing.has(n)));
    if (existing.size + added.size > RELATION_LIMITS.maxFriendLists) throw new AppError('friend_list_limit');
  }

  /** Adds `friend` to `owner`'s list (if missing) and tells the owner's devices. */
  private async addEntry(owner: string, friend: string, fields: { remark: string; addSource: string; addWording: string; groups: string[] }): Promise<void> {
    await this.assertListRoom(owner, fields.groups);
    const added = await this.relations.addFriend({ owner, friend, ...fields, addTime: this.deps.clock.now() });
    if (!added) return;
    await this.relations.bumpSequence(owner, 'friend');
    await this.pushFriend(owner, friend, 'friend:added');
    this.deps.onFriendAdded?.(owner, friend);
    if (fields.groups.length > 0) await this.pushLists(owner);
  }

  private async dropRequest(from: string, to: string, reason: 'accepted' | 'rejected' | 'withdrawn' | 'dismissed' | 'blocked'): Promise<boolean> {
    if (!(await this.relations.deleteRequest(from, to))) return false;
    this.deps.delivery.toUser(from, 'friendRequest:deleted', { userId: to, direction: 'outgoing', reason });
    this.deps.delivery.toUser(to, 'friendRequest:deleted', { userId: from, direction: 'incoming', reason });
    return true;
  }

  /** R2: honours the target's AllowType (unless forced by the admin); blocklists always apply. */
  async add(request: AddFriendRequest): Promise<AddFriendResult> {
    const { from, to } = request;
    if (from === to) throw new AppError('friend_self');
    const [fromProfile, toProfile] = await Promise.all([this.relations.profiles([from]), this.relations.profiles([to])]);
    if (!fromProfile[0]) throw new AppError('account_not_found');
    const target = toProfile[0];
    if (!target) throw new AppError('user_not_found');
    await this.assertNotBlocked(from, to);
    const both = (request.addType ?? 'Add_Type_Both') === 'Add_Type_Both';
    const [mine] = await this.relations.friends(from, [to]);
    const [theirs] = await this.relations.friends(to, [from]);
    if (mine && (!both || theirs)) throw new AppError('already_friends');
    if (!request.force && fromProfile[0].adminForbidType === 'AdminForbid_Type_SendOut') throw new AppError('friend_add_forbidden');
    if (!mine) await this.assertRoomFor(from, 'friend_limit');
    const groups = request.groupName ? [request.groupName] : [];
    const mineFields = { remark: request.remark ?? '', addSource: request.addSource, addWording: request.addWording ?? '', groups };

    // They asked me first: adding them answers their request.
    const reverse = await this.relations.request(to, from);
    if (reverse) {
      const friend = await this.accept(from, to, { remark: request.remark, groupName: request.groupName });
      if (!friend) throw new AppError('internal');
      return { result: 'added', friend };
    }

    const allowAny = request.force || target.allowType === 'AllowType_Type_AllowAny';
    if (!allowAny && target.allowType === 'AllowType_Type_DenyAny') throw new AppError('friend_add_denied');
    if (!allowAny) {
      const existing = await this.relations.request(from, to);
      if (!existing) {
        if ((await this.relations.countRequests(from, 'outgoing')) >= RELATION_LIMITS.maxPendingRequests) throw new AppError('pending_limit');
        if ((await this.relations.countRequests(to, 'incoming')) >= RELATION_LIMITS.maxPendingRequests) {
          throw new AppError('pending_limit', 'That person has too many friend requests waiting (at most 100); try again later.');
        }
      }
      const record: FriendRequestRecord = {
        from,
        to,
        addSource: request.addSource,
        addWording: request.addWording ?? '',
        remark: request.remark ?? '',
        groupName: request.groupName ?? '',
        time: this.deps.clock.now(),
      };
      await this.relations.putRequest(record);
      this.deps.delivery.toUser(to, 'friendRequest:added', { request: await this.toRequest(to, record) });
      const outgoing = await this.toRequest(from, record);
      this.deps.delivery.toUser(from, 'friendRequest:added', { request: outgoing });
      return { result: 'pending', request: outgoing };
    }

    if (both && !theirs) await this.assertRoomFor(to, 'peer_friend_limit');
    await this.addEntry(from, to, mineFields);
    if (both) await this.addEntry(to, from, { remark: '', addSource: request.addSource, addWording: request.addWording ?? '', groups: [] });
    // An outgoing request of mine is answered by the add.
    await this.dropRequest(from, to, 'accepted');
    const friend = await this.friend(from, to);
    if (!friend) throw new AppError('internal');
    return { result: 'added', friend };
  }

  /** R2: `user` accepts `requester`'s pending request: a two-way friendship. */
  async accept(user: string, requester: string, options: { remark?: string; groupName?: string }): Promise<Friend | null> {
    const request = await this.relations.request(requester, user);
    if (!request) throw new AppError('friend_request_not_found');
    await this.assertNotBlocked(user, requester);
    const [mine] = await this.relations.friends(user, [requester]);
    const [theirs] = await this.relations.friends(requester, [user]);
    if (!mine) await this.assertRoomFor(user, 'friend_limit');
    if (!theirs) await this.assertRoomFor(requester, 'peer_friend_limit');
    // Both sides' lists are checked before either entry is written, or a refusal would leave a one-way friendship.
    await this.assertListRoom(requester, request.groupName ? [request.groupName] : []);
    await this.assertListRoom(user, options.groupName ? [options.groupName] : []);
    await this.addEntry(requester, user, {
      remark: request.remark,
      addSource: request.addSource,
      addWording: request.addWording,
      groups: request.groupName ? [request.groupName] : [],
    });
    await this.addEntry(user, requester, {
      remark: options.remark ?? '',
      addSource: request.addSource,
      addWording: request.addWording,
      groups: options.groupName ? [options.groupName] : [],
    });
    if (mine && (options.remark !== undefined || options.groupName !== undefined)) {
      await this.update(user, requester, { remark: options.remark, groups: options.groupName ? [...new Set([...mine.groups, options.groupName])] : undefined });
    }
    await this.dropRequest(requester, user, 'accepted');
    await this.relations.deleteRequest(user, requester);
    return this.friend(user, requester);
  }

  async respond(user: string, requester: string, action: 'accept' | 'reject', options: { remark?: string; groupName?: string }): Promise<Friend | null> {
    if (action === 'accept') return this.accept(user, requester, options);
    if (!(await this.dropRequest(requester, user, 'rejected'))) throw new AppError('friend_request_not_found');
    return null;
  }

  async deleteRequest(user: string, other: string, direction: FriendRequestDirection): Promise<void> {
    const done =
      direction === 'outgoing' ? await this.dropRequest(user, other, 'withdrawn') : await this.dropRequest(other, user, 'dismissed');
    if (!done) throw new AppError('friend_request_not_found');
  }

  /** R3: per item; not_friends (31704) when there is nothing to delete. */
  async delete(owner: string, userIds: readonly string[], deleteType: DeleteType): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    for (const other of new Set(userIds)) {
      const mine = await this.relations.deleteFriend(owner, other);
      const theirs = deleteType === 'Delete_Type_Both' ? await this.relations.deleteFriend(other, owner) : false;
      if (mine) await this.afterDelete(owner, other);
      if (theirs) await this.afterDelete(other, owner);
      results.push({ userId: other, error: mine || theirs ? null : itemError('not_friends') });
    }
    return results;
  }

  /** Pushes the removal of `friend` from `owner`'s list (lists change with it when it was in any). */
  async afterDelete(owner: string, friend: string): Promise<void> {
    await this.relations.bumpSequence(owner, 'friend');
    this.deps.delivery.toUser(owner, 'friend:deleted', { userIds: [friend] });
    await this.pushLists(owner);
  }

  /** R4: remark, lists (replaced), custom friend fields (configured keys only). */
  async update(
    owner: string,
    friend: string,
    changes: { remark?: string; groups?: readonly string[]; custom?: Record<string, string> },
    who: 'app' | 'admin' = 'app',
  ): Promise<Friend> {
    for (const key of Object.keys(changes.custom ?? {})) {
      const setting = this.deps.friendFields.get(key);
      if (!setting) throw new AppError('friend_unknown_field', `${key} is not a custom friend field on this server.`);
      if (!setting.write.includes(who)) throw new AppError('friend_unknown_field', `${key} cannot be changed by ${who === 'app' ? 'users' : 'the admin'}.`);
    }
    if (changes.groups) await this.assertListRoom(owner, changes.groups);
    const updated = await this.relations.updateFriend(owner, friend, changes);
    if (!updated) throw new AppError('not_friends');
    await this.relations.bumpSequence(owner, 'friend');
    const entry = await this.pushFriend(owner, friend, 'friend:updated');
    if (changes.groups) await this.pushLists(owner);
    if (!entry) throw new AppError('not_friends');
    return entry;
  }

  /** R6 (A = owner, B = each target). */
  async check(owner: string, userIds: readonly string[], checkType: CheckType): Promise<{ userId: string; relation: CheckRelation }[]> {
    const mine = new Set((await this.relations.friends(owner, userIds)).map((f) => f.friend));
    const theirs = checkType === 'CheckResult_Type_Both' ? new Set(await this.relations.ownersOf(owner, userIds)) : new Set<string>();
    return userIds.map((userId) => {
      const a = mine.has(userId);
      const b = theirs.has(userId);
      const relation: CheckRelation = a && b ? 'CheckResult_Type_BothWay' : a ? 'CheckResult_Type_AWithB' : b ? 'CheckResult_Type_BWithA' : 'CheckResult_Type_NoRelation';
      return { userId, relation };
    });
  }

  // ---------------------------------------------------------------- friend lists (R4)

  private async listNamed(owner: string, name: string): Promise<FriendList> {
    const list = (await this.relations.lists(owner)).find((l) => l.name === name);
    if (!list) throw new AppError('friend_list_not_found');
    return list;
  }

  private async assertFriends(owner: string, userIds: readonly string[]): Promise<void> {
    const mine = new Set((await this.relations.friends(owner, userIds)).map((f) => f.friend));
    const stranger = userIds.find((id) => !mine.has(id));
    if (stranger !== undefined) throw new AppError('not_friends', `${stranger} is not in your friend list.`);
  }

  async createList(owner: string, name: string, userIds: readonly string[] = []): Promise<FriendList> {
    const lists = await this.relations.lists(owner);
    if (lists.some((l) => l.name === name)) throw new AppError('friend_list_exists');
    if (lists.length >= RELATION_LIMITS.maxFriendLists) throw new AppError('friend_list_limit');
    await this.assertFriends(owner, userIds);
    await this.relations.createList(owner, name, this.deps.clock.now());
    await this.relations.addListMembers(owner, name, userIds);
    await this.afterListChange(owner, userIds);
    return this.listNamed(owner, name);
  }

  async renameList(owner: string, name: string, newName: string): Promise<FriendList> {
    const list = await this.listNamed(owner, name);
    if (name !== newName) {
      if ((await this.relations.lists(owner)).some((l) => l.name === newName)) throw new AppError('friend_list_exists');
      await this.relations.renameList(owner, name, newName);
    }
    await this.afterListChange(owner, list.members);
    return this.listNamed(owner, newName);
  }

  async deleteLists(owner: string, names: readonly string[]): Promise<void> {
    const lists = await this.relations.lists(owner);
    const missing = names.find((n) => !lists.some((l) => l.name === n));
    if (missing !== undefined) throw new AppError('friend_list_not_found', `There is no friend list named ${missing}.`);
    const members = new Set<string>();
    for (const name of new Set(names)) {
      lists.find((l) => l.name === name)?.members.forEach((m) => members.add(m));
      await this.relations.deleteList(owner, name);
    }
    await this.afterListChange(owner, [...members]);
  }

  async addMembers(owner: string, name: string, userIds: readonly string[]): Promise<FriendList> {
    await this.listNamed(owner, name);
    await this.assertFriends(owner, userIds);
    await this.relations.addListMembers(owner, name, userIds);
    await this.afterListChange(owner, userIds);
    return this.listNamed(owner, name);
  }

  async removeMembers(owner: string, name: string, userIds: readonly string[]): Promise<FriendList> {
    await this.listNamed(owner, name);
    await this.relations.removeListMembers(owner, name, userIds);
    await this.afterListChange(owner, userIds);
    return this.listNamed(owner, name);
  }

  /** The lists change for every device; each affected friend's entry (its `groups`) too. */
  private async afterListChange(owner: string, members: readonly string[]): Promise<void> {
    await this.relations.bumpSequence(owner, 'friend');
    await this.pushLists(owner);
    if (members.length === 0) return;
    for (const entry of await this.toFriends(owner, await this.relations.friends(owner, members))) {
      this.deps.delivery.toUser(owner, 'friend:updated', { friend: entry });
    }
  }
}
