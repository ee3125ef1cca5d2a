import {
  c2cConversationId,
  type BlobInfo,
  type BlockEntry,
  type Friend,
  type FriendList,
  type Profile,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Contact, EventSink, ParsedInput, ProfileCard, RequestOutput } from '../../../shared/ipc';
import { DeviceInfo, type PushPayload } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import {
  deleteBlocked,
  deleteFriendRequest,
  deleteFriends,
  dropFromLists,
  friendIds,
  getContactState,
  getFriend,
  getProfile,
  isBlocked,
  listBlocked,
  listFriendLists,
  listFriendRequests,
  listFriends,
  markRequestsSeen,
  pendingRequestDirection,
  placeholderProfile,
  putBlocked,
  putFriend,
  putFriendRequest,
  putProfile,
  replaceBlocked,
  replaceFriendLists,
  replaceFriendRequests,
  replaceFriends,
  setContactState,
  syncMembership,
  unreadRequestCount,
} from '../store/tables/contacts';
import { accountRequest } from './accountRequest';
import { sleep } from '../util/taskTracker';

/** What the contacts service needs of the media module. */
export interface ContactsMedia {
  uploadImage(stageId: string): Promise<BlobInfo>;
}

/** The add source when the renderer names none (found by search). */
const DEFAULT_ADD_SOURCE = 'AddSource_Type_Search';
const BLOCK_PAGE = 1000;
const SYNC_RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/** What changed in one step, so one set of events goes out after the transaction. */
interface Changes {
  friends: Set<string>;
  removed: Set<string>;
  lists: boolean;
  requests: boolean;
  blocklist: boolean;
  profiles: Profile[];
}

function noChanges(): Changes {
  return { friends: new Set(), removed: new Set(), lists: false, requests: false, blocklist: false, profiles: [] };
}

/**
 * Contacts, profiles, friend requests, friend lists, the blocklist, custom status and
 * devices for one signed-in account (P1–P3, R1–R6, A4, A5). Everything the contacts
 * screen shows is read from the local store (0008), so it opens offline; on every connect
 * the whole relationship chain is fetched and stored in one transaction (3,000 friends at
 * most), and pushes are applied as they come. Operations go to the server first (they are
 * refused offline) and their replies are stored at once, ahead of the pushes that follow.
 */
export class ContactsService {
  private unsubscribe: Array<() => void> = [];
  private generation = 0;
  /** Bumped by every relationship push and applied reply: a full fetch that overlapped one is fetched again. */
  private pushEpoch = 0;

  constructor(
    private readonly ctx: AccountContext,
    private readonly emit: EventSink,
    private readonly media: ContactsMedia,
    /** My own nickname changed: the session (and what the renderer shows as me) follows. */
    private readonly onOwnNickname: (nickname: string) => void = () => {},
  ) {}

  start(): void {
    const { connection, presence } = this.ctx;
    const push = <N extends Parameters<typeof connection.onPush>[0]>(name: N, apply: (payload: PushPayload<N>) => Changes | void) =>
      connection.onPush(name, (payload) => {
        if (this.ctx.tasks.closed) return;
        this.pushEpoch += 1;
        const changes = transaction(this.ctx.db, () => apply(payload));
        if (changes) this.publish(changes);
      });
    this.unsubscribe = [
      connection.on('connected', () => {
        this.generation += 1;
        void this.ctx.tasks.track(this.syncLoop(this.generation));
      }),
      connection.on('disconnected', () => {
        this.generation += 1;
      }),
      push('profile:changed', ({ profile }) => this.applyProfiles([profile])),
      push('friend:added', ({ friend }) => {
        this.presenceSoon([friend.userId]);
        return this.applyFriend(friend, true);
      }),
      push('friend:updated', ({ friend }) => this.applyFriend(friend, false)),
      push('friend:deleted', ({ userIds }) => this.applyFriendsGone(userIds)),
      push('friendRequest:added', ({ request }) => {
        putFriendRequest(this.ctx.db, request, this.ctx.now());
        return { ...noChanges(), requests: true };
      }),
      push('friendRequest:deleted', ({ userId, direction }) => ({
        ...noChanges(),
        requests: deleteFriendRequest(this.ctx.db, userId, direction),
      })),
      push('friendList:changed', ({ lists }) => this.applyLists(lists)),
      push('block:added', ({ entries }) => this.applyBlocked(entries)),
      push('block:removed', ({ userIds }) => ({ ...noChanges(), blocklist: deleteBlocked(this.ctx.db, userIds).length > 0 })),
      connection.onPush('devices:changed', ({ devices }) => this.storeDevices(devices)),
      connection.onPush('presence:changed', (p) => {
        if (p.userId === this.ctx.me && p.customStatus !== undefined) this.storeOwnStatus(p.customStatus);
      }),
      presence.onChange((userIds) => {
        if (this.ctx.tasks.closed) return;
        const friends = userIds.filter((id) => getFriend(this.ctx.db, id));
        if (friends.length > 0) this.emitContacts(friends, [], false);
      }),
    ];
  }

