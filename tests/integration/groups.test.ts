import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function person(at: TestServer, userId: string): Promise<TestCore> {
  const core = await startTestCore({ serverUrl: at.url, name: userId });
  cleanups.push(() => core.dispose());
  await core.signUp(userId);
  await online(core);
  return core;
}

describe('core against the real server: group management (issue 5)', () => {
  it('G1 G4 apply to a Public group, the owner approves, a kick reaches the kicked with its reason; offline the joined list still answers', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');

    const { group } = await alice.call('groups:create', { type: 'Public', name: 'Hikers' });
    expect(group).toMatchObject({ group: { type: 'Public', name: 'Hikers', applyJoinOption: 'NeedPermission' }, self: { role: 'Owner' } });
    const groupId = group.group.groupId;

    // G8 + G1: Bob finds it by ID and applies; Public needs approval (NeedPermission by default).
    expect((await bob.call('groups:search', { keyword: groupId })).groups.map((g) => g.groupId)).toEqual([groupId]);
    expect(await bob.call('groups:apply', { groupId, wording: 'I like hills' })).toEqual({ outcome: 'pending' });
    const pending = await alice.waitFor(
      () => alice.eventsOf('groups:applicationsChanged').find((e) => e.applications.some((a) => a.applicant === 'bob')),
      10_000,
      'application pushed to the owner',
    );
    expect(pending.applications).toMatchObject([{ groupId, applicant: 'bob', wording: 'I like hills' }]);
    expect((await alice.call('groups:applications', {})).applications).toHaveLength(1);

    await alice.call('groups:handleApplication', { groupId, applicant: 'bob', accept: true });
    expect((await alice.call('groups:applications', {})).applications).toEqual([]);
    const joined = await bob.waitFor(
      () => bob.eventsOf('groups:changed').flatMap((e) => e.groups).find((g) => g.group.groupId === groupId),
      10_000,
      'the applicant gets the group',
    );
    expect(joined).toMatchObject({ group: { name: 'Hikers' }, self: { role: 'Member' }, myBits: 0 });
    expect(bob.eventsOf('groups:applicationHandled')).toContainEqual({ groupId, accepted: true });
    const members = await alice.call('groups:members', { groupId });
    expect(members).toMatchObject({ total: 2, fromCache: false });
    expect(members.members.map((m) => [m.userId, m.role])).toEqual([
      ['alice', 'Owner'],
      ['bob', 'Member'],
    ]);

    // G4: the kick reaches Bob's core with the reason, and the group leaves his list.
    await alice.call('groups:kick', { groupId, userIds: ['bob'], reason: 'off topic' });
    const left = await bob.waitFor(() => bob.eventsOf('groups:left').find((e) => e.groupId === groupId), 10_000, 'kicked');
    expect(left).toEqual({ groupId, reason: 'kicked', wording: 'off topic', name: 'Hikers' });
    expect((await bob.call('groups:joined', {})).groups).toEqual([]);
    await alice.waitFor(
      () => alice.eventsOf('groups:membersChanged').find((e) => e.groupId === groupId && e.removed.includes('bob')),
      10_000,
      'the owner sees the member gone',
    );
    await expect(bob.call('groups:members', { groupId })).rejects.toMatchObject({ code: 'group_not_member' });

    // Offline, and after a restart with the server gone, the cache still answers.
    await at.stop();
    const again = await alice.restart();
    cleanups.push(() => again.dispose());
    expect((await again.call('groups:joined', {})).groups).toMatchObject([{ group: { groupId, name: 'Hikers' }, self: { role: 'Owner' } }]);
    const cached = await again.call('groups:members', { groupId });
    expect(cached).toMatchObject({ fromCache: true, members: [{ userId: 'alice' }] });
    await expect(again.call('groups:search', { keyword: 'Hikers' })).rejects.toMatchObject({ code: 'offline' });
  });
});
