import {
  type Profile,
  type BlockEntry,
  type Friend,
  type FriendList,
  type FriendRequest,
  type FriendRequestDirection,
} from '../../../../shared/domain';
import { sql } from '../../../../shared/sql/sql';
import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { getUser, upsertUser } from './users';

/**
 * Contacts (migration 0008): profiles, friends, friend lists, pending requests, the
 * blocklist and a few values. Profiles are stored once per person (JSON) and joined into
 * friends, requests and blocklist entries when read.
 */

// ───────────────────────────────────────────────────────────── profiles

/** What we show for someone whose profile we have never seen: their UserID (or known nickname) and defaults. */
export function placeholderProfile(db: ReadableDB, userId: string): Profile {
  return {
    userId,
    view: 'stranger',
    nick: getUser(db, userId)?.nickname ?? '',
    image: '',
    gender: 'Gender_Type_Unknown',
    selfSignature: '',
    allowType: 'AllowType_Type_NeedConfirm',
    level: 0,
    role: 0,
    custom: {},
  };
}

export function getProfile(db: ReadableDB, userId: string): Profile | undefined {
  const row = get<{ data: string }>(db, sql`SELECT data FROM profiles WHERE user_id = ${userId}`);
  return row ? parseProfile(row.data, userId) : undefined;
}

/**
 * Stores a profile as last seen, and the nickname the conversation list shows (`users`).
 * Returns true if anything changed.
 */
