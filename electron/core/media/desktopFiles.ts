import { copyFile, link, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BlobDownloader } from './blobDownloader';
import { sanitizeFileName } from './mediaReply';

/** What a desktop host offers (Electron: shell.openPath / shell.showItemInFolder); the web host has none. */
export interface DesktopFiles {
  /** Opens with the system's default app; rejects with the system's reason. */
  openPath(path: string): Promise<void>;
  showItemInFolder(path: string): void;
}

/**
 * files:open / files:showInFolder: the cached blob (downloaded first if needed)
 * gets a copy under its real (sanitised) name, `media/open/<sha256>/<name>`, so
 * the system picks the right app and the person sees the right name.
 */
export class FileOpener {
  constructor(
    private readonly dir: string,
    private readonly downloader: BlobDownloader,
    private readonly desktop: DesktopFiles | null,
  ) {}

  async open(uuid: string, name: string): Promise<void> {
    const desktop = this.requireDesktop();
    const path = await this.namedCopy(uuid, name);
    try {
      await desktop.openPath(path);
    } catch (error) {
      throw new AppError('internal', `The file could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async showInFolder(uuid: string, name: string): Promise<void> {
    const desktop = this.requireDesktop();
    desktop.showItemInFolder(await this.namedCopy(uuid, name));
  }

  async namedCopy(uuid: string, name: string): Promise<string> {
    const blob = await this.downloader.ensure(uuid);
    const folder = join(this.dir, uuid);
    const target = join(folder, sanitizeFileName(name));
    await mkdir(folder, { recursive: true });
    if (await exists(target)) return target;
    try {
      await link(blob.path, target);
    } catch {
      await copyFile(blob.path, target);
    }
    return target;
  }

  private requireDesktop(): DesktopFiles {
    if (!this.desktop) throw new AppError('bad_request', 'Opening files is only possible in the desktop app.');
    return this.desktop;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
