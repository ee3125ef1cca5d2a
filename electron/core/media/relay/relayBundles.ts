import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SignedRelayBundle } from '../../../../shared/domain';
import type { RelaySigningKey } from './relaySignature';

const KeyList = z.array(z.object({ id: z.string(), publicKey: z.string() }));

/**
 * Opened bundles and the server's signing keys, on disk under `media/relays/`, so
 * a bundle once opened opens (and verifies) offline.
 */
export class RelayStore {
  constructor(private readonly dir: string) {}

  async bundle(key: string): Promise<SignedRelayBundle | null> {
    const parsed = SignedRelayBundle.safeParse(await this.readJson(this.bundlePath(key)));
    return parsed.success && parsed.data.key === key ? parsed.data : null;
  }

  saveBundle(bundle: SignedRelayBundle): Promise<void> {
    return this.writeJson(this.bundlePath(bundle.key), bundle);
  }

  async keys(): Promise<RelaySigningKey[]> {
    const parsed = KeyList.safeParse(await this.readJson(join(this.dir, 'signing-keys.json')));
    return parsed.success ? parsed.data : [];
  }

  saveKeys(keys: readonly RelaySigningKey[]): Promise<void> {
    return this.writeJson(join(this.dir, 'signing-keys.json'), keys);
  }

  /** Keys are server-chosen strings: hashed into a file name that cannot escape the folder. */
  private bundlePath(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private async readJson(path: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(path, 'utf8'));
    } catch {
      return null;
    }
  }

  private async writeJson(path: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(`${path}.tmp`, JSON.stringify(value));
    await rename(`${path}.tmp`, path);
  }
}
