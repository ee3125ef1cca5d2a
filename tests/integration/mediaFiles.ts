import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../shared/domain';
import { STAGE_CHUNK_BYTES } from '../../shared/ipc';
import type { TestCore } from '../support/core';

/** Hands a file to a core the way the renderer does: files:stageBegin, then base64 chunks in order. */
export async function stageFile(person: TestCore, bytes: Buffer, name: string, mime: string): Promise<string> {
  const { stageId } = await person.call('files:stageBegin', { name, size: bytes.length, mime });
  for (let offset = 0; offset < bytes.length; offset += STAGE_CHUNK_BYTES) {
    const data = bytes.subarray(offset, offset + STAGE_CHUNK_BYTES).toString('base64');
    await person.call('files:stageChunk', { stageId, offset, data });
  }
  return stageId;
}

/** What the renderer would load from `mediaBaseUrl + uuid`: the core's reply, read whole. */
export async function fetchMedia(person: TestCore, uuid: string, range: string | null = null) {
  const reply = await person.core.media.serve({ uuid, method: 'GET', range, download: null });
  const chunks: Buffer[] = [];
  if (reply.body) for await (const chunk of reply.body) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { status: reply.status, headers: reply.headers, bytes };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The newest state of a message as the renderer saw it through messages:changed. */
export function latestView(person: TestCore, id: string): ChatMessage | undefined {
  return person
    .eventsOf('messages:changed')
    .flatMap((e) => e.messages)
    .filter((m) => m.id === id)
    .at(-1);
}
