import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_LIMITS, type GroupType } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, nextPush, request } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { APP_ADMIN } from './groupAccess';

let server: TestServer;
const sockets: TestSocket[] = [];
let n = 0;
const MAX_JOINED = 6;

async function people(...names: string[]): Promise<string[]> {
  n += 1;
  const ids = names.map((name) => `${name}${n}`);
  await server.app.services.accounts.importAccounts(ids.map((userId) => ({ userId })));
  return ids;
}

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer({
    groups: {
      quotas: { maxMembers: { Work: 2000, Public: 2000, Meeting: 2000, AVChatRoom: null, Community: 100_000 }, maxJoinedPerUser: MAX_JOINED, maxGroups: null, maxMessagesPerSecond: 40 },
      groupFields: [
        { key: 'Open', read: 'Anyone', write: 'Admin' },
        { key: 'Inner', read: 'Member', write: 'Owner' },
      ],
      memberFields: [{ key: 'Rank', read: 'Member', write: 'Admin' }],
    },
  });
});
afterAll(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

const failure = (code: string) => ({ ok: false, error: { code } });

describe('G2 creating groups', () => {
  it('G2 each type: the creator owns it, defaults per type; a Work group stays hidden from its members until activated', async () => {
    const [ann, bob] = await people('cann', 'cbob');
    const sa = await connect(ann!);
    const sb = await connect(bob!);
    const expected: Record<GroupType, string> = {
      Work: 'DisableApply', Public: 'NeedPermission', Meeting: 'FreeAccess', AVChatRoom: 'FreeAccess', Community: 'FreeAccess',
    };
    for (const type of ['Public', 'Meeting', 'AVChatRoom', 'Community'] as const) {
      const { group } = await call(sa, 'group:create', { type, name: type });
      expect(group).toMatchObject({ type, owner: ann, memberNum: 1, active: true, applyJoinOption: expected[type] });
      expect(group.groupId.startsWith(type === 'Community' ? '@TGS#_@TGS#' : '@TGS#')).toBe(true);
      expect(group.defaultPermissions > 0).toBe(type === 'Community');
    }
    const bobSeesWork = collect(sb, 'group:changed');
    const { group: work } = await call(sa, 'group:create', { type: 'Work', name: 'Team', members: [bob!] });
    expect(work).toMatchObject({ active: false, memberNum: 2 });
    expect((await call(sb, 'group:joined', {})).entries).toEqual([]);
    expect((await call(sb, 'group:get', { groupIds: [work.groupId] })).notFound).toEqual([work.groupId]);
    expect((await call(sa, 'group:joined', {})).entries.map((e) => e.group.groupId)).toContain(work.groupId);
    expect(bobSeesWork).toEqual([]);
    await server.app.services.groups.groups.activate(work.groupId);
    await eventually(() => bobSeesWork.length === 1);
    expect((await call(sb, 'group:joined', {})).entries).toMatchObject([{ group: { groupId: work.groupId, active: true }, self: { role: 'Member' } }]);
  });

  it('G2 custom IDs: reserved prefixes, non-printable characters, community prefix, taken; AVChatRoom takes no initial members', async () => {
    const [ann, bob] = await people('iann', 'ibob');
    const sa = await connect(ann!);
    for (const [type, groupId] of [
      ['Public', '@TGS#mine'],
      ['Public', 'tab\there'],
      ['Public', '名字'],
      ['Public', 'x'.repeat(49)],
      ['Community', 'fans'],
      ['Community', '@TGS#_@TGS#fans'],
    ] as const) {
      expect(await request(sa, 'group:create', { type, name: 'x', groupId })).toMatchObject(failure('group_id_invalid'));
    }
    expect((await call(sa, 'group:create', { type: 'Public', name: 'x', groupId: `mine-${n}` })).group.groupId).toBe(`mine-${n}`);
    expect(await request(sa, 'group:create', { type: 'Public', name: 'x', groupId: `mine-${n}` })).toMatchObject(failure('group_id_taken'));
    expect((await call(sa, 'group:create', { type: 'Community', name: 'x', groupId: `@TGS#_fans${n}` })).group.type).toBe('Community');
    expect(await request(sa, 'group:create', { type: 'AVChatRoom', name: 'live', members: [bob!] })).toMatchObject(failure('group_unsupported'));
  });

  it('G3 over-long name, introduction, notification and name card are refused; unknown custom keys too', async () => {
    const [ann] = await people('lann');
    const sa = await connect(ann!);
    expect(await request(sa, 'group:create', { type: 'Public', name: 'n'.repeat(31) })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:create', { type: 'Public', name: '群'.repeat(11) })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:create', { type: 'Public', name: '' })).toMatchObject(failure('bad_request'));
    const { group } = await call(sa, 'group:create', { type: 'Public', name: 'ok' });
    const g = group.groupId;
    expect(await request(sa, 'group:update', { groupId: g, introduction: 'i'.repeat(241) })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:update', { groupId: g, notification: 'i'.repeat(301) })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:setMemberInfo', { groupId: g, userId: ann!, nameCard: 'c'.repeat(51) })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:update', { groupId: g, custom: { Nope: 'x' } })).toMatchObject(failure('group_invalid_request'));
    expect(await request(sa, 'group:update', { groupId: g, custom: { 'bad key': 'x' } })).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:update', { groupId: g, unknownField: 1 } as never)).toMatchObject(failure('bad_request'));
    expect(await request(sa, 'group:update', { groupId: 'no-such-group', name: 'x' })).toMatchObject(failure('group_not_found'));
  });

  it('G3 custom fields by level: non-members read only Anyone fields; an empty value deletes the key; writes need the field level', async () => {
    const [ann, bob, cat] = await people('fann', 'fbob', 'fcat');
    const [sa, sb, sc] = [await connect(ann!), await connect(bob!), await connect(cat!)];
    const { group } = await call(sa, 'group:create', { type: 'Meeting', name: 'fields', custom: { Open: 'o', Inner: 'i' } });
    await call(sb, 'group:apply', { groupId: group.groupId });
    expect((await call(sc, 'group:get', { groupIds: [group.groupId] })).groups[0]!.custom).toEqual({ Open: 'o' });
    expect((await call(sb, 'group:get', { groupIds: [group.groupId] })).groups[0]!.custom).toEqual({ Open: 'o', Inner: 'i' });
    await call(sa, 'group:setMemberRole', { groupId: group.groupId, userId: bob!, role: 'Admin' });
    expect(await request(sb, 'group:update', { groupId: group.groupId, custom: { Inner: 'x' } })).toMatchObject(failure('group_forbidden'));
    await call(sb, 'group:update', { groupId: group.groupId, custom: { Open: '' } });
    expect((await call(sa, 'group:get', { groupIds: [group.groupId] })).groups[0]!.custom).toEqual({ Inner: 'i' });
  });
});

