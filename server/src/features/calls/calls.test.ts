import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallInfo, type CallRecordData, type ServerMessage, parseCallRecord } from '../../../../shared/domain';
import { PROTOCOL_VERSION } from '../../../../shared/protocol';
import { type TestSocket, call, collect, eventually, nextPush, openSocket, request, settle } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];
let n = 0;

/**
 * Test timings: a call rings 5 s here (long enough for a loaded machine to answer in time) and 1 s on the server of
 * the timeout test; a device in a call may be away 1.5 s.
 */
const RING_SECONDS = 5;
const SHORT_RING_SECONDS = 1;
const GRACE_SECONDS = 1.5;
const ICE = [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' }];

async function people(...names: string[]): Promise<string[]> {
  n += 1;
  const ids = names.map((name) => `${name}${n}`);
  await server.app.services.accounts.importAccounts(ids.map((userId) => ({ userId })));
  return ids;
}

/** A device of `userId` named `instanceId` (the handshake's instanceId is the call's deviceId). */
async function device(userId: string, instanceId: string, on: TestServer = server): Promise<TestSocket> {
  const socket = await openSocket(on.url, {
    protocolVersion: PROTOCOL_VERSION,
    sdkAppId: on.sdkAppId,
    userId,
    userSig: mintTestUserSig(on, userId),
    platform: 'Linux',
    instanceId,
  });
  sockets.push(socket);
  return socket;
}

/** The last `call:updated` a socket saw for a call (pushes are collected from the start). */
function latest(updates: Array<{ call: CallInfo }>, callId: string): CallInfo | undefined {
  return updates.filter((u) => u.call.callId === callId).at(-1)?.call;
}

function stateOf(info: CallInfo | undefined, userId: string): string | undefined {
  return info?.participants.find((p) => p.userId === userId)?.state;
}

/** The call records in a chat as `viewer` syncs it. */
async function records(socket: TestSocket, conversationId: string): Promise<Array<CallRecordData & { message: ServerMessage }>> {
  const { messages } = await call(socket, 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 100 });
  return messages.flatMap((message) => {
    const element = message.body[0] as { MsgType?: string; MsgContent?: { Data?: string } } | undefined;
    const data = element?.MsgType === 'TIMCustomElem' ? parseCallRecord(element.MsgContent?.Data) : null;
    return data ? [{ ...data, message }] : [];
  });
}

const failure = (code: string) => ({ ok: false, error: { code } });

