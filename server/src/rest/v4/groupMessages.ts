import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  GroupId,
  type GroupAt,
  MAX_AT_USERS,
  MsgBody,
  PRIORITY_NUMBER,
  UserId,
  groupConversationId,
  utf8Length,
} from '../../../../shared/domain';
import { ERRORS } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { type GroupMessagesService } from '../../features/groupMessages/groupMessages.service';
import { type V4Command } from './command';
import { GROUP_INVALID, parseBody } from './groupSchemas';
import { GROUP_UNKNOWN_USER, groupCommand } from './groupCommon';

/** ADR 0004 §4: at most this many seqs per recall, messages per page and per import. */
const MAX_RECALL = 10;
const MAX_PAGE = 20;
const MAX_IMPORT = 7;
/** Tencent: the same Random from the same sender in the same group within 5 minutes is one message. */
const DEDUPE_MS = 5 * 60_000;
const MAX_CLOUD_CUSTOM_DATA_BYTES = 1024;
const MAX_NOTICE_MEMBERS = 500;
/** group_msg_recall's per-item code for a seq with no message (contract §3.15). */
const RECALL_NOT_FOUND = 10030;

const uint32 = z.number().int().min(0).max(0xffff_ffff);
const RefGroupId = z.string().refine((id) => GroupId.safeParse(id).success, 'Not a valid GroupId.');
const Priority = z.enum(['High', 'Normal', 'Low']);
const Cloud = z.string().refine((s) => utf8Length(s) <= MAX_CLOUD_CUSTOM_DATA_BYTES, 'CloudCustomData is longer than 1024 bytes.');

const SendGroupMsgBody = z.object({
  GroupId: RefGroupId,
  From_Account: UserId.optional(),
  Random: uint32,
  MsgPriority: Priority.optional(),
  MsgBody: MsgBody,
  GroupAtInfo: z
    .array(z.object({ GroupAtAllFlag: z.union([z.literal(0), z.literal(1)]), GroupAt_Account: UserId.optional() }))
    .max(MAX_AT_USERS + 1)
    .optional(),
  OnlineOnlyFlag: z.union([z.literal(0), z.literal(1)]).optional(),
  CloudCustomData: Cloud.optional(),
  TopicId: z.string().min(1).max(200).optional(),
});

const RecallBody = z.object({ GroupId: RefGroupId, MsgSeqList: z.array(z.object({ MsgSeq: uint32 })).min(1).max(MAX_RECALL) });
const GetSimpleBody = z.object({ GroupId: RefGroupId, ReqMsgSeq: uint32.optional(), ReqMsgNumber: z.number().int().min(1).max(MAX_PAGE) });
const ImportBody = z.object({
  GroupId: RefGroupId,
  // Accepted so documented requests pass; it changes nothing here: a group's conversation always shows its
  // latest message, imported or not (imports raise the read floor, so they are never unread).
  RecentContactFlag: z.union([z.literal(0), z.literal(1)]).optional(),
  MsgList: z
    .array(
      z.object({
        From_Account: UserId,
        SendTime: uint32,
        Random: uint32.optional(),
        MsgBody: MsgBody,
        CloudCustomData: Cloud.optional(),
        MsgPriority: Priority.optional(),
      }),
    )
    .min(1)
    .max(MAX_IMPORT),
});
const NoticeBody = z.object({
  GroupId: RefGroupId,
  ToMembers_Account: z.array(UserId).max(MAX_NOTICE_MEMBERS).optional(),
  Content: z.string().min(1).max(1024),
});

/** GroupAtInfo → GroupAt: a GroupAtAllFlag of 1 mentions everyone; accounts are kept once each. */
function groupAtOf(info: z.output<typeof SendGroupMsgBody>['GroupAtInfo']): GroupAt | undefined {
  if (!info || info.length === 0) return undefined;
  const userIds = [...new Set(info.flatMap((i) => (i.GroupAtAllFlag === 0 && i.GroupAt_Account ? [i.GroupAt_Account] : [])))];
  return { all: info.some((i) => i.GroupAtAllFlag === 1), userIds };
}

interface SendReply {
  MsgTime: number;
  MsgSeq: number;
}

/**
 * (sender, conversation, Random) → the first send's reply for 5 minutes, so a backend's retry is dropped
 * (also where nothing is stored: AVChatRoom, OnlineOnlyFlag). Insertion order: expired entries are at the front.
 */
class RandomWindow {
  private readonly seen = new Map<string, { at: number; reply: Promise<SendReply> }>();

  constructor(private readonly clock: Clock) {}

