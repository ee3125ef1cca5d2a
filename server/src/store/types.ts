import {
  type GroupAt,
  type GroupMsgPriority,
  type GroupNotice,
  type MovedRef,
  type MsgBody,
  type Reaction,
  type RecvOpt,
  type ReplyRef,
  type StoredBody,
} from '../../../shared/domain';
import { type CallsRepository } from './callTypes';
import { type GroupsRepository } from './groupTypes';
import { type MediaRepository } from './mediaTypes';
import { type PresenceRepository } from './presenceTypes';

/**
 * The server's storage contract. Services depend only on these async
 * interfaces, so SQLite (the embedded default) and a future PostgreSQL
 * implementation are interchangeable and pass the same tests.
 */

export interface AccountRecord {
  userId: string;
  nickname: string;
  faceUrl: string;
  /** Encoded scrypt hash; null for admin-imported accounts without a password. */
  passwordHash: string | null;
  /** Unix milliseconds. */
  createdAt: number;
}

export interface NewAccount {
  userId: string;
  nickname?: string;
  faceUrl?: string;
  passwordHash?: string | null;
  createdAt: number;
}

export interface ProfileUpdate {
  userId: string;
  nickname?: string;
  faceUrl?: string;
  createdAt: number;
}

export interface AccountsRepository {
  get(userId: string): Promise<AccountRecord | null>;
  /** The accounts that exist among `userIds`, in no particular order. */
  getMany(userIds: readonly string[]): Promise<AccountRecord[]>;
  /** Inserts the account; false when the UserID is taken (nothing changes then). */
  create(account: NewAccount): Promise<boolean>;
  /** Admin import: creates missing accounts and updates the given profile fields of existing ones. */
  importMany(accounts: readonly ProfileUpdate[]): Promise<void>;
  /** Removes the account's password (it then signs in with UserSigs only); true when it had one. */
  clearPassword(userId: string): Promise<boolean>;
  /** Deletes the accounts and their conversation memberships; returns the UserIDs that existed. */
  deleteMany(userIds: readonly string[]): Promise<string[]>;
  /**
   * Kick, deletion: UserSigs issued at or before the returned cutoff stop
   * working. The cutoff becomes `nowSeconds`, or one past the current cutoff
   * when that is already at or beyond `nowSeconds` (so a second revocation in
   * the same second still covers the UserSigs the server dated just after the
   * first). It never moves backwards; the update is atomic.
   */
  revokeCredentials(userId: string, nowSeconds: number): Promise<number>;
  /** Unix seconds through which UserSigs are revoked, or null. */
  revokedThrough(userId: string): Promise<number | null>;
}

/** A stored one-to-one message, independent of who looks at it. */
export interface StoredMessage {
  from: string;
  to: string;
  clientMsgId: string;
  seq: number;
  random: number;
  /** Unix milliseconds. */
  time: number;
  /** Empty once recalled (M5). */
  body: StoredBody;
  hiddenFromSender: boolean;
  /** M1: '' when none. */
  cloudCustomData: string;
  /** M14: the quoted message as resolved when this one was sent. */
  replyTo: ReplyRef | null;
  recalled: boolean;
  /** M14: Unix ms of the last edit. */
  editedAt: number | null;
  reactions: Reaction[];
  /** The conversation's modification counter at this message's last change; 0 if never. */
  modSeq: number;
  /**
   * M10: who deleted it for themselves, and at which conversation modSeq.
   * Pages read for one viewer carry that viewer's entry only.
   */
  deletedFor: ReadonlyArray<{ userId: string; modSeq: number }>;
}

export interface NewMessage {
  from: string;
  to: string;
  clientMsgId: string;
  random: number;
  time: number;
  body: MsgBody;
  /** `JSON.stringify(body)` when the caller already has it (it measured the size with it). */
  bodyJson?: string;
  /** Keep the message out of the sender's own history and sync (REST SyncOtherMachine = 2). */
  hiddenFromSender: boolean;
  /** M1: Tencent's CloudCustomData ('' or absent when none). */
  cloudCustomData?: string;
  /** M14: the quote, already resolved by the service. */
  replyTo?: ReplyRef | null;
}

/** How a message is named: by its sender's client ID (sockets) or its MsgKey (REST admins). */
export type MessageLocator = { sender: string; clientMsgId: string } | { msgKey: string };

