import { MEDIA_LIMITS, messageId, parseMessageId, UPLOAD_METADATA, type ChatMessage, type MediaKind, type MsgBody } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EventSink, ParsedInput } from '../../../shared/ipc';
import { HTTP_PATHS } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { getConversation } from '../store/tables/conversations';
import { newClientMsgId } from '../services/clientMsgId';
import { toChatMessage } from '../services/views';
import type { BlobCache } from './blobCache';
import type { ServerHttp } from './blobDownloader';
import { finalElement, provisionalElement, type FileFacts } from './fileBodies';
import { deleteUnsentMessage, ownMessage, queueableTarget, queueOwnMessage } from './ownMessages';
import type { StagingArea } from './staging';
import { runTusUpload, terminateTusUpload } from './tusUpload';
import { setTransfer, throttle } from './transfers';
import type { UploadJobs, UploadJob, UploadPart } from './uploadJobs';

export interface FileSenderDeps {
  staging: StagingArea;
  blobs: BlobCache;
  jobs: UploadJobs;
  http: () => ServerHttp | null;
  emit: EventSink;
  kickOutbox: () => void;
  /** Test seam: tus retries inside one attempt. */
  tusRetryDelays?: number[];
}

/** A queued send about to go out (the outbox's `SendToPrepare`). */
export interface SendToPrepare {
  messageRowId: number;
  conversationId: string;
  clientMsgId: string;
}

/** Progress events at most this often (≈5/s). */
const PROGRESS_INTERVAL_MS = 200;

/**
 * M2: file messages. `sendFile` shows the message at once (pending, with a body
 * that already names the content's hash) and leaves the rest to the outbox:
 * before it sends the entry, `prepare` uploads each file with tus (resuming a
 * dropped or interrupted upload where the server stopped), finalizes it, and
 * swaps in the final element. `cancel` stops all that and removes the message.
 */
export class FileSender {
  private readonly running = new Map<string, AbortController>();
  private readonly cancelled = new Set<string>();

  constructor(
    private readonly ctx: AccountContext,
    private readonly deps: FileSenderDeps,
  ) {}

  async sendFile(input: ParsedInput<'messages:sendFile'>): Promise<ChatMessage> {
    const { staging } = this.deps;
    queueableTarget(this.ctx.db, input.conversationId);
    const http = this.requireHttp();
    const main = await staging.requireComplete(input.stageId);
    if (main.size > MEDIA_LIMITS[input.kind]) throw new AppError('file_too_large');
    const thumbStage = input.thumbStageId ? await staging.requireComplete(input.thumbStageId) : null;
    if (input.kind === 'video' && !thumbStage) throw new AppError('bad_request', 'A video needs a poster frame.');
    if (thumbStage && thumbStage.size > MEDIA_LIMITS.videoThumb) throw new AppError('file_too_large');
    if (this.ctx.tasks.closed) throwSignedOut();

    const part = (role: UploadPart['role'], mediaKind: MediaKind, f: typeof main): UploadPart => ({
      role,
      stageId: f.stageId,
      mediaKind,
      sha256: f.sha256,
      size: f.size,
      name: f.name,
      mime: f.mime,
      uploadUrl: null,
      blob: null,
    });
    const facts = (f: typeof main): FileFacts => ({ sha256: f.sha256, size: f.size, name: f.name, mime: f.mime });
    const provisional = provisionalElement(http.serverUrl, {
      kind: input.kind,
      file: facts(main),
      thumb: thumbStage && input.kind === 'video' ? facts(thumbStage) : null,
      durationSec: input.durationSec ?? null,
    });
    const parts = [part('main', input.kind, main)];
    if (thumbStage && input.kind === 'video') parts.push(part('thumb', 'videoThumb', thumbStage));
    const clientMsgId = newClientMsgId();
    // The job is on disk before the message exists: the outbox never meets a file message it cannot upload.
    await this.deps.jobs.save({ clientMsgId, conversationId: input.conversationId, provisional, parts });
    if (this.ctx.tasks.closed) throwSignedOut();
    const queued = queueOwnMessage(this.ctx, input.conversationId, [provisional], { clientMsgId, replyTo: input.replyToId });
    setTransfer(messageId(this.ctx.me, clientMsgId), { state: 'paused', sent: 0, total: totalOf(parts) });
    this.ctx.notify.messages(queued.conversationId, [queued.rowId]);
    this.ctx.notify.conversations([queued.conversationId]);
    this.deps.kickOutbox();
    return this.view(clientMsgId);
  }

