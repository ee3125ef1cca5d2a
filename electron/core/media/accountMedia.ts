import type { BlobInfo, ChatMessage, MsgBody } from '../../../shared/domain';
import type { EventSink, ParsedInput, RequestOutput } from '../../../shared/ipc';
import { AUTH_HEADERS } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { uploadStagedImage } from './avatarUpload';
import { BlobCache } from './blobCache';
import { BlobDownloader, type ServerHttp } from './blobDownloader';
import { FileOpener, type DesktopFiles } from './desktopFiles';
import { FileSender, type SendToPrepare } from './fileSender';
import { Forwarder, type ForwardDeps } from './forward';
import { mediaPaths } from './mediaPaths';
import { replyForError, replyWithFile, replyWithServerRange, replyWithStatus, type MediaReply, type MediaRequest } from './mediaReply';
import { RelayStore } from './relay/relayBundles';
import { messagesCarryingRelay } from './relay/relayCarriers';
import { RelayViewer } from './relay/relayViewer';
import { StagingArea } from './staging';
import { UploadJobs } from './uploadJobs';

export interface AccountMediaDeps {
  accountDir: string;
  session: { serverUrl: string; userId: string; userSig: string; nickname: string };
  fetch: typeof fetch;
  emit: EventSink;
  kickOutbox: () => void;
  /** A ready body to a live room (AVChatRoom), which keeps no outbox (services/liveSend.ts). */
  sendLive: ForwardDeps['sendLive'];
  desktop: DesktopFiles | null;
  /** The local search index's hook: a message's extra words (M11: text inside combined messages). */
  indexRelayText?: (messageId: string, texts: readonly string[]) => void;
  /** Test seam: tus retries inside one attempt. */
  tusRetryDelays?: number[];
}

/** Everything media for one signed-in account: staging, uploads, the file cache and serving, relays, forwarding. */
export interface AccountMedia {
  stageBegin(input: ParsedInput<'files:stageBegin'>): Promise<RequestOutput<'files:stageBegin'>>;
  stageChunk(input: ParsedInput<'files:stageChunk'>): Promise<RequestOutput<'files:stageChunk'>>;
  sendFile(input: ParsedInput<'messages:sendFile'>): Promise<ChatMessage>;
  cancelUpload(input: ParsedInput<'messages:cancelUpload'>): Promise<void>;
  forward(input: ParsedInput<'messages:forward'>): Promise<void>;
  openRelay(key: string): Promise<RequestOutput<'relay:open'>>;
  openFile(uuid: string, name: string): Promise<void>;
  showInFolder(uuid: string, name: string): Promise<void>;
  /** A file for the renderer by blob UUID (own staged/uploaded files, the cache, else downloaded). */
  serve(request: MediaRequest): Promise<MediaReply>;
  /** The outbox's step before sending an entry: uploads first when it is a file message. */
  prepareSend(send: SendToPrepare, signal: AbortSignal): Promise<MsgBody | null>;
  /** After the store opened: show unfinished uploads as paused, sweep abandoned transfers. */
  start(): void;
  /** P1: uploads a staged image (a profile photo) and returns the server's blob. Online only. */
  uploadImage(stageId: string): Promise<BlobInfo>;
}

export function createAccountMedia(ctx: AccountContext, deps: AccountMediaDeps): AccountMedia {
  const paths = mediaPaths(deps.accountDir);
  const blobs = new BlobCache(paths.blobs);
  const http = (): ServerHttp | null =>
    ctx.tasks.closed
      ? null
      : {
          serverUrl: deps.session.serverUrl,
          authHeaders: () => ({ [AUTH_HEADERS.userId]: deps.session.userId, [AUTH_HEADERS.userSig]: deps.session.userSig }),
          fetch: deps.fetch,
        };
  const downloader = new BlobDownloader(blobs, http);
  const staging = new StagingArea(paths.staging, blobs, ctx.now);
  const sender = new FileSender(ctx, {
    staging,
    blobs,
    jobs: new UploadJobs(paths.uploads),
    http,
    emit: deps.emit,
    kickOutbox: deps.kickOutbox,
    tusRetryDelays: deps.tusRetryDelays,
  });
  const indexedBundles = new Set<string>();
  const relays = new RelayViewer(ctx, {
    store: new RelayStore(paths.relays),
    http,
    onBundleText: (key, texts) => {
      if (!deps.indexRelayText || indexedBundles.has(key)) return;
      indexedBundles.add(key);
      for (const id of messagesCarryingRelay(ctx.db, key)) deps.indexRelayText(id, texts);
    },
  });
  const forwarder = new Forwarder(ctx, {
    myNickname: () => deps.session.nickname,
    queued: (messages) => {
      for (const m of messages) ctx.notify.messages(m.conversationId, [m.rowId]);
      ctx.notify.conversations(messages.map((m) => m.conversationId));
      deps.kickOutbox();
    },
    sendLive: deps.sendLive,
  });
  const opener = new FileOpener(paths.opened, downloader, deps.desktop);

  return {
    stageBegin: (input) => staging.begin(input),
    stageChunk: (input) => staging.chunk(input),
    sendFile: (input) => sender.sendFile(input),
    cancelUpload: (input) => sender.cancel(input),
    forward: (input) => forwarder.forward(input),
    openRelay: (key) => relays.open(key),
    openFile: (uuid, name) => opener.open(uuid, name),
    showInFolder: (uuid, name) => opener.showInFolder(uuid, name),
    async serve(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return replyWithStatus(405, 'Method not allowed');
      if (!BlobCache.isHash(request.uuid)) return replyWithStatus(404, 'Not found');
      try {
        const cached = await blobs.get(request.uuid);
        if (cached) return replyWithFile(request, cached);
        const whole = ctx.tasks.track(downloader.ensure(request.uuid, ctx.tasks.signal));
        if (request.range !== null) {
          // Seeking in a video not cached yet: answer the range from the server while the whole file comes in.
          whole.catch(() => {});
          const upstream = await downloader.fetchRange(request.uuid, request.range, ctx.tasks.signal);
          if (upstream) return replyWithServerRange(request, upstream);
        }
        return replyWithFile(request, await whole);
      } catch (error) {
        if (!(error instanceof Error && 'code' in error)) ctx.logger.warn({ err: error, uuid: request.uuid }, 'could not serve a file');
        return replyForError(error);
      }
    },
    prepareSend: (send, signal) => sender.prepare(send, signal),
    uploadImage: (stageId) => ctx.tasks.track(uploadStagedImage(ctx, { staging, blobs, http }, stageId)),
    start() {
      void ctx.tasks.track(
        (async () => {
          await sender.restoreTransfers();
          await staging.removeAbandoned(await sender.stageIdsInUse());
        })().catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not tidy the media folder')),
      );
    },
  };
}
