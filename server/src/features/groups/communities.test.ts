import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GROUP_LIMITS, GROUP_PERMISSION, TOPIC_PERMISSION } from '../../../../shared/domain';
import { type TestSocket, call, collect, eventually, nextPush, request, settle } from '../../testing/socketClient';
import { socketPeople } from '../../testing/socketPeople';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;

const { people, idOf, closeAll } = socketPeople(() => server);
const failure = (code: string) => ({ ok: false, error: { code } });

beforeAll(async () => {
  server = await startTestServer({
    requestLimits: { send: { burst: 1e4, perSecond: 1e4 }, typing: { burst: 10, perSecond: 2 }, other: { burst: 1e4, perSecond: 1e4 } },
  });
});
afterAll(async () => {
  closeAll();
  await server.stop({ removeData: true });
});

/** A community owned by the first socket with the others as ordinary members. */
async function community(owner: TestSocket, ...members: TestSocket[]): Promise<string> {
  const { group } = await call(owner, 'group:create', { type: 'Community', name: 'guild' });
  for (const member of members) await call(member, 'group:apply', { groupId: group.groupId });
  return group.groupId;
}

describe('G7 topics', () => {
  it('G7 topics exist in communities only; custom topic parts are checked; the 201st topic is refused', async () => {
    const [owner, member] = await people('town', 'tmem');
    const g = await community(owner!, member!);
    const { group: club } = await call(owner!, 'group:create', { type: 'Public', name: 'club' });
    expect(await request(owner!, 'topic:create', { groupId: club.groupId, name: 't' })).toMatchObject(failure('topic_not_enabled'));
    expect(await request(owner!, 'topic:list', { groupId: club.groupId })).toMatchObject(failure('topic_not_enabled'));
    const pushed = nextPush(member!, 'topic:changed');
    const { topic } = await call(owner!, 'topic:create', { groupId: g, name: 'general', customPart: 'general', category: 'Text' });
    expect(topic).toMatchObject({ topicId: `${g}@TOPIC#_general`, category: 'Text', muteAll: false });
    expect((await pushed).topic.topicId).toBe(topic.topicId);
    expect(await request(owner!, 'topic:create', { groupId: g, name: 'again', customPart: 'general' })).toMatchObject(failure('group_id_taken'));
    for (const part of ['tab\there', '@TOPIC#x', '@TGS#_x']) {
      expect(await request(owner!, 'topic:create', { groupId: g, name: 'x', customPart: part })).toMatchObject(failure('group_id_invalid'));
    }
    expect(await request(owner!, 'topic:create', { groupId: g, name: 't'.repeat(31) })).toMatchObject(failure('bad_request'));
    expect(await request(member!, 'topic:create', { groupId: g, name: 'mine' })).toMatchObject(failure('group_forbidden'));
    for (let i = 1; i < GROUP_LIMITS.maxTopics; i += 1) {
      await server.app.services.groups.communities.createTopic({ userId: idOf('town') }, g, { name: `t${i}` });
    }
    expect((await call(member!, 'topic:list', { groupId: g })).topics).toHaveLength(200);
    expect(await request(owner!, 'topic:create', { groupId: g, name: 'one too many' })).toMatchObject(failure('topic_limit'));
    const deleted = nextPush(member!, 'topic:deleted');
    await call(owner!, 'topic:delete', { topicIds: [topic.topicId] });
    expect(await deleted).toEqual({ groupId: g, topicIds: [topic.topicId] });
    expect(await request(owner!, 'topic:update', { topicId: topic.topicId, name: 'gone' })).toMatchObject(failure('topic_not_found'));
  });
});

