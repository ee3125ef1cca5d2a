import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AllowType, type CheckRelation } from '../../../../shared/domain';
import { type ErrorCode, ERRORS } from '../../../../shared/errors';
import { type TestSocket, request } from '../../testing/socketClient';
import { connectTestClient } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/**
 * R2/R3/R5/R6: every AllowType of the target (B) × action by the requester (A) or B × blocklist state, with the
 * outcome and Tencent code the seed and contract §3.13–3.14 give. Blocking unfriends both ways and drops pending
 * requests both ways, so after a block there is nothing to accept, reject or delete.
 */
type BlockState = 'none' | 'A blocks B' | 'B blocks A';
type Action = 'add' | 'accept' | 'reject' | 'delete single' | 'delete both' | 'check';
type Expected = { ok: true; relation: CheckRelation; pending?: boolean } | { ok: false; code: ErrorCode };

const ALLOW_TYPES: AllowType[] = ['AllowType_Type_AllowAny', 'AllowType_Type_NeedConfirm', 'AllowType_Type_DenyAny'];
const BLOCKS: BlockState[] = ['none', 'A blocks B', 'B blocks A'];
const ACTIONS: Action[] = ['add', 'accept', 'reject', 'delete single', 'delete both', 'check'];

function expected(allow: AllowType, action: Action, block: BlockState): Expected {
  if (action === 'add') {
    if (block === 'A blocks B') return { ok: false, code: 'peer_blocked_by_me' }; // 30515
    if (block === 'B blocks A') return { ok: false, code: 'blocked_by_peer_add' }; // 30525
    if (allow === 'AllowType_Type_AllowAny') return { ok: true, relation: 'CheckResult_Type_BothWay' };
    if (allow === 'AllowType_Type_NeedConfirm') return { ok: true, relation: 'CheckResult_Type_NoRelation', pending: true }; // 30539
    return { ok: false, code: 'friend_add_denied' }; // 30516
  }
  if (action === 'accept' || action === 'reject') {
    // A request exists only when B needs to confirm, and a block drops it.
    if (allow !== 'AllowType_Type_NeedConfirm' || block !== 'none') return { ok: false, code: 'friend_request_not_found' }; // 30614
    return { ok: true, relation: action === 'accept' ? 'CheckResult_Type_BothWay' : 'CheckResult_Type_NoRelation' };
  }
  // Friends (made by the admin, whatever the AllowType) before the block state is applied.
  if (block !== 'none') return action === 'check' ? { ok: true, relation: 'CheckResult_Type_NoRelation' } : { ok: false, code: 'not_friends' }; // 31704
  if (action === 'delete single') return { ok: true, relation: 'CheckResult_Type_BWithA' };
  if (action === 'delete both') return { ok: true, relation: 'CheckResult_Type_NoRelation' };
  return { ok: true, relation: 'CheckResult_Type_BothWay' };
}

let server: TestServer;
const sockets: TestSocket[] = [];
let n = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('R2 R3 R5 R6 relationship table: AllowType × action × blocklist', () => {
  const cases = ALLOW_TYPES.flatMap((allow) => ACTIONS.flatMap((action) => BLOCKS.map((block) => ({ allow, action, block }))));
  it.each(cases)('R2/R5/R6 $allow · $action · $block', async ({ allow, action, block }) => {
    n += 1;
    const a = `tbl_a${n}`;
    const b = `tbl_b${n}`;
    const services = server.app.services;
    await services.accounts.importAccounts([{ userId: a }, { userId: b }]);
    await services.profiles.apply(b, { allowType: allow });
    const sa = await connectTestClient(server, a);
    const sb = await connectTestClient(server, b);
    sockets.push(sa, sb);

    // Setup for the action.
    if (action === 'accept' || action === 'reject') {
      await request(sa, 'friend:add', { userId: b, addSource: 'AddSource_Type_Test', addWording: 'hi' });
    } else if (action !== 'add') {
      await services.friends.add({ from: a, to: b, addSource: 'AddSource_Type_Test', force: true });
    }
    if (block === 'A blocks B') await services.blocklist.add(a, [b]);
    if (block === 'B blocks A') await services.blocklist.add(b, [a]);

    const reply =
      action === 'add'
        ? await request(sa, 'friend:add', { userId: b, addSource: 'AddSource_Type_Test', addWording: 'hello' })
        : action === 'accept'
          ? await request(sb, 'friend:respond', { userId: a, action: 'accept', remark: 'from the table' })
          : action === 'reject'
            ? await request(sb, 'friend:respond', { userId: a, action: 'reject' })
            : action === 'check'
              ? await request(sa, 'friend:check', { userIds: [b], checkType: 'CheckResult_Type_Both' })
              : await request(sa, 'friend:delete', { userIds: [b], deleteType: action === 'delete single' ? 'Delete_Type_Single' : 'Delete_Type_Both' });

    const want = expected(allow, action, block);
    // friend:delete reports per item.
    const itemError =
      reply.ok && 'results' in (reply.data as object) && action.startsWith('delete')
        ? (reply.data as { results: { error: { code: string } | null }[] }).results[0]?.error
        : null;
    if (!want.ok) {
      const code = reply.ok ? itemError?.code : reply.error.code;
      expect(code).toBe(want.code);
      expect(ERRORS[want.code].tencentCode).toBeGreaterThan(0);
    } else {
      if (action !== 'check') expect(reply.ok && !itemError).toBe(true);
      if (want.pending) expect(reply.ok && (reply.data as { result: string }).result).toBe('pending');
      const check = await request(sa, 'friend:check', { userIds: [b], checkType: 'CheckResult_Type_Both' });
      expect(check.ok && check.data.results[0]?.relation).toBe(want.relation);
    }
    sa.close();
    sb.close();
  });
});