beforeAll(async () => {
  server = await startTestServer({ calls: { ringSeconds: RING_SECONDS, reconnectGraceSeconds: GRACE_SECONDS, iceServers: ICE } });
});
afterAll(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('C1 one-to-one calls', () => {
  it('C1 call:config gives the ICE servers, the ring time and the participant limit', async () => {
    const [ann] = await people('ann');
    const sa = await device(ann!, 'ann-pc');
    expect(await call(sa, 'call:config', {})).toEqual({ iceServers: ICE, ringSeconds: RING_SECONDS, maxParticipants: 6 });
  });

  it('C1 C4 invite rings on both devices of the callee; accepting on one: the other sees the callee joined elsewhere', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb1 = await device(bob!, 'bob-pc');
    const sb2 = await device(bob!, 'bob-phone');
    const b1 = collect(sb1, 'call:updated');
    const b2 = collect(sb2, 'call:updated');
    const a = collect(sa, 'call:updated');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'video' });
    expect(started).toMatchObject({ kind: 'c2c', conversationId: `c2c_${bob}`, groupId: null, media: 'video', caller: ann, state: 'ringing' });
    expect(started.participants).toEqual([
      expect.objectContaining({ userId: ann, state: 'joined', deviceId: 'ann-pc', video: true }),
      expect.objectContaining({ userId: bob, state: 'invited', deviceId: null }),
    ]);
    await eventually(() => stateOf(latest(b1, started.callId), bob!) === 'invited' && stateOf(latest(b2, started.callId), bob!) === 'invited');
    const { call: accepted } = await call(sb2, 'call:accept', { callId: started.callId });
    expect(accepted.state).toBe('active');
    expect(accepted.connectedAt).not.toBeNull();
    await eventually(() => latest(b1, started.callId)?.state === 'active' && latest(a, started.callId)?.state === 'active');
    // bob-pc stops ringing: bob is joined, on bob-phone.
    expect(latest(b1, started.callId)?.participants[1]).toMatchObject({ userId: bob, state: 'joined', deviceId: 'bob-phone' });
    // Accepting again on the other device is refused; the call stays bound to bob-phone.
    expect(await request(sb1, 'call:accept', { callId: started.callId })).toMatchObject(failure('call_state'));
    expect(await request(sb1, 'call:join', { callId: started.callId })).toMatchObject(failure('call_in_another'));
    await call(sa, 'call:hangup', { callId: started.callId });
  });

  it('C1 C5 callee declines: call ends declined with a record on both sides', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const created = collect(sb, 'message:created');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    const ended = nextPush(sa, 'call:updated');
    const { call: declined } = await call(sb, 'call:decline', { callId: started.callId });
    expect(declined).toMatchObject({ state: 'ended', endReason: 'declined' });
    expect((await ended).call).toMatchObject({ state: 'ended', endReason: 'declined' });
    await eventually(() => created.length === 1);
    expect(created[0]).toMatchObject({ from: ann, clientMsgId: started.callId, conversationId: `c2c_${ann}` });
    const mine = await records(sa, `c2c_${bob}`);
    const theirs = await records(sb, `c2c_${ann}`);
    expect(mine).toEqual([expect.objectContaining({ callId: started.callId, kind: 'c2c', media: 'audio', caller: ann, result: 'declined', durationSec: 0 })]);
    expect(theirs.map((r) => r.message.seq)).toEqual([mine[0]!.message.seq]);
    expect(mine[0]!.message.body[0]).toMatchObject({ MsgType: 'TIMCustomElem', MsgContent: { Desc: '[Call]' } });
    // The record counts as unread for the callee.
    const { conversations } = await call(sb, 'sync:conversations', {});
    expect(conversations.find((c) => c.conversationId === `c2c_${ann}`)).toMatchObject({ unreadCount: 1 });
    // Nothing more is possible in an ended call.
    expect(await request(sb, 'call:accept', { callId: started.callId })).toMatchObject(failure('call_state'));
  });

  it('C1 caller cancels before an answer: the callee missed it, endReason cancelled', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const b = collect(sb, 'call:updated');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    const { call: cancelled } = await call(sa, 'call:hangup', { callId: started.callId });
    expect(cancelled).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(stateOf(cancelled, bob!)).toBe('missed');
    expect(stateOf(cancelled, ann!)).toBe('left');
    await eventually(() => latest(b, started.callId)?.state === 'ended');
    expect((await records(sb, `c2c_${ann}`)).map((r) => r.result)).toEqual(['cancelled']);
  });

  it('C1 nobody answers within the ring time: the callee missed it, the call ends missed', async () => {
    const own = await startTestServer({ calls: { ringSeconds: SHORT_RING_SECONDS } });
    try {
      await own.app.services.accounts.importAccounts([{ userId: 'ann' }, { userId: 'bob' }]);
      const sa = await device('ann', 'ann-pc', own);
      const sb = await device('bob', 'bob-pc', own);
      const a = collect(sa, 'call:updated');
      const b = collect(sb, 'call:updated');
      const { call: started } = await call(sa, 'call:invite', { target: { userId: 'bob' }, media: 'video' });
      await eventually(() => latest(a, started.callId)?.state === 'ended', SHORT_RING_SECONDS * 1000 + 3000);
      expect(latest(a, started.callId)).toMatchObject({ endReason: 'missed' });
      expect(stateOf(latest(a, started.callId), 'bob')).toBe('missed');
      await eventually(() => latest(b, started.callId)?.state === 'ended');
      expect(started.createdAt + SHORT_RING_SECONDS * 1000).toBeLessThanOrEqual(latest(a, started.callId)!.endedAt!);
      expect((await records(sa, 'c2c_bob')).map((r) => r.result)).toEqual(['missed']);
      expect(await request(sb, 'call:accept', { callId: started.callId })).toMatchObject(failure('call_state'));
    } finally {
      await own.stop({ removeData: true });
    }
  });

  it('C1 busy: calling someone in another call ends at once busy; a caller in a call gets call_in_another, so does accepting', async () => {
    const [ann, bob, cat, dan] = await people('ann', 'bob', 'cat', 'dan');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const sc = await device(cat!, 'cat-pc');
    const sd = await device(dan!, 'dan-pc');
    const { call: first } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    await call(sb, 'call:accept', { callId: first.callId });
    const { call: busy } = await call(sc, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    expect(busy).toMatchObject({ state: 'ended', endReason: 'busy' });
    expect(stateOf(busy, bob!)).toBe('busy');
    expect((await records(sc, `c2c_${bob}`)).map((r) => r.result)).toEqual(['busy']);
    expect(await request(sa, 'call:invite', { target: { userId: cat! }, media: 'audio' })).toMatchObject(failure('call_in_another'));
    await call(sa, 'call:hangup', { callId: first.callId });
    // cat rings from dan and from ann at once; accepting dan's puts her in a call, so ann's is refused call_in_another.
    const { call: toCat } = await call(sd, 'call:invite', { target: { userId: cat! }, media: 'audio' });
    const { call: annToCat } = await call(sa, 'call:invite', { target: { userId: cat! }, media: 'audio' });
    expect(annToCat.state).toBe('ringing');
    await call(sc, 'call:accept', { callId: toCat.callId });
    expect(await request(sc, 'call:accept', { callId: annToCat.callId })).toMatchObject(failure('call_in_another'));
    await call(sa, 'call:hangup', { callId: annToCat.callId });
    await call(sd, 'call:hangup', { callId: toCat.callId });
  });

  it('C1 C5 hang up after talking: completed with connectedAt/endedAt, the record has the duration', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    await call(sb, 'call:accept', { callId: started.callId });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { call: ended } = await call(sb, 'call:hangup', { callId: started.callId });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed' });
    expect(ended.endedAt! - ended.connectedAt!).toBeGreaterThanOrEqual(1000);
    expect(ended.participants.map((p) => p.state)).toEqual(['left', 'left']);
    const [record] = await records(sb, `c2c_${ann}`);
    expect(record).toMatchObject({ result: 'completed', caller: ann });
    expect(record!.durationSec).toBeGreaterThanOrEqual(1);
    // Hanging up again is harmless; history lists the call, newest first, for both.
    expect((await call(sa, 'call:hangup', { callId: started.callId })).call.state).toBe('ended');
    expect((await call(sa, 'call:history', {})).calls[0]).toMatchObject({ callId: started.callId, endReason: 'completed' });
  });

  it('C1 blocked: the invite is refused, nothing rings and nothing is stored', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    await call(sb, 'block:add', { userIds: [ann!] });
    const rings = collect(sb, 'call:updated');
    expect(await request(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' })).toMatchObject(failure('blocked_by_peer'));
    await settle();
    expect(rings).toEqual([]);
    expect((await call(sa, 'call:history', {})).calls).toEqual([]);
    expect(await call(sb, 'call:active', {})).toEqual({ calls: [] });
  });

  it('C1 friends-only server: calling a stranger is refused like a message would be; nothing rings', async () => {
    const own = await startTestServer({ relations: { c2cPermission: 'friends' } });
    try {
      await own.app.services.accounts.importAccounts([{ userId: 'ann' }, { userId: 'bob' }]);
      const sa = await device('ann', 'ann-pc', own);
      const sb = await device('bob', 'bob-pc', own);
      const rings = collect(sb, 'call:updated');
      expect(await request(sa, 'call:invite', { target: { userId: 'bob' }, media: 'video' })).toMatchObject(failure('not_friends_both'));
      expect(await request(sa, 'call:invite', { target: { userId: 'nobody' }, media: 'video' })).toMatchObject(failure('user_not_found'));
      expect(await request(sa, 'call:invite', { target: { userId: 'ann' }, media: 'video' })).toMatchObject(failure('bad_request'));
      await settle();
      expect(rings).toEqual([]);
      expect(await own.store.calls.history('ann', null, 10)).toEqual({ calls: [], next: null });
    } finally {
      await own.stop({ removeData: true });
    }
  });

  it('C5 call:history pages my calls newest first with an opaque cursor; others never see them', async () => {
    const [ann, bob, cat] = await people('ann', 'bob', 'cat');
    const sa = await device(ann!, 'ann-pc');
    const sc = await device(cat!, 'cat-pc');
    await device(bob!, 'bob-pc');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
      await call(sa, 'call:hangup', { callId: started.callId });
      ids.push(started.callId);
    }
    const first = await call(sa, 'call:history', { limit: 2 });
    expect(first.calls.map((c) => c.callId)).toEqual([ids[2], ids[1]]);
    expect(first.next).not.toBe('');
    const second = await call(sa, 'call:history', { limit: 2, cursor: first.next });
    expect(second).toEqual({ calls: [expect.objectContaining({ callId: ids[0], endReason: 'cancelled' })], next: '' });
    expect(await request(sa, 'call:history', { cursor: 'NOT A CURSOR' })).toMatchObject(failure('bad_request'));
    expect((await call(sc, 'call:history', {})).calls).toEqual([]);
    expect(await request(sc, 'call:decline', { callId: ids[0]! })).toMatchObject(failure('call_not_found'));
  });

  it('C1 bad input is refused bad_request and changes nothing (unknown keys, oversized SDP, forged shapes)', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const rings = collect(sb, 'call:updated');
    const send = (name: string, input: unknown) => request(sa, name as 'call:invite', input as never);
    expect(await send('call:invite', { target: { userId: bob }, media: 'audio', extra: 1 })).toMatchObject(failure('bad_request'));
    expect(await send('call:invite', { target: { userId: bob }, media: 'hologram' })).toMatchObject(failure('bad_request'));
    expect(await send('call:accept', { callId: 'not-a-call' })).toMatchObject(failure('bad_request'));
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    await call(sb, 'call:accept', { callId: started.callId });
    const signals = collect(sb, 'call:signal');
    const huge = 'v=0\r\n'.repeat(25_000);
    expect(await send('call:signal', { callId: started.callId, toUserId: bob, toDeviceId: 'bob-pc', signal: { type: 'offer', sdp: huge } })).toMatchObject(
      failure('bad_request'),
    );
    expect(
      await send('call:signal', { callId: started.callId, toUserId: bob, toDeviceId: 'bob-pc', signal: { type: 'offer', sdp: 'v=0', extra: true } }),
    ).toMatchObject(failure('bad_request'));
    await settle();
    expect(signals).toEqual([]);
    expect(rings.filter((r) => r.call.callId !== started.callId)).toEqual([]);
    expect((await call(sa, 'call:history', {})).calls.map((c) => c.callId)).toEqual([started.callId]);
    await call(sa, 'call:hangup', { callId: started.callId });
  });
});

