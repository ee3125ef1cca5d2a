import { type GroupMsgFlag } from '../../../../shared/domain';
import { type GroupsRepository } from '../../store/groupTypes';

/**
 * What group messaging must hear of every change to groups (ADR 0004 §3): the member cache is
 * invalidated synchronously, and rooms follow membership and MsgFlag. Every writer (socket services,
 * REST, imports, account purge) goes through the GroupsRepository, so observing it there is the one
 * place no change can slip past.
 */
export interface GroupChangeListener {
  /** Anything about the group (null: possibly any group) changed. */
  changed(groupId: string | null): void;
  /** Members joined with these receive options. */
  joined(groupId: string, members: ReadonlyArray<{ userId: string; msgFlag: GroupMsgFlag }>): void;
  left(groupId: string, userIds: readonly string[]): void;
  msgFlagChanged(groupId: string, userId: string, msgFlag: GroupMsgFlag): void;
  removed(groupId: string): void;
}

export function observeGroups(repo: GroupsRepository, listener: GroupChangeListener): GroupsRepository {
  // The cache forgets at the call (the SQLite write happens inside it, synchronously) and again once it
  // resolved, so neither a cached hit nor a load that straddled the write survives it.
  const after = async <T>(groupId: string | null, write: () => Promise<T>, then?: (value: T) => void): Promise<T> => {
    listener.changed(groupId);
    const value = await write();
    listener.changed(groupId);
    then?.(value);
    return value;
  };
  return {
    ...repo,
    create: (group, members, publisher) =>
      after(group.groupId, () => repo.create(group, members, publisher), (created) => {
        if (created) listener.joined(group.groupId, members);
      }),
    update: (groupId, changes, now, publisher) => after(groupId, () => repo.update(groupId, changes, now, publisher)),
    activate: (groupId) => after(groupId, () => repo.activate(groupId)),
    remove: (groupId) => after(groupId, () => repo.remove(groupId), () => listener.removed(groupId)),
    addMembers: (groupId, members) =>
      after(groupId, () => repo.addMembers(groupId, members), (added) => {
        listener.joined(groupId, members.filter((m) => added.includes(m.userId)));
      }),
    removeMembers: (groupId, userIds) => after(groupId, () => repo.removeMembers(groupId, userIds), (removed) => listener.left(groupId, removed)),
    updateMember: (groupId, userId, changes) =>
      after(groupId, () => repo.updateMember(groupId, userId, changes), (member) => {
        if (member && changes.msgFlag !== undefined) listener.msgFlagChanged(groupId, userId, member.msgFlag);
      }),
    setMutedUntil: (groupId, userIds, mutedUntil) => after(groupId, () => repo.setMutedUntil(groupId, userIds, mutedUntil)),
    createTopic: (topic) => after(topic.groupId, () => repo.createTopic(topic)),
    updateTopic: (topicId, changes) => after(null, () => repo.updateTopic(topicId, changes)),
    removeTopics: (topicIds) => after(null, () => repo.removeTopics(topicIds)),
    createPermissionGroup: (group) => after(group.groupId, () => repo.createPermissionGroup(group)),
    updatePermissionGroup: (groupId, id, changes) => after(groupId, () => repo.updatePermissionGroup(groupId, id, changes)),
    removePermissionGroups: (groupId, ids) => after(groupId, () => repo.removePermissionGroups(groupId, ids)),
    addPermissionGroupMembers: (groupId, id, userIds) => after(groupId, () => repo.addPermissionGroupMembers(groupId, id, userIds)),
    removePermissionGroupMembers: (groupId, id, userIds) => after(groupId, () => repo.removePermissionGroupMembers(groupId, id, userIds)),
    setTopicOverride: (topicId, groupId, id, permissions) => after(groupId, () => repo.setTopicOverride(topicId, groupId, id, permissions)),
    purge: (userId) => after(null, () => repo.purge(userId)),
  };
}

const HUB = Symbol('groupChangeHub');

/** Listeners of one store's group changes; every app built on the store registers its own. */
export class GroupChangeHub implements GroupChangeListener {
  private readonly listeners = new Set<GroupChangeListener>();
  add(listener: GroupChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed(groupId: string | null): void {
    for (const l of this.listeners) l.changed(groupId);
  }
  joined(groupId: string, members: ReadonlyArray<{ userId: string; msgFlag: GroupMsgFlag }>): void {
    for (const l of this.listeners) l.joined(groupId, members);
  }
  left(groupId: string, userIds: readonly string[]): void {
    for (const l of this.listeners) l.left(groupId, userIds);
  }
  msgFlagChanged(groupId: string, userId: string, msgFlag: GroupMsgFlag): void {
    for (const l of this.listeners) l.msgFlagChanged(groupId, userId, msgFlag);
  }
  removed(groupId: string): void {
    for (const l of this.listeners) l.removed(groupId);
  }
}

/**
 * Installs the observation on the store object itself (once per store), so every holder of it — services,
 * REST commands, tests writing fixtures — writes through it. Returns the store's hub.
 */
export function groupChangesOf(store: { groups: GroupsRepository }): GroupChangeHub {
  const observed = store.groups as GroupsRepository & { [HUB]?: GroupChangeHub };
  const existing = observed[HUB];
  if (existing) return existing;
  const hub = new GroupChangeHub();
  const wrapped = Object.assign(observeGroups(store.groups, hub), { [HUB]: hub });
  Object.defineProperty(store, 'groups', { value: wrapped, writable: false, configurable: true, enumerable: true });
  return hub;
}