describe('G1 joining per type and ApplyJoinOption', () => {
  it('G1 Work cannot be applied to; Meeting, Community and AVChatRoom (even DisableApply) join at once; DisableApply refuses', async () => {
    const [ann, bob] = await people('jann', 'jbob');
    const [sa, sb] = [await connect(ann!), await connect(bob!)];
    const make = async (type: GroupType, applyJoinOption?: 'FreeAccess' | 'NeedPermission' | 'DisableApply') =>
      (await call(sa, 'group:create', { type, name: type, ...(applyJoinOption ? { applyJoinOption } : {}) })).group.groupId;
    const work = await make('Work');
    await server.app.services.groups.groups.activate(work);
    expect(await request(sb, 'group:apply', { groupId: work })).toMatchObject(failure('group_unsupported'));
    const changed = collect(sb, 'group:changed');
    expect(await call(sb, 'group:apply', { groupId: await make('Meeting') })).toEqual({ outcome: 'joined' });
    expect(await call(sb, 'group:apply', { groupId: await make('Community') })).toEqual({ outcome: 'joined' });
    const live = await make('AVChatRoom', 'DisableApply');
    expect(await call(sb, 'group:apply', { groupId: live })).toEqual({ outcome: 'joined' });
    expect(await request(sb, 'group:apply', { groupId: live })).toMatchObject(failure('group_already_member'));
    expect(await request(sb, 'group:apply', { groupId: await make('Public', 'DisableApply') })).toMatchObject(failure('group_apply_disabled'));
    await eventually(() => changed.length >= 3);
    expect(await request(sb, 'group:members', { groupId: live })).toMatchObject(failure('group_unsupported'));
  });

  it('G1 G4 Public NeedPermission: pending, listed for the owner and admins, approve joins with pushes, reject tells the applicant', async () => {
    const [ann, bob, cat, dan] = await people('pann', 'pbob', 'pcat', 'pdan');
    const [sa, sb, sc, sd] = [await connect(ann!), await connect(bob!), await connect(cat!), await connect(dan!)];
    const { group } = await call(sa, 'group:create', { type: 'Public', name: 'club' });
    const g = group.groupId;
    await server.app.services.groups.members.invite(APP_ADMIN, g, [dan!]);
    await call(sa, 'group:setMemberRole', { groupId: g, userId: dan!, role: 'Admin' });
    const inbox = nextPush(sd, 'group:applicationsChanged');
    expect(await call(sb, 'group:apply', { groupId: g, wording: 'let me in' })).toEqual({ outcome: 'pending' });
    expect((await inbox).applications).toMatchObject([{ applicant: bob, wording: 'let me in' }]);
    expect(await call(sc, 'group:apply', { groupId: g })).toEqual({ outcome: 'pending' });
    expect((await call(sa, 'group:applications', {})).applications.map((a) => a.applicant)).toEqual([bob, cat]);
    expect((await call(sb, 'group:applications', {})).applications).toEqual([]);
    const bobJoined = nextPush(sb, 'group:changed');
    const handled = nextPush(sb, 'group:applicationHandled');
    const seen = nextPush(sa, 'group:membersChanged');
    await call(sd, 'group:handleApplication', { groupId: g, applicant: bob!, accept: true });
    expect((await bobJoined).group.groupId).toBe(g);
    expect(await handled).toEqual({ groupId: g, accepted: true });
    expect((await seen).upserted.map((m) => m.userId)).toEqual([bob]);
    const rejected = nextPush(sc, 'group:applicationHandled');
    await call(sa, 'group:handleApplication', { groupId: g, applicant: cat!, accept: false, reason: 'full' });
    expect(await rejected).toEqual({ groupId: g, accepted: false, reason: 'full' });
    expect(await request(sa, 'group:handleApplication', { groupId: g, applicant: cat!, accept: true })).toMatchObject(
      failure('group_application_not_found'),
    );
    expect((await call(sa, 'group:members', { groupId: g })).members.map((m) => [m.userId, m.role])).toEqual([
      [ann, 'Owner'], [dan, 'Admin'], [bob, 'Member'],
    ]);
  });

  it(`G4 at most ${GROUP_LIMITS.maxPendingApplications} pending applications per group: the 51st is refused`, async () => {
    const [ann] = await people('aann');
    const sa = await connect(ann!);
    const { group } = await call(sa, 'group:create', { type: 'Public', name: 'popular' });
    const applicants = await people(...Array.from({ length: 51 }, (_, i) => `ap${i}x`));
    for (const applicant of applicants.slice(0, 50)) await server.app.services.groups.members.apply(applicant, group.groupId, '');
    const last = await connect(applicants[50]!);
    expect(await request(last, 'group:apply', { groupId: group.groupId })).toMatchObject(failure('group_application_limit'));
    expect((await call(sa, 'group:applications', {})).applications).toHaveLength(50);
  });
});