describe('C1 signalling', () => {
  it('C1 call:signal reaches exactly the one device named; forged call IDs and outsiders are refused, nothing relayed', async () => {
    const [ann, bob, eve] = await people('ann', 'bob', 'eve');
    const sa = await device(ann!, 'ann-pc');
    const sb1 = await device(bob!, 'bob-pc');
    const sb2 = await device(bob!, 'bob-phone');
    const se = await device(eve!, 'eve-pc');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'video' });
    const s1 = collect(sb1, 'call:signal');
    const s2 = collect(sb2, 'call:signal');
    const sA = collect(sa, 'call:signal');
    // Nobody else is joined yet: there is no device to signal.
    expect(await request(sa, 'call:signal', { callId: started.callId, toUserId: bob!, toDeviceId: 'bob-pc', signal: { type: 'offer', sdp: 'v=0' } })).toMatchObject(
      failure('call_state'),
    );
    await call(sb1, 'call:accept', { callId: started.callId });
    // Mesh rule: the one who joins offers to those already joined.
    const offer = { type: 'offer' as const, sdp: 'v=0 offer' };
    await call(sb1, 'call:signal', { callId: started.callId, toUserId: ann!, toDeviceId: 'ann-pc', signal: offer });
    await eventually(() => sA.length === 1);
    expect(sA[0]).toEqual({ callId: started.callId, fromUserId: bob, fromDeviceId: 'bob-pc', signal: offer });
    const ice = { type: 'ice' as const, candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    await call(sa, 'call:signal', { callId: started.callId, toUserId: bob!, toDeviceId: 'bob-pc', signal: ice });
    await eventually(() => s1.length === 1);
    // bob-phone (not in the call) sends nothing and receives nothing.
    expect(await request(sb2, 'call:signal', { callId: started.callId, toUserId: ann!, toDeviceId: 'ann-pc', signal: offer })).toMatchObject(failure('call_state'));
    expect(await request(sa, 'call:signal', { callId: started.callId, toUserId: bob!, toDeviceId: 'bob-phone', signal: ice })).toMatchObject(failure('call_state'));
    // A forged call ID, and eve (not part of the call), get call_not_found.
    expect(await request(sa, 'call:signal', { callId: 'call_forgedforgedforged', toUserId: bob!, toDeviceId: 'bob-pc', signal: ice })).toMatchObject(
      failure('call_not_found'),
    );
    expect(await request(se, 'call:signal', { callId: started.callId, toUserId: bob!, toDeviceId: 'bob-pc', signal: ice })).toMatchObject(failure('call_not_found'));
    expect(await request(se, 'call:hangup', { callId: started.callId })).toMatchObject(failure('call_not_found'));
    expect(await request(se, 'call:join', { callId: started.callId })).toMatchObject(failure('call_not_found'));
    await settle();
    expect(s1).toHaveLength(1);
    expect(s2).toEqual([]);
    expect(sA).toHaveLength(1);
    // setMedia: camera off is announced to the others.
    const update = nextPush(sa, 'call:updated');
    await call(sb1, 'call:setMedia', { callId: started.callId, audio: false, video: false });
    expect((await update).call.participants[1]).toMatchObject({ audio: false, video: false });
    await call(sa, 'call:hangup', { callId: started.callId });
  });
});

