import { z } from 'zod';
import { ChatMessage, ConnectionState, Conversation, ConversationId, Seq, Session, UserId, UserProfile } from '../domain';
import type { EventChannel, RequestChannel } from './channels';
import type { IpcResult } from './result';

/** A message the composer may send: text only until the messaging issue adds the other types. */
export const ComposerText = z
  .string()
  .min(1, 'Type a message first.')
  .refine((text) => text.trim().length > 0, 'Type a message first.');

const ServerUrl = z.url({ protocol: /^https?$/, error: 'Enter a server address such as http://localhost:8080.' });

export const requestSchemas = {
  'app:info': {
    input: z.object({}),
    output: z.object({ version: z.string(), defaultServerUrl: z.string().nullable(), host: z.enum(['electron', 'web']) }),
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
      limit: z.number().int().min(1).max(200),
    }),
    output: z.object({ messages: z.array(ChatMessage), hasMore: z.boolean() }),
  },
  'messages:send': { input: z.object({ conversationId: ConversationId, text: ComposerText }), output: ChatMessage },
  'messages:retry': { input: z.object({ id: z.string() }), output: ChatMessage },
  'typing:notify': { input: z.object({ conversationId: ConversationId }), output: z.object({}) },
  'users:lookup': { input: z.object({ userId: UserId }), output: UserProfile.nullable() },
} satisfies Record<RequestChannel, { input: z.ZodType; output: z.ZodType }>;

export const eventSchemas = {
  'session:changed': Session,
  'connection:changed': ConnectionState,
  'conversations:changed': z.object({ conversations: z.array(Conversation), removed: z.array(ConversationId) }),
  'messages:changed': z.object({ conversationId: ConversationId, messages: z.array(ChatMessage) }),
  'typing:changed': z.object({ conversationId: ConversationId, userId: UserId, typing: z.boolean() }),
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
