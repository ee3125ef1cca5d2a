import type { GroupApplication, GroupInfo, GroupMember, GroupRole, PermissionGroup, TopicInfo } from '../../../../shared/domain';
import type { GroupSelf } from '../../../../shared/protocol';
import { sql } from '../../../../shared/sql/sql';
import { all, get, run, type ReadableDB, type WritableDB } from '../database';

/**
 * The group cache (migration 0009): groups I am in with my membership, cached members,
 * community topics and permission groups, pending applications I may handle. Rows hold our
 * own JSON writes, read back without a schema parse. Writers return whether anything changed,
 * so the service publishes only real changes.
 */

export interface CachedGroup {
  group: GroupInfo;
  self: GroupSelf;
}

const ROLE_RANK: Record<GroupRole, number> = { Owner: 0, Admin: 1, Member: 2 };

// ───────────────────────────────────────────────────────────── groups

interface GroupRow {
  info: string;
  self: string;
}

const toCached = (row: GroupRow): CachedGroup => ({ group: JSON.parse(row.info) as GroupInfo, self: JSON.parse(row.self) as GroupSelf });

export function listGroups(db: ReadableDB): CachedGroup[] {
  return all<GroupRow>(db, sql`SELECT info, self FROM groups ORDER BY position, group_id`).map(toCached);
}

export function getGroup(db: ReadableDB, groupId: string): CachedGroup | undefined {
  const row = get<GroupRow>(db, sql`SELECT info, self FROM groups WHERE group_id = ${groupId}`);
  return row ? toCached(row) : undefined;
}

export function groupIds(db: ReadableDB): string[] {
  return all<{ group_id: string }>(db, sql`SELECT group_id FROM groups ORDER BY position, group_id`).map((r) => r.group_id);
}

/** Adds or replaces a joined group (a new one goes last unless `position` says where). */
export function putGroup(db: WritableDB, entry: CachedGroup, position?: number): boolean {
  const info = JSON.stringify(entry.group);
  const self = JSON.stringify(entry.self);
  const before = get<GroupRow & { position: number }>(db, sql`SELECT info, self, position FROM groups WHERE group_id = ${entry.group.groupId}`);
  const at = position ?? before?.position ?? (get<{ next: number }>(db, sql`SELECT COALESCE(MAX(position) + 1, 0) AS next FROM groups`)?.next ?? 0);
  if (before && before.info === info && before.self === self && before.position === at) return false;
  run(
    db,
    sql`INSERT INTO groups (group_id, type, name_lower, info, self, info_seq, position)
        VALUES (${entry.group.groupId}, ${entry.group.type}, ${entry.group.name.toLowerCase()}, ${info}, ${self}, ${entry.group.infoSeq}, ${at})
        ON CONFLICT (group_id) DO UPDATE SET type = excluded.type, name_lower = excluded.name_lower, info = excluded.info,
          self = excluded.self, info_seq = excluded.info_seq, position = excluded.position`,
  );
  return !before || before.info !== info || before.self !== self;
}

/** The whole joined list from the server, in its order: returns the groups added or changed and those gone. */
export function replaceGroups(db: WritableDB, entries: readonly CachedGroup[]): { changed: string[]; removed: string[] } {
  const keep = new Set(entries.map((e) => e.group.groupId));
  const removed = groupIds(db).filter((id) => !keep.has(id));
  removed.forEach((id) => deleteGroup(db, id));
  const changed = entries.filter((entry, index) => putGroup(db, entry, index)).map((e) => e.group.groupId);
  return { changed, removed };
}

/** A pushed or fetched GroupInfo of a cached group; an older one (lower infoSeq) is ignored. */
export function updateGroupInfo(db: WritableDB, group: GroupInfo): boolean {
  const current = getGroup(db, group.groupId);
  if (!current || group.infoSeq < current.group.infoSeq) return false;
  return putGroup(db, { group, self: current.self });
}

export function updateSelf(db: WritableDB, groupId: string, patch: Partial<GroupSelf>): boolean {
  const current = getGroup(db, groupId);
  if (!current) return false;
  return putGroup(db, { group: current.group, self: { ...current.self, ...patch } });
}

/** Drops the group and everything cached under it (members, topics, permission groups, its applications). */
export function deleteGroup(db: WritableDB, groupId: string): boolean {
  run(db, sql`DELETE FROM group_applications WHERE group_id = ${groupId}`);
  return run(db, sql`DELETE FROM groups WHERE group_id = ${groupId}`).changes > 0;
}

