import {
  BLOB_HASH,
  MAX_BODY_BYTES,
  MEDIA_LIMITS,
  type MediaKind,
  MsgElem,
  type StoredElem,
} from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type BlobRecord, type MediaRef, type MediaRepository } from '../../store/mediaTypes';

type MediaElem = Extract<MsgElem, { MsgType: 'TIMImageElem' | 'TIMSoundElem' | 'TIMFileElem' | 'TIMVideoFileElem' | 'TIMRelayElem' }>;

const MEDIA_TYPES = new Set(['TIMImageElem', 'TIMSoundElem', 'TIMFileElem', 'TIMVideoFileElem', 'TIMRelayElem']);

/** Cheap first look: does the body carry anything that refers to a file or a bundle? (No parsing, no queries.) */
export function carriesMedia(body: readonly StoredElem[]): boolean {
  return body.some((elem) => MEDIA_TYPES.has(elem.MsgType));
}

/**
 * Every media element of a body, including those inside inline combined-forward lists (MsgList), at any depth.
 * `strict`: a media type in the wrong shape (accepted inside MsgList as an unknown element) is refused rather than skipped.
 */
export function mediaElementsOf(body: readonly StoredElem[], options: { strict?: boolean } = {}): MediaElem[] {
  const found: MediaElem[] = [];
  const visit = (elems: readonly StoredElem[]) => {
    for (const raw of elems) {
      if (!MEDIA_TYPES.has(raw.MsgType)) continue;
      const parsed = MsgElem.safeParse(raw);
      if (!parsed.success && options.strict) throw new AppError('element_mismatch', `A ${raw.MsgType} element is malformed.`);
      if (!parsed.success) continue;
      // The parsed copy is only for reading; checks and rewrites act on `raw`, the body's own object.
      const elem = raw as MediaElem;
      found.push(elem);
      if (elem.MsgType === 'TIMRelayElem') for (const message of elem.MsgContent.MsgList ?? []) visit(message.MsgBody);
    }
  };
  visit(body);
  return found;
}

function limitOf(kind: MediaKind, declared: number): void {
  if (declared > MEDIA_LIMITS[kind]) throw new AppError('file_too_large');
}

function mismatch(what: string): AppError {
  return new AppError('element_mismatch', `${what} does not match the stored file.`);
}

/**
 * M2/M7 in the send path: every file a body names must exist and be the
 * sender's to use (they uploaded it, or it reached them in a conversation);
 * declared sizes and dimensions must be the stored file's; URL fields become
 * the canonical download URL. Admin REST sends (`externalMedia`) may also name
 * files kept elsewhere (Tencent allows any URL and UUID): only UUIDs of blobs
 * stored here are checked and rewritten there.
 */
export class MediaReferences {
  constructor(
    private readonly deps: {
      media: MediaRepository;
      blobUrl: (uuid: string) => string;
    },
  ) {}

  /** Checks the body and rewrites its URL fields in place (the body belongs to the request being checked). */
  async checkBody(sender: string, body: readonly StoredElem[], options: { externalMedia?: boolean } = {}): Promise<void> {
    if (!carriesMedia(body)) return;
    // Over 12 KB fails later anyway: refuse it before walking and querying up to 1 MB of nested elements.
    if (Buffer.byteLength(JSON.stringify(body), 'utf8') > MAX_BODY_BYTES) throw new AppError('body_too_large');
    // Strict: a file element nobody checked must not be stored (it would name a blob or URL unverified).
    const elems = mediaElementsOf(body, { strict: true });
    for (const elem of elems) checkDeclaredLimits(elem);

    const uuids = new Set<string>();
    const relayKeys = new Set<string>();
    for (const elem of elems) {
      for (const uuid of namedUuids(elem)) uuids.add(uuid);
      if (elem.MsgType === 'TIMRelayElem' && elem.MsgContent.JsonMsgKey !== undefined) relayKeys.add(elem.MsgContent.JsonMsgKey);
    }
    const hashes = [...uuids].filter((uuid) => BLOB_HASH.test(uuid));
    const blobs = new Map((await this.deps.media.getBlobs(hashes)).map((b) => [b.uuid, b]));
    // Variants a client left out of ImageInfoArray are filled in from the original's.
    const variantUuids = [...blobs.values()].flatMap((b) => b.variants.map((v) => v.uuid)).filter((uuid) => !blobs.has(uuid));
    for (const variant of await this.deps.media.getBlobs(variantUuids)) blobs.set(variant.uuid, variant);

    const external = options.externalMedia === true;
    const named = external ? hashes.filter((uuid) => blobs.has(uuid)) : [...uuids];
    if (!external && named.some((uuid) => !blobs.has(uuid))) throw new AppError('file_unavailable');
    const usable = await this.deps.media.accessible(sender, 'blob', named);
    if (named.some((uuid) => !usable.has(uuid))) throw new AppError('file_unavailable');

    if (relayKeys.size > 0) {
      const keys = [...relayKeys];
      const visible = await this.deps.media.accessible(sender, 'relay', keys);
      for (const key of keys) {
        if (visible.has(key)) continue;
        if (external && (await this.deps.media.getRelay(key)) === null) continue;
        throw new AppError('relay_unavailable');
      }
    }

    for (const elem of elems) this.verifyAndRewrite(elem, blobs, external);
  }

