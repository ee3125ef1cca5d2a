import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type Clock } from '../../clock';
import { type Store } from '../../store/types';
import { type HistoryChatType, hourFileText, parseHour } from './hourFile';

const gzipAsync = promisify(gzip);

/** How far back an hour may be asked for (contract §3.17: the last 7 days). */
export const HISTORY_WINDOW_MS = 7 * 86_400_000;
/** How long a download link works. */
export const DOWNLOAD_TTL_MS = 3_600_000;

export interface HistoryFileInfo {
  fileId: string;
  /** Unix ms after which the download link stops working. */
  expiresAt: number;
  /** Hex HMAC over the file ID and expiry: the link's proof. */
  signature: string;
  fileSize: number;
  fileMd5: string;
  gzipSize: number;
  gzipMd5: string;
}

export type HourFileResult =
  | { status: 'ok'; file: HistoryFileInfo }
  /** The hour is malformed, in the future or older than the window. */
  | { status: 'invalid_hour' }
  /** Nothing was stored in that hour. */
  | { status: 'empty' };

export type DownloadResult = { status: 'ok'; gzip: Buffer } | { status: 'forbidden' } | { status: 'expired' };

interface CachedFile {
  gzip: Buffer;
  expiresAt: number;
}

/**
 * S1 message logs: builds an hour's gzip file on demand, keeps it in memory
 * until its link expires (so the MD5s handed out match what is downloaded,
 * whatever is recalled meanwhile) and serves it to whoever holds the signed link.
 */
export class HistoryService {
  private readonly files = new Map<string, CachedFile>();
  private cachedBytes = 0;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      sdkAppId: number;
      /** Signs download links (the deployment's secret key). */
      signingKey: string;
      /** Memory kept for files waiting to be downloaded; the oldest go first beyond it. */
      maxCachedBytes?: number;
    },
  ) {}

  async hourFile(chatType: HistoryChatType, msgTime: string): Promise<HourFileResult> {
    const hour = parseHour(msgTime);
    const now = this.deps.clock.now();
    if (!hour || hour.startMs > now || hour.endMs <= now - HISTORY_WINDOW_MS) return { status: 'invalid_hour' };
    // No group messages exist yet: a Group log is always empty.
    const messages = chatType === 'C2C' ? (await this.deps.store.history.betweenTimes(hour.startMs, hour.endMs)).filter((m) => !m.recalled) : [];
    if (messages.length === 0) return { status: 'empty' };

    const plain = Buffer.from(hourFileText({ sdkAppId: this.deps.sdkAppId, chatType, msgTime }, messages), 'utf8');
    const compressed = await gzipAsync(plain);
    const fileId = randomBytes(16).toString('hex');
    const expiresAt = now + DOWNLOAD_TTL_MS;
    this.keep(fileId, { gzip: compressed, expiresAt });
    return {
      status: 'ok',
      file: {
        fileId,
        expiresAt,
        signature: this.sign(fileId, expiresAt),
        fileSize: plain.length,
        fileMd5: md5(plain),
        gzipSize: compressed.length,
        gzipMd5: md5(compressed),
      },
    };
  }

  download(fileId: string, expiresAt: number, signature: string): DownloadResult {
    const expected = Buffer.from(this.sign(fileId, expiresAt), 'hex');
    const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forbidden' };
    const file = this.files.get(fileId);
    if (expiresAt <= this.deps.clock.now() || !file) return { status: 'expired' };
    return { status: 'ok', gzip: file.gzip };
  }

  private sign(fileId: string, expiresAt: number): string {
    return createHmac('sha256', this.deps.signingKey).update(`msg-history\n${fileId}\n${expiresAt}`).digest('hex');
  }

  private keep(fileId: string, file: CachedFile): void {
    const now = this.deps.clock.now();
    const limit = this.deps.maxCachedBytes ?? 256 * 1024 * 1024;
    // Insertion order is expiry order (one TTL for all), so both sweeps take from the front.
    for (const [id, cached] of this.files) {
      if (cached.expiresAt > now && this.cachedBytes + file.gzip.length <= limit) break;
      this.files.delete(id);
      this.cachedBytes -= cached.gzip.length;
    }
    this.files.set(fileId, file);
    this.cachedBytes += file.gzip.length;
  }
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}