describe('C2 group calls', () => {
  async function groupOf(owner: TestSocket, members: string[], type: 'Work' | 'Public' | 'Meeting' | 'AVChatRoom' = 'Meeting'): Promise<string> {
    const { group } = await call(owner, 'group:create', { type, name: 'Call group', members });
    return group.groupId;
  }

  it('C2 a call with three, a fourth member joins, more are invited, call_full at seven; the record goes to the group', async () => {
    const ids = await people('ann', 'bob', 'cat', 'dan', 'eva', 'fay', 'gus', 'hal');
    const [ann, bob, cat, dan, eva, fay, gus, hal] = ids as [string, string, string, string, string, string, string, string];
    const sa = await device(ann, 'ann-pc');
    const groupId = await groupOf(sa, [bob, cat, dan, eva, fay, gus]);
    const [sb, sc, sd, se, sf, sg] = await Promise.all([bob, cat, dan, eva, fay, gus].map((u) => device(u, `${u}-pc`)));
    const sh = await device(hal, 'hal-pc');
    const dUpdates = collect(sd!, 'call:updated');
    const hUpdates = collect(sh, 'call:updated');
    const { call: started } = await call(sa, 'call:invite', { target: { groupId, userIds: [bob, cat] }, media: 'video' });
    expect(started).toMatchObject({ kind: 'group', groupId, conversationId: `group_${groupId}`, state: 'ringing' });
    // Every member hears of it (so a header can offer Join); a non-member does not.
    await eventually(() => latest(dUpdates, started.callId)?.state === 'ringing');
    await call(sb!, 'call:accept', { callId: started.callId });
    await call(sc!, 'call:accept', { callId: started.callId });
    // dan joins uninvited; active lists it for a member.
    expect((await call(sd!, 'call:active', {})).calls.map((c) => c.callId)).toEqual([started.callId]);
    const { call: withDan } = await call(sd!, 'call:join', { callId: started.callId });
    expect(withDan.participants.map((p) => [p.userId, p.state])).toEqual([
      [ann, 'joined'],
      [bob, 'joined'],
      [cat, 'joined'],
      [dan, 'joined'],
    ]);
    // hal is no member: invisible, not invitable.
    expect(hUpdates).toEqual([]);
    expect(await request(sh, 'call:join', { callId: started.callId })).toMatchObject(failure('call_not_found'));
    expect(await request(sa, 'call:addInvitees', { callId: started.callId, userIds: [hal] })).toMatchObject(failure('group_not_member'));
    // Six at most: eva and fay make six; gus would be the seventh.
    expect(await request(sa, 'call:addInvitees', { callId: started.callId, userIds: [eva, fay, gus] })).toMatchObject(failure('call_full'));
    const { call: six } = await call(sb!, 'call:addInvitees', { callId: started.callId, userIds: [eva, fay] });
    expect(six.participants.map((p) => p.state)).toEqual(['joined', 'joined', 'joined', 'joined', 'invited', 'invited']);
    expect(await request(sg!, 'call:join', { callId: started.callId })).toMatchObject(failure('call_full'));
    await call(se!, 'call:accept', { callId: started.callId });
    await call(sf!, 'call:decline', { callId: started.callId });
    // Leaving one by one: the call lasts until the last-but-one leaves.
    for (const s of [sa, sb!, sc!]) expect((await call(s, 'call:hangup', { callId: started.callId })).call.state).toBe('active');
    const { call: ended } = await call(sd!, 'call:hangup', { callId: started.callId });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed' });
    const groupRecords = await records(sg!, `group_${groupId}`);
    expect(groupRecords).toEqual([expect.objectContaining({ callId: started.callId, kind: 'group', caller: ann, result: 'completed' })]);
    expect(groupRecords[0]!.message.from).toBe(ann);
  });

  it('C2 the caller cancels a group call nobody answered: every invitee missed it, one cancelled record in the group', async () => {
    const [ann, bob, cat] = await people('ann', 'bob', 'cat');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const groupId = await groupOf(sa, [bob!, cat!]);
    const { call: started } = await call(sa, 'call:invite', { target: { groupId, userIds: [bob!, cat!] }, media: 'audio' });
    const { call: cancelled } = await call(sa, 'call:hangup', { callId: started.callId });
    expect(cancelled).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(cancelled.participants.map((p) => p.state)).toEqual(['left', 'missed', 'missed']);
    expect((await records(sb, `group_${groupId}`)).map((r) => r.result)).toEqual(['cancelled']);
    expect(await call(sb, 'call:active', {})).toEqual({ calls: [] });
  });

  it('C2 a caller outside the group, invitees outside it, and audio-video rooms are refused', async () => {
    const [ann, bob, cat] = await people('ann', 'bob', 'cat');
    const sa = await device(ann!, 'ann-pc');
    const sc = await device(cat!, 'cat-pc');
    const groupId = await groupOf(sa, [bob!]);
    expect(await request(sc, 'call:invite', { target: { groupId, userIds: [bob!] }, media: 'audio' })).toMatchObject(failure('group_not_member'));
    expect(await request(sa, 'call:invite', { target: { groupId, userIds: [cat!] }, media: 'audio' })).toMatchObject(failure('group_not_member'));
    const room = await groupOf(sa, [], 'AVChatRoom');
    expect(await request(sa, 'call:invite', { target: { groupId: room, userIds: [bob!] }, media: 'audio' })).toMatchObject(failure('group_unsupported'));
    expect((await call(sa, 'call:history', {})).calls).toEqual([]);
  });

  it('C2 a group call whose invitees all decline ends declined; one busy invitee is busy, the rest ring on', async () => {
    const [ann, bob, cat, dan] = await people('ann', 'bob', 'cat', 'dan');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const sc = await device(cat!, 'cat-pc');
    const sd = await device(dan!, 'dan-pc');
    const groupId = await groupOf(sa, [bob!, cat!, dan!]);
    const { call: first } = await call(sa, 'call:invite', { target: { groupId, userIds: [bob!, cat!] }, media: 'audio' });
    await call(sb, 'call:decline', { callId: first.callId });
    const { call: declined } = await call(sc, 'call:decline', { callId: first.callId });
    expect(declined).toMatchObject({ state: 'ended', endReason: 'declined' });
    // dan is busy with a one-to-one call with cat.
    const { call: talk } = await call(sd, 'call:invite', { target: { userId: cat! }, media: 'audio' });
    await call(sc, 'call:accept', { callId: talk.callId });
    const { call: second } = await call(sa, 'call:invite', { target: { groupId, userIds: [bob!, dan!] }, media: 'audio' });
    expect(second.participants.map((p) => p.state)).toEqual(['joined', 'invited', 'busy']);
    await call(sa, 'call:hangup', { callId: second.callId });
    await call(sc, 'call:hangup', { callId: talk.callId });
  });
});