/**
 * One message of a conversation. Keyed by the conversation (the two parties of a
 * one-to-one chat, or a group key: ADR 0004 §2) and a locator, seen by `viewer`: a user sees
 * only what is visible to them (history floor, own hidden sends, cleared history,
 * in groups the join floor); null is an app admin, who sees everything stored.
 */
export type MessageRef = C2cMessageRef | GroupMessageRef;

export interface C2cMessageRef {
  between: readonly [string, string];
  viewer: string | null;
  message: MessageLocator;
}

export interface GroupMessageRef {
  /** The group's ID, or a topic's ID (`conversations.group_key`). */
  groupKey: string;
  viewer: string | null;
  message: MessageLocator;
}

/** What a modification does to a message; see {@link MessagesRepository.modify}. */
export type MessageChange =
  /** M5: empties the body (and its cloud data, quote and reactions), marks it recalled. */
  | { kind: 'recall' }
  /** M14: replaces the body, stamps the edit time. */
  | { kind: 'edit'; body: MsgBody; editedAt: number }
  /** M13: the new reaction list. */
  | { kind: 'reactions'; reactions: Reaction[] };

export type ModifyResult =
  | { status: 'not_found' }
  /**
   * `changed` false: the decision was "nothing to do" (idempotent requests); nothing was written.
   * `alsoChanged`: other messages the change touched (the quote previews of replies to it: an edit rewrites them, a recall empties them).
   */
  | { status: 'ok'; changed: boolean; message: StoredMessage; alsoChanged: StoredMessage[] };

export type DeleteForMeResult =
  | { status: 'not_found' }
  /** `deleted`: the messages newly deleted for the viewer (already deleted ones are left as they were). */
  | { status: 'ok'; modSeq: number; deleted: StoredMessage[] };

export type AppendResult =
  /** `newlyShared`: with this message both parties have the conversation in their lists for the first time. */
  | { status: 'stored'; message: StoredMessage; newlyShared: boolean }
  /** The sender already stored a message with this client ID: the original is returned, nothing new is written. */
  | { status: 'duplicate'; message: StoredMessage }
  | { status: 'sender_not_found' }
  /** The sender's UserID belonged to a deleted account that used this client message ID; nothing is written. */
  | { status: 'client_msg_id_taken' }
  | { status: 'recipient_not_found' };

export interface MessagePage {
  /** Ascending by seq. */
  messages: StoredMessage[];
  hasMore: boolean;
}

export interface MessagesRepository {
  /**
   * Stores a batch in ONE transaction (group commit), assigning each
   * conversation's next gap-free seq inside it. Results match `items` by index.
   * Resolves only once the transaction is committed.
   */
  appendBatch(items: readonly NewMessage[]): Promise<AppendResult[]>;
  /** Messages of the conversation between `viewer` and `peer` visible to `viewer`, with seq > afterSeq. */
  after(viewer: string, peer: string, afterSeq: number, limit: number): Promise<MessagePage>;
  /** The page of visible messages just before `beforeSeq`, returned ascending. */
  before(viewer: string, peer: string, beforeSeq: number, limit: number): Promise<MessagePage>;
  /** Visible messages changed after `afterModSeq` (for the viewer: deletions for them count), ascending by their modSeq. */
  modifiedAfter(viewer: string, peer: string, afterModSeq: number, limit: number): Promise<MessagePage>;
  /** The message `ref` names, if it exists and its viewer may see it. */
  find(ref: MessageRef): Promise<StoredMessage | null>;
  /**
   * Atomically reads the message, asks `decide` what to do with it (it may throw
   * to refuse: nothing is written then), applies the change and bumps the
   * conversation's modSeq onto the message.
   */
  modify(ref: MessageRef, decide: (current: StoredMessage) => MessageChange | null): Promise<ModifyResult>;
  /** M10: deletes messages for `viewer` only, all or none (`not_found` if any is not visible to them). */
  /** `peer` names a one-to-one conversation; `{groupKey}` a group or topic conversation (ADR 0004). */
  deleteForMe(viewer: string, peer: string | { groupKey: string }, messages: ReadonlyArray<{ sender: string; clientMsgId: string }>): Promise<DeleteForMeResult>;
}

