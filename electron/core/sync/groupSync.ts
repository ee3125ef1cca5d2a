import { groupConversationId, type GroupInfo, type GroupMember, type PermissionGroup, type TopicInfo } from '../../../shared/domain';
import type { EventSink } from '../../../shared/ipc';
import type { GroupSelf, PushPayload } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { joinedEntries, topicEntries } from '../services/groupViews';
import { transaction } from '../store/database';
import { conversationIdsOfGroup, setConversationLeft, setConversationSettings } from '../store/tables/conversations';
import { rememberGroupView } from './groupRows';
import {
  deleteGroup,
  deleteTopics,
  getGroup,
  groupIds,
  listApplications,
  listPermissionGroups,
  listTopics,
  putGroup,
  putTopic,
  removeMembers,
  replaceApplications,
  replaceGroups,
  replacePermissionGroups,
  replaceTopics,
  updateGroupInfo,
  updateSelf,
  upsertMembers,
  type CachedGroup,
} from '../store/tables/groups';
import { sleep } from '../util/taskTracker';

const SYNC_RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];
/** Member pushes naming up to this many people re-show those senders' recent messages (name cards). */
const RENAMED_SENDERS_MAX = 20;
/** Communities whose topics and permission groups are fetched at once at connect. */
const COMMUNITY_FETCH_PARALLEL = 4;

/** What one step changed, so one set of events goes out after its transaction. */
export interface GroupChanges {
  groups: Set<string>;
  removed: Set<string>;
  left: Array<PushPayload<'group:left'> & { name: string }>;
  members: Array<PushPayload<'group:membersChanged'>>;
  applications: boolean;
  topics: Map<string, { changed: Set<string>; removed: Set<string> }>;
  permissionGroups: Set<string>;
}

export function noGroupChanges(): GroupChanges {
  return { groups: new Set(), removed: new Set(), left: [], members: [], applications: false, topics: new Map(), permissionGroups: new Set() };
}

/**
 * Keeps the group cache (migration 0009) in step with the server: the joined list and the
 * pending applications at every connect (then each community's topics and permission
 * groups), the group pushes as they come, and a fresh joined list when a push names a group
 * not cached yet (I was added, or my application was accepted) or my permission groups may
 * have changed. Members are not fetched here: only pages someone opened are cached.
 */
export class GroupSync {
  private unsubscribe: Array<() => void> = [];
  private generation = 0;
  /** Bumped by every push and applied reply: a joined-list fetch that overlapped one is fetched again. */
  private epoch = 0;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  constructor(
    private readonly ctx: AccountContext,
    private readonly emit: EventSink,
  ) {}