describe('C1 devices and restarts', () => {
  it('C1 a joined device that reconnects within the grace keeps its place; one away longer has left', async () => {
    const [ann, bob] = await people('ann', 'bob');
    const sa = await device(ann!, 'ann-pc');
    const sb = await device(bob!, 'bob-pc');
    const a = collect(sa, 'call:updated');
    const { call: started } = await call(sa, 'call:invite', { target: { userId: bob! }, media: 'audio' });
    await call(sb, 'call:accept', { callId: started.callId });
    sb.close();
    await settle(200);
    const back = await device(bob!, 'bob-pc');
    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 500));
    expect(latest(a, started.callId)?.state).toBe('active');
    expect((await call(back, 'call:active', {})).calls[0]).toMatchObject({ callId: started.callId, state: 'active' });
    back.close();
    await eventually(() => latest(a, started.callId)?.state === 'ended', GRACE_SECONDS * 1000 + 3000);
    expect(latest(a, started.callId)).toMatchObject({ endReason: 'completed' });
    expect(stateOf(latest(a, started.callId), bob!)).toBe('left');
  });

  it('C1 C5 a server restart ends the calls it held (ringing → missed, in → left) and writes their records', async () => {
    const own = await startTestServer({ calls: { ringSeconds: 60, reconnectGraceSeconds: 60 } });
    try {
      await own.app.services.accounts.importAccounts(['ann', 'bob', 'cat', 'dan'].map((userId) => ({ userId })));
      const sa = await device('ann', 'ann-pc', own);
      const sb = await device('bob', 'bob-pc', own);
      const sc = await device('cat', 'cat-pc', own);
      const sd = await device('dan', 'dan-pc', own);
      const { call: talking } = await call(sa, 'call:invite', { target: { userId: 'bob' }, media: 'audio' });
      await call(sb, 'call:accept', { callId: talking.callId });
      const { call: ringing } = await call(sc, 'call:invite', { target: { userId: 'dan' }, media: 'video' });
      const dataDir = own.dataDir;
      for (const s of [sa, sb, sc, sd]) s.close();
      await own.stop();
      const again = await startTestServer({ dataDir, calls: { ringSeconds: 60, reconnectGraceSeconds: 60 } });
      try {
        const ended = await again.store.calls.get(talking.callId);
        expect(ended).toMatchObject({ state: 'ended', endReason: 'completed' });
        expect(ended!.participants.map((p) => p.state)).toEqual(['left', 'left']);
        const missed = await again.store.calls.get(ringing.callId);
        expect(missed).toMatchObject({ state: 'ended', endReason: 'missed' });
        expect(missed!.participants.map((p) => p.state)).toEqual(['left', 'missed']);
        expect(await again.store.calls.notEnded()).toEqual([]);
        const sa2 = await device('ann', 'ann-pc', again);
        expect((await records(sa2, 'c2c_bob')).map((r) => [r.callId, r.result])).toEqual([[talking.callId, 'completed']]);
        const sd2 = await device('dan', 'dan-pc', again);
        expect((await records(sd2, 'c2c_cat')).map((r) => [r.callId, r.result])).toEqual([[ringing.callId, 'missed']]);
      } finally {
        await again.stop({ removeData: true });
      }
    } finally {
      await own.stop();
    }
  });
});
