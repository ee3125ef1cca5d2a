import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { callV4 } from '../../testing/v4Client';

let server: TestServer;
let alice: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
  alice = await connectTestClient(server, 'alice');
});
afterAll(async () => {
  alice.close();
  await server.stop({ removeData: true });
});

const v4 = (command: string, body: unknown, identifier?: string) => callV4(server, command, body, { identifier });

describe('M16 openim_ext/list_reports (admin review of reported messages)', () => {
  it('M16 S1 lists reports newest first with the reported body as it was, paged by BeforeReportId', async () => {
    const keys: string[] = [];
    for (const text of ['spam one', 'abuse two', 'other three']) {
      keys.push((await v4('openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: keys.length + 1, MsgBody: textBody(text), CloudCustomData: 'x' })).MsgKey as string);
    }
    const { messages } = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: 0, limit: 10 });
    const reasons = ['spam', 'abuse', 'other'] as const;
    for (const [index, message] of messages.entries()) {
      await call(alice, 'message:report', { conversationId: 'c2c_bob', messageId: `bob:${message.clientMsgId}`, reason: reasons[index]!, note: `note ${index}` });
    }
    // Recalled after the report: the report keeps what was said.
    expect(await v4('openim/admin_msgwithdraw', { From_Account: 'bob', To_Account: 'alice', MsgKey: keys[2] })).toMatchObject({ ActionStatus: 'OK' });

    const first = await v4('openim_ext/list_reports', { Limit: 2 });
    expect(first).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      ReportList: [
        {
          ReportId: expect.any(String),
          Reporter_Account: 'alice',
          Reason: 'other',
          Note: 'note 2',
          ReportTime: expect.any(Number),
          Message: { From_Account: 'bob', To_Account: 'alice', MsgKey: keys[2], MsgSeq: 3, MsgTimeStamp: expect.any(Number), MsgBody: textBody('other three') },
        },
        expect.objectContaining({ Reason: 'abuse', Message: expect.objectContaining({ MsgKey: keys[1], MsgBody: textBody('abuse two') }) }),
      ],
      HasMore: 1,
      NextBeforeReportId: expect.any(String),
    });
    const second = await v4('openim_ext/list_reports', { Limit: 2, BeforeReportId: first.NextBeforeReportId });
    expect(second).toMatchObject({ HasMore: 0, ReportList: [expect.objectContaining({ Reason: 'spam', Message: expect.objectContaining({ MsgKey: keys[0] }) })] });
    expect(second).not.toHaveProperty('NextBeforeReportId');
    expect((await v4('openim_ext/list_reports', {})).ReportList).toHaveLength(3);
  });

  it('M16 only app admins may list reports (60010); a bad Limit or BeforeReportId is 90001', async () => {
    expect(await v4('openim_ext/list_reports', {}, 'alice')).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60010 });
    for (const body of [{ Limit: 0 }, { Limit: 501 }, { Limit: '5' }, { BeforeReportId: 7 }, { BeforeReportId: '' }]) {
      expect(await v4('openim_ext/list_reports', body)).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 90001 });
    }
  });
});
