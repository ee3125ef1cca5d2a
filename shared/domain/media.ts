import { z } from 'zod';
import { BlobUuid, MAX_RELAY_MESSAGES, RelayedMessage } from './elements';

/** What an upload is for; the server checks the size limit of its kind (M2). */
export const MediaKind = z.enum(['image', 'sound', 'file', 'video', 'videoThumb']);
export type MediaKind = z.infer<typeof MediaKind>;

const MB = 1024 * 1024;

/** M2: images and sound ≤ 28 MB, files and video ≤ 100 MB (a video thumbnail is an image). */
export const MEDIA_LIMITS: Record<MediaKind, number> = {
  image: 28 * MB,
  sound: 28 * MB,
  file: 100 * MB,
  video: 100 * MB,
  videoThumb: 28 * MB,
};

/** A finished upload as the server stored it. `uuid` is the SHA-256 of the content. */
export const BlobInfo = z.object({
  uuid: BlobUuid,
  size: z.number().int().min(0),
  /** The MIME type the server sniffed from the content (not the one the client claimed). */
  mime: z.string(),
  /** Absolute download URL (`<server>/api/v1/blobs/<uuid>`), the `Url`/`URL` fields of elements. */
  url: z.string(),
  /** Images (and video thumbnails): pixel size of the original. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Images: Tencent's ImageFormat number (1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other). */
  imageFormat: z.number().int().nullable(),
  /** Images: server-made variants (Tencent ImageInfoArray Type 2 large, 3 thumbnail). */
  variants: z.array(
    z.object({
      type: z.union([z.literal(2), z.literal(3)]),
      uuid: BlobUuid,
      size: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      url: z.string(),
    }),
  ),
});
export type BlobInfo = z.infer<typeof BlobInfo>;

/** tus upload metadata keys the server reads (values are base64 per the tus spec). */
export const UPLOAD_METADATA = { kind: 'kind', filename: 'filename', mime: 'filetype' } as const;

/**
 * A combined-forward bundle as the server stores and signs it (M7, beyond the
 * seed: the signature lets a receiver see the bundle is exactly what the
 * server built from the original messages). `JsonMsgKey` of the relay element
 * names it.
 */
export const RelayBundlePayload = z.object({
  version: z.literal(1),
  title: z.string(),
  /** Who asked the server to build it, and when (Unix ms). */
  createdBy: z.string(),
  createdAt: z.number().int(),
  messages: z.array(RelayedMessage).min(1).max(MAX_RELAY_MESSAGES),
});
export type RelayBundlePayload = z.infer<typeof RelayBundlePayload>;

export const SignedRelayBundle = z.object({
  key: z.string(),
  /** The exact JSON text that was signed (verify over these bytes, then parse). */
  payload: z.string(),
  /** Ed25519 signature of `payload` (UTF-8) by the server's relay signing key, base64. */
  signature: z.string(),
  /** Which server key signed it: matches `ServerInfo.relaySigningKeys[].id`. */
  keyId: z.string(),
});
export type SignedRelayBundle = z.infer<typeof SignedRelayBundle>;
