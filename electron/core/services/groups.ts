import { communityOfTopic, GROUP_TYPE_TRAITS, type BlobInfo, type PermissionGroup } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { LOCAL_MEMBER_CURSOR_PREFIX, type JoinedGroup, type TopicEntry } from '../../../shared/ipc/groups';
import type { ParsedInput, RequestChannel, RequestOutput } from '../../../shared/ipc';
import type { RequestInput as ServerInput, RequestName, RequestOutput as ServerOutput } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import {
  deleteApplication,
  getGroup,
  listApplications,
  listPermissionGroups,
  memberPage,
  replaceMembers,
  upsertMembers,
} from '../store/tables/groups';
import { mergeGroupChanges, noGroupChanges, type GroupChanges, type GroupSync } from '../sync/groupSync';
import { accountRequest } from './accountRequest';
import { joinedEntries, joinedEntry, topicEntries, topicEntryOf } from './groupViews';

/** What the groups service needs of the media module. */
export interface GroupsMedia {
  uploadImage(stageId: string): Promise<BlobInfo>;
}

const DEFAULT_MEMBER_PAGE = 100;
type Out<C extends RequestChannel> = RequestOutput<C>;

/**
 * Group and community management for one signed-in account (issue 5: G1–G4, G6–G8; ADR 0004
 * WP6). Reads of the joined list, applications, topics and permission groups come from the
 * cache GroupSync keeps (offline too); operations go to the server (refused offline, every
 * rule decided there by groupPermissions.ts) and their replies are stored at once, ahead of
 * the pushes that follow, so the renderer sees its own change without waiting.
 */
export class GroupsService {
  constructor(
    private readonly ctx: AccountContext,
    private readonly sync: GroupSync,
    private readonly media: GroupsMedia,
  ) {}

  // ─────────────────────────────────────────────────────────── groups

  joined(): Out<'groups:joined'> {
    return { groups: joinedEntries(this.ctx.db) };
  }

  applications(): Out<'groups:applications'> {
    return { applications: listApplications(this.ctx.db) };
  }

