import { RelayBundlePayload, type RelayedMessage, type SignedRelayBundle } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import type { RequestOutput } from '../../../../shared/ipc';
import { HTTP_PATHS, ServerInfo } from '../../../../shared/protocol';
import type { AccountContext } from '../../accountContext';
import { friendRemark } from '../../store/tables/contacts';
import { getUser, upsertUser } from '../../store/tables/users';
import type { ServerHttp } from '../blobDownloader';
import type { RelayStore } from './relayBundles';
import { verifyRelaySignature, type RelaySigningKey } from './relaySignature';

export type OpenedRelay = RequestOutput<'relay:open'>;

export interface RelayViewerDeps {
  store: RelayStore;
  http: () => ServerHttp | null;
  /** Gives the bundle's words to the local search index (M11), when the index offers a hook. */
  onBundleText?: (key: string, texts: string[]) => void;
}

/**
 * M7: opens a combined-forward bundle by its key. Fetched with `relay:get` when
 * online (and kept on disk), else read from disk; the signature is checked
 * against the keys the server publishes in `/api/v1/info` (kept too, and fetched
 * again when a bundle names a key not seen yet).
 */
export class RelayViewer {
  private keys: RelaySigningKey[] | null = null;

  constructor(
    private readonly ctx: AccountContext,
    private readonly deps: RelayViewerDeps,
  ) {}

  async open(key: string): Promise<OpenedRelay> {
    const bundle = await this.fetchBundle(key);
    const keys = await this.keysFor(bundle.keyId);
    const verified = verifyRelaySignature(bundle, keys);
    let payload: RelayBundlePayload;
    try {
      payload = RelayBundlePayload.parse(JSON.parse(bundle.payload));
    } catch {
      throw new AppError('relay_unavailable', 'This chat history cannot be read.');
    }
    await this.learnNicknames(payload.messages.map((m) => m.From_Account));
    if (this.ctx.tasks.closed) throw new AppError('unauthenticated');
    this.deps.onBundleText?.(key, payload.messages.flatMap(textsOf));
    return {
      title: payload.title,
      messages: payload.messages.map((m) => ({
        from: m.From_Account,
        // Shown only here, so my remark for a friend (R4) names them as everywhere else.
        nickname: friendRemark(this.ctx.db, m.From_Account) || (getUser(this.ctx.db, m.From_Account)?.nickname ?? m.From_Account),
        time: toMillis(m.MsgTimeStamp),
        body: m.MsgBody,
      })),
      verified,
      createdBy: payload.createdBy,
      createdAt: payload.createdAt,
    };
  }

  /** Senders this device has never heard of: asked for once while online (offline, their UserID shows). */
  private async learnNicknames(userIds: readonly string[]): Promise<void> {
    const { db, connection, now, logger } = this.ctx;
    const unknown = [...new Set(userIds)].filter((id) => !getUser(db, id)).slice(0, 100);
    if (unknown.length === 0 || !connection.isOnline()) return;
    try {
      const { users } = await connection.request('users:get', { userIds: unknown });
      if (this.ctx.tasks.closed) return;
      for (const user of users) upsertUser(db, user, now());
    } catch (error) {
      logger.info({ err: error }, 'could not learn the names in a chat history');
    }
  }

  private async fetchBundle(key: string): Promise<SignedRelayBundle> {
    const { connection } = this.ctx;
    if (connection.isOnline()) {
      try {
        const { bundle } = await connection.request('relay:get', { key });
        await this.deps.store.saveBundle(bundle);
        return bundle;
      } catch (error) {
        const kept = await this.deps.store.bundle(key);
        if (kept) return kept;
        throw error;
      }
    }
    const kept = await this.deps.store.bundle(key);
    if (!kept) throw new AppError('offline', 'This chat history has not been opened on this device yet; connect to open it.');
    return kept;
  }

  private async keysFor(keyId: string): Promise<RelaySigningKey[]> {
    this.keys ??= await this.deps.store.keys();
    if (this.keys.some((k) => k.id === keyId)) return this.keys;
    const fresh = await this.fetchKeys();
    if (fresh) {
      this.keys = fresh;
      await this.deps.store.saveKeys(fresh);
    }
    return this.keys;
  }

  private async fetchKeys(): Promise<RelaySigningKey[] | null> {
    const http = this.deps.http();
    if (!http) return null;
    try {
      const response = await http.fetch(`${http.serverUrl.replace(/\/+$/, '')}${HTTP_PATHS.info}`);
      if (!response.ok) return null;
      const info = ServerInfo.safeParse(await response.json());
      return info.success ? info.data.relaySigningKeys : null;
    } catch {
      return null;
    }
  }
}

/** Tencent's MsgTimeStamp is in seconds; the renderer works in milliseconds. */
function toMillis(timestamp: number): number {
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

function textsOf(message: RelayedMessage): string[] {
  return message.MsgBody.flatMap((elem) => {
    const content = elem.MsgContent as Record<string, unknown> | null;
    if (!content || typeof content !== 'object') return [];
    return ['Text', 'Desc', 'FileName', 'Title'].flatMap((field) => (typeof content[field] === 'string' ? [content[field]] : []));
  });
}
