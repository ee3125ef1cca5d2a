import { type MsgBody } from '../../../shared/domain';

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
  body: MsgBody;
  hiddenFromSender: boolean;
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
}

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
}

export interface ConversationRecord {
  peerId: string;
  /** The seq of the last message visible to the viewer (0 when none). */
  lastSeq: number;
  lastMessage: StoredMessage | null;
  unreadCount: number;
  readSeq: number;
  peerReadSeq: number;
}

export interface ConversationsRepository {
  /** Every conversation the user takes part in, most recent first. */
  listFor(userId: string): Promise<ConversationRecord[]>;
  /**
   * Raises the user's read position to `readSeq`, clamped to the conversation's
   * last seq, never lowering it. `changed` tells whether anything moved.
   */
  markRead(userId: string, peerId: string, readSeq: number): Promise<{ readSeq: number; changed: boolean }>;
  /** Everyone who shares a conversation with the user (excluding the user). */
  peersOf(userId: string): Promise<string[]>;
  /**
   * The UserIDs among `candidates` with whom the user has a conversation that
   * both of them have in their lists (at least one message was exchanged).
   */
  sharedWith(userId: string, candidates: readonly string[]): Promise<string[]>;
}

export interface Store {
  readonly accounts: AccountsRepository;
  readonly messages: MessagesRepository;
  readonly conversations: ConversationsRepository;
  close(): Promise<void>;
}