  get(input: ParsedInput<'groups:get'>): Promise<Out<'groups:get'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!this.ctx.connection.isOnline()) {
        const cached = input.groupIds.map((id) => getGroup(this.ctx.db, id));
        if (cached.some((c) => !c)) throw new AppError('offline');
        return { groups: cached.flatMap((c) => (c ? [c.group] : [])), notFound: [] };
      }
      const reply = await this.ctx.connection.request('group:get', input);
      stillSignedIn();
      this.store(() => mergeGroupChanges(...reply.groups.map((g) => this.sync.applyInfo(g))));
      return reply;
    });
  }

  search(input: ParsedInput<'groups:search'>): Promise<Out<'groups:search'>> {
    return accountRequest(this.ctx.tasks, () => this.ctx.connection.request('group:search', input));
  }

  /** G2: the owner's membership is what the server gives every creator; the joined list is fetched after to confirm it. */
  create(input: ParsedInput<'groups:create'>): Promise<Out<'groups:create'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { group } = await this.ctx.connection.request('group:create', input);
      stillSignedIn();
      const self = {
        role: 'Owner' as const,
        joinTime: group.createTime,
        nameCard: '',
        mutedUntil: 0,
        msgFlag: GROUP_TYPE_TRAITS[group.type].defaultMsgFlag,
        permissionGroupIds: [],
      };
      this.store(() => this.sync.applyJoined({ group, self }));
      void this.ctx.tasks.track(this.sync.refreshJoined().catch((error: unknown) => this.ctx.logger.debug({ err: error }, 'joined list after create')));
      return { group: this.entry(group.groupId) };
    });
  }

  update(input: ParsedInput<'groups:update'>): Promise<Out<'groups:update'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const reply = await this.ctx.connection.request('group:update', input);
      stillSignedIn();
      this.store(() => this.sync.applyInfo(reply.group));
      return reply;
    });
  }

  async setAvatar(groupId: string, stageId: string): Promise<Out<'groups:setAvatar'>> {
    const blob = await this.media.uploadImage(stageId);
    return this.update({ groupId, faceUrl: blob.url });
  }

  /** G1: joined at once → the joined list is fetched before answering, so the group is there. */
  applyToJoin(input: ParsedInput<'groups:apply'>): Promise<Out<'groups:apply'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const reply = await this.ctx.connection.request('group:apply', input);
      stillSignedIn();
      if (reply.outcome === 'joined') await this.sync.refreshJoined().catch(() => undefined);
      return reply;
    });
  }

  handleApplication(input: ParsedInput<'groups:handleApplication'>): Promise<Out<'groups:handleApplication'>> {
    return this.request('group:handleApplication', input, () => ({
      ...noGroupChanges(),
      applications: deleteApplication(this.ctx.db, input.groupId, input.applicant),
    }));
  }

  invite(input: ParsedInput<'groups:invite'>): Promise<Out<'groups:invite'>> {
    return this.request('group:invite', input);
  }

  kick(input: ParsedInput<'groups:kick'>): Promise<Out<'groups:kick'>> {
    return this.request('group:kick', input, () => this.sync.applyMembers(input.groupId, [], input.userIds));
  }

  quit(input: ParsedInput<'groups:quit'>): Promise<Out<'groups:quit'>> {
    return this.request('group:quit', input, () => this.sync.applyLeft({ groupId: input.groupId, reason: 'quit' }));
  }

  disband(input: ParsedInput<'groups:disband'>): Promise<Out<'groups:disband'>> {
    return this.request('group:disband', input, () => this.sync.applyLeft({ groupId: input.groupId, reason: 'disbanded' }));
  }

  transferOwner(input: ParsedInput<'groups:transferOwner'>): Promise<Out<'groups:transferOwner'>> {
    return this.request('group:transferOwner', input);
  }

  setMemberRole(input: ParsedInput<'groups:setMemberRole'>): Promise<Out<'groups:setMemberRole'>> {
    return this.request('group:setMemberRole', input);
  }

  muteMembers(input: ParsedInput<'groups:muteMembers'>): Promise<Out<'groups:muteMembers'>> {
    return this.request('group:muteMembers', input);
  }

  setMemberInfo(input: ParsedInput<'groups:setMemberInfo'>): Promise<Out<'groups:setMemberInfo'>> {
    return this.request('group:setMemberInfo', input, (reply) => this.sync.applyMembers(input.groupId, [reply.member], []));
  }

  setReceiveOption(input: ParsedInput<'groups:setReceiveOption'>): Promise<Out<'groups:setReceiveOption'>> {
    return this.request('group:setReceiveOption', input, () => this.sync.applySelf(input.groupId, { msgFlag: input.msgFlag }));
  }

  /** Server pages are cached (a first page without a role filter replaces the group's cached members); see the contract. */
  members(input: ParsedInput<'groups:members'>): Promise<Out<'groups:members'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const local = input.cursor?.startsWith(LOCAL_MEMBER_CURSOR_PREFIX) ?? false;
      if (local || !this.ctx.connection.isOnline()) {
        if (input.cursor !== undefined && !local) throw new AppError('offline');
        if (!getGroup(this.ctx.db, input.groupId)) throw new AppError('offline');
        const offset = local ? Number.parseInt(input.cursor?.slice(LOCAL_MEMBER_CURSOR_PREFIX.length) ?? '0', 10) || 0 : 0;
        const limit = input.limit ?? DEFAULT_MEMBER_PAGE;
        const page = memberPage(this.ctx.db, input.groupId, offset, limit, input.roles);
        const end = offset + page.members.length;
        return { members: page.members, total: page.total, next: end < page.total ? `${LOCAL_MEMBER_CURSOR_PREFIX}${end}` : '', fromCache: true };
      }
      const reply = await this.ctx.connection.request('group:members', input);
      stillSignedIn();
      transaction(this.ctx.db, () => {
        if (input.cursor === undefined && input.roles === undefined) replaceMembers(this.ctx.db, input.groupId, reply.members);
        else upsertMembers(this.ctx.db, input.groupId, reply.members);
      });
      return { ...reply, fromCache: false };
    });
  }

  // ─────────────────────────────────────────────────────────── topics (G7)

  topics(input: ParsedInput<'topics:list'>): Promise<Out<'topics:list'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!this.ctx.connection.isOnline()) {
        if (!getGroup(this.ctx.db, input.groupId)) throw new AppError('offline');
        return { topics: topicEntries(this.ctx.db, input.groupId) };
      }
      const { topics } = await this.ctx.connection.request('topic:list', input);
      stillSignedIn();
      this.store(() => this.sync.applyTopicList(input.groupId, topics));
      return { topics: topics.map((t) => topicEntryOf(this.ctx.db, t)) };
    });
  }

  createTopic(input: ParsedInput<'topics:create'>): Promise<Out<'topics:create'>> {
    return this.topicRequest(() => this.ctx.connection.request('topic:create', input));
  }

  updateTopic(input: ParsedInput<'topics:update'>): Promise<Out<'topics:update'>> {
    return this.topicRequest(() => this.ctx.connection.request('topic:update', input));
  }

  setTopicResolved(input: ParsedInput<'topics:setResolved'>): Promise<Out<'topics:setResolved'>> {
    return this.topicRequest(() => this.ctx.connection.request('topic:setResolved', input));
  }

  /** The moved messages arrive through the topic:messagesMoved push (sync), on every device alike. */
  moveTopicMessages(input: ParsedInput<'topics:moveMessages'>): Promise<Out<'topics:moveMessages'>> {
    return accountRequest(this.ctx.tasks, () => this.ctx.connection.request('topic:moveMessages', input));
  }

  deleteTopics(input: ParsedInput<'topics:delete'>): Promise<Out<'topics:delete'>> {
    return this.request('topic:delete', input, () => {
      const byCommunity = new Map<string, string[]>();
      for (const topicId of input.topicIds) {
        const groupId = communityOfTopic(topicId);
        if (groupId !== null) byCommunity.set(groupId, [...(byCommunity.get(groupId) ?? []), topicId]);
      }
      return mergeGroupChanges(...[...byCommunity].map(([groupId, ids]) => this.sync.applyTopics(groupId, [], ids)));
    });
  }

  private topicRequest(send: () => Promise<{ topic: TopicEntry | Omit<TopicEntry, 'myBits'> }>): Promise<{ topic: TopicEntry }> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const { topic } = await send();
      stillSignedIn();
      this.store(() => this.sync.applyTopics(topic.groupId, [topic], []));
      return { topic: topicEntryOf(this.ctx.db, topic) };
    });
  }

  // ─────────────────────────────────────────────────────────── permission groups (G7)

  permissionGroups(input: ParsedInput<'permissionGroups:list'>): Promise<Out<'permissionGroups:list'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!this.ctx.connection.isOnline()) {
        if (!getGroup(this.ctx.db, input.groupId)) throw new AppError('offline');
        return { permissionGroups: listPermissionGroups(this.ctx.db, input.groupId) };
      }
      const reply = await this.ctx.connection.request('permissionGroup:list', input);
      stillSignedIn();
      this.store(() => this.sync.applyPermissionGroups(input.groupId, reply.permissionGroups));
      return reply;
    });
  }

  createPermissionGroup(input: ParsedInput<'permissionGroups:create'>): Promise<Out<'permissionGroups:create'>> {
    return this.request('permissionGroup:create', input, (r) => this.storePermissionGroup(r.permissionGroup));
  }

  updatePermissionGroup(input: ParsedInput<'permissionGroups:update'>): Promise<Out<'permissionGroups:update'>> {
    return this.request('permissionGroup:update', input, (r) => this.storePermissionGroup(r.permissionGroup));
  }

  setTopicPermissions(input: ParsedInput<'permissionGroups:setTopicPermissions'>): Promise<Out<'permissionGroups:setTopicPermissions'>> {
    return this.request('permissionGroup:setTopicPermissions', input, (r) => this.storePermissionGroup(r.permissionGroup));
  }

  deletePermissionGroups(input: ParsedInput<'permissionGroups:delete'>): Promise<Out<'permissionGroups:delete'>> {
    return this.request('permissionGroup:delete', input, () => {
      const gone = new Set(input.permissionGroupIds);
      const kept = listPermissionGroups(this.ctx.db, input.groupId).filter((p) => !gone.has(p.permissionGroupId));
      return mergeGroupChanges(this.sync.applyPermissionGroups(input.groupId, kept), this.myPermissionGroups(input.groupId, [], [...gone]));
    });
  }

  addPermissionGroupMembers(input: ParsedInput<'permissionGroups:addMembers'>): Promise<Out<'permissionGroups:addMembers'>> {
    return this.request('permissionGroup:addMembers', input, (r) =>
      mergeGroupChanges(
        this.myPermissionGroups(input.groupId, input.userIds.includes(this.ctx.me) ? [input.permissionGroupId] : [], []),
        this.storePermissionGroup(r.permissionGroup),
      ),
    );
  }

  removePermissionGroupMembers(input: ParsedInput<'permissionGroups:removeMembers'>): Promise<Out<'permissionGroups:removeMembers'>> {
    return this.request('permissionGroup:removeMembers', input, (r) =>
      mergeGroupChanges(
        this.myPermissionGroups(input.groupId, [], input.userIds.includes(this.ctx.me) ? [input.permissionGroupId] : []),
        this.storePermissionGroup(r.permissionGroup),
      ),
    );
  }

  permissionGroupMembers(input: ParsedInput<'permissionGroups:members'>): Promise<Out<'permissionGroups:members'>> {
    return accountRequest(this.ctx.tasks, () => this.ctx.connection.request('permissionGroup:members', input));
  }

  private storePermissionGroup(group: PermissionGroup): GroupChanges {
    const others = listPermissionGroups(this.ctx.db, group.groupId).filter((p) => p.permissionGroupId !== group.permissionGroupId);
    return this.sync.applyPermissionGroups(group.groupId, [...others, group]);
  }

  /** My own permission-group IDs after I was added to or removed from some (my bits follow). */
  private myPermissionGroups(groupId: string, added: readonly string[], removed: readonly string[]): GroupChanges {
    const cached = getGroup(this.ctx.db, groupId);
    if (!cached || (added.length === 0 && removed.length === 0)) return noGroupChanges();
    const ids = new Set(cached.self.permissionGroupIds);
    added.forEach((id) => ids.add(id));
    removed.forEach((id) => ids.delete(id));
    return this.sync.applySelf(groupId, { permissionGroupIds: [...ids] });
  }

  // ─────────────────────────────────────────────────────────── helpers

  /** A server request whose reply is stored by `store` (in one transaction) before answering. */
  private request<N extends RequestName>(name: N, input: ServerInput<N>, store?: (reply: ServerOutput<N>) => GroupChanges): Promise<ServerOutput<N>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const reply = await this.ctx.connection.request(name, input);
      stillSignedIn();
      if (store) this.store(() => store(reply));
      return reply;
    });
  }

  /** Stores in one transaction, then tells the renderer. */
  private store(work: () => GroupChanges): void {
    this.sync.publish(transaction(this.ctx.db, work));
  }

  private entry(groupId: string): JoinedGroup {
    const cached = getGroup(this.ctx.db, groupId);
    if (!cached) throw new AppError('internal', 'The new group is not in the cache.');
    return joinedEntry(this.ctx.db, cached);
  }
}