  /**
   * The outbox's step before a send leaves (`BodyPreparer`): for a file message,
   * upload what is left and return the final body (the outbox stores it as the
   * message's); for anything else null (send as queued). Throws AppError as a send
   * would: `timeout` for an interrupted upload, so the outbox backs off and tries
   * again; `offline` when stopped; `upload_cancelled` once cancelled.
   */
  async prepare(send: SendToPrepare, signal: AbortSignal): Promise<MsgBody | null> {
    const { clientMsgId } = send;
    const job = await this.deps.jobs.load(clientMsgId);
    if (!job) return null;
    if (this.cancelled.has(clientMsgId)) throw new AppError('upload_cancelled');
    const id = messageId(this.ctx.me, clientMsgId);
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal.addEventListener('abort', stop, { once: true });
    this.running.set(clientMsgId, controller);
    const total = totalOf(job.parts);
    let sent = job.parts.filter((p) => p.blob).reduce((sum, p) => sum + p.size, 0);
    const progress = throttle(PROGRESS_INTERVAL_MS, this.ctx.now, () => {
      if (!this.ctx.tasks.closed && !this.cancelled.has(clientMsgId)) this.ctx.notify.messages(send.conversationId, [send.messageRowId]);
    });
    const cancelled = () => this.cancelled.has(clientMsgId);
    try {
      for (const part of job.parts) {
        if (part.blob) continue;
        const done = sent;
        setTransfer(id, { state: 'uploading', sent, total });
        progress.poke();
        const uploadUrl = await this.upload(job, part, controller.signal, (partSent) => {
          sent = done + partSent;
          setTransfer(id, { state: 'uploading', sent, total });
          progress.poke();
        });
        if (cancelled()) throw new AppError('upload_cancelled');
        const uploadId = decodeURIComponent(new URL(uploadUrl).pathname.split('/').pop() ?? '');
        const { blob } = await this.ctx.connection.request('blob:finalize', { uploadId, kind: part.mediaKind });
        part.blob = blob;
        sent = done + part.size;
        await this.deps.jobs.save(job);
      }
      if (cancelled()) throw new AppError('upload_cancelled');
      const main = job.parts.find((p) => p.role === 'main')?.blob;
      const thumb = job.parts.find((p) => p.role === 'thumb')?.blob ?? null;
      if (!main) throw new AppError('internal', 'The upload finished without a file.');
      const body: MsgBody = [finalElement(job.provisional, main, thumb)];
      await this.deps.jobs.remove(clientMsgId);
      await Promise.all(job.parts.map((p) => this.deps.staging.remove(p.stageId)));
      setTransfer(id, null);
      progress.cancel();
      return body;
    } catch (error) {
      progress.cancel();
      if (cancelled()) throw new AppError('upload_cancelled');
      setTransfer(id, { state: 'paused', sent, total });
      if (!this.ctx.tasks.closed) this.ctx.notify.messages(send.conversationId, [send.messageRowId]);
      if (controller.signal.aborted) throw new AppError('offline', 'The upload was stopped.');
      throw error;
    } finally {
      signal.removeEventListener('abort', stop);
      this.running.delete(clientMsgId);
    }
  }