  start(): void {
    const { connection } = this.ctx;
    const push = <N extends Parameters<typeof connection.onPush>[0]>(name: N, apply: (payload: PushPayload<N>) => GroupChanges | void) =>
      connection.onPush(name, (payload) => {
        if (this.ctx.tasks.closed) return;
        this.epoch += 1;
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
      push('group:changed', ({ group }) => {
        if (getGroup(this.ctx.db, group.groupId)) return this.applyInfo(group);
        this.refreshSoon();
      }),
      push('group:left', (left) => this.applyLeft(left)),
      push('group:membersChanged', (p) => this.applyMembers(p.groupId, p.upserted, p.removed)),
      push('group:applicationsChanged', ({ groupId, applications }) => ({
        ...noGroupChanges(),
        applications: replaceApplications(this.ctx.db, applications, groupId),
      })),
      connection.onPush('group:applicationHandled', (p) => {
        if (!this.ctx.tasks.closed) this.emit('groups:applicationHandled', p);
      }),
      push('topic:changed', ({ topic }) => this.applyTopics(topic.groupId, [topic], [])),
      push('topic:deleted', ({ groupId, topicIds }) => this.applyTopics(groupId, [], topicIds)),
      push('permissionGroup:changed', ({ groupId, permissionGroups }) => {
        // Whether I was added to or removed from one is not in the push: my membership comes with the joined list.
        if (getGroup(this.ctx.db, groupId)) this.refreshSoon();
        return this.applyPermissionGroups(groupId, permissionGroups);
      }),
    ];
  }

  stop(): void {
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.generation += 1;
  }

  // ─────────────────────────────────────────────────────────── connect sync

  private isCurrent(generation: number): boolean {
    return !this.ctx.tasks.closed && generation === this.generation && this.ctx.connection.isOnline();
  }

  private async syncLoop(generation: number): Promise<void> {
    for (let attempt = 0; this.isCurrent(generation); attempt += 1) {
      try {
        await this.syncAll(generation);
        return;
      } catch (error) {
        if (!this.isCurrent(generation)) return;
        const wait = SYNC_RETRY_MS[Math.min(attempt, SYNC_RETRY_MS.length - 1)] ?? 60_000;
        this.ctx.logger.warn({ err: error, retryInMs: wait }, 'group sync failed; retrying');
        await sleep(wait, this.ctx.tasks.signal);
      }
    }
  }

  /** The joined list and applications, then every community's topics and permission groups. */
  async syncAll(generation: number = this.generation): Promise<void> {
    const communities = await this.fetchJoined(generation, true);
    await this.fetchCommunities(generation, communities);
  }

  /**
   * A fresh joined list now (after a create, or a push about a group not cached). Calls while one runs are
   * folded into one more run after it.
   */
  refreshJoined(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const generation = this.generation;
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          const added = await this.fetchJoined(generation, false);
          await this.fetchCommunities(generation, added);
        } while (this.refreshAgain && this.isCurrent(generation));
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private refreshSoon(): void {
    if (this.ctx.tasks.closed || !this.ctx.connection.isOnline()) return;
    void this.ctx.tasks.track(this.refreshJoined().catch((error: unknown) => this.ctx.logger.debug({ err: error }, 'group list refresh')));
  }

  /** Stores the joined list (and with `withApplications` the applications); returns the communities to fetch. */
  private async fetchJoined(generation: number, withApplications: boolean): Promise<string[]> {
    const { connection } = this.ctx;
    for (let round = 0; ; round += 1) {
      const epoch = this.epoch;
      const [joined, applications] = await Promise.all([
        connection.request('group:joined', {}),
        withApplications ? connection.request('group:applications', {}) : Promise.resolve(null),
      ]);
      if (!this.isCurrent(generation)) return [];
      // A push that landed while the list was in flight may be newer than it: fetch again (twice at most).
      if (epoch !== this.epoch && round < 2) continue;
      const before = new Set(groupIds(this.ctx.db));
      const changes = transaction(this.ctx.db, () => {
        const c = noGroupChanges();
        const diff = replaceGroups(this.ctx.db, joined.entries);
        diff.changed.forEach((id) => c.groups.add(id));
        diff.removed.forEach((id) => c.removed.add(id));
        if (applications) c.applications = replaceApplications(this.ctx.db, applications.applications);
        return c;
      });
      this.publish(changes);
      const communities = joined.entries.filter((e) => e.group.type === 'Community').map((e) => e.group.groupId);
      return withApplications ? communities : communities.filter((id) => !before.has(id));
    }
  }

  private async fetchCommunities(generation: number, groupIds: readonly string[]): Promise<void> {
    const queue = [...groupIds];
    const worker = async () => {
      for (let groupId = queue.shift(); groupId !== undefined && this.isCurrent(generation); groupId = queue.shift()) {
        await this.fetchCommunity(groupId).catch((error: unknown) => this.ctx.logger.debug({ err: error, groupId }, 'community fetch'));
      }
    };
    await Promise.all(Array.from({ length: COMMUNITY_FETCH_PARALLEL }, worker));
  }

  /** One community's topics and permission groups (also what topics:list / permissionGroups:list do online). */
  async fetchCommunity(groupId: string): Promise<{ topics: TopicInfo[]; permissionGroups: PermissionGroup[] }> {
    const [{ topics }, { permissionGroups }] = await Promise.all([
      this.ctx.connection.request('topic:list', { groupId }),
      this.ctx.connection.request('permissionGroup:list', { groupId }),
    ]);
    if (this.ctx.tasks.closed) return { topics, permissionGroups };
    this.publish(
      transaction(this.ctx.db, () => {
        const c = this.applyPermissionGroups(groupId, permissionGroups);
        return mergeGroupChanges(c, this.applyTopicList(groupId, topics));
      }),
    );
    return { topics, permissionGroups };
  }

  // ─────────────────────────────────────────────────────────── applying server state (inside a transaction)

  /** A group I am in, fresh from an operation's reply or a fetch. */
  applyJoined(entry: CachedGroup): GroupChanges {
    const c = noGroupChanges();
    if (putGroup(this.ctx.db, entry)) c.groups.add(entry.group.groupId);
    return c;
  }

  applyInfo(group: GroupInfo): GroupChanges {
    const c = noGroupChanges();
    if (updateGroupInfo(this.ctx.db, group)) c.groups.add(group.groupId);
    return c;
  }

  /** My role and permission groups decide my bits in the community and its topics: those are published again. */
  applySelf(groupId: string, patch: Partial<GroupSelf>): GroupChanges {
    const c = noGroupChanges();
    if (!updateSelf(this.ctx.db, groupId, patch)) return c;
    c.groups.add(groupId);
    // The group's conversation receives as my MsgFlag says (its list icon, its notifications); topics keep their own.
    if (patch.msgFlag !== undefined) setConversationSettings(this.ctx.db, groupConversationId(groupId), { recvOpt: patch.msgFlag });
    if (patch.role !== undefined || patch.permissionGroupIds !== undefined) {
      this.noteTopics(c, groupId, listTopics(this.ctx.db, groupId).map((t) => t.topicId), []);
    }
    return c;
  }

  /**
   * I am out of the group. Told once: my own quit/disband is applied from the reply, and the push that
   * follows finds nothing cached (a group never cached was never shown, so there is nothing to tell).
   */
  applyLeft(left: PushPayload<'group:left'>): GroupChanges {
    const c = noGroupChanges();
    const cached = getGroup(this.ctx.db, left.groupId);
    if (!cached) return c;
    c.applications = listApplications(this.ctx.db).some((a) => a.groupId === left.groupId);
    deleteGroup(this.ctx.db, left.groupId);
    c.removed.add(left.groupId);
    c.left.push({ ...left, name: cached.group.name });
    return c;
  }

  applyMembers(groupId: string, upserted: readonly GroupMember[], removed: readonly string[]): GroupChanges {
    if (!getGroup(this.ctx.db, groupId)) return noGroupChanges();
    const me = upserted.find((m) => m.userId === this.ctx.me);
    const c = me
      ? this.applySelf(groupId, { role: me.role, joinTime: me.joinTime, nameCard: me.nameCard, mutedUntil: me.mutedUntil, msgFlag: me.msgFlag })
      : noGroupChanges();
    upsertMembers(this.ctx.db, groupId, upserted);
    removeMembers(this.ctx.db, groupId, removed);
    c.members.push({ groupId, upserted: [...upserted], removed: [...removed] });
    return c;
  }

  /** A community's whole topic list from the server. */
  applyTopicList(groupId: string, topics: readonly TopicInfo[]): GroupChanges {
    const c = noGroupChanges();
    if (!getGroup(this.ctx.db, groupId)) return c;
    const diff = replaceTopics(this.ctx.db, groupId, topics);
    this.noteTopics(c, groupId, diff.changed.map((t) => t.topicId), diff.removed);
    return c;
  }

  applyTopics(groupId: string, upserted: readonly TopicInfo[], removedIds: readonly string[]): GroupChanges {
    const c = noGroupChanges();
    const changed = upserted.filter((t) => putTopic(this.ctx.db, t)).map((t) => t.topicId);
    this.noteTopics(c, groupId, changed, deleteTopics(this.ctx.db, removedIds));
    return c;
  }

  /** My bits in the community and its topics may change with them. */
  applyPermissionGroups(groupId: string, permissionGroups: readonly PermissionGroup[]): GroupChanges {
    const c = noGroupChanges();
    if (!replacePermissionGroups(this.ctx.db, groupId, permissionGroups)) return c;
    c.permissionGroups.add(groupId);
    c.groups.add(groupId);
    this.noteTopics(
      c,
      groupId,
      listTopics(this.ctx.db, groupId).map((t) => t.topicId),
      [],
    );
    return c;
  }

  private noteTopics(c: GroupChanges, groupId: string, changed: readonly string[], removed: readonly string[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    const entry = c.topics.get(groupId) ?? { changed: new Set<string>(), removed: new Set<string>() };
    changed.forEach((id) => entry.changed.add(id));
    removed.forEach((id) => entry.removed.add(id));
    c.topics.set(groupId, entry);
  }

  // ─────────────────────────────────────────────────────────── events

  publish(changes: GroupChanges): void {
    // An operation's reply is newer than a joined-list fetch already in flight: make that fetch go again.
    this.epoch += 1;
    if (this.ctx.tasks.closed) return;
    const db = this.ctx.db;
    for (const left of changes.left) this.emit('groups:left', left);
    const changed = [...changes.groups].filter((id) => !changes.removed.has(id));
    if (changed.length > 0 || changes.removed.size > 0) {
      this.emit('groups:changed', { groups: joinedEntries(db, changed), removed: [...changes.removed] });
    }
    for (const members of changes.members) this.emit('groups:membersChanged', members);
    if (changes.applications) this.emit('groups:applicationsChanged', { applications: listApplications(db) });
    for (const groupId of changes.permissionGroups) {
      this.emit('permissionGroups:changed', { groupId, permissionGroups: listPermissionGroups(db, groupId) });
    }
    for (const [groupId, { changed: topics, removed }] of changes.topics) {
      this.emit('topics:changed', { groupId, topics: topicEntries(db, groupId, topics), removed: [...removed] });
    }
    this.publishConversations(changes);
  }

  /**
   * Group and topic conversations show the cache (names, faces, member counts, topics) and
   * whether I am still in the group: a group gone from the cache is one I left (its history
   * stays readable), one cached is one I am in. Name cards name senders, so a member change
   * re-shows their recent messages.
   */
  private publishConversations(changes: GroupChanges): void {
    const { db, notify } = this.ctx;
    const touched = new Set<string>();
    const mark = (groupIds: Iterable<string>, left: boolean) => {
      for (const groupId of groupIds) {
        for (const id of conversationIdsOfGroup(db, groupId)) {
          setConversationLeft(db, id, left);
          if (!left) rememberGroupView(db, id);
          touched.add(id);
        }
      }
    };
    transaction(db, () => {
      mark(changes.removed, true);
      mark([...changes.groups, ...changes.topics.keys()].filter((id) => !changes.removed.has(id)), false);
    });
    notify.conversations(touched);
    for (const { groupId, upserted } of changes.members) {
      if (upserted.length > RENAMED_SENDERS_MAX) continue;
      for (const id of conversationIdsOfGroup(db, groupId)) upserted.forEach((m) => notify.senderRenamed(id, m.userId));
    }
  }
}

/** Merges the changes of several steps of one operation. */
export function mergeGroupChanges(...all: GroupChanges[]): GroupChanges {
  const out = noGroupChanges();
  for (const c of all) {
    c.groups.forEach((id) => out.groups.add(id));
    c.removed.forEach((id) => out.removed.add(id));
    out.left.push(...c.left);
    out.members.push(...c.members);
    out.applications ||= c.applications;
    c.permissionGroups.forEach((id) => out.permissionGroups.add(id));
    for (const [groupId, t] of c.topics) {
      const entry = out.topics.get(groupId) ?? { changed: new Set<string>(), removed: new Set<string>() };
      t.changed.forEach((id) => entry.changed.add(id));
      t.removed.forEach((id) => entry.removed.add(id));
      out.topics.set(groupId, entry);
    }
  }
  return out;
}