  once(key: string, send: (firstSeen: number) => Promise<SendReply>): Promise<SendReply> {
    const now = this.clock.now();
    for (const [oldest, entry] of this.seen) {
      if (now - entry.at < DEDUPE_MS) break;
      this.seen.delete(oldest);
    }
    const known = this.seen.get(key);
    if (known) return known.reply;
    const reply = send(now);
    this.seen.set(key, { at: now, reply });
    // A failed send is not a send: the caller may retry it with the same Random.
    reply.catch(() => this.seen.delete(key));
    return reply;
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** S1 `group_open_http_svc` message commands (contract §3.15, ADR 0004 §4), through GroupMessagesService. */
export function groupMessageCommands(deps: { service: GroupMessagesService; clock: Clock }): Record<string, V4Command> {
  const { service } = deps;
  const window = new RandomWindow(deps.clock);

  return {
    'group_open_http_svc/send_group_msg': groupCommand(async ({ admin, body }) => {
      const input = parseBody(SendGroupMsgBody, body);
      if (input.TopicId !== undefined && !input.TopicId.startsWith(`${input.GroupId}@TOPIC#`)) {
        throw new TencentError(GROUP_INVALID, 'TopicId is not a topic of GroupId.');
      }
      const from = input.From_Account ?? admin;
      const conversationId = groupConversationId(input.GroupId, input.TopicId ?? null);
      const key = JSON.stringify([from, conversationId, input.Random]);
      return { ...(await window.once(key, async (firstSeen) => {
        const clientMsgId = `rest-${createHash('sha256').update(JSON.stringify([key, firstSeen])).digest('base64url').slice(0, 32)}`;
        const { message } = await service.send({
          from,
          // The calling admin naming itself is still the app admin, member or not.
          asAppAdmin: from === admin,
          conversationId,
          clientMsgId,
          body: input.MsgBody,
          cloudCustomData: input.CloudCustomData,
          groupAt: groupAtOf(input.GroupAtInfo),
          priority: input.MsgPriority,
          onlineOnly: input.OnlineOnlyFlag === 1,
        });
        return { MsgTime: seconds(message.time), MsgSeq: message.seq ?? 0 };
      })) };
    }),

    'group_open_http_svc/group_msg_recall': groupCommand(async ({ body }) => {
      const input = parseBody(RecallBody, body);
      const results = await service.adminRecall(input.GroupId, input.MsgSeqList.map((m) => m.MsgSeq));
      return { RecallRetList: results.map((r) => ({ MsgSeq: r.seq, RetCode: r.recalled ? 0 : RECALL_NOT_FOUND })) };
    }),

    'group_open_http_svc/group_msg_get_simple': groupCommand(async ({ body }) => {
      const input = parseBody(GetSimpleBody, body);
      const page = await service.adminHistory(input.GroupId, input.ReqMsgSeq ?? null, input.ReqMsgNumber);
      return {
        GroupId: input.GroupId,
        IsFinished: page.hasMore ? 0 : 1,
        RspMsgList: page.messages.map((m) => ({
          From_Account: m.from,
          IsPlaceMsg: m.recalled ? 2 : m.body.length === 0 ? 1 : 0,
          MsgBody: m.recalled ? [] : m.body,
          MsgPriority: PRIORITY_NUMBER[m.priority],
          MsgRandom: m.random,
          MsgSeq: m.seq,
          MsgTimeStamp: seconds(m.time),
          ...(m.cloudCustomData ? { CloudCustomData: m.cloudCustomData } : {}),
        })),
      };
    }),

    'group_open_http_svc/import_group_msg': groupCommand(async ({ body }) => {
      const input = parseBody(ImportBody, body);
      const results = await service.adminImport(
        input.GroupId,
        input.MsgList.map((m) => ({
          from: m.From_Account,
          time: m.SendTime * 1000,
          random: m.Random ?? Math.floor(Math.random() * 0x1_0000_0000),
          body: m.MsgBody,
          cloudCustomData: m.CloudCustomData,
          priority: m.MsgPriority,
        })),
      );
      return {
        ImportMsgResult: results.map((r, i) => {
          const sendTime = input.MsgList[i]?.SendTime ?? 0;
          if (r.status === 'stored') return { MsgSeq: r.seq, MsgTime: seconds(r.time), Result: 0 };
          // An unknown sender is 10019 in group commands (groupCommon.ts), not openim's 70107.
          return { MsgSeq: 0, MsgTime: sendTime, Result: r.code === 'account_not_found' ? GROUP_UNKNOWN_USER : ERRORS[r.code].tencentCode };
        }),
      };
    }),

    'group_open_http_svc/send_group_system_notification': groupCommand(async ({ body }) => {
      const input = parseBody(NoticeBody, body);
      const targets = input.ToMembers_Account && input.ToMembers_Account.length > 0 ? [...new Set(input.ToMembers_Account)] : null;
      await service.adminNotice(input.GroupId, targets, input.Content);
      return {};
    }),
  };
}
