import { sql, sqlList } from '../../../../shared/sql/sql';
import {
  type BlockRecord,
  type FriendRecord,
  type FriendRequestRecord,
  type NewFriend,
  type ProfileChanges,
  type ProfileRecord,
  type RelationsRepository,
} from '../types';
import { type Database } from './database';
import { setPublicImage } from './publicImages';

interface ProfileRow {
  user_id: string;
  nickname: string;
  face_url: string;
  gender: string | null;
  birthday: number | null;
  location: string | null;
  self_signature: string | null;
  allow_type: string | null;
  language: number | null;
  msg_settings: number | null;
  admin_forbid_type: string | null;
  level: number | null;
  role: number | null;
  searchable: number | null;
  custom: string | null;
}

function parseCustom(text: string | null): Record<string, string> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function toProfile(row: ProfileRow): ProfileRecord {
  return {
    userId: row.user_id,
    nick: row.nickname,
    image: row.face_url,
    gender: row.gender ?? 'Gender_Type_Unknown',
    birthday: row.birthday ?? 0,
    location: row.location ?? '',
    selfSignature: row.self_signature ?? '',
    allowType: row.allow_type ?? 'AllowType_Type_NeedConfirm',
    language: row.language ?? 0,
    msgSettings: row.msg_settings ?? 0,
    adminForbidType: row.admin_forbid_type ?? 'AdminForbid_Type_None',
    level: row.level ?? 0,
    role: row.role ?? 0,
    searchable: (row.searchable ?? 0) === 1,
    custom: parseCustom(row.custom),
  };
}

const PROFILE_SELECT = sql`SELECT a.user_id, a.nickname, a.face_url, p.gender, p.birthday, p.location, p.self_signature,
  p.allow_type, p.language, p.msg_settings, p.admin_forbid_type, p.level, p.role, p.searchable, p.custom
  FROM accounts a LEFT JOIN profiles p ON p.user_id = a.user_id`;

function profiles(db: Database, userIds: readonly string[]): ProfileRecord[] {
  if (userIds.length === 0) return [];
  return db.all<ProfileRow>(sql`${PROFILE_SELECT} WHERE a.user_id IN ${sqlList(userIds)}`).map(toProfile);
}