describe('G7 permission groups and per-topic overrides', () => {
  it('G7 an override lets a permission group manage one topic and not another (checkTopicAction)', async () => {
    const [owner, mod, plain] = await people('oown', 'omod', 'oplain');
    const g = await community(owner!, mod!, plain!);
    const a = (await call(owner!, 'topic:create', { groupId: g, name: 'a' })).topic.topicId;
    const b = (await call(owner!, 'topic:create', { groupId: g, name: 'b' })).topic.topicId;
    const { permissionGroup } = await call(owner!, 'permissionGroup:create', { groupId: g, name: 'Mods', permissions: 0 });
    expect(permissionGroup.permissionGroupId.startsWith('@PMG#_@PMG#')).toBe(true);
    const p = permissionGroup.permissionGroupId;
    const changed = collect(plain!, 'permissionGroup:changed');
    await call(owner!, 'permissionGroup:addMembers', { groupId: g, permissionGroupId: p, userIds: [idOf('omod')] });
    await eventually(() => changed.some((c) => c.permissionGroups[0]?.memberNum === 1));
    await call(owner!, 'permissionGroup:setTopicPermissions', { topicId: a, permissionGroupId: p, permissions: TOPIC_PERMISSION.ManageTopicInfo });
    expect((await call(mod!, 'topic:update', { topicId: a, notification: 'read the rules' })).topic.notification).toBe('read the rules');
    expect(await request(mod!, 'topic:update', { topicId: b, notification: 'x' })).toMatchObject(failure('group_forbidden'));
    expect(await request(plain!, 'topic:update', { topicId: a, notification: 'x' })).toMatchObject(failure('group_forbidden'));
    // Mute-all and default bits need their own topic rights.
    expect(await request(mod!, 'topic:update', { topicId: a, muteAll: true })).toMatchObject(failure('group_forbidden'));
    expect(await request(mod!, 'topic:update', { topicId: a, defaultPermissions: 0 })).toMatchObject(failure('group_forbidden'));
    await call(owner!, 'permissionGroup:setTopicPermissions', { topicId: a, permissionGroupId: p, permissions: null });
    expect(await request(mod!, 'topic:update', { topicId: a, notification: 'y' })).toMatchObject(failure('group_forbidden'));
    expect((await call(plain!, 'permissionGroup:list', { groupId: g })).permissionGroups).toMatchObject([{ topicOverrides: {} }]);
    expect((await call(plain!, 'permissionGroup:members', { groupId: g, permissionGroupId: p })).userIds).toEqual([idOf('omod')]);
  });

  it('G7 community bits from a permission group: ManageGroupMember kicks ordinary members only; removing the member takes it away', async () => {
    const [owner, keeper, alice, admin] = await people('kown', 'kkeep', 'kali', 'kadm');
    const g = await community(owner!, keeper!, alice!, admin!);
    await call(owner!, 'group:setMemberRole', { groupId: g, userId: idOf('kadm'), role: 'Admin' });
    expect(await request(keeper!, 'group:kick', { groupId: g, userIds: [idOf('kali')] })).toMatchObject(failure('group_forbidden'));
    const { permissionGroup } = await call(owner!, 'permissionGroup:create', { groupId: g, name: 'Keepers', permissions: GROUP_PERMISSION.ManageGroupMember });
    const p = permissionGroup.permissionGroupId;
    await call(owner!, 'permissionGroup:addMembers', { groupId: g, permissionGroupId: p, userIds: [idOf('kkeep')] });
    expect((await call(keeper!, 'group:joined', {})).entries[0]!.self.permissionGroupIds).toEqual([p]);
    expect(await request(keeper!, 'group:kick', { groupId: g, userIds: [idOf('kadm')] })).toMatchObject(failure('group_forbidden'));
    await call(keeper!, 'group:kick', { groupId: g, userIds: [idOf('kali')] });
    await call(owner!, 'permissionGroup:removeMembers', { groupId: g, permissionGroupId: p, userIds: [idOf('kkeep')] });
    await call(alice!, 'group:apply', { groupId: g });
    expect(await request(keeper!, 'group:kick', { groupId: g, userIds: [idOf('kali')] })).toMatchObject(failure('group_forbidden'));
  });

  it('G4 G7 applications reach the owner, admins and ManageGroupMember holders, found without reading every member', async () => {
    const [owner, admin, keeper, plain, stranger] = await people('aown', 'aadm', 'akeep', 'aplain', 'astr');
    const g = await community(owner!, admin!, keeper!, plain!);
    await call(owner!, 'group:setMemberRole', { groupId: g, userId: idOf('aadm'), role: 'Admin' });
    await call(owner!, 'group:update', { groupId: g, applyJoinOption: 'NeedPermission' });
    const { permissionGroup } = await call(owner!, 'permissionGroup:create', { groupId: g, name: 'Keepers', permissions: GROUP_PERMISSION.ManageGroupMember });
    await call(owner!, 'permissionGroup:addMembers', { groupId: g, permissionGroupId: permissionGroup.permissionGroupId, userIds: [idOf('akeep')] });
    const inboxes = [owner!, admin!, keeper!, plain!].map((s) => collect(s, 'group:applicationsChanged'));
    const memberIds = vi.spyOn(server.store.groups, 'memberIds');
    try {
      expect(await call(stranger!, 'group:apply', { groupId: g, wording: 'hi' })).toEqual({ outcome: 'pending' });
      await eventually(() => inboxes.slice(0, 3).every((inbox) => inbox.length === 1));
      await settle();
      expect(inboxes[3]).toEqual([]);
      expect(inboxes[2]![0]!.applications).toMatchObject([{ groupId: g, applicant: idOf('astr') }]);
      expect(memberIds).not.toHaveBeenCalled();
    } finally {
      memberIds.mockRestore();
    }
  });

  it('G7 only holders of ManagePermissionGroupInfo manage permission groups, and nobody grants bits they lack', async () => {
    const [owner, admin, member] = await people('gown', 'gadm', 'gmem');
    const g = await community(owner!, admin!, member!);
    await call(owner!, 'group:setMemberRole', { groupId: g, userId: idOf('gadm'), role: 'Admin' });
    expect(await request(admin!, 'permissionGroup:create', { groupId: g, name: 'x', permissions: 0 })).toMatchObject(failure('group_forbidden'));
    const managers = (await call(owner!, 'permissionGroup:create', { groupId: g, name: 'Managers', permissions: GROUP_PERMISSION.ManagePermissionGroupInfo }))
      .permissionGroup.permissionGroupId;
    await call(owner!, 'permissionGroup:addMembers', { groupId: g, permissionGroupId: managers, userIds: [idOf('gmem')] });
    expect(await request(member!, 'permissionGroup:create', { groupId: g, name: 'Gods', permissions: GROUP_PERMISSION.ManageGroupInfo })).toMatchObject(
      failure('group_forbidden'),
    );
    const own = await call(member!, 'permissionGroup:create', { groupId: g, name: 'Speakers', permissions: GROUP_PERMISSION.SendGroupMessage });
    expect(own.permissionGroup.name).toBe('Speakers');
    expect(await request(owner!, 'permissionGroup:update', { groupId: g, permissionGroupId: 'nope', name: 'x' })).toMatchObject(
      failure('permission_group_not_found'),
    );
    expect(await request(owner!, 'permissionGroup:addMembers', { groupId: g, permissionGroupId: managers, userIds: [idOf('stranger')] })).toMatchObject(
      failure('group_not_member'),
    );
    for (let i = 2; i < GROUP_LIMITS.maxPermissionGroups; i += 1) {
      await call(owner!, 'permissionGroup:create', { groupId: g, name: `p${i}`, permissions: 0 });
    }
    expect(await request(owner!, 'permissionGroup:create', { groupId: g, name: 'eleventh', permissions: 0 })).toMatchObject(
      failure('permission_group_limit'),
    );
    await call(owner!, 'permissionGroup:delete', { groupId: g, permissionGroupIds: [own.permissionGroup.permissionGroupId] });
    expect((await call(member!, 'permissionGroup:list', { groupId: g })).permissionGroups).toHaveLength(GROUP_LIMITS.maxPermissionGroups - 1);
  });

  it('G7 default community bits: changing them is permission management; a new default reaches every member', async () => {
    const [owner, admin, member] = await people('down', 'dadm', 'dmem');
    const g = await community(owner!, admin!, member!);
    await call(owner!, 'group:setMemberRole', { groupId: g, userId: idOf('dadm'), role: 'Admin' });
    expect(await request(admin!, 'group:update', { groupId: g, defaultPermissions: 0 })).toMatchObject(failure('group_forbidden'));
    expect(await request(member!, 'topic:create', { groupId: g, name: 'x' })).toMatchObject(failure('group_forbidden'));
    const { group } = await call(owner!, 'group:update', { groupId: g, defaultPermissions: GROUP_PERMISSION.ManageTopic });
    expect(group.defaultPermissions).toBe(GROUP_PERMISSION.ManageTopic);
    expect((await call(member!, 'topic:create', { groupId: g, name: 'x' })).topic.name).toBe('x');
    const { group: club } = await call(owner!, 'group:create', { type: 'Public', name: 'club' });
    expect(await request(owner!, 'group:update', { groupId: club.groupId, defaultPermissions: 1 })).toMatchObject(failure('group_invalid_request'));
  });
});