export interface ConversationRecord {
  peerId: string;
  /** The seq of the last message visible to the viewer, or the cleared seq when higher (0 when none). */
  lastSeq: number;
  lastMessage: StoredMessage | null;
  unreadCount: number;
  readSeq: number;
  peerReadSeq: number;
  /** The conversation's modification counter. */
  modSeq: number;
  /** M10: the viewer cleared history up to here. */
  clearedSeq: number;
  /** M12 */
  pinned: boolean;
  recvOpt: RecvOpt;
}

export interface ConversationSettings {
  pinned?: boolean;
  recvOpt?: RecvOpt;
}

export interface ConversationsRepository {
  /** Every conversation the user takes part in and has not deleted (M10), most recent first. */
  listFor(userId: string): Promise<ConversationRecord[]>;
  /** One conversation of the user's list (deleted ones included), or null when they have none with `peerId`. */
  get(userId: string, peerId: string): Promise<ConversationRecord | null>;
  /**
   * Raises the user's read position to `readSeq`, clamped to the conversation's
   * last seq, never lowering it. `changed` tells whether anything moved.
   */
  markRead(userId: string, peerId: string, readSeq: number): Promise<{ readSeq: number; changed: boolean }>;
  /** M10: hides everything up to the conversation's last seq from the user; null when there is no such conversation. */
  clear(userId: string, peerId: string): Promise<{ clearedSeq: number } | null>;
  /** M10: clears and hides the conversation from the user's list until a newer message arrives; false when none. */
  remove(userId: string, peerId: string): Promise<boolean>;
  /** M12: per-user settings; false when there is no such conversation. */
  updateSettings(userId: string, peerId: string, settings: ConversationSettings): Promise<boolean>;
  /** Everyone who shares a conversation with the user (excluding the user). */
  peersOf(userId: string): Promise<string[]>;
  /**
   * The UserIDs among `candidates` with whom the user has a conversation that
   * both of them have in their lists (at least one message was exchanged).
   */
  sharedWith(userId: string, candidates: readonly string[]): Promise<string[]>;
}

