import { z } from 'zod';
import { utf8Length } from './ids';
import { GroupTipKind } from './groups';

/** A group system notification's text, in characters (Tencent documents no limit; as long as a message body). */
const MAX_NOTICE_CHARS = 12 * 1024;

/**
 * Message elements in Tencent's MsgBody shape (`{ MsgType, MsgContent }`),
 * seed "Message Formats" / REST contract §3.18, field names exactly as
 * documented. `MsgElem` is what a sender may send (strict, known types);
 * `StoredElem` is what a receiver accepts for display: a newer server or
 * another SDK may deliver element types this build does not know, which must
 * render as a readable fallback instead of failing validation.
 */
export const TextElem = z.object({
  MsgType: z.literal('TIMTextElem'),
  MsgContent: z.object({ Text: z.string().min(1) }),
});

export const FaceElem = z.object({
  MsgType: z.literal('TIMFaceElem'),
  MsgContent: z.object({ Index: z.number().int(), Data: z.string().optional() }),
});

export const LocationElem = z.object({
  MsgType: z.literal('TIMLocationElem'),
  MsgContent: z.object({
    Desc: z.string(),
    Latitude: z.number().min(-90).max(90),
    Longitude: z.number().min(-180).max(180),
  }),
});

export const CustomElem = z.object({
  MsgType: z.literal('TIMCustomElem'),
  MsgContent: z.object({
    Data: z.string().optional(),
    Desc: z.string().optional(),
    Ext: z.string().optional(),
    Sound: z.string().optional(),
  }),
});

/**
 * Blob UUIDs the bundled server issues are the SHA-256 of the content (hex);
 * other servers (Tencent's own, REST senders) use other strings, so the
 * schema accepts any short printable token and clients treat unknown ones as
 * external links.
 */
export const BlobUuid = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'Unknown file UUID.');
export const BLOB_HASH = /^[0-9a-f]{64}$/;

const ByteSize = z.number().int().min(0);
/** Tencent's element URLs; plain http(s) only (never `javascript:` or `file:`). */
const HttpUrl = z.string().max(2048).regex(/^https?:\/\//i, 'A file URL must start with http:// or https://.');

/** ImageFormat: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other. Type: 1 original, 2 large, 3 thumbnail. */
export const ImageFormat = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(255)]);
export const ImageInfo = z.object({
  Type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  Size: ByteSize,
  Width: z.number().int().min(0),
  Height: z.number().int().min(0),
  URL: HttpUrl,
  /** Extension: the variant's own blob UUID (Tencent gives one UUID per image; we address variants separately). */
  UUID: BlobUuid.optional(),
});
export const ImageElem = z.object({
  MsgType: z.literal('TIMImageElem'),
  MsgContent: z.object({
    UUID: BlobUuid,
    ImageFormat,
    ImageInfoArray: z.array(ImageInfo).min(1).max(3),
  }),
});

export const SoundElem = z.object({
  MsgType: z.literal('TIMSoundElem'),
  MsgContent: z.object({
    Url: HttpUrl,
    UUID: BlobUuid,
    Size: ByteSize,
    /** Duration in whole seconds. */
    Second: z.number().int().min(0).max(3600),
    Download_Flag: z.literal(2),
  }),
});

export const FileElem = z.object({
  MsgType: z.literal('TIMFileElem'),
  MsgContent: z.object({
    Url: HttpUrl,
    UUID: BlobUuid,
    FileSize: ByteSize,
    FileName: z.string().min(1).max(255),
    Download_Flag: z.literal(2),
  }),
});

export const VideoElem = z.object({
  MsgType: z.literal('TIMVideoFileElem'),
  MsgContent: z.object({
    VideoUrl: HttpUrl,
    VideoUUID: BlobUuid,
    VideoSize: ByteSize,
    VideoSecond: z.number().int().min(0).max(86_400),
    /** e.g. "mp4", "webm". */
    VideoFormat: z.string().max(16),
    VideoDownloadFlag: z.literal(2),
    ThumbUrl: HttpUrl,
    ThumbUUID: BlobUuid,
    ThumbSize: ByteSize,
    ThumbWidth: z.number().int().min(0),
    ThumbHeight: z.number().int().min(0),
    /** e.g. "JPG", "PNG". */
    ThumbFormat: z.string().max(16),
    ThumbDownloadFlag: z.literal(2),
  }),
});

