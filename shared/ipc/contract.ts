import { z } from 'zod';
import {
  ChatMessage,
  ConnectionState,
  Conversation,
  ConversationId,
  GroupAt,
  GroupId,
  MessageId,
  ReceiptMembersWhich,
  TopicId,
  ReactionEmoji,
  RecvOpt,
  Seq,
  Session,
  StoredBody,
  UserId,
  UserProfile,
} from '../domain';
import { ErrorShape } from '../errors';
import type { EventChannel, RequestChannel } from './channels';
import { contactsEventSchemas, contactsRequestSchemas } from './contacts';
import { callsEventSchemas, callsRequestSchemas } from './calls';
import { groupsEventSchemas, groupsRequestSchemas } from './groups';
import type { IpcResult } from './result';

/** A message the composer may send: text only until the messaging issue adds the other types. */
export const ComposerText = z
  .string()
  .min(1, 'Type a message first.')
  .refine((text) => text.trim().length > 0, 'Type a message first.');

/** What the composer may attach (M1/M2); the core checks the size limit of the kind before uploading. */
export const AttachmentKind = z.enum(['image', 'sound', 'file', 'video']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** Search filters by element kind (M11). */
export const SearchKind = z.enum(['text', 'image', 'sound', 'file', 'video', 'location', 'relay', 'custom', 'face']);
export type SearchKind = z.infer<typeof SearchKind>;

/** Renderer → core file transfer happens in base64 chunks of at most 1 MiB (JSON-safe for the web host). */
export const STAGE_CHUNK_BYTES = 1024 * 1024;

export const SearchHit = z.object({
  message: ChatMessage,
  /** The matched text with the match wrapped in U+E000 … U+E001 (private-use marks the renderer turns into <mark>). */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** One message inside an opened combined-forward bundle. */
export const RelayViewMessage = z.object({
  from: UserId,
  nickname: z.string(),
  time: z.number().int(),
  body: StoredBody,
});
export type RelayViewMessage = z.infer<typeof RelayViewMessage>;

const ServerUrl = z.url({ protocol: /^https?$/, error: 'Enter a server address such as http://localhost:8080.' });

export const requestSchemas = {
  'app:info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      defaultServerUrl: z.string().nullable(),
      host: z.enum(['electron', 'web']),
      /**
       * Where the renderer loads files from: append the blob UUID (URI-encoded);
       * add `?download=<file name>` to get it as an attachment (Save as). Ends with '/'.
       */
      mediaBaseUrl: z.string(),
      /** Whether `files:open` / `files:showInFolder` work here (Electron: yes; the browser host: no). */
      canOpenFiles: z.boolean(),
    }),
  },
  'session:get': { input: z.object({}), output: Session },
  'session:register': {
    input: z.object({ serverUrl: ServerUrl, userId: UserId, password: z.string().min(8).max(256), nickname: z.string().max(64).optional() }),
    output: Session,
  },
  'session:signIn': {
    input: z.object({ serverUrl: ServerUrl, userId: UserId, password: z.string().min(1).max(256) }),
    output: Session,
  },
  'session:signOut': { input: z.object({}), output: Session },
  /** The connection state now, for a page that loads after the last `connection:changed`. */
  'connection:get': { input: z.object({}), output: ConnectionState },
  'conversations:list': { input: z.object({}), output: z.array(Conversation) },
  'conversations:open': { input: z.object({ peer: UserId }), output: Conversation },
  /**
   * A group I am in (or one of its community's topics) as a conversation, created locally when it has no
   * row yet (a Work group before its first message, a group just joined). `group_not_member` otherwise.
   */
  'conversations:openGroup': { input: z.object({ groupId: GroupId, topicId: TopicId.optional() }), output: Conversation },
  /**
   * M6: read up to the newest message the person has actually had on screen
   * (not everything stored: they may be scrolled up, or messages may have
   * arrived since); the core clamps it to what it holds.
   */
  'conversations:markRead': { input: z.object({ conversationId: ConversationId, upToSeq: Seq }), output: z.object({}) },
  'messages:page': {
    input: z.object({
      conversationId: ConversationId,
      /** The oldest message already shown; omit for the newest page. */
      beforeId: z.string().optional(),
      /** The newest message shown, to page towards the present after a jump (exclusive with beforeId). */
      afterId: z.string().optional(),
      limit: z.number().int().min(1).max(200),
    }),
    output: z.object({ messages: z.array(ChatMessage), hasMore: z.boolean() }),
  },
  /** A page centred on one message (search hit, quoted message), ascending. */
  'messages:around': {
    input: z.object({ conversationId: ConversationId, id: MessageId, limit: z.number().int().min(1).max(200) }),
    output: z.object({ messages: z.array(ChatMessage), hasMoreBefore: z.boolean(), hasMoreAfter: z.boolean() }),
  },
  'messages:send': {
    input: z.object({
      conversationId: ConversationId,
      text: ComposerText,
      replyToId: MessageId.optional(),
      /** M8, groups only: whom the text @-mentions (the composer maps its @tokens to IDs). */
      groupAt: GroupAt.optional(),
      /** M6, groups only: ask members for a read receipt. */
      needReceipt: z.boolean().optional(),
    }),
    output: ChatMessage,
  },
  /** M6: who has / has not read an own receipt message (the sender only); pages of ≤ 100, `cursor` null at the end. Online only. */
  'messages:receiptMembers': {
    input: z.object({ id: MessageId, which: ReceiptMembersWhich, cursor: z.string().max(128).nullable() }),
    output: z.object({ userIds: z.array(UserId), cursor: z.string().nullable() }),
  },
  /**
   * Sends a staged file as an image / voice / file / video message. Shown at
   * once as pending with `transfer` progress; uploads resume after a dropped link.
   */
  'messages:sendFile': {
    input: z.object({
      conversationId: ConversationId,
      stageId: z.string(),
      kind: AttachmentKind,
      /** Voice and video: duration in seconds (the renderer measured it). */
      durationSec: z.number().min(0).max(86_400).optional(),
      /** Video: a staged poster frame (the renderer drew it from the video). */
      thumbStageId: z.string().optional(),
      replyToId: MessageId.optional(),
    }),
    output: ChatMessage,
  },
  /** Cancels an upload in progress: the pending message disappears. */
  'messages:cancelUpload': { input: z.object({ id: MessageId }), output: z.object({}) },
  'messages:recall': { input: z.object({ id: MessageId }), output: ChatMessage },
  'messages:edit': { input: z.object({ id: MessageId, text: ComposerText }), output: ChatMessage },
  'messages:react': { input: z.object({ id: MessageId, emoji: ReactionEmoji, add: z.boolean() }), output: ChatMessage },
  'messages:deleteForMe': { input: z.object({ ids: z.array(MessageId).min(1).max(300) }), output: z.object({}) },
  'messages:report': {
    input: z.object({ id: MessageId, reason: z.enum(['spam', 'abuse', 'illegal', 'other']), note: z.string().max(500).optional() }),
    output: z.object({}),
  },
  /** M7: one by one (each message copied, media kept) or combined into one relay message, to each target. */
  'messages:forward': {
    input: z.object({
      ids: z.array(MessageId).min(1).max(300),
      to: z.array(ConversationId).min(1).max(20),
      mode: z.enum(['oneByOne', 'combined']),
      /** Combined: the bundle title (defaults to "Chat history of A and B"). */
      title: z.string().min(1).max(100).optional(),
    }),
    output: z.object({}),
  },
  /** Opens a combined-forward bundle by its JsonMsgKey, verifying the server's signature. */
  'relay:open': {
    input: z.object({ key: z.string().min(1).max(128) }),
    output: z.object({
      title: z.string(),
      messages: z.array(RelayViewMessage),
      /** The signature verified against a key the server published: the bundle is unaltered. */
      verified: z.boolean(),
      createdBy: UserId,
      createdAt: z.number().int(),
    }),
  },
  /** Starts a renderer → core file transfer (drop, paste, voice recording). */
  'files:stageBegin': {
    input: z.object({ name: z.string().min(1).max(255), size: z.number().int().min(0), mime: z.string().max(255) }),
    output: z.object({ stageId: z.string() }),
  },
  'files:stageChunk': {
    input: z.object({ stageId: z.string(), offset: z.number().int().min(0), data: z.string() }),
    output: z.object({ received: z.number().int() }),
  },
  /** Electron only (`canOpenFiles`): open with the system's default app / reveal in the file manager. */
  'files:open': { input: z.object({ uuid: z.string(), name: z.string() }), output: z.object({}) },
  'files:showInFolder': { input: z.object({ uuid: z.string(), name: z.string() }), output: z.object({}) },
  /** M11: over the local store only (works offline). */
  'search:messages': {
    input: z.object({
      query: z.string().min(1).max(200),
      conversationId: ConversationId.optional(),
      from: UserId.optional(),
      kinds: z.array(SearchKind).optional(),
      since: z.number().int().optional(),
      until: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      groups: z.array(z.object({ conversationId: ConversationId, total: z.number().int(), hits: z.array(SearchHit) })),
    }),
  },
  'conversations:setSettings': {
    input: z.object({ conversationId: ConversationId, pinned: z.boolean().optional(), recvOpt: RecvOpt.optional() }),
    output: Conversation,
  },
  /** Empty text clears the draft. */
  'conversations:setDraft': { input: z.object({ conversationId: ConversationId, text: z.string().max(10_000) }), output: z.object({}) },
  'conversations:markAllRead': { input: z.object({}), output: z.object({}) },
  'conversations:clear': { input: z.object({ conversationId: ConversationId }), output: z.object({}) },
  'conversations:delete': { input: z.object({ conversationId: ConversationId }), output: z.object({}) },
  'messages:retry': { input: z.object({ id: z.string() }), output: ChatMessage },
  'typing:notify': { input: z.object({ conversationId: ConversationId }), output: z.object({}) },
  'users:lookup': { input: z.object({ userId: UserId }), output: UserProfile.nullable() },
  ...contactsRequestSchemas,
  ...groupsRequestSchemas,
  ...callsRequestSchemas,
} satisfies Record<RequestChannel, { input: z.ZodType; output: z.ZodType }>;

