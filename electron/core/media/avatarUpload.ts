import { MEDIA_LIMITS, UPLOAD_METADATA, type BlobInfo } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { HTTP_PATHS } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import type { BlobCache } from './blobCache';
import type { ServerHttp } from './blobDownloader';
import type { StagingArea } from './staging';
import { runTusUpload } from './tusUpload';

/**
 * P1: a staged image (the renderer already cropped it) uploaded as an image blob — the
 * same tus upload and `blob:finalize` as an image message — for the profile's avatar URL.
 * Not resumable across a restart (the person can simply pick the picture again).
 */
export async function uploadStagedImage(
  ctx: AccountContext,
  deps: { staging: StagingArea; blobs: BlobCache; http: () => ServerHttp | null },
  stageId: string,
): Promise<BlobInfo> {
  const staged = await deps.staging.requireComplete(stageId);
  if (!staged.mime.startsWith('image/')) throw new AppError('bad_request', 'Pick an image for the profile photo.');
  if (staged.size > MEDIA_LIMITS.image) throw new AppError('file_too_large');
  const http = deps.http();
  if (!http) throw new AppError('unauthenticated');
  if (!ctx.connection.isOnline()) throw new AppError('offline');
  const cached = await deps.blobs.get(staged.sha256);
  if (!cached) throw new AppError('bad_request', 'The picture is gone from this device; pick it again.');
  const uploadUrl = await runTusUpload({
    filePath: cached.path,
    size: staged.size,
    endpoint: `${http.serverUrl.replace(/\/+$/, '')}${HTTP_PATHS.uploads}`,
    headers: http.authHeaders(),
    metadata: { [UPLOAD_METADATA.kind]: 'image', [UPLOAD_METADATA.filename]: staged.name, [UPLOAD_METADATA.mime]: staged.mime },
    resumeUrl: null,
    onUrl: () => {},
    onProgress: () => {},
    signal: ctx.tasks.signal,
    retryDelays: [0, 1_000],
  });
  const uploadId = decodeURIComponent(new URL(uploadUrl).pathname.split('/').pop() ?? '');
  const { blob } = await ctx.connection.request('blob:finalize', { uploadId, kind: 'image' });
  await deps.staging.remove(stageId);
  return blob;
}
