import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BLOB_HASH } from '../../../../shared/domain';

/**
 * Content-addressed files: `<root>/ab/cd/<sha256>`. The same content is kept
 * once however often it is uploaded; a file is only ever moved into place
 * whole (rename), so a reader never sees half of one.
 */
export class BlobFiles {
  constructor(readonly root: string) {}

  pathOf(uuid: string): string {
    if (!BLOB_HASH.test(uuid)) throw new Error(`Not a blob hash: ${uuid}`);
    return join(this.root, uuid.slice(0, 2), uuid.slice(2, 4), uuid);
  }

  async hashFile(path: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  }

  /** Moves a finished file into the store under its hash (or drops it when that content is stored already). */
  async adopt(sourcePath: string, uuid: string): Promise<void> {
    const target = this.pathOf(uuid);
    if (await this.exists(target)) {
      await rm(sourcePath, { force: true });
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(sourcePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await copyFile(sourcePath, temporary);
      await rename(temporary, target);
      await rm(sourcePath, { force: true });
    }
  }

  /** Stores bytes made by the server (image variants); returns their hash. */
  async put(data: Buffer): Promise<string> {
    const uuid = createHash('sha256').update(data).digest('hex');
    const target = this.pathOf(uuid);
    if (await this.exists(target)) return uuid;
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
    return uuid;
  }
}