describe('G4 members', () => {
  it('G4 a mute survives leaving and re-joining; 0 unmutes', async () => {
    const [ann, bob] = await people('mann', 'mbob');
    const [sa, sb] = [await connect(ann!), await connect(bob!)];
    const { group } = await call(sa, 'group:create', { type: 'Meeting', name: 'm' });
    const g = group.groupId;
    await call(sb, 'group:apply', { groupId: g });
    await call(sa, 'group:muteMembers', { groupId: g, userIds: [bob!], seconds: 3600 });
    const mutedOf = async () => (await call(sa, 'group:members', { groupId: g })).members.find((m) => m.userId === bob)?.mutedUntil ?? -1;
    expect(await mutedOf()).toBeGreaterThan(Date.now() / 1000);
    await call(sb, 'group:quit', { groupId: g });
    await call(sb, 'group:apply', { groupId: g });
    expect(await mutedOf()).toBeGreaterThan(Date.now() / 1000);
    expect((await call(sb, 'group:joined', {})).entries[0]!.self.mutedUntil).toBeGreaterThan(0);
    await call(sa, 'group:muteMembers', { groupId: g, userIds: [bob!], seconds: 0 });
    expect(await mutedOf()).toBe(0);
  });

  it('G2 owner transfer: the new owner may disband, the old one may now quit; disband tells every member group:left', async () => {
    const [ann, bob, cat] = await people('tann', 'tbob', 'tcat');
    const [sa, sb, sc] = [await connect(ann!), await connect(bob!), await connect(cat!)];
    const { group } = await call(sa, 'group:create', { type: 'Community', name: 'c' });
    const g = group.groupId;
    await call(sb, 'group:apply', { groupId: g });
    await call(sc, 'group:apply', { groupId: g });
    expect(await request(sa, 'group:quit', { groupId: g })).toMatchObject(failure('group_owner_cannot_quit'));
    expect(await request(sa, 'group:transferOwner', { groupId: g, newOwner: `stranger${n}` })).toMatchObject(failure('group_not_member'));
    await call(sa, 'group:transferOwner', { groupId: g, newOwner: bob! });
    expect((await call(sa, 'group:get', { groupIds: [g] })).groups[0]!.owner).toBe(bob);
    expect(await request(sa, 'group:disband', { groupId: g })).toMatchObject(failure('group_forbidden'));
    await call(sa, 'group:quit', { groupId: g });
    const left = nextPush(sc, 'group:left');
    await call(sb, 'group:disband', { groupId: g });
    expect(await left).toEqual({ groupId: g, reason: 'disbanded' });
    expect((await call(sc, 'group:get', { groupIds: [g] })).notFound).toEqual([g]);
  });

  it('G1 the owner of a Work group may quit, leaving it ownerless; only the app admin disbands it', async () => {
    const [ann, bob] = await people('wann', 'wbob');
    const [sa, sb] = [await connect(ann!), await connect(bob!)];
    const { group } = await call(sa, 'group:create', { type: 'Work', name: 'w', members: [bob!] });
    await server.app.services.groups.groups.activate(group.groupId);
    expect(await request(sb, 'group:disband', { groupId: group.groupId })).toMatchObject(failure('group_forbidden'));
    const changed = nextPush(sb, 'group:changed');
    await call(sa, 'group:quit', { groupId: group.groupId });
    expect((await changed).group.owner).toBe('');
    expect((await call(sb, 'group:members', { groupId: group.groupId })).members.map((m) => m.userId)).toEqual([bob]);
    const left = nextPush(sb, 'group:left');
    await server.app.services.groups.groups.disband(APP_ADMIN, group.groupId);
    expect((await left).reason).toBe('disbanded');
  });

  it('G4 kick pushes group:left to the kicked; invite reports per person; name cards and member custom fields', async () => {
    const [ann, bob, cat] = await people('kann', 'kbob', 'kcat');
    const [sa, sb] = [await connect(ann!), await connect(bob!)];
    const { group } = await call(sa, 'group:create', { type: 'Work', name: 'k', members: [bob!] });
    const g = group.groupId;
    await server.app.services.groups.groups.activate(g);
    expect((await call(sb, 'group:invite', { groupId: g, userIds: [cat!, bob!, `ghost${n}`] })).results).toEqual([
      { userId: cat, result: 'added' },
      { userId: bob, result: 'alreadyMember' },
      { userId: `ghost${n}`, result: 'failed', error: { code: 'user_not_found', message: expect.any(String) } },
    ]);
    expect((await call(sb, 'group:setMemberInfo', { groupId: g, userId: bob!, nameCard: 'Bobby' })).member.nameCard).toBe('Bobby');
    expect(await request(sb, 'group:setMemberInfo', { groupId: g, userId: cat!, nameCard: 'x' })).toMatchObject(failure('group_forbidden'));
    expect(await request(sb, 'group:setMemberInfo', { groupId: g, userId: bob!, custom: { Rank: '1' } })).toMatchObject(failure('group_forbidden'));
    expect((await call(sa, 'group:setMemberInfo', { groupId: g, userId: cat!, custom: { Rank: '2' } })).member.custom).toEqual({ Rank: '2' });
    expect(await request(sa, 'group:setMemberInfo', { groupId: g, userId: cat!, custom: { Nope: '2' } })).toMatchObject(failure('group_invalid_request'));
    await call(sb, 'group:setReceiveOption', { groupId: g, msgFlag: 'Discard' });
    expect((await call(sb, 'group:joined', {})).entries[0]!.self.msgFlag).toBe('Discard');
    const left = nextPush(sb, 'group:left');
    await call(sa, 'group:kick', { groupId: g, userIds: [bob!], reason: 'spam' });
    expect(await left).toEqual({ groupId: g, reason: 'kicked', wording: 'spam' });
    expect(await request(sb, 'group:members', { groupId: g })).toMatchObject(failure('group_not_member'));
    expect(await request(sb, 'group:setMemberInfo', { groupId: g, userId: bob!, nameCard: 'x' })).toMatchObject(failure('group_not_member'));
  });

  it('G6 a full group refuses joins; nobody joins more groups than the server allows', async () => {
    const [ann, bob, cat] = await people('qann', 'qbob', 'qcat');
    const [sa, sb, sc] = [await connect(ann!), await connect(bob!), await connect(cat!)];
    const small = await server.app.services.groups.groups.create(APP_ADMIN, { type: 'Meeting', name: 'small', owner: ann!, maxMemberNum: 2 });
    expect(small.maxMemberNum).toBe(2);
    await call(sb, 'group:apply', { groupId: small.groupId });
    expect(await request(sc, 'group:apply', { groupId: small.groupId })).toMatchObject(failure('group_full'));
    for (let i = 1; i < MAX_JOINED; i += 1) await call(sa, 'group:create', { type: 'Meeting', name: `g${i}` });
    expect(await request(sa, 'group:create', { type: 'Meeting', name: 'one too many' })).toMatchObject(failure('group_join_limit'));
    const { group: work } = await call(sc, 'group:create', { type: 'Work', name: 'w' });
    expect((await call(sc, 'group:invite', { groupId: work.groupId, userIds: [ann!] })).results).toMatchObject([
      { userId: ann, result: 'failed', error: { code: 'group_join_limit' } },
    ]);
  });

  it('G8 search: exact ID for every type but Work; names of Public, Meeting and Community groups; AVChatRoom by ID only', async () => {
    const [ann, bob] = await people('sann', 'sbob');
    const sb = await connect(bob!);
    const tag = `Zebra${n}`;
    const ids: Record<string, string> = {};
    for (const type of ['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community'] as const) {
      ids[type] = (await server.app.services.groups.groups.create(APP_ADMIN, { type, name: `${tag} ${type}`, owner: ann! })).groupId;
    }
    for (const type of ['Public', 'Meeting', 'AVChatRoom', 'Community']) {
      expect((await call(sb, 'group:search', { keyword: ids[type]! })).groups.map((g) => g.groupId)).toEqual([ids[type]]);
    }
    expect((await call(sb, 'group:search', { keyword: ids.Work! })).groups).toEqual([]);
    const byName = (await call(sb, 'group:search', { keyword: tag.toLowerCase() })).groups.map((g) => g.type).sort();
    expect(byName).toEqual(['Community', 'Meeting', 'Public']);
    expect((await call(sb, 'group:search', { keyword: tag, types: ['Community'] })).groups.map((g) => g.type)).toEqual(['Community']);
  });

  it('G4 acting on a group one is not in is refused with group_not_member', async () => {
    const [ann, bob] = await people('nann', 'nbob');
    const [sa, sb] = [await connect(ann!), await connect(bob!)];
    const { group } = await call(sa, 'group:create', { type: 'Public', name: 'private club' });
    const g = group.groupId;
    expect(await request(sb, 'group:update', { groupId: g, name: 'mine' })).toMatchObject(failure('group_not_member'));
    expect(await request(sb, 'group:members', { groupId: g })).toMatchObject(failure('group_not_member'));
    expect(await request(sb, 'group:quit', { groupId: g })).toMatchObject(failure('group_not_member'));
    expect(await request(sb, 'group:kick', { groupId: g, userIds: [ann!] })).toMatchObject(failure('group_not_member'));
    expect(await request(sb, 'group:setReceiveOption', { groupId: g, msgFlag: 'Discard' })).toMatchObject(failure('group_not_member'));
    expect((await call(sb, 'group:get', { groupIds: [g] })).groups[0]).toMatchObject({ groupId: g, memberNum: 1 });
  });

  it('deleting an account removes its memberships and applications; its groups become ownerless', async () => {
    const [ann, bob] = await people('dann', 'dbob');
    const group = await server.app.services.groups.groups.create(APP_ADMIN, { type: 'Meeting', name: 'd', owner: ann!, members: [bob!] });
    await server.app.services.accounts.deleteAccounts([ann!]);
    const [record] = await server.store.groups.getMany([group.groupId]);
    expect(record).toMatchObject({ owner: '', memberNum: 1 });
    expect(await server.store.groups.joinedCount(ann!)).toBe(0);
  });

  it('deleting an account tells the other members: removed from every group, and its own groups now ownerless', async () => {
    const [ann, bob, cat] = await people('xann', 'xbob', 'xcat');
    const owned = await server.app.services.groups.groups.create(APP_ADMIN, { type: 'Public', name: 'mine', owner: ann!, members: [bob!] });
    const joined = await server.app.services.groups.groups.create(APP_ADMIN, { type: 'Public', name: 'theirs', owner: cat!, members: [ann!] });
    const [sb, sc] = [await connect(bob!), await connect(cat!)];
    const [bobMembers, bobGroups, catMembers, catGroups] = [
      collect(sb, 'group:membersChanged'),
      collect(sb, 'group:changed'),
      collect(sc, 'group:membersChanged'),
      collect(sc, 'group:changed'),
    ];
    await server.app.services.accounts.deleteAccounts([ann!]);
    await eventually(() => bobMembers.length === 1 && bobGroups.length === 1 && catMembers.length === 1);
    expect(bobMembers[0]).toEqual({ groupId: owned.groupId, upserted: [], removed: [ann] });
    expect(bobGroups[0]!.group).toMatchObject({ groupId: owned.groupId, owner: '', memberNum: 1, infoSeq: owned.infoSeq + 1 });
    expect(catMembers[0]).toEqual({ groupId: joined.groupId, upserted: [], removed: [ann] });
    expect(catGroups).toEqual([]);
  });
});
