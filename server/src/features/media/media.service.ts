import { open } from 'node:fs/promises';
import { BLOB_HASH, type BlobInfo, type MediaKind } from '../../../../shared/domain';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type Logger } from '../../logger';
import { type BlobRecord, type MediaRepository, type NewBlob } from '../../store/mediaTypes';
import { type BlobFiles } from './blobFiles';
import { type ImageFacts, VARIANT_SIDES, inspectImage, makeVariant } from './images';
import { SNIFF_BYTES, sniffMime } from './sniff';
import { type Uploads } from './uploads';

export interface MediaServiceDeps {
  media: MediaRepository;
  files: BlobFiles;
  uploads: Uploads;
  clock: Clock;
  logger: Logger;
  /** `http(s)://host[:port]` clients reach this server at (a configured public URL, or the listening address). */
  publicBaseUrl: () => string;
}

const VARIANT_MIME: Record<string, string> = { jpeg: 'image/jpeg', webp: 'image/webp' };
const VARIANT_FORMAT: Record<string, number> = { jpeg: 1 };

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function isImageKind(kind: MediaKind): boolean {
  return kind === 'image' || kind === 'videoThumb';
}

/** What a download may serve: the stored file and its facts. */
export interface Download {
  blob: BlobRecord;
  path: string;
}

/**
 * M2: finished uploads become content-addressed blobs (hash, sniffed type,
 * image size and server-made variants), served only to their uploaders and to
 * people in a conversation that carries them.
 */
export class MediaService {
  /** Finalizing one upload twice at the same time would race on its file. */
  private readonly finalizing = new Map<string, Promise<BlobInfo>>();

  constructor(private readonly deps: MediaServiceDeps) {}

  blobUrl(uuid: string): string {
    return `${this.deps.publicBaseUrl()}${HTTP_PATHS.blobs}/${uuid}`;
  }

  finalize(userId: string, uploadId: string, kind: MediaKind): Promise<BlobInfo> {
    const running = this.finalizing.get(uploadId);
    if (running) return running;
    const work = this.runFinalize(userId, uploadId, kind).finally(() => this.finalizing.delete(uploadId));
    this.finalizing.set(uploadId, work);
    return work;
  }

  private async runFinalize(userId: string, uploadId: string, kind: MediaKind): Promise<BlobInfo> {
    const { media, uploads, files, clock } = this.deps;
    const upload = await media.getUpload(uploadId);
    // Someone else's upload is answered like a missing one: upload IDs are not to be probed.
    if (!upload || upload.owner !== userId) throw new AppError('not_found', 'No such upload.');
    if (upload.kind !== kind) throw new AppError('bad_request', `This upload was started as "${upload.kind}", not "${kind}".`);
    if (upload.blobUuid) return this.info(upload.blobUuid);

    const status = await uploads.status(uploadId);
    if (!status) throw new AppError('not_found', 'No such upload.');
    if (status.size === undefined || status.offset !== status.size) {
      throw new AppError('bad_request', `The upload is not complete yet (${status.offset} of ${status.size ?? '?'} bytes).`);
    }
    const uuid = await files.hashFile(status.path);
    const now = clock.now();
    const known = (await media.getBlobs([uuid]))[0];
    let blob: NewBlob;
    let variants: Array<{ type: 2 | 3; blob: NewBlob }>;
    if (known) {
      if (isImageKind(kind) && known.width === null) throw new AppError('element_mismatch', 'That file is not an image.');
      blob = known;
      const stored = await media.getBlobs(known.variants.map((v) => v.uuid));
      variants = known.variants.flatMap((v) => {
        const variant = v.uuid === known.uuid ? known : stored.find((s) => s.uuid === v.uuid);
        return variant ? [{ type: v.type, blob: variant }] : [];
      });
    } else {
      const mime = sniffMime(await readHead(status.path));
      const facts = isImageKind(kind) ? await inspectImage(status.path, mime) : null;
      if (isImageKind(kind) && !facts) throw new AppError('element_mismatch', 'That file is not an image this server accepts (JPEG, PNG, GIF, WebP, BMP, TIFF, AVIF).');
      blob = {
        uuid,
        size: status.size,
        mime: facts?.mime ?? mime,
        kind,
        width: facts?.width ?? null,
        height: facts?.height ?? null,
        imageFormat: facts?.imageFormat ?? null,
        createdAt: now,
      };
      variants = facts ? await this.makeVariants(status.path, facts, blob) : [];
    }
    await files.adopt(status.path, uuid);
    await media.saveFinalized({ uploadId, owner: userId, blob, variants });
    await uploads.forget(uploadId);
    return this.info(uuid);
  }

  private async makeVariants(path: string, facts: ImageFacts, original: NewBlob): Promise<Array<{ type: 2 | 3; blob: NewBlob }>> {
    const result: Array<{ type: 2 | 3; blob: NewBlob }> = [];
    for (const type of [2, 3] as const) {
      const variant = await makeVariant(path, facts, VARIANT_SIDES[type]);
      if (!variant) {
        result.push({ type, blob: original });
        continue;
      }
      const uuid = await this.deps.files.put(variant.data);
      result.push({
        type,
        blob: {
          uuid,
          size: variant.data.length,
          mime: VARIANT_MIME[facts.format] ?? 'image/png',
          kind: original.kind,
          width: variant.width,
          height: variant.height,
          imageFormat: VARIANT_FORMAT[facts.format] ?? (facts.format === 'webp' ? 255 : 3),
          createdAt: original.createdAt,
        },
      });
    }
    return result;
  }

  /** BlobInfo of a stored blob, with absolute URLs. */
  async info(uuid: string): Promise<BlobInfo> {
    const blob = (await this.deps.media.getBlobs([uuid]))[0];
    if (!blob) throw new AppError('not_found', 'No such file.');
    const variantUuids = blob.variants.map((v) => v.uuid).filter((v) => v !== uuid);
    const variantRecords = await this.deps.media.getBlobs(variantUuids);
    return {
      uuid: blob.uuid,
      size: blob.size,
      mime: blob.mime,
      url: this.blobUrl(blob.uuid),
      width: blob.width,
      height: blob.height,
      imageFormat: blob.imageFormat,
      variants: blob.variants.flatMap(({ type, uuid: variantUuid }) => {
        const record = variantUuid === blob.uuid ? blob : variantRecords.find((r) => r.uuid === variantUuid);
        if (!record || record.width === null || record.height === null) return [];
        return [{ type, uuid: record.uuid, size: record.size, width: record.width, height: record.height, url: this.blobUrl(record.uuid) }];
      }),
    };
  }

  /**
   * A blob the user may download: unknown → not_found; known but neither
   * theirs nor carried by a conversation they take part in → file_unavailable.
   */
  async download(userId: string, uuid: string): Promise<Download> {
    if (!BLOB_HASH.test(uuid)) throw new AppError('not_found', 'No such file.');
    const blob = (await this.deps.media.getBlobs([uuid]))[0];
    if (!blob) throw new AppError('not_found', 'No such file.');
    const allowed = await this.deps.media.accessible(userId, 'blob', [uuid]);
    if (!allowed.has(uuid)) throw new AppError('file_unavailable');
    return { blob, path: this.deps.files.pathOf(uuid) };
  }
}
