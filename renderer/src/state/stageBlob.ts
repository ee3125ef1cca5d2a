import { STAGE_CHUNK_BYTES } from '../../../shared/ipc';
import type { ErrorShape } from '../../../shared/errors';
import type { ChatApi } from '../api/chatApi';
import { bytesToBase64 } from './base64';

/** Hands a blob (a cropped avatar) to the core in base64 chunks; the stage ID then names it in one request. */
export async function stageBlob(api: ChatApi, blob: Blob, name: string, mime: string): Promise<{ ok: true; stageId: string } | { ok: false; error: ErrorShape }> {
  const begun = await api.invoke('files:stageBegin', { name, size: blob.size, mime });
  if (!begun.ok) return begun;
  const { stageId } = begun.value;
  for (let offset = 0; offset < blob.size; offset += STAGE_CHUNK_BYTES) {
    const bytes = new Uint8Array(await blob.slice(offset, offset + STAGE_CHUNK_BYTES).arrayBuffer());
    const chunk = await api.invoke('files:stageChunk', { stageId, offset, data: bytesToBase64(bytes) });
    if (!chunk.ok) return chunk;
  }
  return { ok: true, stageId };
}
