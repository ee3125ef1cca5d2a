import type { BlobInfo, MsgElem } from '../../../shared/domain';
import type { AttachmentKind } from '../../../shared/ipc';
import { blobUrl } from './blobDownloader';

/** A complete staged file as a body needs it. */
export interface FileFacts {
  sha256: string;
  size: number;
  name: string;
  mime: string;
}

export interface FileMessageSpec {
  kind: AttachmentKind;
  file: FileFacts;
  thumb: FileFacts | null;
  durationSec: number | null;
}

/** Tencent's ImageFormat: 1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other. */
export function imageFormatOf(mime: string): 1 | 2 | 3 | 4 | 255 {
  switch (mime.toLowerCase()) {
    case 'image/jpeg':
    case 'image/jpg':
      return 1;
    case 'image/gif':
      return 2;
    case 'image/png':
      return 3;
    case 'image/bmp':
      return 4;
    default:
      return 255;
  }
}

/** "mp4", "webm" … from the type, else from the name's extension. */
export function videoFormatOf(mime: string, name: string): string {
  const fromMime = /^video\/([a-z0-9]+)/i.exec(mime)?.[1];
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  return (fromMime ?? fromName ?? 'mp4').toLowerCase().slice(0, 16);
}

function thumbFormatOf(mime: string): string {
  return ({ 1: 'JPG', 2: 'GIF', 3: 'PNG', 4: 'BMP', 255: 'JPG' } as const)[imageFormatOf(mime)];
}

/**
 * The element shown while the upload runs. Blob UUIDs are the content's SHA-256
 * and URLs name the server's copy by it, so both are already what they will be
 * once uploaded; only what the server measures (image sizes, variants) is added
 * by `finalElement`.
 */
export function provisionalElement(serverUrl: string, spec: FileMessageSpec): MsgElem {
  const { file } = spec;
  const url = blobUrl(serverUrl, file.sha256);
  const seconds = Math.round(spec.durationSec ?? 0);
  switch (spec.kind) {
    case 'image':
      return {
        MsgType: 'TIMImageElem',
        MsgContent: {
          UUID: file.sha256,
          ImageFormat: imageFormatOf(file.mime),
          ImageInfoArray: [{ Type: 1, Size: file.size, Width: 0, Height: 0, URL: url, UUID: file.sha256 }],
        },
      };
    case 'sound':
      return { MsgType: 'TIMSoundElem', MsgContent: { Url: url, UUID: file.sha256, Size: file.size, Second: seconds, Download_Flag: 2 } };
    case 'file':
      return {
        MsgType: 'TIMFileElem',
        MsgContent: { Url: url, UUID: file.sha256, FileSize: file.size, FileName: file.name, Download_Flag: 2 },
      };
    case 'video': {
      const thumb = spec.thumb ?? file;
      return {
        MsgType: 'TIMVideoFileElem',
        MsgContent: {
          VideoUrl: url,
          VideoUUID: file.sha256,
          VideoSize: file.size,
          VideoSecond: seconds,
          VideoFormat: videoFormatOf(file.mime, file.name),
          VideoDownloadFlag: 2,
          ThumbUrl: blobUrl(serverUrl, thumb.sha256),
          ThumbUUID: thumb.sha256,
          ThumbSize: thumb.size,
          ThumbWidth: 0,
          ThumbHeight: 0,
          ThumbFormat: thumbFormatOf(thumb.mime),
          ThumbDownloadFlag: 2,
        },
      };
    }
  }
}

/** The element to send, with what the server found out about the stored blob(s). */
export function finalElement(provisional: MsgElem, blob: BlobInfo, thumb: BlobInfo | null): MsgElem {
  switch (provisional.MsgType) {
    case 'TIMImageElem':
      return {
        MsgType: 'TIMImageElem',
        MsgContent: {
          UUID: blob.uuid,
          ImageFormat: (blob.imageFormat as 1 | 2 | 3 | 4 | 255 | null) ?? provisional.MsgContent.ImageFormat,
          ImageInfoArray: [
            { Type: 1, Size: blob.size, Width: blob.width ?? 0, Height: blob.height ?? 0, URL: blob.url, UUID: blob.uuid },
            ...blob.variants
              .toSorted((a, b) => a.type - b.type)
              .map((v) => ({ Type: v.type, Size: v.size, Width: v.width, Height: v.height, URL: v.url, UUID: v.uuid })),
          ],
        },
      };
    case 'TIMSoundElem':
      return { ...provisional, MsgContent: { ...provisional.MsgContent, Url: blob.url, UUID: blob.uuid, Size: blob.size } };
    case 'TIMFileElem':
      return { ...provisional, MsgContent: { ...provisional.MsgContent, Url: blob.url, UUID: blob.uuid, FileSize: blob.size } };
    case 'TIMVideoFileElem':
      return {
        ...provisional,
        MsgContent: {
          ...provisional.MsgContent,
          VideoUrl: blob.url,
          VideoUUID: blob.uuid,
          VideoSize: blob.size,
          ...(thumb
            ? {
                ThumbUrl: thumb.url,
                ThumbUUID: thumb.uuid,
                ThumbSize: thumb.size,
                ThumbWidth: thumb.width ?? 0,
                ThumbHeight: thumb.height ?? 0,
              }
            : {}),
        },
      };
    default:
      return provisional;
  }
}