// ───────────────────────────────────────────────────────────── members

export function membersCached(db: ReadableDB, groupId: string): boolean {
  return get<{ c: number }>(db, sql`SELECT members_cached AS c FROM groups WHERE group_id = ${groupId}`)?.c === 1;
}

/** A fresh first page: the cached members of the group become exactly these (more pages add to them). */
export function replaceMembers(db: WritableDB, groupId: string, members: readonly GroupMember[]): void {
  if (!getGroup(db, groupId)) return;
  run(db, sql`DELETE FROM group_members WHERE group_id = ${groupId}`);
  run(db, sql`UPDATE groups SET members_cached = 1 WHERE group_id = ${groupId}`);
  upsertMembers(db, groupId, members);
}

/** Stores members of a group whose list is cached; returns those that changed. */
export function upsertMembers(db: WritableDB, groupId: string, members: readonly GroupMember[]): GroupMember[] {
  if (!membersCached(db, groupId)) return [];
  return members.filter((m) => {
    const data = JSON.stringify(m);
    const before = get<{ data: string }>(db, sql`SELECT data FROM group_members WHERE group_id = ${groupId} AND user_id = ${m.userId}`);
    if (before?.data === data) return false;
    run(
      db,
      sql`INSERT INTO group_members (group_id, user_id, role_rank, join_time, data)
          VALUES (${groupId}, ${m.userId}, ${ROLE_RANK[m.role]}, ${m.joinTime}, ${data})
          ON CONFLICT (group_id, user_id) DO UPDATE SET role_rank = excluded.role_rank, join_time = excluded.join_time, data = excluded.data`,
    );
    return true;
  });
}

export function removeMembers(db: WritableDB, groupId: string, userIds: readonly string[]): string[] {
  return userIds.filter((id) => run(db, sql`DELETE FROM group_members WHERE group_id = ${groupId} AND user_id = ${id}`).changes > 0);
}

/** Cached members in the server's order, `offset` into it; `total` counts the cached ones of these roles. */
export function memberPage(
  db: ReadableDB,
  groupId: string,
  offset: number,
  limit: number,
  roles: readonly GroupRole[] | undefined,
): { members: GroupMember[]; total: number } {
  const ranks = (roles ?? (['Owner', 'Admin', 'Member'] as const)).map((r) => ROLE_RANK[r]);
  const rankList = JSON.stringify(ranks);
  const rows = all<{ data: string }>(
    db,
    sql`SELECT data FROM group_members WHERE group_id = ${groupId} AND role_rank IN (SELECT value FROM json_each(${rankList}))
        ORDER BY role_rank, join_time, user_id LIMIT ${limit} OFFSET ${offset}`,
  );
  const total =
    get<{ n: number }>(
      db,
      sql`SELECT COUNT(*) AS n FROM group_members WHERE group_id = ${groupId} AND role_rank IN (SELECT value FROM json_each(${rankList}))`,
    )?.n ?? 0;
  return { members: rows.map((r) => JSON.parse(r.data) as GroupMember), total };
}

// ───────────────────────────────────────────────────────────── topics

export function listTopics(db: ReadableDB, groupId: string): TopicInfo[] {
  return all<{ data: string }>(db, sql`SELECT data FROM topics WHERE group_id = ${groupId} ORDER BY create_time, topic_id`).map(
    (r) => JSON.parse(r.data) as TopicInfo,
  );
}

/** Stores a topic of a cached community; false when unchanged or the community is not cached. */
export function putTopic(db: WritableDB, topic: TopicInfo): boolean {
  if (!getGroup(db, topic.groupId)) return false;
  const data = JSON.stringify(topic);
  const before = get<{ data: string }>(db, sql`SELECT data FROM topics WHERE topic_id = ${topic.topicId}`);
  if (before?.data === data) return false;
  run(
    db,
    sql`INSERT INTO topics (topic_id, group_id, create_time, data) VALUES (${topic.topicId}, ${topic.groupId}, ${topic.createTime}, ${data})
        ON CONFLICT (topic_id) DO UPDATE SET group_id = excluded.group_id, create_time = excluded.create_time, data = excluded.data`,
  );
  return true;
}

export function deleteTopics(db: WritableDB, topicIds: readonly string[]): string[] {
  return topicIds.filter((id) => run(db, sql`DELETE FROM topics WHERE topic_id = ${id}`).changes > 0);
}