export function putProfile(db: WritableDB, profile: Profile, now: number): boolean {
  const data = JSON.stringify(profile);
  const before = get<{ data: string }>(db, sql`SELECT data FROM profiles WHERE user_id = ${profile.userId}`);
  if (before?.data === data) return false;
  run(
    db,
    sql`INSERT INTO profiles (user_id, data, updated_at) VALUES (${profile.userId}, ${data}, ${now})
        ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const nickname = profile.nick || profile.userId;
  if (getUser(db, profile.userId)?.nickname !== nickname) upsertUser(db, { userId: profile.userId, nickname }, now);
  return true;
}

/** Our own writes, so a cheap check rather than a schema parse (3,000 friends load in one go). */
function parseProfile(data: string, userId: string): Profile {
  const raw = JSON.parse(data) as Partial<Profile>;
  if (raw.userId === userId && typeof raw.view === 'string' && typeof raw.nick === 'string' && typeof raw.custom === 'object') return raw as Profile;
  // Written by another version with another shape: show what identifies the person.
  return {
    userId,
    view: 'stranger',
    nick: typeof raw.nick === 'string' ? raw.nick : '',
    image: typeof raw.image === 'string' ? raw.image : '',
    gender: 'Gender_Type_Unknown',
    selfSignature: '',
    allowType: 'AllowType_Type_NeedConfirm',
    level: 0,
    role: 0,
    custom: {},
  };
}

// ───────────────────────────────────────────────────────────── friends

interface FriendRow {
  user_id: string;
  remark: string;
  groups: string;
  add_source: string;
  add_wording: string;
  add_time: number;
  custom: string;
  data: string | null;
}

function rowToFriend(db: ReadableDB, row: FriendRow): Friend {
  return {
    userId: row.user_id,
    remark: row.remark,
    groups: JSON.parse(row.groups) as string[],
    addSource: row.add_source,
    addWording: row.add_wording,
    addTime: row.add_time,
    custom: JSON.parse(row.custom) as Record<string, string>,
    profile: row.data === null ? placeholderProfile(db, row.user_id) : parseProfile(row.data, row.user_id),
  };
}

const FRIEND_COLUMNS = sql`f.user_id, f.remark, f.groups, f.add_source, f.add_wording, f.add_time, f.custom, p.data`;

/** Every friend with their profile, in UserID order (the renderer sorts for display). */
export function listFriends(db: ReadableDB): Friend[] {
  return all<FriendRow>(db, sql`SELECT ${FRIEND_COLUMNS} FROM friends f LEFT JOIN profiles p ON p.user_id = f.user_id ORDER BY f.user_id`).map(
    (row) => rowToFriend(db, row),
  );
}

export function getFriend(db: ReadableDB, userId: string): Friend | undefined {
  const row = get<FriendRow>(db, sql`SELECT ${FRIEND_COLUMNS} FROM friends f LEFT JOIN profiles p ON p.user_id = f.user_id WHERE f.user_id = ${userId}`);
  return row && rowToFriend(db, row);
}

/** R4: my remark for a friend ('' for someone not in my friend list or without one). */
export function friendRemark(db: ReadableDB, userId: string): string {
  return get<{ remark: string }>(db, sql`SELECT remark FROM friends WHERE user_id = ${userId}`)?.remark ?? '';
}

export function friendIds(db: ReadableDB): string[] {
  return all<{ user_id: string }>(db, sql`SELECT user_id FROM friends ORDER BY user_id`).map((r) => r.user_id);
}

/** Stores a friend entry and its profile; returns true if anything changed. */
export function putFriend(db: WritableDB, friend: Friend, now: number): boolean {
  const profileChanged = putProfile(db, friend.profile, now);
  const groups = JSON.stringify(friend.groups);
  const custom = JSON.stringify(friend.custom);
  const before = get<Omit<FriendRow, 'data'>>(db, sql`SELECT * FROM friends WHERE user_id = ${friend.userId}`);
  if (
    before &&
    before.remark === friend.remark &&
    before.groups === groups &&
    before.add_source === friend.addSource &&
    before.add_wording === friend.addWording &&
    before.add_time === friend.addTime &&
    before.custom === custom
  )
    return profileChanged;
  run(
    db,
    sql`INSERT INTO friends (user_id, remark, groups, add_source, add_wording, add_time, custom)
        VALUES (${friend.userId}, ${friend.remark}, ${groups}, ${friend.addSource}, ${friend.addWording}, ${friend.addTime}, ${custom})
        ON CONFLICT (user_id) DO UPDATE SET remark = excluded.remark, groups = excluded.groups, add_source = excluded.add_source,
          add_wording = excluded.add_wording, add_time = excluded.add_time, custom = excluded.custom`,
  );
  return true;
}

/** Removes friends; returns those who were there. */
export function deleteFriends(db: WritableDB, userIds: readonly string[]): string[] {
  return userIds.filter((userId) => run(db, sql`DELETE FROM friends WHERE user_id = ${userId}`).changes > 0);
}

/** The whole friend list as the server has it: returns who was added or changed and who left. */
export function replaceFriends(db: WritableDB, friends: readonly Friend[], now: number): { changed: string[]; removed: string[] } {
  const keep = new Set(friends.map((f) => f.userId));
  const removed = deleteFriends(
    db,
    friendIds(db).filter((id) => !keep.has(id)),
  );
  const changed = friends.filter((friend) => putFriend(db, friend, now)).map((f) => f.userId);
  return { changed, removed };
}

// ───────────────────────────────────────────────────────────── friend lists

export function listFriendLists(db: ReadableDB): FriendList[] {
  return all<{ name: string; members: string }>(db, sql`SELECT name, members FROM friend_lists ORDER BY position, name`).map((row) => ({
    name: row.name,
    members: JSON.parse(row.members) as string[],
  }));
}

/**
 * The whole set of lists as the server has it. Each friend's `groups` follows the lists'
 * members (the server keeps both; the lists are the fresher push). Returns whether the
 * lists changed and the friends whose groups changed.
 */
export function replaceFriendLists(db: WritableDB, lists: readonly FriendList[]): { listsChanged: boolean; friends: string[] } {
  const before = JSON.stringify(listFriendLists(db));
  run(db, sql`DELETE FROM friend_lists`);
  lists.forEach((list, position) => {
    run(db, sql`INSERT INTO friend_lists (name, position, members) VALUES (${list.name}, ${position}, ${JSON.stringify(list.members)})`);
  });
  const groupsOf = new Map<string, string[]>();
  for (const list of lists) for (const member of list.members) groupsOf.set(member, [...(groupsOf.get(member) ?? []), list.name]);
  const friends: string[] = [];
  for (const row of all<{ user_id: string; groups: string }>(db, sql`SELECT user_id, groups FROM friends`)) {
    const groups = JSON.stringify(groupsOf.get(row.user_id) ?? []);
    if (groups === row.groups) continue;
    run(db, sql`UPDATE friends SET groups = ${groups} WHERE user_id = ${row.user_id}`);
    friends.push(row.user_id);
  }
  return { listsChanged: before !== JSON.stringify(lists), friends };
}

/** A friend's lists changed (friend:update, accept with a list): their membership in every list follows. */
export function syncMembership(db: WritableDB, userId: string, groups: readonly string[]): boolean {
  let changed = false;
  const lists = listFriendLists(db);
  let position = lists.length;
  for (const name of groups) {
    if (lists.some((l) => l.name === name)) continue;
    run(db, sql`INSERT INTO friend_lists (name, position, members) VALUES (${name}, ${position++}, '[]')`);
    lists.push({ name, members: [] });
    changed = true;
  }
  for (const list of lists) {
    const inList = list.members.includes(userId);
    const wanted = groups.includes(list.name);
    if (inList === wanted) continue;
    const members = wanted ? [...list.members, userId] : list.members.filter((m) => m !== userId);
    run(db, sql`UPDATE friend_lists SET members = ${JSON.stringify(members)} WHERE name = ${list.name}`);
    changed = true;
  }
  return changed;
}

/** Takes departed friends out of every list. */
export function dropFromLists(db: WritableDB, userIds: readonly string[]): boolean {
  if (userIds.length === 0) return false;
  const gone = new Set(userIds);
  let changed = false;
  for (const list of listFriendLists(db)) {
    const members = list.members.filter((m) => !gone.has(m));
    if (members.length === list.members.length) continue;
    run(db, sql`UPDATE friend_lists SET members = ${JSON.stringify(members)} WHERE name = ${list.name}`);
    changed = true;
  }
  return changed;
}

// ───────────────────────────────────────────────────────────── friend requests

interface RequestRow {
  user_id: string;
  direction: FriendRequestDirection;
  add_source: string;
  add_wording: string;
  time: number;
  data: string | null;
}

export function listFriendRequests(db: ReadableDB): FriendRequest[] {
  return all<RequestRow>(
    db,
    sql`SELECT r.user_id, r.direction, r.add_source, r.add_wording, r.time, p.data
        FROM friend_requests r LEFT JOIN profiles p ON p.user_id = r.user_id ORDER BY r.time DESC, r.user_id`,
  ).map((row) => ({
    userId: row.user_id,
    direction: row.direction,
    addSource: row.add_source,
    addWording: row.add_wording,
    time: row.time,
    profile: row.data === null ? placeholderProfile(db, row.user_id) : parseProfile(row.data, row.user_id),
  }));
}

export function pendingRequestDirection(db: ReadableDB, userId: string): FriendRequestDirection | null {
  const row = get<{ direction: FriendRequestDirection }>(
    db,
    sql`SELECT direction FROM friend_requests WHERE user_id = ${userId} ORDER BY direction LIMIT 1`,
  );
  return row?.direction ?? null;
}

export function putFriendRequest(db: WritableDB, request: FriendRequest, now: number): void {
  putProfile(db, request.profile, now);
  run(
    db,
    sql`INSERT INTO friend_requests (user_id, direction, add_source, add_wording, time)
        VALUES (${request.userId}, ${request.direction}, ${request.addSource}, ${request.addWording}, ${request.time})
        ON CONFLICT (user_id, direction) DO UPDATE SET add_source = excluded.add_source, add_wording = excluded.add_wording, time = excluded.time`,
  );
}

/** Removes a pending request (one direction, or both when `direction` is null); returns true if one was there. */
export function deleteFriendRequest(db: WritableDB, userId: string, direction: FriendRequestDirection | null): boolean {
  const query =
    direction === null
      ? sql`DELETE FROM friend_requests WHERE user_id = ${userId}`
      : sql`DELETE FROM friend_requests WHERE user_id = ${userId} AND direction = ${direction}`;
  return run(db, query).changes > 0;
}

export function replaceFriendRequests(db: WritableDB, requests: readonly FriendRequest[], now: number): boolean {
  const before = JSON.stringify(listFriendRequests(db).map(({ profile: _profile, ...rest }) => rest));
  run(db, sql`DELETE FROM friend_requests`);
  for (const request of requests) putFriendRequest(db, request, now);
  return before !== JSON.stringify(listFriendRequests(db).map(({ profile: _profile, ...rest }) => rest));
}

/** The "New friends" badge: incoming requests newer than when the inbox was last seen. */
export function unreadRequestCount(db: ReadableDB): number {
  const seen = Number(getContactState(db, 'requests_seen_at') ?? 0);
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM friend_requests WHERE direction = 'incoming' AND time > ${seen}`)?.n ?? 0;
}