export const REPORT_REASONS = ['spam', 'abuse', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface NewReport {
  reporter: string;
  ref: MessageRef;
  reason: ReportReason;
  note: string;
  time: number;
}

/** M16: a report as admins review it. */
export interface StoredReport {
  reportId: string;
  reporter: string;
  /** The reported message: its sender, recipient, ids and the body as it was when reported. */
  from: string;
  to: string;
  clientMsgId: string;
  seq: number;
  /** With seq and messageTime, the parts of the MsgKey. */
  random: number;
  messageTime: number;
  reason: ReportReason;
  note: string;
  /** Unix ms of the report. */
  time: number;
  bodySnapshot: StoredBody;
}

export interface ReportsRepository {
  /** Stores the report with a snapshot of the body; one per reporter and message (a repeat returns the first). */
  create(report: NewReport): Promise<{ status: 'not_found' } | { status: 'stored' | 'duplicate'; reportId: string }>;
  /** Newest first; `beforeId` pages to older ones. */
  list(options: { limit: number; beforeId?: string }): Promise<{ reports: StoredReport[]; hasMore: boolean }>;
}

/** Admin reads over stored one-to-one messages (REST v4 roaming query, recall by MsgKey, read by time, hourly logs). */
export interface HistoryRepository {
  /** Newest first: messages of the conversation `viewer` may see with time in [fromMs, toMs] and seq < beforeSeq (any when null). */
  roamingPage(viewer: string, peer: string, range: { fromMs: number; toMs: number; beforeSeq: number | null; limit: number }): Promise<StoredMessage[]>;
  /** Messages from `sender` to `recipient` with this MsgRandom stored within this Unix second (a MsgKey's parts). */
  byKeyParts(sender: string, recipient: string, random: number, second: number): Promise<StoredMessage[]>;
  /** The highest seq `viewer` can see with `peer` among messages stored at or before `timeMs` (0 if none). */
  lastSeqAt(viewer: string, peer: string, timeMs: number): Promise<number>;
  /** Every stored one-to-one message with time in [fromMs, toMs), oldest first. */
  betweenTimes(fromMs: number, toMs: number): Promise<StoredMessage[]>;
}

/** Issue 4: a user's profile (account nickname/avatar + the profiles row, defaults when there is none). */
export interface ProfileRecord {
  userId: string;
  nick: string;
  image: string;
  gender: string;
  birthday: number;
  location: string;
  selfSignature: string;
  allowType: string;
  language: number;
  msgSettings: number;
  adminForbidType: string;
  level: number;
  role: number;
  searchable: boolean;
  custom: Record<string, string>;
}

/** Fields to change; custom values are merged key by key ('' removes the key). */
export type ProfileChanges = Partial<Omit<ProfileRecord, 'userId' | 'custom'>> & { custom?: Record<string, string> };

/** `owner` has `friend` in their list. */
export interface FriendRecord {
  owner: string;
  friend: string;
  remark: string;
  addSource: string;
  addWording: string;
  /** Unix ms. */
  addTime: number;
  custom: Record<string, string>;
  /** Names of the owner's friend lists this friend is in. */
  groups: string[];
}

export interface NewFriend {
  owner: string;
  friend: string;
  remark: string;
  addSource: string;
  addWording: string;
  addTime: number;
  /** Lists to put the friend in; missing ones are created. */
  groups: readonly string[];
}

export interface FriendRequestRecord {
  from: string;
  to: string;
  addSource: string;
  addWording: string;
  /** The requester's remark and list for the target, applied when it is accepted. */
  remark: string;
  groupName: string;
  time: number;
}

export interface BlockRecord {
  owner: string;
  blocked: string;
  time: number;
}

/** Profiles, friends, friend lists, pending requests and blocklists (issue 4). */
export interface RelationsRepository {
  /** Profiles of the accounts that exist among `userIds` (no order). */
  profiles(userIds: readonly string[]): Promise<ProfileRecord[]>;
  /** Null when the account does not exist. */
  updateProfile(userId: string, changes: ProfileChanges): Promise<ProfileRecord | null>;
  /** UserIDs of searchable accounts whose nickname starts with `prefix` (case-insensitive for ASCII). */
  searchByNickPrefix(prefix: string, limit: number): Promise<string[]>;

  friendsOf(owner: string): Promise<FriendRecord[]>;
  /** Entries of `owner`'s list among `friends`. */
  friends(owner: string, friends: readonly string[]): Promise<FriendRecord[]>;
  friendCount(owner: string): Promise<number>;
  /** Among `owners` (all when omitted), those who have `friend` in their list. */
  ownersOf(friend: string, owners?: readonly string[]): Promise<string[]>;
  /** False when already in the list (nothing changes then). */
  addFriend(entry: NewFriend): Promise<boolean>;
  /** `groups` replaces the friend's lists (missing ones are created); custom is merged ('' removes). */
  updateFriend(owner: string, friend: string, changes: { remark?: string; groups?: readonly string[]; custom?: Record<string, string> }): Promise<FriendRecord | null>;
  /** Removes the entry and its list memberships; false when it was not there. */
  deleteFriend(owner: string, friend: string): Promise<boolean>;

  lists(owner: string): Promise<{ name: string; members: string[] }[]>;
  createList(owner: string, name: string, time: number): Promise<boolean>;
  renameList(owner: string, name: string, newName: string): Promise<boolean>;
  deleteList(owner: string, name: string): Promise<boolean>;
  /** Only entries of `owner`'s friend list are added. */
  addListMembers(owner: string, name: string, friends: readonly string[]): Promise<void>;
  removeListMembers(owner: string, name: string, friends: readonly string[]): Promise<void>;

  /** Inserts or replaces the pending request from → to. */
  putRequest(request: FriendRequestRecord): Promise<void>;
  request(from: string, to: string): Promise<FriendRequestRecord | null>;
  /** Requests sent by or to `userId`, newest first. */
  requestsOf(userId: string): Promise<FriendRequestRecord[]>;
  countRequests(userId: string, direction: 'incoming' | 'outgoing'): Promise<number>;
  deleteRequest(from: string, to: string): Promise<boolean>;

  /** Oldest first. */
  blocklist(owner: string): Promise<BlockRecord[]>;
  /** Among `others`, those `owner` has blocked. */
  blockedAmong(owner: string, others: readonly string[]): Promise<string[]>;
  /** Among `others`, those who have blocked `userId`. */
  blockersAmong(userId: string, others: readonly string[]): Promise<string[]>;
  blockCount(owner: string): Promise<number>;
  block(entry: BlockRecord): Promise<boolean>;
  unblock(owner: string, blocked: string): Promise<boolean>;

  sequences(owner: string): Promise<{ friendSeq: number; blackSeq: number }>;
  bumpSequence(owner: string, which: 'friend' | 'black'): Promise<void>;
  /** A deleted account leaves no relation behind, in either direction. */
  purge(userId: string): Promise<void>;
}

// ---------------------------------------------------------------- group messages (ADR 0004, WP1 implements)

/**
 * Who may see what in a group conversation, decided by the service (traits, server flags and
 * community/topic bits) and applied by the store: `beforeJoin` false hides messages with
 * id ≤ the member's join_floor_id (accounts.history_floor always applies).
 */
export interface GroupVisibility {
  viewer: string;
  beforeJoin: boolean;
}

/** A group or topic message to store (one row; `messages.recipient` is ''). */
export interface NewGroupMessage {
  /** The group's ID or a topic's ID. */
  groupKey: string;
  /** The group (for a topic, its community). */
  groupId: string;
  from: string;
  clientMsgId: string;
  random: number;
  time: number;
  body: StoredBody;
  bodyJson?: string;
  cloudCustomData?: string;
  replyTo?: ReplyRef | null;
  groupAt: GroupAt | null;
  priority: GroupMsgPriority;
  needReceipt: boolean;
  /** G5: a stored tip (takes a seq, never unread, never activates a Work group). */
  isTip: boolean;
  /** Work: set `groups.active = 1` in the same transaction (the first non-tip message). */
  activates: boolean;
}

/** A stored group or topic message, independent of who looks at it. */
export interface StoredGroupMessage extends Omit<StoredMessage, 'to' | 'hiddenFromSender'> {
  groupKey: string;
  groupId: string;
  groupAt: GroupAt | null;
  priority: GroupMsgPriority;
  needReceipt: boolean;
  isTip: boolean;
  /** messages.id: compared with join floors. */
  id: number;
  /** ADR 0005: a tombstone of a message moved to another topic, and where it went. */
  movedTo?: MovedRef | null;
  /** ADR 0005: the copy of a message moved here, and where it came from. */
  movedFrom?: MovedRef | null;
}

export type GroupAppendResult =
  | { status: 'stored'; message: StoredGroupMessage }
  | { status: 'duplicate'; message: StoredGroupMessage }
  | { status: 'sender_not_found' }
  | { status: 'client_msg_id_taken' };

export interface GroupMessagePage {
  /** Ascending by seq. */
  messages: StoredGroupMessage[];
  hasMore: boolean;
}

export interface GroupMessagesRepository {
  /** Stores a batch in one transaction, each group/topic taking its next gap-free seq (also used by appendBatch's group branch). */
  appendBatch(items: readonly NewGroupMessage[]): Promise<GroupAppendResult[]>;
  after(groupKey: string, visibility: GroupVisibility, afterSeq: number, limit: number): Promise<GroupMessagePage>;
  before(groupKey: string, visibility: GroupVisibility, beforeSeq: number, limit: number): Promise<GroupMessagePage>;
  modifiedAfter(groupKey: string, visibility: GroupVisibility, afterModSeq: number, limit: number): Promise<GroupMessagePage>;
  /** REST group_msg_get_simple: the admin view (no floors), newest first, seq ≤ `beforeOrAtSeq` (latest when null). */
  adminPage(groupKey: string, beforeOrAtSeq: number | null, limit: number): Promise<GroupMessagePage>;
  /** REST import_group_msg: stored with seqs, no tips, no pushes; raises read_floor_seq to the new last seq. */
  importBatch(items: readonly NewGroupMessage[]): Promise<GroupAppendResult[]>;
  /** ADR 0005: moves topic messages to another topic of the same community, in one transaction. */
  moveTopicMessages(move: TopicMove): Promise<TopicMoveResult>;
}

/** ADR 0005: which messages of `fromKey` move to `toKey` (both topic IDs of one community). */
export interface TopicMove {
  fromKey: string;
  toKey: string;
  fromSeq: number;
  scope: 'one' | 'later' | 'all';
  limit: number;
}

export interface TopicMoveResult {
  /** Ascending by the source seq: each original (now a tombstone) and its copy in the target. */
  moved: Array<{ tombstone: StoredGroupMessage; copy: StoredGroupMessage }>;
  /** Movable messages of the selection left behind by the limit. */
  remaining: number;
}

/** One group or topic conversation as one member sees it (a missing member row: read 0, nothing cleared). */
export interface GroupConversationRecord {
  groupKey: string;
  groupId: string;
  topicId: string | null;
  lastSeq: number;
  lastMessage: StoredGroupMessage | null;
  /** 0 where the type keeps no unread counts (Meeting, AVChatRoom). */
  unreadCount: number;
  readSeq: number;
  clearedSeq: number;
  modSeq: number;
  pinned: boolean;
  /** The topic's own receive option, or null: the member's MsgFlag applies. */
  recvOpt: RecvOpt | null;
  /** M8: unread mentions of the member (≤ 20, newest first). */
  mentions: Array<{ seq: number; sender: string; clientMsgId: string; all: boolean }>;
}

export interface GroupConversationsRepository {
  /** The member's group and topic conversations with at least one visible message (Work: active groups, or owned). */
  listFor(userId: string, visibility: (groupId: string) => GroupVisibility): Promise<GroupConversationRecord[]>;
  get(userId: string, groupKey: string, visibility: GroupVisibility): Promise<GroupConversationRecord | null>;
  /** Raises the read position (clamped, never lowered); `receipts` are the receipt messages newly read: (old, new]. */
  markRead(
    userId: string,
    groupKey: string,
    readSeq: number,
  ): Promise<{ readSeq: number; changed: boolean; receipts: Array<{ seq: number; sender: string; clientMsgId: string }> }>;
  /** M10: clears up to the last seq; the conversation stays listed (empty). null: no message was ever stored. */
  clear(userId: string, groupKey: string): Promise<{ clearedSeq: number } | null>;
  /** M10: clears and takes it off the member's list until a newer message; false: no message was ever stored. */
  remove(userId: string, groupKey: string): Promise<boolean>;
  updateSettings(userId: string, groupKey: string, settings: { pinned?: boolean; recvOpt?: RecvOpt | null }): Promise<boolean>;
  /** Members whose own receive option for this conversation (a topic) is Discard: left out of its pushes. */
  discarders(groupKey: string): Promise<string[]>;
  /** M6: read and unread counts of one receipt message (members whose join floor is below it). */
  receiptCounts(groupKey: string, messageId: number): Promise<{ readCount: number; unreadCount: number }>;
  /** M6: one page of the members who have / have not read it; `cursor` opaque, null when done. */
  receiptMembers(
    groupKey: string,
    messageId: number,
    which: 'read' | 'unread',
    cursor: string | null,
    limit: number,
  ): Promise<{ userIds: string[]; cursor: string | null }>;
}

export interface NewGroupNotice {
  groupId: string;
  topicId: string | null;
  /** null: every member. */
  targets: readonly string[] | null;
  content: string;
  time: number;
}

export interface GroupNoticesRepository {
  add(notice: NewGroupNotice): Promise<GroupNotice>;
  /** Notices for `userId` (targeted at them, or at everyone in a group they are in) after `afterId`, ascending. */
  after(userId: string, afterId: number, limit: number): Promise<{ notices: GroupNotice[]; hasMore: boolean }>;
}

export interface Store {
  readonly accounts: AccountsRepository;
  /** Issue 4: profiles and the relationship chain. */
  readonly relations: RelationsRepository;
  readonly messages: MessagesRepository;
  readonly conversations: ConversationsRepository;
  /** M2/M7: uploads, blobs, combined-forward bundles and which conversations carry them. */
  readonly media: MediaRepository;
  readonly history: HistoryRepository;
  readonly reports: ReportsRepository;
  /** A4: custom status texts. */
  readonly presence: PresenceRepository;
  /** Issue 5: groups, members, applications, topics and permission groups. */
  readonly groups: GroupsRepository;
  /** ADR 0004: group and topic messages, conversations and system notices. */
  readonly groupMessages: GroupMessagesRepository;
  readonly groupConversations: GroupConversationsRepository;
  readonly groupNotices: GroupNoticesRepository;
  /** Issue 6: calls and their participants (C1–C5). */
  readonly calls: CallsRepository;
  close(): Promise<void>;
}
