import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATION_LIMITS, textBody } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient, nextPush, request } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];
let n = 0;

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
    relations: {
      profileFields: [
        { key: 'Tag_Profile_Custom_Hobby', read: ['app', 'admin'], write: ['app', 'admin'] },
        { key: 'Tag_Profile_Custom_Score', read: ['app', 'admin'], write: ['admin'] },
      ],
      friendFields: [{ key: 'Tag_SNS_Custom_Note', read: ['app', 'admin'], write: ['app', 'admin'] }],
    },
  });
});
afterAll(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('P1–P3 profiles', () => {
  it('P1 P2 sets standard and custom fields; refuses over-long fields, unknown custom keys and read-only fields', async () => {
    const [ann] = await people('pann');
    const s = await connect(ann!);
    const { profile } = await call(s, 'profile:setSelf', {
      nick: 'Ann',
      gender: 'Gender_Type_Female',
      birthday: 19900101,
      location: 'CN-11-01',
      selfSignature: 'hello',
      allowType: 'AllowType_Type_AllowAny',
      custom: { Tag_Profile_Custom_Hobby: 'chess' },
    });
    expect(profile).toMatchObject({ view: 'self', nick: 'Ann', gender: 'Gender_Type_Female', location: 'CN-11-01', custom: { Tag_Profile_Custom_Hobby: 'chess' } });
    expect(await request(s, 'profile:setSelf', { nick: 'n'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(s, 'profile:setSelf', { location: '北京市海淀区' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(s, 'profile:setSelf', { custom: { Tag_Profile_Custom_Nope: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'profile_unknown_field' },
    });
    expect(await request(s, 'profile:setSelf', { custom: { Tag_Profile_Custom_Score: '99' } })).toMatchObject({
      ok: false,
      error: { code: 'profile_read_only' },
    });
    expect(await request(s, 'profile:setSelf', { adminForbidType: 'AdminForbid_Type_None' })).toMatchObject({
      ok: false,
      error: { code: 'profile_read_only' },
    });
  });

  it('P3 strangers see a limited profile, friends more; a change is pushed live to friends', async () => {
    const [ann, bob, cat] = await people('vann', 'vbob', 'vcat');
    await server.app.services.profiles.apply(ann!, { nick: 'Ann', location: 'X', birthday: 20000101, custom: { Tag_Profile_Custom_Hobby: 'go' } });
    await server.app.services.friends.add({ from: ann!, to: bob!, addSource: 'AddSource_Type_Test', force: true });
    const sb = await connect(bob!);
    const sc = await connect(cat!);
    const asFriend = (await call(sb, 'profile:get', { userIds: [ann!, 'nobody-here'] }));
    expect(asFriend.notFound).toEqual(['nobody-here']);
    expect(asFriend.profiles[0]).toMatchObject({ view: 'friend', location: 'X', birthday: 20000101, custom: { Tag_Profile_Custom_Hobby: 'go' } });
    expect(asFriend.profiles[0]).not.toHaveProperty('msgSettings');
    const asStranger = (await call(sc, 'profile:get', { userIds: [ann!] })).profiles[0]!;
    expect(asStranger).toMatchObject({ view: 'stranger', nick: 'Ann', custom: {} });
    expect(asStranger).not.toHaveProperty('location');
    expect(asStranger).not.toHaveProperty('birthday');

    const sa = await connect(ann!);
    const pushed = nextPush(sb, 'profile:changed');
    await call(sa, 'profile:setSelf', { nick: 'Annie' });
    expect((await pushed).profile).toMatchObject({ userId: ann, nick: 'Annie', view: 'friend' });
  });

  it('R1 finds by exact UserID and by nickname prefix among searchable users only', async () => {
    const [ann, bob, cat] = await people('sann', 'sbob', 'scat');
    await server.app.services.profiles.apply(bob!, { nick: 'Zebra One', searchable: true });
    await server.app.services.profiles.apply(cat!, { nick: 'Zebra Two' });
    const s = await connect(ann!);
    expect((await call(s, 'user:search', { keyword: cat! })).profiles.map((p) => p.userId)).toEqual([cat]);
    const byNick = (await call(s, 'user:search', { keyword: 'Zebra' })).profiles.map((p) => p.userId);
    expect(byNick).toContain(bob);
    expect(byNick).not.toContain(cat);
  });
});

describe('R2–R4 friends: flows and limits', () => {
  it('R2 a NeedConfirm request arrives live with its wording; accepting with a remark and a list makes a two-way friendship on every device', async () => {
    const [ann, bob] = await people('fann', 'fbob');
    const sa = await connect(ann!);
    const sb = await connect(bob!);
    const sb2 = await connect(bob!);
    const incoming = nextPush(sb2, 'friendRequest:added');
    const added = await call(sa, 'friend:add', { userId: bob!, addSource: 'AddSource_Type_Web', addWording: 'hi, it is Ann', remark: 'Bobby' });
    expect(added).toMatchObject({ result: 'pending', request: { direction: 'outgoing', userId: bob } });
    expect((await incoming).request).toMatchObject({ userId: ann, direction: 'incoming', addWording: 'hi, it is Ann', addSource: 'AddSource_Type_Web' });
    expect((await call(sb, 'friend:requests', {})).requests).toHaveLength(1);

    const annAdded = nextPush(sa, 'friend:added');
    const bobOtherDevice = nextPush(sb2, 'friend:added');
    const { friend } = await call(sb, 'friend:respond', { userId: ann!, action: 'accept', remark: 'Ann from work', groupName: 'Work' });
    expect(friend).toMatchObject({ userId: ann, remark: 'Ann from work', groups: ['Work'] });
    expect((await annAdded).friend).toMatchObject({ userId: bob, remark: 'Bobby' });
    expect((await bobOtherDevice).friend.userId).toBe(ann);
    expect((await call(sb, 'friendList:get', {})).lists).toEqual([{ name: 'Work', members: [ann] }]);
    expect((await call(sa, 'friend:requests', {})).requests).toEqual([]);
  });

  it('R4 remarks, custom friend fields and lists: create, rename, add/remove members, a friend in several lists, delete keeps friends', async () => {
    const [ann, bob, cat] = await people('lann', 'lbob', 'lcat');
    for (const f of [bob!, cat!]) await server.app.services.friends.add({ from: ann!, to: f, addSource: 'AddSource_Type_Test', force: true });
    const s = await connect(ann!);
    const updated = await call(s, 'friend:update', { userId: bob!, remark: 'B', custom: { Tag_SNS_Custom_Note: 'met in Paris' } });
    expect(updated.friend).toMatchObject({ remark: 'B', custom: { Tag_SNS_Custom_Note: 'met in Paris' } });
    expect(await request(s, 'friend:update', { userId: bob!, custom: { Tag_SNS_Custom_Other: 'x' } })).toMatchObject({ ok: false, error: { code: 'friend_unknown_field' } });
    expect(await request(s, 'friend:update', { userId: bob!, remark: 'r'.repeat(97) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    await call(s, 'friendList:create', { name: 'Family', userIds: [bob!] });
    await call(s, 'friendList:create', { name: 'Climbing', userIds: [bob!, cat!] });
    expect(await request(s, 'friendList:create', { name: 'Family' })).toMatchObject({ ok: false, error: { code: 'friend_list_exists' } });
    expect((await call(s, 'friendList:rename', { name: 'Climbing', newName: 'Bouldering' })).list).toEqual({ name: 'Bouldering', members: [bob, cat].sort() });
    expect((await call(s, 'friendList:removeMembers', { name: 'Bouldering', userIds: [cat!] })).list.members).toEqual([bob]);
    const bobEntry = (await call(s, 'friend:list', {})).friends.find((f) => f.userId === bob);
    expect(bobEntry?.groups.sort()).toEqual(['Bouldering', 'Family']);
    await call(s, 'friendList:delete', { names: ['Family'] });
    expect((await call(s, 'friend:list', {})).friends.map((f) => f.userId).sort()).toEqual([bob, cat].sort());
    const [stranger] = await people('lstr');
    expect(await request(s, 'friendList:addMembers', { name: 'Bouldering', userIds: [stranger!] })).toMatchObject({ ok: false, error: { code: 'not_friends' } });
  });

  it('R4 the 33rd friend list is refused (30011)', async () => {
    const [ann] = await people('gann');
    const s = await connect(ann!);
    for (let i = 0; i < RELATION_LIMITS.maxFriendLists; i += 1) await call(s, 'friendList:create', { name: `L${i}` });
    const refused = await request(s, 'friendList:create', { name: 'one too many' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'friend_list_limit' } });
  });

  it('R2 R4 accepting into a 33rd list is refused before anything changes: no one-way friendship, the request stays', async () => {
    const [ann, bob] = await people('xann', 'xbob');
    const sa = await connect(ann!);
    const sb = await connect(bob!);
    for (let i = 0; i < RELATION_LIMITS.maxFriendLists; i += 1) await call(sb, 'friendList:create', { name: `L${i}` });
    await call(sa, 'friend:add', { userId: bob!, addSource: 'AddSource_Type_Test' });
    const refused = await request(sb, 'friend:respond', { userId: ann!, action: 'accept', groupName: 'one too many' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'friend_list_limit' } });
    expect((await call(sa, 'friend:check', { userIds: [bob!], checkType: 'CheckResult_Type_Both' })).results[0]?.relation).toBe('CheckResult_Type_NoRelation');
    expect((await call(sb, 'friend:requests', {})).requests).toMatchObject([{ userId: ann, direction: 'incoming' }]);
    expect((await call(sb, 'friend:respond', { userId: ann!, action: 'accept', groupName: 'L0' })).friend).toMatchObject({ userId: ann, groups: ['L0'] });
  });

  it('R2 befriending oneself is refused; so is an unknown user', async () => {
    const [ann] = await people('oann');
    const s = await connect(ann!);
    expect(await request(s, 'friend:add', { userId: ann!, addSource: 'AddSource_Type_Test' })).toMatchObject({ ok: false, error: { code: 'friend_self' } });
    expect(await request(s, 'friend:add', { userId: 'no-such-user-x', addSource: 'AddSource_Type_Test' })).toMatchObject({
      ok: false,
      error: { code: 'user_not_found' },
    });
    expect(await request(s, 'friend:add', { userId: 'x', addSource: 'Android' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('R3 the 3,001st friend is refused (30010), and adding someone who has 3,000 (30014)', async () => {
    const [ann, bob, full] = await people('kann', 'kbob', 'kfull');
    const others = Array.from({ length: RELATION_LIMITS.maxFriends }, (_, i) => `k${n}_${i}`);
    await server.app.services.accounts.importAccounts(others.map((userId) => ({ userId })));
    const relations = server.store.relations;
    for (const other of others) {
      await relations.addFriend({ owner: ann!, friend: other, remark: '', addSource: 'AddSource_Type_Test', addWording: '', addTime: 1, groups: [] });
      await relations.addFriend({ owner: full!, friend: other, remark: '', addSource: 'AddSource_Type_Test', addWording: '', addTime: 1, groups: [] });
    }
    await server.app.services.profiles.apply(bob!, { allowType: 'AllowType_Type_AllowAny' });
    await server.app.services.profiles.apply(full!, { allowType: 'AllowType_Type_AllowAny' });
    const s = await connect(ann!);
    expect(await request(s, 'friend:add', { userId: bob!, addSource: 'AddSource_Type_Test' })).toMatchObject({ ok: false, error: { code: 'friend_limit' } });
    const sb = await connect(bob!);
    expect(await request(sb, 'friend:add', { userId: full!, addSource: 'AddSource_Type_Test' })).toMatchObject({
      ok: false,
      error: { code: 'peer_friend_limit' },
    });
  }, 60_000); // 3,000 friendships written through the service: seconds on a busy machine

  it('R2 the 101st pending request is refused (30012)', async () => {
    const [target] = await people('ptarget');
    const senders = Array.from({ length: RELATION_LIMITS.maxPendingRequests + 1 }, (_, i) => `p${n}_${i}`);
    await server.app.services.accounts.importAccounts(senders.map((userId) => ({ userId })));
    for (const sender of senders.slice(0, -1)) {
      expect((await server.app.services.friends.add({ from: sender, to: target!, addSource: 'AddSource_Type_Test' })).result).toBe('pending');
    }
    const s = await connect(senders.at(-1)!);
    expect(await request(s, 'friend:add', { userId: target!, addSource: 'AddSource_Type_Test' })).toMatchObject({ ok: false, error: { code: 'pending_limit' } });
  });
});

describe('A1 account deletion and relations', () => {
  it('R3 a deleted account leaves no friend, request or block behind; its UserID starts clean when reused', async () => {
    const [ann, bob, cat] = await people('dann', 'dbob', 'dcat');
    await server.app.services.friends.add({ from: ann!, to: bob!, addSource: 'AddSource_Type_Test', force: true });
    await server.app.services.friends.add({ from: cat!, to: bob!, addSource: 'AddSource_Type_Test' });
    await server.app.services.blocklist.add(bob!, [cat!]);
    await server.app.services.accounts.deleteAccounts([bob!]);
    await server.app.services.accounts.importAccounts([{ userId: bob! }]);
    expect(await server.store.relations.friendsOf(ann!)).toEqual([]);
    expect(await server.store.relations.ownersOf(ann!)).toEqual([]);
    expect(await server.store.relations.requestsOf(cat!)).toEqual([]);
    expect(await server.store.relations.blocklist(bob!)).toEqual([]);
  });
});

describe('R5 blocklist and the one-to-one permission', () => {
  it('R5 a blocked sender is refused with 20007 while the blocker may still write; unblocking restores it', async () => {
    const [ann, bob] = await people('bann', 'bbob');
    const sa = await connect(ann!);
    const sb = await connect(bob!);
    const blocked = nextPush(sa, 'block:added');
    expect((await call(sa, 'block:add', { userIds: [bob!] })).results).toEqual([{ userId: bob, error: null }]);
    expect((await blocked).entries[0]?.userId).toBe(bob);
    const refused = await request(sb, 'message:send', { clientMsgId: 'blocked-0001', to: ann!, body: textBody('hi') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked_by_peer' } });
    expect(await call(sa, 'message:send', { clientMsgId: 'blocker-0001', to: bob!, body: textBody('I can still write') })).toMatchObject({ duplicate: false });
    expect((await call(sa, 'block:check', { userIds: [bob!], checkType: 'BlackCheckResult_Type_Both' })).results[0]?.relation).toBe('BlackCheckResult_Type_AWithB');
    expect((await call(sb, 'block:check', { userIds: [ann!], checkType: 'BlackCheckResult_Type_Both' })).results[0]?.relation).toBe('BlackCheckResult_Type_BWithA');
    expect((await call(sb, 'block:check', { userIds: [ann!], checkType: 'BlackCheckResult_Type_Single' })).results[0]?.relation).toBe('BlackCheckResult_Type_NO');
    const page = await call(sa, 'block:list', { startIndex: 0, limit: 10 });
    expect(page).toMatchObject({ total: 1, nextStartIndex: 0, entries: [{ userId: bob }] });
    await call(sa, 'block:remove', { userIds: [bob!] });
    expect(await call(sb, 'message:send', { clientMsgId: 'unblocked-001', to: ann!, body: textBody('hi again') })).toMatchObject({ duplicate: false });
  });

  it('R5 blocking unfriends both ways and the blocked user sees the friendship go', async () => {
    const [ann, bob] = await people('uann', 'ubob');
    await server.app.services.friends.add({ from: ann!, to: bob!, addSource: 'AddSource_Type_Test', force: true });
    const sa = await connect(ann!);
    const sb = await connect(bob!);
    const gone = nextPush(sb, 'friend:deleted');
    await call(sa, 'block:add', { userIds: [bob!] });
    expect((await gone).userIds).toEqual([ann]);
    expect((await call(sa, 'friend:list', {})).friends).toEqual([]);
    expect(await request(sa, 'block:add', { userIds: [ann!] })).toMatchObject({ ok: true, data: { results: [{ error: { code: 'friend_self' } }] } });
  });
});

describe('R5 one-to-one permission: friends only', () => {
  it('R5 friends-only server: 20009 strangers, 20010 not in their list, 20011 not in mine; friends both ways may write', async () => {
    const friendsOnly = await startTestServer({ relations: { c2cPermission: 'friends' } });
    try {
      await friendsOnly.app.services.accounts.importAccounts(['qa', 'qb'].map((userId) => ({ userId })));
      const sa = await connectTestClient(friendsOnly, 'qa');
      const send = (id: string) => request(sa, 'message:send', { clientMsgId: id, to: 'qb', body: textBody('hi') });
      expect(await send('fo-000001')).toMatchObject({ ok: false, error: { code: 'not_friends_both' } });
      await friendsOnly.app.services.friends.add({ from: 'qa', to: 'qb', addSource: 'AddSource_Type_Test', addType: 'Add_Type_Single', force: true });
      expect(await send('fo-000002')).toMatchObject({ ok: false, error: { code: 'not_friend_of_peer' } });
      await friendsOnly.store.relations.deleteFriend('qa', 'qb');
      await friendsOnly.app.services.friends.add({ from: 'qb', to: 'qa', addSource: 'AddSource_Type_Test', addType: 'Add_Type_Single', force: true });
      expect(await send('fo-000003')).toMatchObject({ ok: false, error: { code: 'peer_not_my_friend' } });
      await friendsOnly.app.services.friends.add({ from: 'qa', to: 'qb', addSource: 'AddSource_Type_Test', force: true });
      expect(await send('fo-000004')).toMatchObject({ ok: true });
      sa.close();
    } finally {
      await friendsOnly.stop({ removeData: true });
    }
  });
});
