import { afterEach, describe, expect, it } from 'vitest';
import { COMMUNITY_ADMIN_BITS, DEFAULT_COMMUNITY_MEMBER_BITS, GROUP_PERMISSION, TOPIC_PERMISSION, DEFAULT_TOPIC_MEMBER_BITS } from '../../../shared/domain';
import { FakeGroups } from '../testing/fakeGroups';
import { FakeServer } from '../testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

function setup() {
  const server = new FakeServer('me', ['bob', 'carol', 'dave']);
  const fake = new FakeGroups(server).install();
  const t = openTestAccount({ server });
  return { t, fake, server };
}

const joinedIds = (t: ReturnType<typeof setup>['t']) => t.account.groups.joined().groups.map((g) => g.group.groupId);

describe('group cache (core)', () => {
  it('G1 G7 syncs the joined list, applications, topics and permission groups on connect and serves them offline after a restart', async () => {
    const { t, fake } = setup();
    fake.group('@TGS#work 1', 'Work', 'Team %_', 'Owner');
    const community = '@TGS#_@TGS#cafe';
    fake.group(community, 'Community', 'Cafe', 'Admin');
    const topic = fake.topic(community, 'news', 'News');
    fake.permissionGroup(community, 'mods', GROUP_PERMISSION.ManageTopic, { [topic.topicId]: TOPIC_PERMISSION.TopicMuteMember });
    fake.applications = [{ groupId: community, applicant: 'bob', wording: 'let me in', time: 5 }];
    t.connection.goOnline();
    await eventually(() => expect(t.account.groups.joined().groups).toHaveLength(2));
    await eventually(() => expect(t.eventsOf('topics:changed').length).toBeGreaterThan(0));
    const [work, cafe] = t.account.groups.joined().groups;
    expect(work).toMatchObject({ group: { groupId: '@TGS#work 1', name: 'Team %_' }, self: { role: 'Owner' }, myBits: 0 });
    // An admin's bits: the role's, the community's defaults (no permission group of mine yet).
    expect(cafe?.myBits).toBe(COMMUNITY_ADMIN_BITS | DEFAULT_COMMUNITY_MEMBER_BITS);
    expect(t.account.groups.applications().applications).toEqual([{ groupId: community, applicant: 'bob', wording: 'let me in', time: 5 }]);
    expect(t.eventsOf('groups:applicationsChanged').at(-1)?.applications).toHaveLength(1);
    expect(t.eventsOf('groups:changed')[0]?.groups.map((g) => g.group.groupId)).toEqual(['@TGS#work 1', community]);

    const again = await t.restart();
    expect(again.account.groups.joined().groups.map((g) => [g.group.groupId, g.self.role])).toEqual([
      ['@TGS#work 1', 'Owner'],
      [community, 'Admin'],
    ]);
    expect(again.account.groups.applications().applications).toHaveLength(1);
    expect((await again.account.groups.topics({ groupId: community })).topics.map((x) => x.name)).toEqual(['News']);
    expect((await again.account.groups.permissionGroups({ groupId: community })).permissionGroups.map((p) => p.permissionGroupId)).toEqual(['mods']);
    await expect(again.account.groups.search({ keyword: 'x' })).rejects.toMatchObject({ code: 'offline' });
    await again.close();
  });

  it('G4 a kick pushed to me becomes groups:left with the group name and the reason, and the group leaves the cache', async () => {
    const { t, fake } = setup();
    fake.group('@TGS#pub', 'Public', 'Hikers');
    t.connection.goOnline();
    await eventually(() => expect(joinedIds(t)).toEqual(['@TGS#pub']));
    t.connection.push('group:left', { groupId: '@TGS#pub', reason: 'kicked', wording: 'spam' });
    expect(t.eventsOf('groups:left')).toEqual([{ groupId: '@TGS#pub', reason: 'kicked', wording: 'spam', name: 'Hikers' }]);
    expect(t.eventsOf('groups:changed').at(-1)).toEqual({ groups: [], removed: ['@TGS#pub'] });
    expect(joinedIds(t)).toEqual([]);
    // The same push again (another device's echo) tells nothing more.
    t.connection.push('group:left', { groupId: '@TGS#pub', reason: 'kicked' });
    expect(t.eventsOf('groups:left')).toHaveLength(1);
    await t.close();
  });

  it('G4 quitting tells groups:left once although the server pushes it to this device too', async () => {
    const { t, fake } = setup();
    fake.group('@TGS#m', 'Meeting', 'Standup');
    t.connection.goOnline();
    await eventually(() => expect(joinedIds(t)).toEqual(['@TGS#m']));
    await t.account.groups.quit({ groupId: '@TGS#m' });
    t.connection.push('group:left', { groupId: '@TGS#m', reason: 'quit' });
    expect(t.eventsOf('groups:left')).toEqual([{ groupId: '@TGS#m', reason: 'quit', name: 'Standup' }]);
    expect(joinedIds(t)).toEqual([]);
    await t.close();
  });

  it('G1 a group I was added to (group:changed for a group not cached) fetches the joined list; info pushes follow infoSeq', async () => {
    const { t, fake } = setup();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'group:joined')).toBe(true));
    const group = fake.group('@TGS#new', 'Public', 'Fresh');
    t.connection.push('group:changed', { group });
    await eventually(() => expect(joinedIds(t)).toEqual(['@TGS#new']));
    expect(t.eventsOf('groups:changed').at(-1)?.groups[0]).toMatchObject({ group: { name: 'Fresh' }, self: { role: 'Member' } });
    t.connection.push('group:changed', { group: { ...group, name: 'Renamed', infoSeq: 3 } });
    t.connection.push('group:changed', { group: { ...group, name: 'Stale', infoSeq: 2 } });
    expect(t.account.groups.joined().groups[0]?.group.name).toBe('Renamed');
    await t.close();
  });

  it('G4 my mute and receive option follow membersChanged and setReceiveOption; applications follow their push', async () => {
    const { t, fake } = setup();
    fake.group('@TGS#p', 'Public', 'P', 'Admin');
    t.connection.goOnline();
    await eventually(() => expect(joinedIds(t)).toEqual(['@TGS#p']));
    t.connection.push('group:membersChanged', { groupId: '@TGS#p', upserted: [{ ...fake.member('me', 'Admin'), mutedUntil: 2_000_000_000 }], removed: [] });
    expect(t.account.groups.joined().groups[0]?.self.mutedUntil).toBe(2_000_000_000);
    expect(t.eventsOf('groups:membersChanged').at(-1)?.groupId).toBe('@TGS#p');
    t.account.conversations.openGroup('@TGS#p');
    await t.account.groups.setReceiveOption({ groupId: '@TGS#p', msgFlag: 'AcceptNotNotifyExceptAt' });
    expect(t.account.groups.joined().groups[0]?.self.msgFlag).toBe('AcceptNotNotifyExceptAt');
    // The group's conversation receives as the MsgFlag says (its muted icon, its notifications), and says so.
    expect(t.account.conversations.get('group_@TGS#p').recvOpt).toBe('AcceptNotNotifyExceptAt');
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations.find((c) => c.id === 'group_@TGS#p')?.recvOpt).toBe('AcceptNotNotifyExceptAt');
    await t.account.groups.setReceiveOption({ groupId: '@TGS#p', msgFlag: 'Discard' });
    expect(t.account.groups.joined().groups[0]?.self.msgFlag).toBe('Discard');

    t.connection.push('group:applicationsChanged', { groupId: '@TGS#p', applications: [{ groupId: '@TGS#p', applicant: 'dave', wording: '', time: 9 }] });
    expect(t.eventsOf('groups:applicationsChanged').at(-1)?.applications.map((a) => a.applicant)).toEqual(['dave']);
    fake.applications = [{ groupId: '@TGS#p', applicant: 'dave', wording: '', time: 9 }];
    await t.account.groups.handleApplication({ groupId: '@TGS#p', applicant: 'dave', accept: true });
    expect(t.account.groups.applications().applications).toEqual([]);
    await t.close();
  });

  it('G4 members: server pages are cached; offline the cache pages with local cursors; bad input changes nothing', async () => {
    const { t, fake } = setup();
    fake.group('@TGS#big', 'Public', 'Big', 'Owner');
    fake.members.set('@TGS#big', [fake.member('me', 'Owner'), fake.member('bob', 'Admin'), fake.member('carol'), fake.member('dave')]);
    t.connection.goOnline();
    await eventually(() => expect(joinedIds(t)).toEqual(['@TGS#big']));
    const first = await t.account.groups.members({ groupId: '@TGS#big', limit: 2 });
    expect(first).toMatchObject({ members: [{ userId: 'me' }, { userId: 'bob' }], next: '2', total: 4, fromCache: false });
    await t.account.groups.members({ groupId: '@TGS#big', limit: 2, cursor: first.next });
    // A member leaves while the list is cached.
    t.connection.push('group:membersChanged', { groupId: '@TGS#big', upserted: [], removed: ['carol'] });

    t.connection.goOffline();
    const a = await t.account.groups.members({ groupId: '@TGS#big', limit: 2 });
    expect(a).toMatchObject({ members: [{ userId: 'me' }, { userId: 'bob' }], next: 'local:2', total: 3, fromCache: true });
    const b = await t.account.groups.members({ groupId: '@TGS#big', limit: 2, cursor: a.next });
    expect(b).toMatchObject({ members: [{ userId: 'dave' }], next: '' });
    expect((await t.account.groups.members({ groupId: '@TGS#big', roles: ['Admin'] })).members.map((m) => m.userId)).toEqual(['bob']);
    await expect(t.account.groups.members({ groupId: '@TGS#big', cursor: '2' })).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.groups.members({ groupId: '@TGS#unknown' })).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.groups.kick({ groupId: '@TGS#big', userIds: ['bob'] })).rejects.toMatchObject({ code: 'offline' });
    await t.close();
  });

  it('G7 joining a permission group adds its bits to mine in the community and its topic override to my topic bits', async () => {
    const { t, fake } = setup();
    const community = '@TGS#_club';
    fake.group(community, 'Community', 'Club');
    const topic = fake.topic(community, 'lobby', 'Lobby');
    fake.permissionGroup(community, 'hosts', GROUP_PERMISSION.ManageTopic, { [topic.topicId]: TOPIC_PERMISSION.TopicAtAll });
    t.connection.goOnline();
    await eventually(() => expect(t.eventsOf('topics:changed').length).toBeGreaterThan(0));
    expect(t.account.groups.joined().groups[0]?.myBits).toBe(DEFAULT_COMMUNITY_MEMBER_BITS);
    expect((await t.account.groups.topics({ groupId: community })).topics[0]?.myBits).toBe(DEFAULT_TOPIC_MEMBER_BITS);

    await t.account.groups.addPermissionGroupMembers({ groupId: community, permissionGroupId: 'hosts', userIds: ['me'] });
    expect(t.account.groups.joined().groups[0]).toMatchObject({
      self: { permissionGroupIds: ['hosts'] },
      myBits: DEFAULT_COMMUNITY_MEMBER_BITS | GROUP_PERMISSION.ManageTopic,
    });
    expect(t.eventsOf('topics:changed').at(-1)?.topics[0]?.myBits).toBe(DEFAULT_TOPIC_MEMBER_BITS | TOPIC_PERMISSION.TopicAtAll);
    expect(t.eventsOf('permissionGroups:changed').at(-1)?.permissionGroups[0]?.memberNum).toBe(1);

    // Topics pushed and deleted.
    const second = fake.topic(community, 'side', 'Side');
    t.connection.push('topic:changed', { topic: second });
    expect(t.eventsOf('topics:changed').at(-1)).toMatchObject({ groupId: community, topics: [{ topicId: second.topicId }], removed: [] });
    t.connection.push('topic:deleted', { groupId: community, topicIds: [topic.topicId] });
    expect(t.eventsOf('topics:changed').at(-1)).toMatchObject({ topics: [], removed: [topic.topicId] });
    t.connection.goOffline();
    expect((await t.account.groups.topics({ groupId: community })).topics.map((x) => x.name)).toEqual(['Side']);
    await t.close();
  });

  it('G2 a created group is in the cache with me as owner before create answers', async () => {
    const { t } = setup();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'group:joined')).toBe(true));
    const { group } = await t.account.groups.create({ type: 'Public', name: 'Mine', groupId: 'my group' });
    expect(group).toMatchObject({ group: { groupId: 'my group', name: 'Mine' }, self: { role: 'Owner', msgFlag: 'AcceptAndNotify' }, myBits: 0 });
    expect(joinedIds(t)).toEqual(['my group']);
    expect(t.eventsOf('groups:changed').some((e) => e.groups.some((g) => g.group.groupId === 'my group'))).toBe(true);
    await t.close();
  });

  it('calls after sign-out answer unauthenticated', async () => {
    const { t } = setup();
    await t.close();
    await expect(t.account.groups.search({ keyword: 'x' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