  private verifyAndRewrite(elem: MediaElem, blobs: ReadonlyMap<string, BlobRecord>, external: boolean): void {
    // External mode: a UUID that is not a blob here is left exactly as sent.
    const stored = (uuid: string): BlobRecord | null => blobs.get(uuid) ?? (external ? null : fail());
    const fail = (): never => {
      throw new AppError('file_unavailable');
    };
    switch (elem.MsgType) {
      case 'TIMImageElem': {
        const content = elem.MsgContent;
        const original = stored(content.UUID);
        if (!original) return;
        if (original.width === null || original.height === null) throw new AppError('element_mismatch', 'That file is not an image.');
        if (content.ImageFormat !== (original.imageFormat ?? 255)) throw mismatch('ImageFormat');
        for (const info of content.ImageInfoArray) {
          const uuid = info.UUID ?? (info.Type === 1 ? original.uuid : original.variants.find((v) => v.type === info.Type)?.uuid);
          const blob = uuid === undefined ? undefined : blobs.get(uuid);
          if (!blob) throw mismatch(`ImageInfo Type ${info.Type}`);
          if (info.Type === 1 && blob.uuid !== original.uuid) throw mismatch('The original image');
          if (info.Size !== blob.size || info.Width !== blob.width || info.Height !== blob.height) throw mismatch(`ImageInfo Type ${info.Type}`);
          info.UUID = blob.uuid;
          info.URL = this.deps.blobUrl(blob.uuid);
        }
        return;
      }
      case 'TIMSoundElem': {
        const blob = stored(elem.MsgContent.UUID);
        if (!blob) return;
        if (elem.MsgContent.Size !== blob.size) throw mismatch('Size');
        elem.MsgContent.Url = this.deps.blobUrl(blob.uuid);
        return;
      }
      case 'TIMFileElem': {
        const blob = stored(elem.MsgContent.UUID);
        if (!blob) return;
        if (elem.MsgContent.FileSize !== blob.size) throw mismatch('FileSize');
        elem.MsgContent.Url = this.deps.blobUrl(blob.uuid);
        return;
      }
      case 'TIMVideoFileElem': {
        const content = elem.MsgContent;
        const video = stored(content.VideoUUID);
        if (video) {
          if (content.VideoSize !== video.size) throw mismatch('VideoSize');
          content.VideoUrl = this.deps.blobUrl(video.uuid);
        }
        const thumb = stored(content.ThumbUUID);
        if (thumb) {
          if (thumb.width === null) throw new AppError('element_mismatch', 'The video thumbnail is not an image.');
          if (content.ThumbSize !== thumb.size || content.ThumbWidth !== thumb.width || content.ThumbHeight !== thumb.height) {
            throw mismatch('The video thumbnail');
          }
          content.ThumbUrl = this.deps.blobUrl(thumb.uuid);
        }
        return;
      }
      case 'TIMRelayElem':
        return;
    }
  }

  /**
   * After a message was stored: the conversation carrying it now carries its
   * blobs and bundles, and everything those bundles reach. Null (nothing to
   * wait for, no query) for bodies without media.
   */
  recordRefs(message: { from: string; clientMsgId: string }, body: readonly StoredElem[]): Promise<void> | null {
    if (!carriesMedia(body)) return null;
    return (async () => this.deps.media.recordRefs(message, await this.refsOf(body)))();
  }

  /**
   * An online-only message (REST MsgLifeTime 0) is never stored, so no
   * conversation records what it carried: its parties are granted its blobs and
   * bundles (and everything those reach) instead, before it is pushed. Null for
   * bodies without media.
   */
  grantRefs(parties: readonly string[], body: readonly StoredElem[]): Promise<void> | null {
    if (!carriesMedia(body)) return null;
    return (async () => this.deps.media.grantRefs(parties, await this.refsOf(body)))();
  }

  /** The blobs and bundles a body names, and everything those bundles reach. */
  private async refsOf(body: readonly StoredElem[]): Promise<MediaRef[]> {
    const refs: MediaRef[] = [];
    const keys: string[] = [];
    for (const elem of mediaElementsOf(body)) {
      for (const uuid of namedUuids(elem)) if (BLOB_HASH.test(uuid)) refs.push({ kind: 'blob', ref: uuid });
      if (elem.MsgType === 'TIMRelayElem' && elem.MsgContent.JsonMsgKey !== undefined) keys.push(elem.MsgContent.JsonMsgKey);
    }
    for (const key of keys) refs.push({ kind: 'relay', ref: key });
    if (keys.length > 0) refs.push(...(await this.deps.media.relayContents(keys)));
    return refs;
  }
}

/** The blob UUIDs one element names (images: the original and every variant it lists). */
function namedUuids(elem: MediaElem): string[] {
  switch (elem.MsgType) {
    case 'TIMImageElem':
      return [elem.MsgContent.UUID, ...elem.MsgContent.ImageInfoArray.flatMap((info) => (info.UUID ? [info.UUID] : []))];
    case 'TIMSoundElem':
    case 'TIMFileElem':
      return [elem.MsgContent.UUID];
    case 'TIMVideoFileElem':
      return [elem.MsgContent.VideoUUID, elem.MsgContent.ThumbUUID];
    case 'TIMRelayElem':
      return [];
  }
}

/** M2: what an element declares must be within its type's limit (images and voice 28 MB, files and video 100 MB). */
function checkDeclaredLimits(elem: MediaElem): void {
  switch (elem.MsgType) {
    case 'TIMImageElem':
      for (const info of elem.MsgContent.ImageInfoArray) limitOf('image', info.Size);
      return;
    case 'TIMSoundElem':
      limitOf('sound', elem.MsgContent.Size);
      return;
    case 'TIMFileElem':
      limitOf('file', elem.MsgContent.FileSize);
      return;
    case 'TIMVideoFileElem':
      limitOf('video', elem.MsgContent.VideoSize);
      limitOf('videoThumb', elem.MsgContent.ThumbSize);
      return;
    case 'TIMRelayElem':
      return;
  }
}
