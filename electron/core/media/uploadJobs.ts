import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BlobInfo, MediaKind, MsgElem } from '../../../shared/domain';

/** One file of a file message: the video itself or its poster frame, or the one file of the others. */
export const UploadPart = z.object({
  role: z.enum(['main', 'thumb']),
  stageId: z.string(),
  mediaKind: MediaKind,
  sha256: z.string(),
  size: z.number().int(),
  name: z.string(),
  mime: z.string(),
  /** The tus upload's address once the server made it: a restart resumes there. */
  uploadUrl: z.string().nullable(),
  /** Set once `blob:finalize` answered. */
  blob: BlobInfo.nullable(),
});
export type UploadPart = z.infer<typeof UploadPart>;

/** What a pending file message still has to upload before it can be sent. */
export const UploadJob = z.object({
  clientMsgId: z.string(),
  conversationId: z.string(),
  provisional: MsgElem,
  parts: z.array(UploadPart).min(1).max(2),
});
export type UploadJob = z.infer<typeof UploadJob>;

const CLIENT_MSG_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Upload jobs on disk, one JSON file per pending file message (keyed by its client
 * message ID), written before the message is stored, so the outbox never sends a
 * file message whose upload it knows nothing about, and a restart resumes the upload.
 */
export class UploadJobs {
  constructor(private readonly dir: string) {}

  async load(clientMsgId: string): Promise<UploadJob | null> {
    if (!CLIENT_MSG_ID.test(clientMsgId)) return null;
    try {
      const parsed = UploadJob.safeParse(JSON.parse(await readFile(this.pathOf(clientMsgId), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async save(job: UploadJob): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(job.clientMsgId);
    await writeFile(`${path}.tmp`, JSON.stringify(job));
    await rename(`${path}.tmp`, path);
  }

  async remove(clientMsgId: string): Promise<void> {
    if (!CLIENT_MSG_ID.test(clientMsgId)) return;
    await rm(this.pathOf(clientMsgId), { force: true });
  }

  async all(): Promise<UploadJob[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const jobs = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.load(n.slice(0, -'.json'.length))));
    return jobs.filter((job): job is UploadJob => job !== null);
  }

  private pathOf(clientMsgId: string): string {
    return join(this.dir, `${clientMsgId}.json`);
  }
}
