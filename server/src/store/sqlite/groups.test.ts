import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NewGroup } from '../groupTypes';
import { type Store } from '../types';
import { openSqliteStore } from './sqliteStore';

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ path: ':memory:' });
});
afterEach(() => store.close());

function group(groupId: string, overrides: Partial<NewGroup> = {}): NewGroup {
  return {
    groupId,
    type: 'Public',
    name: 'Chess Club',
    introduction: '',
    notification: '',
    faceUrl: '',
    owner: 'ann',
    createTime: 100,
    applyJoinOption: 'NeedPermission',
    muteAll: false,
    defaultPermissions: 0,
    active: true,
    maxMemberNum: null,
    custom: { Level: 'high' },
    ...overrides,
  };
}

const member = (userId: string, role: 'Owner' | 'Admin' | 'Member' = 'Member', joinTime = 100) => ({
  userId,
  role,
  joinTime,
  msgFlag: 'AcceptAndNotify' as const,
});

describe('sqlite store: groups (migration 0010)', () => {
  it('G2 creates a group with its members and custom values; a taken ID changes nothing', async () => {
    expect(await store.groups.create(group('g1'), [member('ann', 'Owner'), member('bob')])).toBe(true);
    expect(await store.groups.create(group('g1', { name: 'Other' }), [member('cat')])).toBe(false);
    const stored = await store.groups.get('g1');
    expect(stored).toMatchObject({ name: 'Chess Club', memberNum: 2, infoSeq: 1, custom: { Level: 'high' } });
    expect(await store.groups.count()).toBe(1);
    const updated = await store.groups.update('g1', { name: 'Go Club', custom: { Level: '', Tag: 'x' } }, 200);
    expect(updated).toMatchObject({ name: 'Go Club', infoSeq: 2, lastInfoTime: 200, custom: { Tag: 'x' } });
  });

  it('G3 G7 a change passed as undefined leaves that field alone (group, topic, permission group and member)', async () => {
    await store.groups.create(group('gu', { type: 'Community', introduction: 'intro' }), [member('ann', 'Owner')]);
    const updated = await store.groups.update('gu', { name: undefined, introduction: undefined, notification: 'hello', maxMemberNum: undefined }, 300);
    expect(updated).toMatchObject({ name: 'Chess Club', introduction: 'intro', notification: 'hello', maxMemberNum: null });
    await store.groups.createTopic({
      topicId: 'gu@TOPIC#_t', groupId: 'gu', name: 't', introduction: 'about', notification: '', faceUrl: '', customString: 'c',
      muteAll: true, defaultPermissions: 8, category: 'k', createTime: 1, infoSeq: 1, resolvedAt: null, resolvedBy: null,
    });
    const topic = await store.groups.updateTopic('gu@TOPIC#_t', { name: undefined, introduction: 'new', muteAll: undefined, customString: undefined });
    expect(topic).toMatchObject({ name: 't', introduction: 'new', muteAll: true, customString: 'c', defaultPermissions: 8 });
    await store.groups.createPermissionGroup({ permissionGroupId: 'p', groupId: 'gu', name: 'Mods', permissions: 2, customString: 's', createTime: 1 });
    await store.groups.updatePermissionGroup('gu', 'p', { name: undefined, permissions: 6, customString: undefined });
    expect(await store.groups.permissionGroups('gu')).toMatchObject([{ name: 'Mods', permissions: 6, customString: 's' }]);
    await store.groups.updateMember('gu', 'ann', { nameCard: 'A' });
    expect(await store.groups.updateMember('gu', 'ann', { nameCard: undefined, role: undefined })).toMatchObject({ nameCard: 'A', role: 'Owner' });
  });

  it('G4 a mute survives leaving and re-joining; listing muted members shows members only', async () => {
    await store.groups.create(group('g2'), [member('ann', 'Owner'), member('bob')]);
    await store.groups.setMutedUntil('g2', ['bob'], 5000);
    expect(await store.groups.removeMembers('g2', ['bob'])).toEqual(['bob']);
    expect(await store.groups.mutedMembers('g2', 1000)).toEqual([]);
    await store.groups.addMembers('g2', [member('bob')]);
    expect((await store.groups.member('g2', 'bob'))?.mutedUntil).toBe(5000);
    expect(await store.groups.mutedMembers('g2', 1000)).toEqual([{ userId: 'bob', mutedUntil: 5000 }]);
  });

  it('G4 pages members owner first, then admins, then by join time, with a total', async () => {
    await store.groups.create(group('g3'), [member('zed', 'Owner', 5), member('amy', 'Member', 1), member('bob', 'Admin', 9), member('cat', 'Member', 2)]);
    const first = await store.groups.memberPage('g3', { after: null, limit: 3, roles: null });
    expect(first.members.map((m) => m.userId)).toEqual(['zed', 'bob', 'amy']);
    expect(first.total).toBe(4);
    const second = await store.groups.memberPage('g3', { after: first.next, limit: 3, roles: null });
    expect(second.members.map((m) => m.userId)).toEqual(['cat']);
    expect(second.next).toBeNull();
    const admins = await store.groups.memberPage('g3', { after: null, limit: 10, roles: ['Admin'] });
    expect(admins).toMatchObject({ total: 1, members: [{ userId: 'bob' }] });
  });

  it('G7 topics, permission groups and overrides go with their community; account purge leaves nothing', async () => {
    await store.groups.create(group('@TGS#_c', { type: 'Community' }), [member('ann', 'Owner'), member('bob')]);
    await store.groups.createTopic({
      topicId: '@TGS#_c@TOPIC#_a', groupId: '@TGS#_c', name: 'a', introduction: '', notification: '', faceUrl: '', customString: '',
      muteAll: false, defaultPermissions: 8, category: '', createTime: 1, infoSeq: 1, resolvedAt: null, resolvedBy: null,
    });
    await store.groups.createPermissionGroup({ permissionGroupId: 'p1', groupId: '@TGS#_c', name: 'Mods', permissions: 2, customString: '', createTime: 1 });
    await store.groups.addPermissionGroupMembers('@TGS#_c', 'p1', ['bob', 'stranger']);
    await store.groups.setTopicOverride('@TGS#_c@TOPIC#_a', '@TGS#_c', 'p1', 1);
    expect(await store.groups.permissionGroups('@TGS#_c')).toMatchObject([{ memberNum: 1, topicOverrides: { '@TGS#_c@TOPIC#_a': 1 } }]);
    expect((await store.groups.member('@TGS#_c', 'bob'))?.permissionGroupIds).toEqual(['p1']);
    await store.groups.purge('bob');
    expect(await store.groups.permissionGroupMembers('@TGS#_c', 'p1')).toEqual([]);
    await store.groups.purge('ann');
    expect((await store.groups.get('@TGS#_c'))?.owner).toBe('');
    expect(await store.groups.remove('@TGS#_c')).toBe(true);
    expect(await store.groups.topics('@TGS#_c')).toEqual([]);
    expect(await store.groups.permissionGroups('@TGS#_c')).toEqual([]);
  });

  it('G8 finds by exact ID among the allowed types, and by name substring ignoring case', async () => {
    await store.groups.create(group('w1', { type: 'Work', name: 'Chess work' }), []);
    await store.groups.create(group('p1', { name: 'Chess Public' }), []);
    await store.groups.create(group('p2', { name: 'Tennis' }), []);
    expect((await store.groups.search('w1', ['Public'], [], 20)).map((g) => g.groupId)).toEqual([]);
    expect((await store.groups.search('p2', ['Public'], [], 20)).map((g) => g.groupId)).toEqual(['p2']);
    expect((await store.groups.search('CHESS', [], ['Public'], 20)).map((g) => g.groupId)).toEqual(['p1']);
  });
});