/**
 * One forwarded message inside a combined (relay) message, seed "合并转发消息元素".
 * `MsgBody` is kept as stored elements so nested relays and unknown types survive.
 */
export const RelayedMessage = z.object({
  From_Account: z.string(),
  To_Account: z.string().optional(),
  GroupId: z.string().optional(),
  MsgSeq: z.number().int().min(0),
  MsgRandom: z.number().int().min(0),
  MsgTimeStamp: z.number().int().min(0),
  get MsgBody() {
    return z.array(StoredElem);
  },
  CloudCustomData: z.string().optional(),
});
export type RelayedMessage = z.infer<typeof RelayedMessage>;

/** M7: up to 300 messages per combined message. */
export const MAX_RELAY_MESSAGES = 300;

export const RelayElem = z.object({
  MsgType: z.literal('TIMRelayElem'),
  MsgContent: z.object({
    Title: z.string().min(1).max(100),
    MsgNum: z.number().int().min(1).max(MAX_RELAY_MESSAGES),
    CompatibleText: z.string().max(200),
    AbstractList: z.array(z.string().max(200)).max(10),
    /** Present when the forwarded messages fit in 12 KB (as Tencent does); absent with JsonMsgKey. */
    get MsgList() {
      return z.array(RelayedMessage).max(MAX_RELAY_MESSAGES).optional();
    },
    /** Key of the server-stored, server-signed bundle (`relay:get`): present instead of MsgList. */
    JsonMsgKey: z.string().max(128).optional(),
  }),
});

/** What a client may send. */
export const MsgElem = z.discriminatedUnion('MsgType', [
  TextElem,
  FaceElem,
  LocationElem,
  CustomElem,
  ImageElem,
  SoundElem,
  FileElem,
  VideoElem,
  RelayElem,
]);
export type MsgElem = z.infer<typeof MsgElem>;
export type MsgType = MsgElem['MsgType'];

/**
 * G5 (ADR 0004 §3, §5): a group-change tip, made by the server only: stored as a
 * message of its own (seq taken, never unread) or pushed online-only. Field names
 * in Tencent's PascalCase like every element. `Operator` is who acted
 * (`@TIM#SYSTEM` for the app admin); `Targets` whom it concerns (joined, kicked,
 * muted …); `Changes` the new values of changed fields (profileChanged: Name,
 * Introduction, Notification, FaceUrl …; memberMuted: MutedUntil; topic tips:
 * TopicId, Name). Valid in StoredBody, refused in a client's MsgBody.
 */
export const GroupTipElem = z.object({
  MsgType: z.literal('TIMGroupTipElem'),
  MsgContent: z.object({
    Kind: GroupTipKind,
    Operator: z.string().max(32),
    Targets: z.array(z.string().max(32)).max(500),
    Changes: z.record(z.string().max(32), z.string().max(3000)),
  }),
});
export type GroupTipElem = z.infer<typeof GroupTipElem>;

/** REST send_group_system_notification as the renderer shows it (ADR 0004 §4); server-made, refused in MsgBody. */
export const GroupSystemNoticeElem = z.object({
  MsgType: z.literal('TIMGroupSystemNoticeElem'),
  MsgContent: z.object({ GroupId: z.string().max(96), Content: z.string().max(MAX_NOTICE_CHARS) }),
});
export type GroupSystemNoticeElem = z.infer<typeof GroupSystemNoticeElem>;

/** Elements only a server makes. */
export const ServerElem = z.discriminatedUnion('MsgType', [GroupTipElem, GroupSystemNoticeElem]);
export type ServerElem = z.infer<typeof ServerElem>;

/** An element of a type this build does not know: kept as delivered, shown as a fallback. */
export const UnknownElem = z.object({ MsgType: z.string().min(1).max(64), MsgContent: z.unknown() });
export type UnknownElem = z.infer<typeof UnknownElem>;