/** A community's whole topic list from the server. */
export function replaceTopics(db: WritableDB, groupId: string, topics: readonly TopicInfo[]): { changed: TopicInfo[]; removed: string[] } {
  const keep = new Set(topics.map((t) => t.topicId));
  const removed = deleteTopics(
    db,
    listTopics(db, groupId)
      .map((t) => t.topicId)
      .filter((id) => !keep.has(id)),
  );
  return { changed: topics.filter((t) => putTopic(db, t)), removed };
}

// ───────────────────────────────────────────────────────────── permission groups

export function listPermissionGroups(db: ReadableDB, groupId: string): PermissionGroup[] {
  return all<{ data: string }>(
    db,
    sql`SELECT data FROM permission_groups WHERE group_id = ${groupId} ORDER BY create_time, permission_group_id`,
  ).map((r) => JSON.parse(r.data) as PermissionGroup);
}

/** A community's permission groups now (a push or a list reply); false when unchanged or not cached. */
export function replacePermissionGroups(db: WritableDB, groupId: string, groups: readonly PermissionGroup[]): boolean {
  if (!getGroup(db, groupId)) return false;
  if (JSON.stringify(listPermissionGroups(db, groupId)) === JSON.stringify(sortGroups(groups))) return false;
  run(db, sql`DELETE FROM permission_groups WHERE group_id = ${groupId}`);
  for (const p of groups) {
    run(
      db,
      sql`INSERT INTO permission_groups (group_id, permission_group_id, create_time, data)
          VALUES (${groupId}, ${p.permissionGroupId}, ${p.createTime}, ${JSON.stringify(p)})`,
    );
  }
  return true;
}

/** One permission group as an operation answered it; the others stay as cached. */
export function putPermissionGroup(db: WritableDB, group: PermissionGroup): boolean {
  const others = listPermissionGroups(db, group.groupId).filter((p) => p.permissionGroupId !== group.permissionGroupId);
  return replacePermissionGroups(db, group.groupId, [...others, group]);
}

function sortGroups(groups: readonly PermissionGroup[]): PermissionGroup[] {
  return [...groups].sort((a, b) => a.createTime - b.createTime || (a.permissionGroupId < b.permissionGroupId ? -1 : 1));
}

// ───────────────────────────────────────────────────────────── applications

export function listApplications(db: ReadableDB): GroupApplication[] {
  return all<GroupApplication>(
    db,
    sql`SELECT group_id AS groupId, applicant, wording, time FROM group_applications ORDER BY time, group_id, applicant`,
  );
}

/** Every pending application I may handle (the connect sync); `groupId` limits it to one group's (a push). */
export function replaceApplications(db: WritableDB, applications: readonly GroupApplication[], groupId?: string): boolean {
  const before = JSON.stringify(listApplications(db));
  if (groupId === undefined) run(db, sql`DELETE FROM group_applications`);
  else run(db, sql`DELETE FROM group_applications WHERE group_id = ${groupId}`);
  for (const a of applications) {
    run(
      db,
      sql`INSERT OR REPLACE INTO group_applications (group_id, applicant, wording, time) VALUES (${a.groupId}, ${a.applicant}, ${a.wording}, ${a.time})`,
    );
  }
  return JSON.stringify(listApplications(db)) !== before;
}

export function deleteApplication(db: WritableDB, groupId: string, applicant: string): boolean {
  return run(db, sql`DELETE FROM group_applications WHERE group_id = ${groupId} AND applicant = ${applicant}`).changes > 0;
}

// ───────────────────────────────────────────────────────────── point lookups for conversation views

/** One cached member (a name card for a group message's sender line); undefined when not cached. */
export function getMember(db: ReadableDB, groupId: string, userId: string): GroupMember | undefined {
  const row = get<{ data: string }>(db, sql`SELECT data FROM group_members WHERE group_id = ${groupId} AND user_id = ${userId}`);
  return row ? (JSON.parse(row.data) as GroupMember) : undefined;
}

/** One cached topic by its exact ID. */
export function getTopic(db: ReadableDB, topicId: string): TopicInfo | undefined {
  const row = get<{ data: string }>(db, sql`SELECT data FROM topics WHERE topic_id = ${topicId}`);
  return row ? (JSON.parse(row.data) as TopicInfo) : undefined;
}