function mergeCustom(current: Record<string, string>, changes: Record<string, string> | undefined): Record<string, string> {
  if (!changes) return current;
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

function updateProfile(db: Database, userId: string, changes: ProfileChanges): ProfileRecord | null {
  return db.transaction(() => {
    const current = profiles(db, [userId])[0];
    if (!current) return null;
    const next: ProfileRecord = { ...current, ...changes, userId, custom: mergeCustom(current.custom, changes.custom) };
    db.run(sql`UPDATE accounts SET nickname = ${next.nick}, face_url = ${next.image} WHERE user_id = ${userId}`);
    if (next.image !== current.image) setPublicImage(db, { kind: 'user', id: userId }, next.image, userId);
    db.run(sql`
      INSERT INTO profiles (user_id, gender, birthday, location, self_signature, allow_type, language, msg_settings,
                            admin_forbid_type, level, role, searchable, custom)
      VALUES (${userId}, ${next.gender}, ${next.birthday}, ${next.location}, ${next.selfSignature}, ${next.allowType},
              ${next.language}, ${next.msgSettings}, ${next.adminForbidType}, ${next.level}, ${next.role},
              ${next.searchable ? 1 : 0}, ${JSON.stringify(next.custom)})
      ON CONFLICT (user_id) DO UPDATE SET gender = excluded.gender, birthday = excluded.birthday,
        location = excluded.location, self_signature = excluded.self_signature, allow_type = excluded.allow_type,
        language = excluded.language, msg_settings = excluded.msg_settings, admin_forbid_type = excluded.admin_forbid_type,
        level = excluded.level, role = excluded.role, searchable = excluded.searchable, custom = excluded.custom`);
    return next;
  });
}

function searchByNickPrefix(db: Database, prefix: string, limit: number): string[] {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .all<{ user_id: string }>(sql`
      SELECT a.user_id FROM accounts a JOIN profiles p ON p.user_id = a.user_id
      WHERE p.searchable = 1 AND a.nickname LIKE ${`${escaped}%`} ESCAPE '\\'
      ORDER BY a.nickname, a.user_id LIMIT ${limit}`)
    .map((row) => row.user_id);
}

interface FriendRow {
  owner: string;
  friend: string;
  remark: string;
  add_source: string;
  add_wording: string;
  add_time: number;
  custom: string;
}

function groupsOf(db: Database, owner: string, friends: readonly string[] | null): Map<string, string[]> {
  const rows = friends
    ? db.all<{ friend: string; name: string }>(
        sql`SELECT friend, name FROM friend_list_members WHERE owner = ${owner} AND friend IN ${sqlList(friends)} ORDER BY name`,
      )
    : db.all<{ friend: string; name: string }>(sql`SELECT friend, name FROM friend_list_members WHERE owner = ${owner} ORDER BY name`);
  const map = new Map<string, string[]>();
  for (const row of rows) {
    const list = map.get(row.friend);
    if (list) list.push(row.name);
    else map.set(row.friend, [row.name]);
  }
  return map;
}

function toFriends(db: Database, owner: string, rows: FriendRow[], all: boolean): FriendRecord[] {
  if (rows.length === 0) return [];
  const groups = groupsOf(db, owner, all ? null : rows.map((r) => r.friend));
  return rows.map((row) => ({
    owner: row.owner,
    friend: row.friend,
    remark: row.remark,
    addSource: row.add_source,
    addWording: row.add_wording,
    addTime: row.add_time,
    custom: parseCustom(row.custom),
    groups: groups.get(row.friend) ?? [],
  }));
}

function friendsOf(db: Database, owner: string): FriendRecord[] {
  return toFriends(db, owner, db.all<FriendRow>(sql`SELECT * FROM friends WHERE owner = ${owner} ORDER BY add_time, friend`), true);
}

function friends(db: Database, owner: string, list: readonly string[]): FriendRecord[] {
  if (list.length === 0) return [];
  return toFriends(db, owner, db.all<FriendRow>(sql`SELECT * FROM friends WHERE owner = ${owner} AND friend IN ${sqlList(list)}`), false);
}

function ensureLists(db: Database, owner: string, names: readonly string[], time: number): void {
  for (const name of names) {
    db.run(sql`INSERT INTO friend_lists (owner, name, created_at) VALUES (${owner}, ${name}, ${time}) ON CONFLICT DO NOTHING`);
  }
}

function setGroups(db: Database, owner: string, friend: string, names: readonly string[], time: number): void {
  ensureLists(db, owner, names, time);
  db.run(sql`DELETE FROM friend_list_members WHERE owner = ${owner} AND friend = ${friend}`);
  for (const name of new Set(names)) {
    db.run(sql`INSERT INTO friend_list_members (owner, name, friend) VALUES (${owner}, ${name}, ${friend}) ON CONFLICT DO NOTHING`);
  }
}

function addFriend(db: Database, entry: NewFriend): boolean {
  return db.transaction(() => {
    const result = db.run(sql`
      INSERT INTO friends (owner, friend, remark, add_source, add_wording, add_time)
      VALUES (${entry.owner}, ${entry.friend}, ${entry.remark}, ${entry.addSource}, ${entry.addWording}, ${entry.addTime})
      ON CONFLICT DO NOTHING`);
    if (result.changes === 0) return false;
    if (entry.groups.length > 0) setGroups(db, entry.owner, entry.friend, entry.groups, entry.addTime);
    return true;
  });
}

function updateFriend(
  db: Database,
  owner: string,
  friend: string,
  changes: { remark?: string; groups?: readonly string[]; custom?: Record<string, string> },
): FriendRecord | null {
  return db.transaction(() => {
    const current = friends(db, owner, [friend])[0];
    if (!current) return null;
    if (changes.remark !== undefined || changes.custom !== undefined) {
      const custom = mergeCustom(current.custom, changes.custom);
      db.run(sql`UPDATE friends SET remark = ${changes.remark ?? current.remark}, custom = ${JSON.stringify(custom)}
                 WHERE owner = ${owner} AND friend = ${friend}`);
    }
    if (changes.groups !== undefined) setGroups(db, owner, friend, changes.groups, Date.now());
    return friends(db, owner, [friend])[0] ?? null;
  });
}

function deleteFriend(db: Database, owner: string, friend: string): boolean {
  return db.transaction(() => {
    db.run(sql`DELETE FROM friend_list_members WHERE owner = ${owner} AND friend = ${friend}`);
    return db.run(sql`DELETE FROM friends WHERE owner = ${owner} AND friend = ${friend}`).changes > 0;
  });
}

function lists(db: Database, owner: string): { name: string; members: string[] }[] {
  const names = db.all<{ name: string }>(sql`SELECT name FROM friend_lists WHERE owner = ${owner} ORDER BY created_at, name`);
  const members = db.all<{ name: string; friend: string }>(sql`SELECT name, friend FROM friend_list_members WHERE owner = ${owner} ORDER BY friend`);
  const byName = new Map<string, string[]>(names.map((row) => [row.name, []]));
  for (const row of members) byName.get(row.name)?.push(row.friend);
  return [...byName].map(([name, list]) => ({ name, members: list }));
}

interface RequestRow {
  from_user: string;
  to_user: string;
  add_source: string;
  add_wording: string;
  remark: string;
  group_name: string;
  time: number;
}

function toRequest(row: RequestRow): FriendRequestRecord {
  return {
    from: row.from_user,
    to: row.to_user,
    addSource: row.add_source,
    addWording: row.add_wording,
    remark: row.remark,
    groupName: row.group_name,
    time: row.time,
  };
}

export function openRelationsRepository(db: Database): RelationsRepository {
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    profiles: (userIds) => run(() => profiles(db, userIds)),
    updateProfile: (userId, changes) => run(() => updateProfile(db, userId, changes)),
    searchByNickPrefix: (prefix, limit) => run(() => searchByNickPrefix(db, prefix, limit)),
    friendsOf: (owner) => run(() => friendsOf(db, owner)),
    friends: (owner, list) => run(() => friends(db, owner, list)),
    friendCount: (owner) => run(() => db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM friends WHERE owner = ${owner}`)?.n ?? 0),
    ownersOf: (friend, owners) =>
      run(() => {
        if (owners && owners.length === 0) return [];
        const rows = owners
          ? db.all<{ owner: string }>(sql`SELECT owner FROM friends WHERE friend = ${friend} AND owner IN ${sqlList(owners)}`)
          : db.all<{ owner: string }>(sql`SELECT owner FROM friends WHERE friend = ${friend}`);
        return rows.map((row) => row.owner);
      }),
    addFriend: (entry) => run(() => addFriend(db, entry)),
    updateFriend: (owner, friend, changes) => run(() => updateFriend(db, owner, friend, changes)),
    deleteFriend: (owner, friend) => run(() => deleteFriend(db, owner, friend)),
    lists: (owner) => run(() => lists(db, owner)),
    createList: (owner, name, time) =>
      run(() => db.run(sql`INSERT INTO friend_lists (owner, name, created_at) VALUES (${owner}, ${name}, ${time}) ON CONFLICT DO NOTHING`).changes > 0),
    renameList: (owner, name, newName) =>
      run(() =>
        db.transaction(() => {
          const changed = db.run(sql`UPDATE friend_lists SET name = ${newName} WHERE owner = ${owner} AND name = ${name}`).changes > 0;
          if (changed) db.run(sql`UPDATE friend_list_members SET name = ${newName} WHERE owner = ${owner} AND name = ${name}`);
          return changed;
        }),
      ),
    deleteList: (owner, name) =>
      run(() =>
        db.transaction(() => {
          db.run(sql`DELETE FROM friend_list_members WHERE owner = ${owner} AND name = ${name}`);
          return db.run(sql`DELETE FROM friend_lists WHERE owner = ${owner} AND name = ${name}`).changes > 0;
        }),
      ),
    addListMembers: (owner, name, list) =>
      run(() => {
        if (list.length === 0) return;
        db.run(sql`INSERT INTO friend_list_members (owner, name, friend)
                   SELECT ${owner}, ${name}, friend FROM friends WHERE owner = ${owner} AND friend IN ${sqlList(list)}
                   ON CONFLICT DO NOTHING`);
      }),
    removeListMembers: (owner, name, list) =>
      run(() => {
        if (list.length === 0) return;
        db.run(sql`DELETE FROM friend_list_members WHERE owner = ${owner} AND name = ${name} AND friend IN ${sqlList(list)}`);
      }),
    putRequest: (r) =>
      run(() => {
        db.run(sql`INSERT INTO friend_requests (from_user, to_user, add_source, add_wording, remark, group_name, time)
                   VALUES (${r.from}, ${r.to}, ${r.addSource}, ${r.addWording}, ${r.remark}, ${r.groupName}, ${r.time})
                   ON CONFLICT (from_user, to_user) DO UPDATE SET add_source = excluded.add_source,
                     add_wording = excluded.add_wording, remark = excluded.remark, group_name = excluded.group_name,
                     time = excluded.time`);
      }),
    request: (from, to) =>
      run(() => {
        const row = db.get<RequestRow>(sql`SELECT * FROM friend_requests WHERE from_user = ${from} AND to_user = ${to}`);
        return row ? toRequest(row) : null;
      }),
    requestsOf: (userId) =>
      run(() =>
        db
          .all<RequestRow>(sql`SELECT * FROM friend_requests WHERE from_user = ${userId} OR to_user = ${userId} ORDER BY time DESC`)
          .map(toRequest),
      ),
    countRequests: (userId, direction) =>
      run(
        () =>
          db.get<{ n: number }>(
            direction === 'incoming'
              ? sql`SELECT COUNT(*) AS n FROM friend_requests WHERE to_user = ${userId}`
              : sql`SELECT COUNT(*) AS n FROM friend_requests WHERE from_user = ${userId}`,
          )?.n ?? 0,
      ),
    deleteRequest: (from, to) =>
      run(() => db.run(sql`DELETE FROM friend_requests WHERE from_user = ${from} AND to_user = ${to}`).changes > 0),
    blocklist: (owner) =>
      run(() => db.all<BlockRecord>(sql`SELECT owner, blocked, time FROM blocklist WHERE owner = ${owner} ORDER BY time, blocked`)),
    blockedAmong: (owner, others) =>
      run(() =>
        others.length === 0
          ? []
          : db.all<{ blocked: string }>(sql`SELECT blocked FROM blocklist WHERE owner = ${owner} AND blocked IN ${sqlList(others)}`).map((r) => r.blocked),
      ),
    blockersAmong: (userId, others) =>
      run(() =>
        others.length === 0
          ? []
          : db.all<{ owner: string }>(sql`SELECT owner FROM blocklist WHERE blocked = ${userId} AND owner IN ${sqlList(others)}`).map((r) => r.owner),
      ),
    blockCount: (owner) => run(() => db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM blocklist WHERE owner = ${owner}`)?.n ?? 0),
    block: (entry) =>
      run(
        () =>
          db.run(sql`INSERT INTO blocklist (owner, blocked, time) VALUES (${entry.owner}, ${entry.blocked}, ${entry.time}) ON CONFLICT DO NOTHING`)
            .changes > 0,
      ),
    unblock: (owner, blocked) => run(() => db.run(sql`DELETE FROM blocklist WHERE owner = ${owner} AND blocked = ${blocked}`).changes > 0),
    sequences: (owner) =>
      run(() => {
        const row = db.get<{ friend_seq: number; black_seq: number }>(sql`SELECT friend_seq, black_seq FROM relation_sequences WHERE owner = ${owner}`);
        return { friendSeq: row?.friend_seq ?? 0, blackSeq: row?.black_seq ?? 0 };
      }),
    bumpSequence: (owner, which) =>
      run(() => {
        if (which === 'friend') {
          db.run(sql`INSERT INTO relation_sequences (owner, friend_seq) VALUES (${owner}, 1)
                     ON CONFLICT (owner) DO UPDATE SET friend_seq = friend_seq + 1`);
        } else {
          db.run(sql`INSERT INTO relation_sequences (owner, black_seq) VALUES (${owner}, 1)
                     ON CONFLICT (owner) DO UPDATE SET black_seq = black_seq + 1`);
        }
      }),
    purge: (userId) =>
      run(() =>
        db.transaction(() => {
          db.run(sql`DELETE FROM profiles WHERE user_id = ${userId}`);
          db.run(sql`DELETE FROM friend_list_members WHERE owner = ${userId} OR friend = ${userId}`);
          db.run(sql`DELETE FROM friend_lists WHERE owner = ${userId}`);
          db.run(sql`DELETE FROM friends WHERE owner = ${userId} OR friend = ${userId}`);
          db.run(sql`DELETE FROM friend_requests WHERE from_user = ${userId} OR to_user = ${userId}`);
          db.run(sql`DELETE FROM blocklist WHERE owner = ${userId} OR blocked = ${userId}`);
          db.run(sql`DELETE FROM relation_sequences WHERE owner = ${userId}`);
        }),
      ),
  };
}