export function markRequestsSeen(db: WritableDB): void {
  const newest = get<{ t: number | null }>(db, sql`SELECT max(time) AS t FROM friend_requests WHERE direction = 'incoming'`)?.t ?? 0;
  const seen = Number(getContactState(db, 'requests_seen_at') ?? 0);
  setContactState(db, 'requests_seen_at', String(Math.max(seen, newest)));
}

// ───────────────────────────────────────────────────────────── blocklist

export function listBlocked(db: ReadableDB): BlockEntry[] {
  return all<{ user_id: string; time: number; data: string | null }>(
    db,
    sql`SELECT b.user_id, b.time, p.data FROM blocklist b LEFT JOIN profiles p ON p.user_id = b.user_id ORDER BY b.time DESC, b.user_id`,
  ).map((row) => ({
    userId: row.user_id,
    time: row.time,
    profile: row.data === null ? placeholderProfile(db, row.user_id) : parseProfile(row.data, row.user_id),
  }));
}

export function isBlocked(db: ReadableDB, userId: string): boolean {
  return get<{ one: number }>(db, sql`SELECT 1 AS one FROM blocklist WHERE user_id = ${userId}`) !== undefined;
}

export function putBlocked(db: WritableDB, entry: BlockEntry, now: number): void {
  putProfile(db, entry.profile, now);
  run(db, sql`INSERT INTO blocklist (user_id, time) VALUES (${entry.userId}, ${entry.time}) ON CONFLICT (user_id) DO UPDATE SET time = excluded.time`);
}

export function deleteBlocked(db: WritableDB, userIds: readonly string[]): string[] {
  return userIds.filter((userId) => run(db, sql`DELETE FROM blocklist WHERE user_id = ${userId}`).changes > 0);
}

export function replaceBlocked(db: WritableDB, entries: readonly BlockEntry[], now: number): boolean {
  const before = JSON.stringify(all(db, sql`SELECT user_id, time FROM blocklist ORDER BY user_id`));
  run(db, sql`DELETE FROM blocklist`);
  for (const entry of entries) putBlocked(db, entry, now);
  return before !== JSON.stringify(all(db, sql`SELECT user_id, time FROM blocklist ORDER BY user_id`));
}

// ───────────────────────────────────────────────────────────── small values

export type ContactStateKey = 'requests_seen_at' | 'custom_status' | 'devices';

export function getContactState(db: ReadableDB, key: ContactStateKey): string | undefined {
  return get<{ value: string }>(db, sql`SELECT value FROM contact_state WHERE key = ${key}`)?.value;
}

export function setContactState(db: WritableDB, key: ContactStateKey, value: string): void {
  run(db, sql`INSERT INTO contact_state (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}
