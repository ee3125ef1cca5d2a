import { communityBits, topicBits, type PermissionGroup, type TopicInfo } from '../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../shared/ipc/groups';
import type { ReadableDB } from '../store/database';
import { getGroup, listGroups, listPermissionGroups, listTopics, type CachedGroup } from '../store/tables/groups';

/**
 * What the renderer gets of the group cache: entries with my effective bits, computed by
 * shared/domain/groupPermissions.ts from my role and my permission groups as last cached
 * (the same module the server decides with), so hidden controls match its refusals.
 */

function myPermissionGroups(db: ReadableDB, cached: CachedGroup): PermissionGroup[] {
  if (cached.group.type !== 'Community') return [];
  const mine = new Set(cached.self.permissionGroupIds);
  return listPermissionGroups(db, cached.group.groupId).filter((p) => mine.has(p.permissionGroupId));
}

export function joinedEntry(db: ReadableDB, cached: CachedGroup): JoinedGroup {
  const myBits =
    cached.group.type === 'Community'
      ? communityBits(
          cached.self.role,
          cached.group.defaultPermissions,
          myPermissionGroups(db, cached).map((p) => p.permissions),
        )
      : 0;
  return { group: cached.group, self: cached.self, myBits };
}

export function joinedEntries(db: ReadableDB, groupIds?: readonly string[]): JoinedGroup[] {
  const cached = groupIds ? groupIds.flatMap((id) => getGroup(db, id) ?? []) : listGroups(db);
  return cached.map((c) => joinedEntry(db, c));
}

/** Topics with my bits; `only` limits them to these (for events). */
export function topicEntries(db: ReadableDB, groupId: string, only?: ReadonlySet<string>): TopicEntry[] {
  const cached = getGroup(db, groupId);
  if (!cached) return [];
  const mine = myPermissionGroups(db, cached);
  return listTopics(db, groupId)
    .filter((t) => !only || only.has(t.topicId))
    .map((t) => topicEntry(t, cached, mine));
}

export function topicEntryOf(db: ReadableDB, topic: TopicInfo): TopicEntry {
  const cached = getGroup(db, topic.groupId);
  if (!cached) return { ...topic, myBits: 0 };
  return topicEntry(topic, cached, myPermissionGroups(db, cached));
}

function topicEntry(topic: TopicInfo, cached: CachedGroup, mine: readonly PermissionGroup[]): TopicEntry {
  const overrides = mine.flatMap((p) => {
    const bits = p.topicOverrides?.[topic.topicId];
    return bits === undefined ? [] : [bits];
  });
  return { ...topic, myBits: topicBits(cached.self.role, topic.defaultPermissions, overrides) };
}
