import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { type TestSocket, collect, connectTestClient, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { APP_ADMIN } from './groupAccess';
import { DEFAULT_GROUP_SETTINGS } from './groupSettings';

/**
 * S1 what the REST commands need from the group services: imports (original times, no pushes), creation with
 * initial admins and member custom values in one step, and member pages from an offset.
 */

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

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

beforeAll(async () => {
  const memberFields = [
    { key: 'Rank', read: 'Member', write: 'Admin' },
    { key: 'Seal', read: 'Member', write: 'AppAdmin' },
  ] as const;
  server = await startTestServer({ groups: { ...DEFAULT_GROUP_SETTINGS, memberFields } });
});
afterAll(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

const feature = () => server.app.services.groups;

describe('S1 G2 importGroup and importMembers', () => {
  it('S1 G2 importGroup keeps its CreateTime, is active at once (Work too) and pushes nothing; refuses AVChatRoom and a future CreateTime', async () => {
    const [ann] = await people('iann');
    const sa = await connect(ann!);
    const changed = collect(sa, 'group:changed');
    const createTime = nowSeconds() - 3600;
    const info = await feature().groups.importGroup({ type: 'Work', name: 'old team', owner: ann!, createTime });
    expect(info).toMatchObject({ type: 'Work', owner: ann, createTime, active: true, memberNum: 1 });
    expect((await server.store.groups.member(info.groupId, ann!))?.joinTime).toBe(createTime);
    expect(await refusal(feature().groups.importGroup({ type: 'AVChatRoom', name: 'live' }))).toBe('group_unsupported');
    expect(await refusal(feature().groups.importGroup({ type: 'Public', name: 'later', createTime: nowSeconds() + 3600 }))).toBe('group_invalid_request');
    await settle();
    expect(changed).toEqual([]);
  });

  it('S1 G4 importMembers: per-member results, JoinTime and Role kept, no pushes; admins refused where there are none', async () => {
    const [ann, bob, cat, dan] = await people('mann', 'mbob', 'mcat', 'mdan');
    const createTime = nowSeconds() - 1000;
    const { groupId } = await feature().groups.importGroup({ type: 'Public', name: 'imported', owner: ann!, createTime });
    const sa = await connect(ann!);
    const pushed = collect(sa, 'group:membersChanged');
    const results = await feature().members.importMembers(groupId, [
      { userId: bob!, role: 'Admin', joinTime: createTime + 10 },
      { userId: cat! },
      { userId: ann! },
      { userId: dan!, joinTime: createTime - 1 },
      { userId: 'ghost-user' },
    ]);
    expect(results).toMatchObject([
      { userId: bob, result: 'added' },
      { userId: cat, result: 'added' },
      { userId: ann, result: 'alreadyMember' },
      { userId: dan, result: 'failed', error: { code: 'group_invalid_request' } },
      { userId: 'ghost-user', result: 'failed', error: { code: 'user_not_found' } },
    ]);
    expect(await server.store.groups.member(groupId, bob!)).toMatchObject({ role: 'Admin', joinTime: createTime + 10 });
    await settle();
    expect(pushed).toEqual([]);
    const work = await feature().groups.importGroup({ type: 'Work', name: 'w', owner: ann! });
    expect(await refusal(feature().members.importMembers(work.groupId, [{ userId: cat!, role: 'Admin' }]))).toBe('group_unsupported');
    expect(await server.store.groups.member(work.groupId, cat!)).toBeNull();
  });
});

describe('S1 G2 create with initial admins and member custom values', () => {
  it('S1 G2 admins and member custom values are set with the group; a refused entry leaves no group behind', async () => {
    const [ann, bob, cat] = await people('cann', 'cbob', 'ccat');
    const info = await feature().groups.create(APP_ADMIN, {
      type: 'Public',
      name: 'with admins',
      owner: ann!,
      members: [{ userId: bob!, role: 'Admin', custom: { Rank: 'gold' } }, cat!],
    });
    expect(await server.store.groups.member(info.groupId, bob!)).toMatchObject({ role: 'Admin', custom: { Rank: 'gold' } });
    expect(await server.store.groups.member(info.groupId, cat!)).toMatchObject({ role: 'Member', custom: {} });

    const before = await server.store.groups.count();
    const work = { type: 'Work' as const, name: 'no admins here', owner: ann! };
    expect(await refusal(feature().groups.create(APP_ADMIN, { ...work, members: [cat!, { userId: bob!, role: 'Admin' }] }))).toBe('group_unsupported');
    expect(await refusal(feature().groups.create(APP_ADMIN, { ...work, members: [{ userId: bob!, custom: { Nope: '1' } }] }))).toBe('group_invalid_request');
    // A creator who is not the app admin writes member fields at the owner's level only.
    const mine = { type: 'Public' as const, name: 'mine' };
    expect(await refusal(feature().groups.create({ userId: ann! }, { ...mine, members: [{ userId: bob!, custom: { Seal: 'x' } }] }))).toBe('group_forbidden');
    expect(await server.store.groups.count()).toBe(before);
    await feature().groups.create({ userId: ann! }, { ...mine, members: [{ userId: bob!, custom: { Rank: 'x' } }] });
    expect(await server.store.groups.count()).toBe(before + 1);
  });
});

describe('S1 G4 member pages from an offset', () => {
  it('S1 G4 members() skips `offset` members in page order (owner, admins, members by join time)', async () => {
    const [ann, bob, cat, dan, eve] = await people('oann', 'obob', 'ocat', 'odan', 'oeve');
    const { groupId } = await feature().groups.importGroup({ type: 'Public', name: 'paged', owner: ann!, createTime: nowSeconds() - 100 });
    await feature().members.importMembers(groupId, [
      { userId: eve!, joinTime: nowSeconds() - 50 },
      { userId: dan!, joinTime: nowSeconds() - 60 },
      { userId: bob!, role: 'Admin', joinTime: nowSeconds() - 10 },
      { userId: cat!, joinTime: nowSeconds() - 70 },
    ]);
    const ids = async (page: { offset?: number; limit?: number }) => (await feature().members.members(APP_ADMIN, groupId, page)).members.map((m) => m.userId);
    expect(await ids({})).toEqual([ann, bob, cat, dan, eve]);
    expect(await ids({ offset: 2, limit: 2 })).toEqual([cat, dan]);
    const last = await feature().members.members(APP_ADMIN, groupId, { offset: 3, limit: 5 });
    expect(last.members.map((m) => m.userId)).toEqual([dan, eve]);
    expect(last).toMatchObject({ next: '', total: 5 });
    expect(await ids({ offset: 9 })).toEqual([]);
  });
});