/** The kinds of queued change the server can refuse for good (sends fail their message instead). */
export const FailedOperation = z.enum(['recall', 'edit', 'react', 'deleteForMe', 'report', 'clear', 'delete', 'settings']);
export type FailedOperation = z.infer<typeof FailedOperation>;

export const eventSchemas = {
  'session:changed': Session,
  'connection:changed': ConnectionState,
  'conversations:changed': z.object({ conversations: z.array(Conversation), removed: z.array(ConversationId) }),
  'messages:changed': z.object({ conversationId: ConversationId, messages: z.array(ChatMessage) }),
  'typing:changed': z.object({ conversationId: ConversationId, userId: UserId, typing: z.boolean() }),
  /** Messages gone from view: deleted for me, a cancelled upload, or everything up to a cleared seq. */
  'messages:removed': z.object({ conversationId: ConversationId, ids: z.array(MessageId), clearedUpToSeq: Seq.nullable() }),
  /**
   * The server refused a queued change for good (the recall window passed, the message is
   * gone…): the core has already put back what it could; the renderer says why. `messageId`
   * is null for conversation operations and for deletions of several messages.
   */
  'operations:failed': z.object({ conversationId: ConversationId, messageId: MessageId.nullable(), op: FailedOperation, error: ErrorShape }),
  ...contactsEventSchemas,
  ...groupsEventSchemas,
  ...callsEventSchemas,
} satisfies Record<EventChannel, z.ZodType>;

export type RequestInput<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]['input']>;
export type ParsedInput<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventSchemas)[E]>;

/** What a host's core side implements. A missing or mistyped handler fails to compile. */
export type IpcHandlers = {
  [C in RequestChannel]: (input: ParsedInput<C>) => Promise<RequestOutput<C>>;
};

/** An event sink the hosts give the core: Electron forwards to webContents, the web host to its WebSocket. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** What the preload (Electron) or the web-host client script exposes as `window.chat`. */
export interface ChatBridge {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResult<RequestOutput<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