/** What a receiver accepts: every known element (clients' and the server's own), or an unknown one kept as is. */
export const StoredElem: z.ZodType<MsgElem | ServerElem | UnknownElem> = z.union([MsgElem, ServerElem, UnknownElem]);
export type StoredElem = MsgElem | ServerElem | UnknownElem;

export function isGroupTipElem(elem: StoredElem): elem is GroupTipElem {
  return elem.MsgType === 'TIMGroupTipElem' && GroupTipElem.safeParse(elem).success;
}

export function isKnownElem(elem: StoredElem): elem is MsgElem {
  return MsgElem.safeParse(elem).success;
}

/** M2: a message body is at most 12 KB as serialised JSON. */
export const MAX_BODY_BYTES = 12 * 1024;

export function bodyBytes(body: readonly StoredElem[]): number {
  return utf8Length(JSON.stringify(body));
}

/** M1: a body is a non-empty array with at most one custom element, at most 12 KB. */
export const MsgBody = z
  .array(MsgElem)
  .min(1, 'A message needs at least one element.')
  .max(64)
  .refine((body) => body.filter((e) => e.MsgType === 'TIMCustomElem').length <= 1, {
    message: 'A message may hold at most one custom element.',
  });
export type MsgBody = z.infer<typeof MsgBody>;

/**
 * A body as delivered for display. May be empty: a recalled message or one
 * deleted for the viewer carries no content any more.
 */
export const StoredBody = z.array(StoredElem).max(64);
export type StoredBody = z.infer<typeof StoredBody>;

/**
 * The short, untranslated text a conversation list or a search index uses for
 * a message (the renderer translates the bracketed kinds itself).
 */
export function previewOf(body: readonly StoredElem[]): string {
  return body
    .map((e) => {
      const known = MsgElem.safeParse(e);
      if (!known.success) return '[Unsupported message]';
      const elem = known.data;
      switch (elem.MsgType) {
        case 'TIMTextElem':
          return elem.MsgContent.Text;
        case 'TIMFaceElem':
          return '[Sticker]';
        case 'TIMLocationElem':
          return `[Location] ${elem.MsgContent.Desc}`;
        case 'TIMCustomElem':
          return elem.MsgContent.Desc ?? '[Custom message]';
        case 'TIMImageElem':
          return '[Image]';
        case 'TIMSoundElem':
          return '[Voice]';
        case 'TIMFileElem':
          return `[File] ${elem.MsgContent.FileName}`;
        case 'TIMVideoFileElem':
          return '[Video]';
        case 'TIMRelayElem':
          return `[Chat history] ${elem.MsgContent.Title}`;
      }
    })
    .join(' ')
    .slice(0, 200);
}

export function textBody(text: string): MsgBody {
  return [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
}

/** The blob UUIDs a body refers to (images with their variants, sound, file, video and its thumbnail). */
export function blobUuidsOf(body: readonly StoredElem[]): string[] {
  const uuids = new Set<string>();
  for (const raw of body) {
    const parsed = MsgElem.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    switch (e.MsgType) {
      case 'TIMImageElem':
        uuids.add(e.MsgContent.UUID);
        for (const info of e.MsgContent.ImageInfoArray) if (info.UUID) uuids.add(info.UUID);
        break;
      case 'TIMSoundElem':
      case 'TIMFileElem':
        uuids.add(e.MsgContent.UUID);
        break;
      case 'TIMVideoFileElem':
        uuids.add(e.MsgContent.VideoUUID);
        uuids.add(e.MsgContent.ThumbUUID);
        break;
      default:
        break;
    }
  }
  return [...uuids];
}

/**
 * The text of a body's text elements joined, or null if it has none. Cheap
 * (no schema parse): `StoredElem` includes unknown elements whose `MsgType` is
 * any string, so a `MsgType` check alone does not narrow `MsgContent`.
 */
export function plainTextOf(body: readonly StoredElem[]): string | null {
  const texts: string[] = [];
  for (const elem of body) {
    if (elem.MsgType !== 'TIMTextElem') continue;
    const content = elem.MsgContent as { Text?: unknown } | null;
    if (typeof content?.Text === 'string') texts.push(content.Text);
  }
  return texts.length > 0 ? texts.join('') : null;
}
