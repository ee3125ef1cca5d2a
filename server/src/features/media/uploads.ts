import { rm } from 'node:fs/promises';
import { type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server as TusServer } from '@tus/server';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { MEDIA_LIMITS, MediaKind, UPLOAD_METADATA } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type Logger } from '../../logger';
import { type MediaRepository } from '../../store/mediaTypes';

/** Who sent a creation request, set by the HTTP edge after authentication; read when tus creates the upload. */
const uploaders = new WeakMap<IncomingMessage, string>();

export function setUploader(request: IncomingMessage, userId: string): void {
  uploaders.set(request, userId);
}

/** tus hands hooks a web Request wrapping Node's; the authenticated uploader hangs on the Node one. */
function uploaderOf(request: unknown): string | undefined {
  const node = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  return node ? uploaders.get(node) : undefined;
}

/** tus upload IDs as tus names them (16 random bytes, hex). */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** Unfinished uploads are removed a week after they were started. */
const UPLOAD_EXPIRY_MS = 7 * 86_400_000;
const LARGEST_LIMIT = Math.max(...Object.values(MEDIA_LIMITS));

export interface UploadStatus {
  path: string;
  size: number | undefined;
  offset: number;
}

/** Reads tus's `Upload-Metadata` (`key base64,key base64`); unreadable or repeated keys are an error. */
export function parseUploadMetadata(header: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (header === undefined || header.trim() === '') return result;
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || result.has(key) || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) {
      throw new AppError('bad_request', 'Upload-Metadata is malformed.');
    }
    result.set(key, value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8'));
  }
  return result;
}

/**
 * The checks tus leaves to us, made before a creation request reaches it:
 * a declared length (no deferred length), a known kind and the kind's size
 * limit (M2). Returns the kind.
 */
export function checkCreation(request: IncomingMessage): MediaKind {
  if (request.headers['upload-defer-length'] !== undefined || request.headers['upload-concat'] !== undefined) {
    throw new AppError('bad_request', 'Declare the upload’s length (Upload-Length); deferred lengths and concatenation are not supported.');
  }
  const lengthHeader = request.headers['upload-length'];
  if (typeof lengthHeader !== 'string' || !/^\d{1,16}$/.test(lengthHeader)) {
    throw new AppError('bad_request', 'Upload-Length is required.');
  }
  const kind = MediaKind.safeParse(parseUploadMetadata(request.headers['upload-metadata'] as string | undefined).get(UPLOAD_METADATA.kind));
  if (!kind.success) throw new AppError('bad_request', `Upload-Metadata needs a "kind": ${MediaKind.options.join(', ')}.`);
  if (Number(lengthHeader) > MEDIA_LIMITS[kind.data]) throw new AppError('file_too_large');
  return kind.data;
}

/**
 * tus 1.0 resumable uploads (M2) into `<data>/uploads`, kept across restarts
 * (the file store writes each upload's state beside it). Who made an upload
 * is recorded in the media repository when tus creates it.
 */
export class Uploads {
  readonly tus: TusServer;
  private readonly files: FileStore;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly directory: string,
    private readonly deps: { media: MediaRepository; clock: Clock; logger: Logger; publicBaseUrl: () => string },
  ) {
    this.files = new FileStore({ directory, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
    this.tus = new TusServer({
      path: HTTP_PATHS.uploads,
      datastore: this.files,
      maxSize: LARGEST_LIMIT,
      generateUrl: (_request, { id }) => `${deps.publicBaseUrl()}${HTTP_PATHS.uploads}/${id}`,
      onUploadCreate: async (request, upload) => {
        const owner = uploaderOf(request);
        const kind = MediaKind.safeParse(upload.metadata?.[UPLOAD_METADATA.kind]);
        // The HTTP edge checked both before tus saw the request; this only guards against a wiring mistake.
        if (!owner || !kind.success) throw { status_code: 400, body: 'Unauthenticated upload.\n' };
        await deps.media.createUpload({ uploadId: upload.id, owner, kind: kind.data, createdAt: deps.clock.now() });
        return {};
      },
    });
    this.tus.on(EVENTS.POST_TERMINATE, (_request, _response, id) => {
      void deps.media.deleteUpload(id).catch((error: unknown) => deps.logger.warn({ err: error, id }, 'forgetting a terminated upload failed'));
    });
  }

  /** How far an upload got, or null when tus does not know it (never created, terminated or expired). */
  async status(uploadId: string): Promise<UploadStatus | null> {
    try {
      const upload = await this.files.getUpload(uploadId);
      return { path: join(this.directory, uploadId), size: upload.size, offset: upload.offset };
    } catch {
      return null;
    }
  }

  /** Forgets tus's record of a finalized upload (its data file was moved into the blob store). */
  async forget(uploadId: string): Promise<void> {
    await rm(join(this.directory, uploadId), { force: true });
    await rm(join(this.directory, `${uploadId}.json`), { force: true });
  }

  /** Removes expired unfinished uploads every hour. */
  startSweeping(): void {
    this.sweepTimer = setInterval(() => {
      this.tus.cleanUpExpiredUploads().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'sweeping expired uploads failed'));
    }, 3_600_000);
    this.sweepTimer.unref();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }
}