  stop(): void {
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.generation += 1;
  }

  // ─────────────────────────────────────────────────────────── reads (local store)

  ownProfile(): Profile {
    return getProfile(this.ctx.db, this.ctx.me) ?? { ...this.placeholder(this.ctx.me), view: 'self' };
  }

  list(): RequestOutput<'contacts:list'> {
    return { friends: listFriends(this.ctx.db).map((f) => this.contact(f)), lists: listFriendLists(this.ctx.db) };
  }

  requests(): RequestOutput<'friendRequests:list'> {
    return { requests: listFriendRequests(this.ctx.db), unreadCount: unreadRequestCount(this.ctx.db) };
  }

  markRequestsRead(): void {
    markRequestsSeen(this.ctx.db);
    this.emit('friendRequests:changed', this.requests());
  }

  blocklist(): RequestOutput<'blocklist:list'> {
    return { entries: listBlocked(this.ctx.db) };
  }

  customStatus(): string {
    return getContactState(this.ctx.db, 'custom_status') ?? '';
  }

  // ─────────────────────────────────────────────────────────── profiles

  updateProfile(patch: ParsedInput<'profile:update'>): Promise<Profile> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { profile } = await this.ctx.connection.request('profile:setSelf', patch);
      stillSignedIn();
      this.publish(transaction(this.ctx.db, () => this.applyProfiles([profile])));
      return profile;
    });
  }

  async setAvatar(stageId: string): Promise<Profile> {
    const blob = await this.media.uploadImage(stageId);
    return this.updateProfile({ image: blob.url });
  }

  /** P3: fresh from the server when online (and cached); the cached copy offline. Null: no such user. */
  card(userId: string): Promise<ProfileCard | null> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!this.ctx.connection.isOnline()) {
        const cached = getProfile(this.ctx.db, userId);
        if (!cached) throw new AppError('offline');
        return this.toCard(cached);
      }
      const { profiles, notFound } = await this.ctx.connection.request('profile:get', { userIds: [userId] });
      stillSignedIn();
      if (notFound.includes(userId) || profiles.length === 0) return null;
      this.publish(transaction(this.ctx.db, () => this.applyProfiles(profiles)));
      await this.refreshPresence([userId]).catch(() => undefined);
      stillSignedIn();
      return this.toCard(profiles[0] as Profile);
    });
  }

  search(query: string): Promise<RequestOutput<'users:search'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { profiles } = await this.ctx.connection.request('user:search', { keyword: query });
      stillSignedIn();
      this.publish(transaction(this.ctx.db, () => this.applyProfiles(profiles)));
      return { results: profiles.map((p) => this.toCard(p)) };
    });
  }

  // ─────────────────────────────────────────────────────────── friends

  addFriend(input: ParsedInput<'friends:add'>): Promise<RequestOutput<'friends:add'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const reply = await this.ctx.connection.request('friend:add', {
        userId: input.userId,
        addSource: input.source ?? DEFAULT_ADD_SOURCE,
        ...(input.wording !== undefined && { addWording: input.wording }),
        ...(input.remark !== undefined && { remark: input.remark }),
        ...(input.list !== undefined && { groupName: input.list }),
      });
      stillSignedIn();
      if (reply.result === 'added') {
        this.publish(transaction(this.ctx.db, () => this.applyFriend(reply.friend, true)));
        this.presenceSoon([reply.friend.userId]);
        return { outcome: 'added' };
      }
      transaction(this.ctx.db, () => putFriendRequest(this.ctx.db, reply.request, this.ctx.now()));
      this.publish({ ...noChanges(), requests: true });
      return { outcome: 'requested' };
    });
  }

  respond(userId: string, action: 'accept' | 'reject', options: { remark?: string; list?: string } = {}): Promise<void> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { friend } = await this.ctx.connection.request('friend:respond', {
        userId,
        action,
        ...(options.remark !== undefined && { remark: options.remark }),
        ...(options.list !== undefined && { groupName: options.list }),
      });
      stillSignedIn();
      const changes = transaction(this.ctx.db, () => {
        const applied = friend ? this.applyFriend(friend, true) : noChanges();
        applied.requests = deleteFriendRequest(this.ctx.db, userId, 'incoming') || applied.requests;
        return applied;
      });
      this.publish(changes);
      if (friend) this.presenceSoon([friend.userId]);
    });
  }

  deleteRequest(userId: string, direction: 'incoming' | 'outgoing'): Promise<void> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      await this.ctx.connection.request('friend:deleteRequest', { userId, direction });
      stillSignedIn();
      this.publish({ ...noChanges(), requests: deleteFriendRequest(this.ctx.db, userId, direction) });
    });
  }

  deleteFriends(userIds: string[], mode: 'single' | 'both'): Promise<RequestOutput<'friends:delete'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { results } = await this.ctx.connection.request('friend:delete', {
        userIds,
        deleteType: mode === 'both' ? 'Delete_Type_Both' : 'Delete_Type_Single',
      });
      stillSignedIn();
      // Gone from my list whether this call or an earlier one removed them (not_friends).
      const gone = results.filter((r) => r.error === null || r.error.code === 'not_friends').map((r) => r.userId);
      this.publish(transaction(this.ctx.db, () => this.applyFriendsGone(gone)));
      return { results };
    });
  }

  updateFriend(input: ParsedInput<'friends:update'>): Promise<Contact> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { friend } = await this.ctx.connection.request('friend:update', {
        userId: input.userId,
        ...(input.remark !== undefined && { remark: input.remark }),
        ...(input.lists !== undefined && { groups: input.lists }),
      });
      stillSignedIn();
      this.publish(transaction(this.ctx.db, () => this.applyFriend(friend, false)));
      return this.contact(getFriend(this.ctx.db, friend.userId) ?? friend);
    });
  }

  check(input: ParsedInput<'friends:check'>): Promise<RequestOutput<'friends:check'>> {
    return accountRequest(this.ctx.tasks, () => this.ctx.connection.request('friend:check', { userIds: input.userIds, checkType: input.type }));
  }

  // ─────────────────────────────────────────────────────────── friend lists

  createList(name: string, userIds: string[] | undefined): Promise<FriendList> {
    return this.listOp(() => this.ctx.connection.request('friendList:create', { name, ...(userIds && { userIds }) }));
  }

  renameList(name: string, newName: string): Promise<FriendList> {
    return this.listOp(() => this.ctx.connection.request('friendList:rename', { name, newName }), name);
  }

  addToList(name: string, userIds: string[]): Promise<FriendList> {
    return this.listOp(() => this.ctx.connection.request('friendList:addMembers', { name, userIds }));
  }

  removeFromList(name: string, userIds: string[]): Promise<FriendList> {
    return this.listOp(() => this.ctx.connection.request('friendList:removeMembers', { name, userIds }));
  }

  deleteList(name: string): Promise<void> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      await this.ctx.connection.request('friendList:delete', { names: [name] });
      stillSignedIn();
      const lists = listFriendLists(this.ctx.db).filter((l) => l.name !== name);
      this.publish(transaction(this.ctx.db, () => this.applyLists(lists)));
    });
  }

  /** A list operation answers with the list; the other lists are as they were. */
  private listOp(request: () => Promise<{ list: FriendList }>, previousName?: string): Promise<FriendList> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { list } = await request();
      stillSignedIn();
      const current = listFriendLists(this.ctx.db);
      const index = current.findIndex((l) => l.name === (previousName ?? list.name));
      const lists = index === -1 ? [...current, list] : current.map((l, i) => (i === index ? list : l));
      this.publish(transaction(this.ctx.db, () => this.applyLists(lists)));
      return list;
    });
  }

  // ─────────────────────────────────────────────────────────── blocklist

  block(userIds: string[]): Promise<RequestOutput<'blocklist:add'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { results } = await this.ctx.connection.request('block:add', { userIds });
      stillSignedIn();
      const now = this.ctx.now();
      const blocked = results.filter((r) => r.error === null || r.error.code === 'already_blocked').map((r) => r.userId);
      const entries: BlockEntry[] = blocked.map((userId) => ({
        userId,
        time: now,
        profile: getProfile(this.ctx.db, userId) ?? this.placeholder(userId),
      }));
      this.publish(transaction(this.ctx.db, () => this.applyBlocked(entries, true)));
      return { results };
    });
  }

  unblock(userIds: string[]): Promise<RequestOutput<'blocklist:remove'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { results } = await this.ctx.connection.request('block:remove', { userIds });
      stillSignedIn();
      const gone = results.filter((r) => r.error === null || r.error.code === 'not_blocked').map((r) => r.userId);
      this.publish({ ...noChanges(), blocklist: deleteBlocked(this.ctx.db, gone).length > 0 });
      return { results };
    });
  }

  checkBlocked(input: ParsedInput<'blocklist:check'>): Promise<RequestOutput<'blocklist:check'>> {
    return accountRequest(this.ctx.tasks, () => this.ctx.connection.request('block:check', { userIds: input.userIds, checkType: input.type }));
  }

  // ─────────────────────────────────────────────────────────── presence, devices

  setCustomStatus(customStatus: string): Promise<{ customStatus: string }> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const reply = await this.ctx.connection.request('presence:setCustomStatus', { customStatus });
      stillSignedIn();
      this.pushEpoch += 1;
      this.storeOwnStatus(reply.customStatus);
      return { customStatus: reply.customStatus };
    });
  }

  devices(): Promise<RequestOutput<'devices:list'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!this.ctx.connection.isOnline()) return { devices: this.storedDevices() };
      const { devices } = await this.ctx.connection.request('devices:list', {});
      stillSignedIn();
      setContactState(this.ctx.db, 'devices', JSON.stringify(devices));
      return { devices };
    });
  }

  signOutDevice(instanceId: string): Promise<void> {
    return accountRequest(this.ctx.tasks, async () => {
      await this.ctx.connection.request('devices:signOut', { instanceId });
    });
  }

  // ─────────────────────────────────────────────────────────── sync

  private isCurrent(generation: number): boolean {
    return !this.ctx.tasks.closed && generation === this.generation && this.ctx.connection.isOnline();
  }

  /** The full fetch on every connect, retried with back-off while this connection lasts. */
  private async syncLoop(generation: number): Promise<void> {
    for (let attempt = 0; this.isCurrent(generation); attempt += 1) {
      try {
        await this.syncAll(generation);
        return;
      } catch (error) {
        if (!this.isCurrent(generation)) return;
        const wait = SYNC_RETRY_MS[Math.min(attempt, SYNC_RETRY_MS.length - 1)] ?? 60_000;
        this.ctx.logger.warn({ err: error, retryInMs: wait }, 'contacts sync failed; retrying');
        await sleep(wait, this.ctx.tasks.signal);
      }
    }
  }

  /** Fetches the whole relationship chain and stores it in one transaction; then friends' presence. */
  async syncAll(generation: number = this.generation): Promise<void> {
    const { connection } = this.ctx;
    for (let round = 0; ; round += 1) {
      const epoch = this.pushEpoch;
      const [self, friends, lists, requests, blocked, devices, own] = await Promise.all([
        connection.request('profile:getSelf', {}),
        connection.request('friend:list', {}),
        connection.request('friendList:get', {}),
        connection.request('friend:requests', {}),
        this.fetchBlocklist(),
        connection.request('devices:list', {}).catch(() => null),
        // My own custom status as set on any device (A4).
        connection.request('presence:get', { userIds: [this.ctx.me] }).catch(() => null),
      ]);
      if (!this.isCurrent(generation)) return;
      // A push that landed while the pages were in flight may be newer than them: fetch again (twice at most).
      if (epoch !== this.pushEpoch && round < 2) continue;
      const now = this.ctx.now();
      const changes = transaction(this.ctx.db, () => {
        const c = this.applyProfiles([self.profile]);
        const friendDiff = replaceFriends(this.ctx.db, friends.friends, now);
        friendDiff.changed.forEach((id) => c.friends.add(id));
        friendDiff.removed.forEach((id) => c.removed.add(id));
        const listDiff = replaceFriendLists(this.ctx.db, lists.lists);
        listDiff.friends.forEach((id) => c.friends.add(id));
        c.lists = listDiff.listsChanged || friendDiff.removed.length > 0;
        c.requests = replaceFriendRequests(this.ctx.db, requests.requests, now);
        c.blocklist = replaceBlocked(this.ctx.db, blocked, now);
        if (devices) setContactState(this.ctx.db, 'devices', JSON.stringify(devices.devices));
        return c;
      });
      this.publish(changes);
      const mine = own?.statuses.find((st) => st.userId === this.ctx.me);
      if (mine?.customStatus !== undefined) this.storeOwnStatus(mine.customStatus);
      if (devices) this.emit('devices:changed', { devices: devices.devices });
      break;
    }
    await this.refreshPresence(friendIds(this.ctx.db));
  }

  private async fetchBlocklist(): Promise<BlockEntry[]> {
    const entries: BlockEntry[] = [];
    for (let startIndex = 0; ; ) {
      const page = await this.ctx.connection.request('block:list', { startIndex, limit: BLOCK_PAGE });
      entries.push(...page.entries);
      if (page.nextStartIndex === 0 || page.entries.length === 0) return entries;
      startIndex = page.nextStartIndex;
    }
  }

  /** A new friend: ask for their presence now (the server subscribes us; pushes follow). Best effort. */
  private presenceSoon(userIds: string[]): void {
    if (this.ctx.tasks.closed || !this.ctx.connection.isOnline()) return;
    void this.ctx.tasks.track(this.refreshPresence(userIds).catch((error: unknown) => this.ctx.logger.debug({ err: error }, 'presence of a new friend')));
  }

  private async refreshPresence(userIds: string[]): Promise<void> {
    if (userIds.length > 0) await this.ctx.presence.refresh(userIds);
  }

  // ─────────────────────────────────────────────────────────── applying server state (inside a transaction)

  private applyProfiles(profiles: readonly Profile[]): Changes {
    const changes = noChanges();
    const now = this.ctx.now();
    for (const profile of profiles) {
      if (!putProfile(this.ctx.db, profile, now)) continue;
      changes.profiles.push(profile);
      if (getFriend(this.ctx.db, profile.userId)) changes.friends.add(profile.userId);
      if (pendingRequestDirection(this.ctx.db, profile.userId)) changes.requests = true;
      if (isBlocked(this.ctx.db, profile.userId)) changes.blocklist = true;
    }
    return changes;
  }

  private applyFriend(friend: Friend, added: boolean): Changes {
    const changes = noChanges();
    if (putProfile(this.ctx.db, friend.profile, this.ctx.now())) changes.profiles.push(friend.profile);
    if (putFriend(this.ctx.db, friend, this.ctx.now())) changes.friends.add(friend.userId);
    changes.lists = syncMembership(this.ctx.db, friend.userId, friend.groups);
    // Friends now: any pending request between us is settled.
    if (added) changes.requests = deleteFriendRequest(this.ctx.db, friend.userId, null);
    return changes;
  }

  private applyFriendsGone(userIds: readonly string[]): Changes {
    const changes = noChanges();
    deleteFriends(this.ctx.db, userIds).forEach((id) => changes.removed.add(id));
    changes.lists = dropFromLists(this.ctx.db, userIds);
    return changes;
  }

  private applyLists(lists: readonly FriendList[]): Changes {
    const changes = noChanges();
    const diff = replaceFriendLists(this.ctx.db, lists);
    diff.friends.forEach((id) => changes.friends.add(id));
    changes.lists = diff.listsChanged;
    return changes;
  }

  /** R5: blocking unfriends both ways and drops pending requests both ways. */
  private applyBlocked(entries: readonly BlockEntry[], keepNewerProfile = false): Changes {
    const changes = noChanges();
    const now = this.ctx.now();
    for (const entry of entries) {
      const profile = keepNewerProfile ? (getProfile(this.ctx.db, entry.userId) ?? entry.profile) : entry.profile;
      putBlocked(this.ctx.db, { ...entry, profile }, now);
      changes.blocklist = true;
      if (deleteFriendRequest(this.ctx.db, entry.userId, null)) changes.requests = true;
    }
    const gone = this.applyFriendsGone(entries.map((e) => e.userId));
    gone.removed.forEach((id) => changes.removed.add(id));
    changes.lists = gone.lists;
    return changes;
  }

  // ─────────────────────────────────────────────────────────── events

  private publish(changes: Changes): void {
    // An operation's reply (profile:setSelf is not pushed back to its own socket) is newer than a
    // full fetch already in flight: make that fetch go again rather than store its older pages.
    this.pushEpoch += 1;
    if (this.ctx.tasks.closed) return;
    for (const profile of changes.profiles) this.emit('profile:changed', { profile });
    const mine = changes.profiles.find((p) => p.userId === this.ctx.me);
    if (mine) this.onOwnNickname(mine.nick || this.ctx.me);
    // A conversation is named after the peer: my remark (R4) first, then their nickname; both can change here.
    const renamed = new Set([...changes.profiles.map((p) => p.userId), ...changes.friends, ...changes.removed]);
    if (renamed.size > 0) this.ctx.notify.conversations([...renamed].map(c2cConversationId));
    this.emitContacts([...changes.friends], [...changes.removed], changes.lists);
    if (changes.requests) this.emit('friendRequests:changed', this.requests());
    if (changes.blocklist) this.emit('blocklist:changed', this.blocklist());
  }

  private emitContacts(changed: readonly string[], removed: readonly string[], listsChanged: boolean): void {
    if (changed.length === 0 && removed.length === 0 && !listsChanged) return;
    const friends = changed.flatMap((id) => {
      const friend = getFriend(this.ctx.db, id);
      return friend ? [this.contact(friend)] : [];
    });
    this.emit('contacts:changed', { friends, removed: [...removed], lists: listsChanged ? listFriendLists(this.ctx.db) : null });
  }

  /** A4: my own status, kept for offline reads and told to the renderer when it changed. */
  private storeOwnStatus(customStatus: string): void {
    if (this.ctx.tasks.closed || this.customStatus() === customStatus) return;
    setContactState(this.ctx.db, 'custom_status', customStatus);
    this.emit('presence:statusChanged', { customStatus });
  }

  private storeDevices(devices: DeviceInfo[]): void {
    if (this.ctx.tasks.closed) return;
    setContactState(this.ctx.db, 'devices', JSON.stringify(devices));
    this.emit('devices:changed', { devices });
  }

  private storedDevices(): DeviceInfo[] {
    const stored = getContactState(this.ctx.db, 'devices');
    if (!stored) return [];
    const parsed = DeviceInfo.array().safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  }

  // ─────────────────────────────────────────────────────────── views

  private contact(friend: Friend): Contact {
    return { ...friend, presence: this.ctx.presence.get(friend.userId), customStatus: this.ctx.presence.customStatus(friend.userId) };
  }

  private toCard(profile: Profile): ProfileCard {
    const db = this.ctx.db;
    return {
      profile,
      friend: getFriend(db, profile.userId) ?? null,
      blocked: isBlocked(db, profile.userId),
      request: pendingRequestDirection(db, profile.userId),
      presence: this.ctx.presence.get(profile.userId),
      customStatus: this.ctx.presence.customStatus(profile.userId),
    };
  }

  private placeholder(userId: string): Profile {
    return placeholderProfile(this.ctx.db, userId);
  }
}
