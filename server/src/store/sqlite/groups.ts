import { type ApplyJoinOption, type GroupApplication, type GroupMsgFlag, type GroupRole, type GroupType } from '../../../../shared/domain';
import { type SqlFragment, sql, sqlList } from '../../../../shared/sql/sql';
import {
  type GroupChanges,
  type GroupRecord,
  type GroupsRepository,
  type ImagePublisher,
  type MemberChanges,
  type MemberPageQuery,
  type MemberRecord,
  type NewGroup,
  type NewMember,
  type PermissionGroupRecord,
  type TopicChanges,
  type TopicRecord,
} from '../groupTypes';
import { type Database } from './database';
import { clearPublicImages, setPublicImage } from './publicImages';

/** Bound parameters are limited (32,766); large IN lists go in slices. */
const SLICE = 500;

/**
 * A patch's undefined keys are left out before it is spread over the current record: callers build patches
 * from optional inputs, and `{ name: undefined }` must mean "leave the name alone", not erase (or crash on) it.
 */
function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sliced<T>(items: readonly string[], fn: (slice: readonly string[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(...fn(items.slice(i, i + SLICE)));
  return out;
}

interface GroupRow {
  group_id: string;
  type: string;
  name: string;
  introduction: string;
  notification: string;
  face_url: string;
  owner: string;
  create_time: number;
  info_seq: number;
  last_info_time: number;
  last_msg_time: number;
  next_msg_seq: number;
  apply_join_option: string;
  mute_all: number;
  default_permissions: number;
  active: number;
  max_member_num: number | null;
  member_num: number;
}

const GROUP_SELECT = sql`SELECT g.*, (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.group_id) AS member_num FROM groups g`;

function customOf(db: Database, groupIds: readonly string[]): Map<string, Record<string, string>> {
  const map = new Map<string, Record<string, string>>();
  const rows = sliced(groupIds, (ids) =>
    db.all<{ group_id: string; key: string; value: string }>(sql`SELECT group_id, key, value FROM group_custom WHERE group_id IN ${sqlList(ids)}`),
  );
  for (const row of rows) {
    const entry = map.get(row.group_id) ?? {};
    entry[row.key] = row.value;
    map.set(row.group_id, entry);
  }
  return map;
}

function toGroups(db: Database, rows: readonly GroupRow[]): GroupRecord[] {
  if (rows.length === 0) return [];
  const custom = customOf(db, rows.map((r) => r.group_id));
  return rows.map((row) => ({
    groupId: row.group_id,
    type: row.type as GroupType,
    name: row.name,
    introduction: row.introduction,
    notification: row.notification,
    faceUrl: row.face_url,
    owner: row.owner,
    createTime: row.create_time,
    infoSeq: row.info_seq,
    lastInfoTime: row.last_info_time,
    lastMsgTime: row.last_msg_time,
    nextMsgSeq: row.next_msg_seq,
    applyJoinOption: row.apply_join_option as ApplyJoinOption,
    muteAll: row.mute_all === 1,
    defaultPermissions: row.default_permissions,
    active: row.active === 1,
    maxMemberNum: row.max_member_num,
    memberNum: row.member_num,
    custom: custom.get(row.group_id) ?? {},
  }));
}

function getGroups(db: Database, groupIds: readonly string[]): GroupRecord[] {
  const unique = [...new Set(groupIds)];
  return toGroups(db, sliced(unique, (ids) => db.all<GroupRow>(sql`${GROUP_SELECT} WHERE g.group_id IN ${sqlList(ids)}`)));
}

function mergeCustom(db: Database, table: 'group' | 'member', groupId: string, userId: string, custom: Record<string, string>): void {
  for (const [key, value] of Object.entries(custom)) {
    if (table === 'group') {
      if (value === '') db.run(sql`DELETE FROM group_custom WHERE group_id = ${groupId} AND key = ${key}`);
      else db.run(sql`INSERT INTO group_custom (group_id, key, value) VALUES (${groupId}, ${key}, ${value}) ON CONFLICT DO UPDATE SET value = excluded.value`);
    } else if (value === '') {
      db.run(sql`DELETE FROM group_member_custom WHERE group_id = ${groupId} AND user_id = ${userId} AND key = ${key}`);
    } else {
      db.run(sql`INSERT INTO group_member_custom (group_id, user_id, key, value) VALUES (${groupId}, ${userId}, ${key}, ${value})
                 ON CONFLICT DO UPDATE SET value = excluded.value`);
    }
  }
}

function insertMembers(db: Database, groupId: string, members: readonly NewMember[]): string[] {
  const added: string[] = [];
  for (const m of members) {
    const result = db.run(sql`INSERT INTO group_members (group_id, user_id, role, join_time, msg_flag, join_floor_id)
                              VALUES (${groupId}, ${m.userId}, ${m.role}, ${m.joinTime}, ${m.msgFlag},
                                      (SELECT COALESCE(MAX(id), 0) FROM messages)) ON CONFLICT DO NOTHING`);
    if (result.changes === 0) continue;
    if (m.custom) mergeCustom(db, 'member', groupId, m.userId, m.custom);
    added.push(m.userId);
  }
  return added;
}

/** The group's avatar becomes its public picture, or none is when nobody is named to have published it. */
function publishFace(db: Database, groupId: string, faceUrl: string, publisher: ImagePublisher | undefined): void {
  if (publisher) setPublicImage(db, { kind: 'group', id: groupId }, faceUrl, 'userId' in publisher ? publisher.userId : null);
  else clearPublicImages(db, 'group', [groupId]);
}

function createGroup(db: Database, group: NewGroup, members: readonly NewMember[], publisher: ImagePublisher | undefined): boolean {
  return db.transaction(() => {
    const result = db.run(sql`
      INSERT INTO groups (group_id, type, name, name_lower, introduction, notification, face_url, owner, create_time, last_info_time,
                          apply_join_option, mute_all, default_permissions, active, max_member_num)
      VALUES (${group.groupId}, ${group.type}, ${group.name}, ${group.name.toLowerCase()}, ${group.introduction}, ${group.notification},
              ${group.faceUrl}, ${group.owner}, ${group.createTime}, ${group.createTime}, ${group.applyJoinOption}, ${group.muteAll ? 1 : 0},
              ${group.defaultPermissions}, ${group.active ? 1 : 0}, ${group.maxMemberNum})
      ON CONFLICT DO NOTHING`);
    if (result.changes === 0) return false;
    mergeCustom(db, 'group', group.groupId, '', group.custom);
    insertMembers(db, group.groupId, members);
    if (group.faceUrl) publishFace(db, group.groupId, group.faceUrl, publisher);
    return true;
  });
}

function updateGroup(db: Database, groupId: string, changes: GroupChanges, now: number, publisher: ImagePublisher | undefined): GroupRecord | null {
  return db.transaction(() => {
    const current = getGroups(db, [groupId])[0];
    if (!current) return null;
    const { custom, ...fields } = changes;
    const next = { ...current, ...defined(fields) };
    db.run(sql`UPDATE groups SET name = ${next.name}, name_lower = ${next.name.toLowerCase()}, introduction = ${next.introduction},
               notification = ${next.notification}, face_url = ${next.faceUrl}, owner = ${next.owner},
               apply_join_option = ${next.applyJoinOption}, mute_all = ${next.muteAll ? 1 : 0},
               default_permissions = ${next.defaultPermissions}, max_member_num = ${next.maxMemberNum},
               info_seq = info_seq + 1, last_info_time = ${now}
               WHERE group_id = ${groupId}`);
    if (custom) mergeCustom(db, 'group', groupId, '', custom);
    if (next.faceUrl !== current.faceUrl) publishFace(db, groupId, next.faceUrl, publisher);
    return getGroups(db, [groupId])[0] ?? null;
  });
}

function search(db: Database, keyword: string, idTypes: readonly GroupType[], nameTypes: readonly GroupType[], limit: number): GroupRecord[] {
  const rows: GroupRow[] = [];
  if (idTypes.length > 0) {
    rows.push(...db.all<GroupRow>(sql`${GROUP_SELECT} WHERE g.group_id = ${keyword} AND g.type IN ${sqlList(idTypes)}`));
  }
  if (nameTypes.length > 0 && rows.length < limit) {
    const escaped = keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    rows.push(
      ...db.all<GroupRow>(sql`${GROUP_SELECT} WHERE g.type IN ${sqlList(nameTypes)} AND g.name_lower LIKE ${`%${escaped}%`} ESCAPE '\\'
                              AND g.group_id <> ${keyword} ORDER BY g.name_lower, g.group_id LIMIT ${limit - rows.length}`),
    );
  }
  return toGroups(db, rows);
}

interface MemberRow {
  group_id: string;
  user_id: string;
  role: string;
  join_time: number;
  name_card: string;
  msg_flag: string;
  muted_until: number | null;
}

const MEMBER_SELECT = sql`SELECT m.*, u.muted_until,
  CASE m.role WHEN 'Owner' THEN 0 WHEN 'Admin' THEN 1 ELSE 2 END AS rank
  FROM group_members m LEFT JOIN group_mutes u ON u.group_id = m.group_id AND u.user_id = m.user_id`;

function toMembers(db: Database, groupId: string, rows: readonly MemberRow[]): MemberRecord[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.user_id);
  const custom = new Map<string, Record<string, string>>();
  const places = new Map<string, string[]>();
  for (const row of sliced(ids, (slice) =>
    db.all<{ user_id: string; key: string; value: string }>(
      sql`SELECT user_id, key, value FROM group_member_custom WHERE group_id = ${groupId} AND user_id IN ${sqlList(slice)}`,
    ),
  )) {
    custom.set(row.user_id, { ...custom.get(row.user_id), [row.key]: row.value });
  }
  for (const row of sliced(ids, (slice) =>
    db.all<{ user_id: string; permission_group_id: string }>(
      sql`SELECT user_id, permission_group_id FROM permission_group_members WHERE group_id = ${groupId} AND user_id IN ${sqlList(slice)}
          ORDER BY permission_group_id`,
    ),
  )) {
    places.set(row.user_id, [...(places.get(row.user_id) ?? []), row.permission_group_id]);
  }
  return rows.map((row) => ({
    groupId: row.group_id,
    userId: row.user_id,
    role: row.role as GroupRole,
    joinTime: row.join_time,
    nameCard: row.name_card,
    msgFlag: row.msg_flag as GroupMsgFlag,
    mutedUntil: row.muted_until ?? 0,
    custom: custom.get(row.user_id) ?? {},
    permissionGroupIds: places.get(row.user_id) ?? [],
  }));
}

function members(db: Database, groupId: string, userIds: readonly string[]): MemberRecord[] {
  const unique = [...new Set(userIds)];
  return toMembers(
    db,
    groupId,
    sliced(unique, (ids) => db.all<MemberRow>(sql`${MEMBER_SELECT} WHERE m.group_id = ${groupId} AND m.user_id IN ${sqlList(ids)}`)),
  );
}

/** The cursor is the last member's (rank, join time, UserID); opaque to clients. */
function parseCursor(cursor: string | null): [number, number, string] | null {
  if (!cursor) return null;
  const match = /^(\d):(\d+):(.+)$/.exec(cursor);
  return match ? [Number(match[1]), Number(match[2]), match[3]!] : null;
}

function memberPage(db: Database, groupId: string, query: MemberPageQuery): { members: MemberRecord[]; next: string | null; total: number } {
  const after = parseCursor(query.after);
  const roles: SqlFragment = query.roles ? sql`AND m.role IN ${sqlList(query.roles)}` : sql``;
  const from: SqlFragment = after
    ? sql`AND (CASE m.role WHEN 'Owner' THEN 0 WHEN 'Admin' THEN 1 ELSE 2 END, m.join_time, m.user_id) > (${after[0]}, ${after[1]}, ${after[2]})`
    : sql``;
  const rows = db.all<MemberRow & { rank: number }>(
    sql`${MEMBER_SELECT} WHERE m.group_id = ${groupId} ${roles} ${from} ORDER BY rank, m.join_time, m.user_id LIMIT ${query.limit + 1} OFFSET ${query.offset ?? 0}`,
  );
  const total = db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM group_members m WHERE m.group_id = ${groupId} ${roles}`)?.n ?? 0;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = rows.length > query.limit && last ? `${last.rank}:${last.join_time}:${last.user_id}` : null;
  return { members: toMembers(db, groupId, page), next, total };
}

function removeMembers(db: Database, groupId: string, userIds: readonly string[]): string[] {
  return db.transaction(() => {
    const removed: string[] = [];
    for (const userId of new Set(userIds)) {
      if (db.run(sql`DELETE FROM group_members WHERE group_id = ${groupId} AND user_id = ${userId}`).changes === 0) continue;
      db.run(sql`DELETE FROM group_member_custom WHERE group_id = ${groupId} AND user_id = ${userId}`);
      db.run(sql`DELETE FROM permission_group_members WHERE group_id = ${groupId} AND user_id = ${userId}`);
      removed.push(userId);
    }
    return removed;
  });
}

function updateMember(db: Database, groupId: string, userId: string, changes: MemberChanges): MemberRecord | null {
  return db.transaction(() => {
    const current = members(db, groupId, [userId])[0];
    if (!current) return null;
    db.run(sql`UPDATE group_members SET role = ${changes.role ?? current.role}, name_card = ${changes.nameCard ?? current.nameCard},
               msg_flag = ${changes.msgFlag ?? current.msgFlag} WHERE group_id = ${groupId} AND user_id = ${userId}`);
    if (changes.custom) mergeCustom(db, 'member', groupId, userId, changes.custom);
    return members(db, groupId, [userId])[0] ?? null;
  });
}

interface TopicRow {
  topic_id: string;
  group_id: string;
  name: string;
  introduction: string;
  notification: string;
  face_url: string;
  custom_string: string;
  mute_all: number;
  default_permissions: number;
  category: string;
  create_time: number;
  info_seq: number;
  resolved_at: number | null;
  resolved_by: string | null;
}

function toTopic(row: TopicRow): TopicRecord {
  return {
    topicId: row.topic_id,
    groupId: row.group_id,
    name: row.name,
    introduction: row.introduction,
    notification: row.notification,
    faceUrl: row.face_url,
    customString: row.custom_string,
    muteAll: row.mute_all === 1,
    defaultPermissions: row.default_permissions,
    category: row.category,
    createTime: row.create_time,
    infoSeq: row.info_seq,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}

function topic(db: Database, topicId: string): TopicRecord | null {
  const row = db.get<TopicRow>(sql`SELECT * FROM topics WHERE topic_id = ${topicId}`);
  return row ? toTopic(row) : null;
}

function updateTopic(db: Database, topicId: string, changes: TopicChanges): TopicRecord | null {
  return db.transaction(() => {
    const current = topic(db, topicId);
    if (!current) return null;
    const t = { ...current, ...defined(changes) };
    db.run(sql`UPDATE topics SET name = ${t.name}, introduction = ${t.introduction}, notification = ${t.notification}, face_url = ${t.faceUrl},
               custom_string = ${t.customString}, category = ${t.category}, mute_all = ${t.muteAll ? 1 : 0},
               default_permissions = ${t.defaultPermissions}, resolved_at = ${t.resolvedAt}, resolved_by = ${t.resolvedBy},
               info_seq = info_seq + 1 WHERE topic_id = ${topicId}`);
    return topic(db, topicId);
  });
}

function permissionGroups(db: Database, groupId: string): PermissionGroupRecord[] {
  const rows = db.all<{ permission_group_id: string; name: string; permissions: number; custom_string: string; create_time: number; member_num: number }>(
    sql`SELECT p.*, (SELECT COUNT(*) FROM permission_group_members x WHERE x.group_id = p.group_id AND x.permission_group_id = p.permission_group_id)
          AS member_num
        FROM permission_groups p WHERE p.group_id = ${groupId} ORDER BY p.create_time, p.permission_group_id`,
  );
  const overrides = db.all<{ permission_group_id: string; topic_id: string; permissions: number }>(
    sql`SELECT permission_group_id, topic_id, permissions FROM topic_permission_overrides WHERE group_id = ${groupId}`,
  );
  return rows.map((row) => ({
    permissionGroupId: row.permission_group_id,
    groupId,
    name: row.name,
    permissions: row.permissions,
    customString: row.custom_string,
    memberNum: row.member_num,
    createTime: row.create_time,
    topicOverrides: Object.fromEntries(
      overrides.filter((o) => o.permission_group_id === row.permission_group_id).map((o) => [o.topic_id, o.permissions]),
    ),
  }));
}

function purge(db: Database, userId: string): void {
  db.transaction(() => {
    db.run(sql`DELETE FROM group_members WHERE user_id = ${userId}`);
    db.run(sql`DELETE FROM group_member_custom WHERE user_id = ${userId}`);
    db.run(sql`DELETE FROM group_mutes WHERE user_id = ${userId}`);
    db.run(sql`DELETE FROM group_applications WHERE applicant = ${userId}`);
    db.run(sql`DELETE FROM permission_group_members WHERE user_id = ${userId}`);
    db.run(sql`UPDATE groups SET owner = '' WHERE owner = ${userId}`);
  });
}

export function openGroupsRepository(db: Database): GroupsRepository {
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  const count = (query: SqlFragment) => db.get<{ n: number }>(query)?.n ?? 0;
  return {
    create: (group, list, publisher) => run(() => createGroup(db, group, list, publisher)),
    count: () => run(() => count(sql`SELECT COUNT(*) AS n FROM groups`)),
    get: (groupId) => run(() => getGroups(db, [groupId])[0] ?? null),
    getMany: (groupIds) => run(() => getGroups(db, groupIds)),
    update: (groupId, changes, now, publisher) => run(() => updateGroup(db, groupId, changes, now, publisher)),
    activate: (groupId) => run(() => db.run(sql`UPDATE groups SET active = 1 WHERE group_id = ${groupId} AND active = 0`).changes > 0),
    remove: (groupId) =>
      run(() =>
        db.transaction(() => {
          clearPublicImages(db, 'group', [groupId]);
          return db.run(sql`DELETE FROM groups WHERE group_id = ${groupId}`).changes > 0;
        }),
      ),
    search: (keyword, idTypes, nameTypes, limit) => run(() => search(db, keyword, idTypes, nameTypes, limit)),

    member: (groupId, userId) => run(() => members(db, groupId, [userId])[0] ?? null),
    members: (groupId, userIds) => run(() => members(db, groupId, userIds)),
    memberPage: (groupId, query) => run(() => memberPage(db, groupId, query)),
    memberIds: (groupId) =>
      run(() => db.all<{ user_id: string }>(sql`SELECT user_id FROM group_members WHERE group_id = ${groupId}`).map((r) => r.user_id)),
    addMembers: (groupId, list) => run(() => db.transaction(() => insertMembers(db, groupId, list))),
    removeMembers: (groupId, userIds) => run(() => removeMembers(db, groupId, userIds)),
    updateMember: (groupId, userId, changes) => run(() => updateMember(db, groupId, userId, changes)),
    setMutedUntil: (groupId, userIds, mutedUntil) =>
      run(() =>
        db.transaction(() => {
          for (const userId of new Set(userIds)) {
            if (mutedUntil === 0) db.run(sql`DELETE FROM group_mutes WHERE group_id = ${groupId} AND user_id = ${userId}`);
            else {
              db.run(sql`INSERT INTO group_mutes (group_id, user_id, muted_until) VALUES (${groupId}, ${userId}, ${mutedUntil})
                         ON CONFLICT DO UPDATE SET muted_until = excluded.muted_until`);
            }
          }
        }),
      ),
    mutedMembers: (groupId, now) =>
      run(() =>
        db
          .all<{ user_id: string; muted_until: number }>(
            sql`SELECT u.user_id, u.muted_until FROM group_mutes u JOIN group_members m ON m.group_id = u.group_id AND m.user_id = u.user_id
                WHERE u.group_id = ${groupId} AND u.muted_until > ${now} ORDER BY u.user_id`,
          )
          .map((r) => ({ userId: r.user_id, mutedUntil: r.muted_until })),
      ),
    joined: (userId) =>
      run(() => {
        const ids = db.all<{ group_id: string }>(sql`SELECT group_id FROM group_members WHERE user_id = ${userId}`).map((r) => r.group_id);
        return getGroups(db, ids).flatMap((group) => {
          const member = members(db, group.groupId, [userId])[0];
          return member ? [{ group, member }] : [];
        });
      }),
    joinedCount: (userId) => run(() => count(sql`SELECT COUNT(*) AS n FROM group_members WHERE user_id = ${userId}`)),

    putApplication: (a) =>
      run(() => {
        db.run(sql`INSERT INTO group_applications (group_id, applicant, wording, time) VALUES (${a.groupId}, ${a.applicant}, ${a.wording}, ${a.time})
                   ON CONFLICT DO UPDATE SET wording = excluded.wording, time = excluded.time`);
      }),
    application: (groupId, applicant) =>
      run(() => {
        const row = db.get<GroupApplication>(
          sql`SELECT group_id AS groupId, applicant, wording, time FROM group_applications WHERE group_id = ${groupId} AND applicant = ${applicant}`,
        );
        return row ?? null;
      }),
    applications: (groupIds) =>
      run(() =>
        sliced([...new Set(groupIds)], (ids) =>
          db.all<GroupApplication>(
            sql`SELECT group_id AS groupId, applicant, wording, time FROM group_applications WHERE group_id IN ${sqlList(ids)}`,
          ),
        ).sort((a, b) => a.time - b.time || a.groupId.localeCompare(b.groupId) || a.applicant.localeCompare(b.applicant)),
      ),
    countApplications: (groupId) => run(() => count(sql`SELECT COUNT(*) AS n FROM group_applications WHERE group_id = ${groupId}`)),
    deleteApplication: (groupId, applicant) =>
      run(() => db.run(sql`DELETE FROM group_applications WHERE group_id = ${groupId} AND applicant = ${applicant}`).changes > 0),

    createTopic: (t) =>
      run(
        () =>
          db.run(sql`INSERT INTO topics (topic_id, group_id, name, introduction, notification, face_url, custom_string, mute_all,
                                         default_permissions, category, create_time, info_seq)
                     VALUES (${t.topicId}, ${t.groupId}, ${t.name}, ${t.introduction}, ${t.notification}, ${t.faceUrl}, ${t.customString},
                             ${t.muteAll ? 1 : 0}, ${t.defaultPermissions}, ${t.category}, ${t.createTime}, ${t.infoSeq})
                     ON CONFLICT DO NOTHING`).changes > 0,
      ),
    topic: (topicId) => run(() => topic(db, topicId)),
    topics: (groupId) =>
      run(() => db.all<TopicRow>(sql`SELECT * FROM topics WHERE group_id = ${groupId} ORDER BY create_time, topic_id`).map(toTopic)),
    countTopics: (groupId) => run(() => count(sql`SELECT COUNT(*) AS n FROM topics WHERE group_id = ${groupId}`)),
    updateTopic: (topicId, changes) => run(() => updateTopic(db, topicId, changes)),
    removeTopics: (topicIds) =>
      run(() => {
        if (topicIds.length > 0) db.run(sql`DELETE FROM topics WHERE topic_id IN ${sqlList(topicIds)}`);
      }),

    createPermissionGroup: (p) =>
      run(
        () =>
          db.run(sql`INSERT INTO permission_groups (group_id, permission_group_id, name, permissions, custom_string, create_time)
                     VALUES (${p.groupId}, ${p.permissionGroupId}, ${p.name}, ${p.permissions}, ${p.customString}, ${p.createTime})
                     ON CONFLICT DO NOTHING`).changes > 0,
      ),
    permissionGroups: (groupId) => run(() => permissionGroups(db, groupId)),
    updatePermissionGroup: (groupId, id, changes) =>
      run(() => {
        const current = permissionGroups(db, groupId).find((p) => p.permissionGroupId === id);
        if (!current) return false;
        const next = { ...current, ...defined(changes) };
        db.run(sql`UPDATE permission_groups SET name = ${next.name}, permissions = ${next.permissions}, custom_string = ${next.customString}
                   WHERE group_id = ${groupId} AND permission_group_id = ${id}`);
        return true;
      }),
    removePermissionGroups: (groupId, ids) =>
      run(() => {
        if (ids.length > 0) db.run(sql`DELETE FROM permission_groups WHERE group_id = ${groupId} AND permission_group_id IN ${sqlList(ids)}`);
      }),
    permissionGroupMembers: (groupId, id) =>
      run(() =>
        db
          .all<{ user_id: string }>(
            sql`SELECT user_id FROM permission_group_members WHERE group_id = ${groupId} AND permission_group_id = ${id} ORDER BY user_id`,
          )
          .map((r) => r.user_id),
      ),
    addPermissionGroupMembers: (groupId, id, userIds) =>
      run(() => {
        if (userIds.length === 0) return;
        db.run(sql`INSERT INTO permission_group_members (group_id, permission_group_id, user_id)
                   SELECT group_id, ${id}, user_id FROM group_members WHERE group_id = ${groupId} AND user_id IN ${sqlList(userIds)}
                   ON CONFLICT DO NOTHING`);
      }),
    removePermissionGroupMembers: (groupId, id, userIds) =>
      run(() => {
        if (userIds.length === 0) return;
        db.run(sql`DELETE FROM permission_group_members WHERE group_id = ${groupId} AND permission_group_id = ${id} AND user_id IN ${sqlList(userIds)}`);
      }),
    setTopicOverride: (topicId, groupId, id, permissions) =>
      run(() => {
        if (permissions === null) {
          db.run(sql`DELETE FROM topic_permission_overrides WHERE topic_id = ${topicId} AND permission_group_id = ${id}`);
        } else {
          db.run(sql`INSERT INTO topic_permission_overrides (topic_id, group_id, permission_group_id, permissions)
                     VALUES (${topicId}, ${groupId}, ${id}, ${permissions}) ON CONFLICT DO UPDATE SET permissions = excluded.permissions`);
        }
      }),
    purge: (userId) => run(() => purge(db, userId)),
  };
}
