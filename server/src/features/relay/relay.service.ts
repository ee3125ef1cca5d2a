import { createHash, sign } from 'node:crypto';
import {
  BLOB_HASH,
  type ConversationId,
  type RelayBundlePayload,
  type MsgElem,
  type RelayedMessage,
  type SignedRelayBundle,
  requireC2cPeer,
  parseMessageId,
  previewOf,
} from '../../../../shared/domain';
import { type ServerInfo } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type RelaySigningKey } from '../../identity';
import { type MediaRef } from '../../store/mediaTypes';
import { type Store, type StoredMessage } from '../../store/types';
import { mediaElementsOf } from '../media/mediaReferences';

type RelayElem = Extract<MsgElem, { MsgType: 'TIMRelayElem' }>;
type RelayElement = RelayElem['MsgContent'];

/** Tencent shows up to 4 abstract lines under a combined message's title. */
const ABSTRACT_LINES = 4;
const LINE_LIMIT = 200;

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A relayed message in the seed's shape (field order fixed, so the signed text is stable). */
function relayed(message: StoredMessage): RelayedMessage {
  return {
    From_Account: message.from,
    To_Account: message.to,
    MsgSeq: message.seq,
    MsgRandom: message.random,
    MsgTimeStamp: Math.floor(message.time / 1000),
    MsgBody: message.body,
    ...(message.cloudCustomData === '' ? {} : { CloudCustomData: message.cloudCustomData }),
  };
}

/**
 * M7 combined forward, signed (beyond the seed): the server builds the bundle
 * from its own stored copies of messages the caller can see, so a bundle
 * cannot carry words nobody said; it stores the exact JSON text it signed
 * with Ed25519, content-addressed (key = SHA-256 of that text).
 */
export class RelayService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      signingKey: RelaySigningKey;
    },
  ) {}

  /** What GET /api/v1/info publishes: the keys receivers verify bundles with. */
  publicKeys(): ServerInfo['relaySigningKeys'] {
    return [{ id: this.deps.signingKey.id, publicKey: this.deps.signingKey.publicKey }];
  }

  async create(userId: string, title: string, picks: ReadonlyArray<{ conversationId: ConversationId; messageId: string }>): Promise<RelayElem> {
    const { store, clock, signingKey } = this.deps;
    const messages: StoredMessage[] = [];
    for (const pick of picks) {
      const locator = parseMessageId(pick.messageId);
      const peer = requireC2cPeer(pick.conversationId);
      const found = locator
        ? await store.messages.find({ between: [userId, peer], viewer: userId, message: { sender: locator.sender, clientMsgId: locator.clientMsgId } })
        : null;
      // Recalled or deleted for the caller: not theirs to forward any more.
      if (!found || found.recalled || found.deletedFor.some((d) => d.userId === userId)) {
        throw new AppError('message_not_found', `Message ${pick.messageId} is not available to forward.`);
      }
      messages.push(found);
    }
    const payload: RelayBundlePayload = {
      version: 1,
      title,
      createdBy: userId,
      createdAt: clock.now(),
      messages: messages.map(relayed),
    };
    const text = JSON.stringify(payload);
    const key = createHash('sha256').update(text, 'utf8').digest('hex');
    const signature = sign(null, Buffer.from(text, 'utf8'), signingKey.privateKey).toString('base64');
    await store.media.saveRelay(
      { key, payload: text, signature, keyId: signingKey.id, createdBy: userId, createdAt: payload.createdAt },
      await this.contentsOf(messages),
    );

    const names = new Map((await store.accounts.getMany([...new Set(messages.map((m) => m.from))])).map((a) => [a.userId, a.nickname || a.userId]));
    const content: RelayElement = {
      Title: title,
      MsgNum: messages.length,
      CompatibleText: truncate(`[Chat history] ${title}`, LINE_LIMIT),
      AbstractList: messages
        .slice(0, ABSTRACT_LINES)
        .map((m) => truncate(`${names.get(m.from) ?? m.from}: ${previewOf(m.body)}`, LINE_LIMIT)),
      JsonMsgKey: key,
    };
    return { MsgType: 'TIMRelayElem', MsgContent: content };
  }

  /** Every blob and nested bundle the messages reach, so a conversation carrying the bundle may open all of it. */
  private async contentsOf(messages: readonly StoredMessage[]): Promise<MediaRef[]> {
    const refs = new Map<string, MediaRef>();
    const nested: string[] = [];
    for (const message of messages) {
      for (const elem of mediaElementsOf(message.body)) {
        const content = elem.MsgContent as Record<string, unknown>;
        for (const field of ['UUID', 'VideoUUID', 'ThumbUUID']) {
          const uuid = content[field];
          if (typeof uuid === 'string' && BLOB_HASH.test(uuid)) refs.set(`blob:${uuid}`, { kind: 'blob', ref: uuid });
        }
        if (elem.MsgType === 'TIMImageElem') {
          for (const info of elem.MsgContent.ImageInfoArray) if (info.UUID && BLOB_HASH.test(info.UUID)) refs.set(`blob:${info.UUID}`, { kind: 'blob', ref: info.UUID });
        }
        if (elem.MsgType === 'TIMRelayElem' && elem.MsgContent.JsonMsgKey !== undefined) nested.push(elem.MsgContent.JsonMsgKey);
      }
    }
    for (const key of nested) refs.set(`relay:${key}`, { kind: 'relay', ref: key });
    for (const ref of await this.deps.store.media.relayContents(nested)) refs.set(`${ref.kind}:${ref.ref}`, ref);
    return [...refs.values()];
  }

  /** A bundle the caller may open: they made it, or a conversation they take part in carries it (directly or nested). */
  async get(userId: string, key: string): Promise<SignedRelayBundle> {
    const record = await this.deps.store.media.getRelay(key);
    const allowed = record !== null && (await this.deps.store.media.accessible(userId, 'relay', [key])).has(key);
    if (!record || !allowed) throw new AppError('relay_unavailable');
    return { key: record.key, payload: record.payload, signature: record.signature, keyId: record.keyId };
  }
}
