import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageId, textBody } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['rita', 'sam', 'tom'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('M16 message:report', () => {
  it('M16 stores a report with a snapshot of the body that a later recall does not change; admins list it', async () => {
    const rita = await connect('rita');
    const sam = await connect('sam');
    const sent = (await call(sam, 'message:send', { clientMsgId: 'report-me-0001', to: 'rita', body: textBody('buy cheap pills') })).message;
    const id = messageId('sam', sent.clientMsgId);
    const { reportId } = await call(rita, 'message:report', { conversationId: 'c2c_sam', messageId: id, reason: 'spam', note: 'again' });
    // Reporting again returns the same report.
    expect(await call(rita, 'message:report', { conversationId: 'c2c_sam', messageId: id, reason: 'abuse' })).toEqual({ reportId });
    await call(sam, 'message:recall', { conversationId: 'c2c_rita', messageId: id });

    const { reports } = await server.app.services.reports.listReports({ limit: 10 });
    expect(reports).toEqual([
      {
        reportId,
        reporter: 'rita',
        reason: 'spam',
        note: 'again',
        time: expect.any(Number),
        message: { from: 'sam', to: 'rita', clientMsgId: sent.clientMsgId, msgKey: sent.msgKey, seq: sent.seq, time: sent.time, body: textBody('buy cheap pills') },
      },
    ]);
  });

  it('M16 refuses unknown messages, messages of others’ conversations and unknown reasons; stores nothing', async () => {
    const rita = await connect('rita');
    const sam = await connect('sam');
    const tom = await connect('tom');
    const private_ = (await call(sam, 'message:send', { clientMsgId: 'not-for-rita-01', to: 'tom', body: textBody('x') })).message;
    const before = (await server.app.services.reports.listReports({ limit: 100 })).reports.length;
    expect(await request(rita, 'message:report', { conversationId: 'c2c_sam', messageId: 'sam:no-such-msg', reason: 'spam' })).toMatchObject({
      ok: false,
      error: { code: 'message_not_found' },
    });
    expect(
      await request(rita, 'message:report', { conversationId: 'c2c_tom', messageId: messageId('sam', private_.clientMsgId), reason: 'spam' }),
    ).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    expect(
      await request(tom, 'message:report', { conversationId: 'c2c_sam', messageId: messageId('sam', private_.clientMsgId), reason: 'boring' as never }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await server.app.services.reports.listReports({ limit: 100 })).reports).toHaveLength(before);
  });

  it('M16 lists newest first and pages with beforeId', async () => {
    const sam = await connect('sam');
    const tom = await connect('tom');
    for (let i = 0; i < 3; i += 1) {
      const sent = (await call(sam, 'message:send', { clientMsgId: `page-report-${i}0`, to: 'tom', body: textBody(`#${i}`) })).message;
      await call(tom, 'message:report', { conversationId: 'c2c_sam', messageId: messageId('sam', sent.clientMsgId), reason: 'other' });
    }
    const first = await server.app.services.reports.listReports({ limit: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.reports.map((r) => r.message.body)).toEqual([textBody('#2'), textBody('#1')]);
    const next = await server.app.services.reports.listReports({ limit: 2, beforeId: first.reports[1]!.reportId });
    expect(next.reports.map((r) => r.message.body)[0]).toEqual(textBody('#0'));
  });
});