  /** Stops the upload, removes it from the server, and takes the message away. */
  async cancel(input: ParsedInput<'messages:cancelUpload'>): Promise<void> {
    const key = parseMessageId(input.id);
    if (!key || key.sender !== this.ctx.me) throw new AppError('not_found', 'No such upload.');
    const job = await this.deps.jobs.load(key.clientMsgId);
    const message = ownMessage(this.ctx, key.clientMsgId);
    if (!job || !message || message.seq !== null) throw new AppError('not_found', 'This file is not being uploaded any more.');
    this.cancelled.add(key.clientMsgId);
    this.running.get(key.clientMsgId)?.abort();
    deleteUnsentMessage(this.ctx.db, message.rowId);
    setTransfer(input.id, null);
    await this.deps.jobs.remove(key.clientMsgId);
    const http = this.deps.http();
    const stillNeeded = await this.blobsOfOtherJobs(key.clientMsgId);
    await Promise.all(
      job.parts.map(async (part) => {
        if (part.uploadUrl && !part.blob && http) await terminateTusUpload(part.uploadUrl, http.authHeaders(), http.serverUrl);
        await this.deps.staging.remove(part.stageId);
        if (!stillNeeded.has(part.sha256)) await this.deps.blobs.remove(part.sha256);
      }),
    );
    this.deps.emit('messages:removed', { conversationId: message.conversationId, ids: [input.id], clearedUpToSeq: null });
    this.ctx.notify.conversations([message.conversationId]);
  }

  /** Staged files an unsent message still needs (kept by the abandoned-transfer sweep). */
  async stageIdsInUse(): Promise<Set<string>> {
    const jobs = await this.deps.jobs.all();
    return new Set(jobs.flatMap((job) => job.parts.map((p) => p.stageId)));
  }

  /** After a restart: show pending uploads as paused until the outbox picks them up. */
  async restoreTransfers(): Promise<void> {
    for (const job of await this.deps.jobs.all()) {
      const message = ownMessage(this.ctx, job.clientMsgId);
      if (!message) {
        // Written just before a crash that came before the message was stored.
        await this.deps.jobs.remove(job.clientMsgId);
        continue;
      }
      const sent = job.parts.filter((p) => p.blob).reduce((sum, p) => sum + p.size, 0);
      setTransfer(messageId(this.ctx.me, job.clientMsgId), { state: 'paused', sent, total: totalOf(job.parts) });
    }
  }

  private async upload(job: UploadJob, part: UploadPart, signal: AbortSignal, onSent: (sent: number) => void): Promise<string> {
    const http = this.requireHttp();
    const cached = await this.deps.blobs.get(part.sha256);
    if (!cached) throw new AppError('bad_request', 'The file to upload is gone from this device.');
    return runTusUpload({
      filePath: cached.path,
      size: part.size,
      endpoint: `${http.serverUrl.replace(/\/+$/, '')}${HTTP_PATHS.uploads}`,
      headers: http.authHeaders(),
      metadata: { [UPLOAD_METADATA.kind]: part.mediaKind, [UPLOAD_METADATA.filename]: part.name, [UPLOAD_METADATA.mime]: part.mime },
      resumeUrl: part.uploadUrl,
      onUrl: (url) => {
        if (part.uploadUrl === url) return;
        part.uploadUrl = url;
        void this.deps.jobs.save(job);
      },
      onProgress: (sent) => onSent(sent),
      signal,
      retryDelays: this.deps.tusRetryDelays,
    }).catch((error: unknown) => {
      // An interrupted upload is worth another try after a back-off, not a failed message.
      if (error instanceof AppError && error.code === 'offline' && !signal.aborted) throw new AppError('timeout', error.message);
      throw error;
    });
  }

  private async blobsOfOtherJobs(exceptClientMsgId: string): Promise<Set<string>> {
    const jobs = await this.deps.jobs.all();
    return new Set(jobs.filter((j) => j.clientMsgId !== exceptClientMsgId).flatMap((j) => j.parts.map((p) => p.sha256)));
  }

  private requireHttp(): ServerHttp {
    const http = this.deps.http();
    if (!http) throw new AppError('unauthenticated');
    return http;
  }

  private view(clientMsgId: string): ChatMessage {
    const message = ownMessage(this.ctx, clientMsgId);
    if (!message) throw new AppError('not_found', 'No such message.');
    return toChatMessage(message, this.ctx.me, getConversation(this.ctx.db, message.conversationId)?.peerReadSeq ?? 0, this.ctx.db);
  }
}

function totalOf(parts: readonly UploadPart[]): number {
  return parts.reduce((sum, p) => sum + p.size, 0);
}

function throwSignedOut(): never {
  throw new AppError('unauthenticated');
}
