import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type MediaService } from './media.service';

export function mediaHandlers(media: MediaService): AnyHandler[] {
  return [
    // M2: only the uploader, only a complete upload; a retry after a lost ack returns the same blob.
    defineHandler('blob:finalize', async ({ userId }, input) => ({ blob: await media.finalize(userId, input.uploadId, input.kind) })),
  ];
}
