import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MsgElem } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { ExternalMedia, MediaUnavailable } from './ExternalMedia';
import { mediaSource } from './mediaLinks';
import { useMediaEnv } from './useMediaEnv';

type ImageContent = Extract<MsgElem, { MsgType: 'TIMImageElem' }>['MsgContent'];

const MAX_SIDE = 300;
const MIN_SIDE = 72;
const EXTENSIONS: Record<number, string> = { 1: 'jpg', 2: 'gif', 3: 'png', 4: 'bmp' };

/** The size the bubble reserves before the picture loads: the original's aspect ratio, within MAX_SIDE. */
export function thumbnailBox(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 240, height: 180 };
  const scale = Math.min(1, max / width, max / height);
  return { width: Math.max(MIN_SIDE, Math.round(width * scale)), height: Math.max(MIN_SIDE, Math.round(height * scale)) };
}

export function ImageElement({ content }: { content: ImageContent }) {
  const { t } = useTranslation();
  const env = useMediaEnv();
  const mediaOpened = useChatStore((s) => s.mediaOpened);
  const [failed, setFailed] = useState(false);
  const infos = content.ImageInfoArray;
  const original = infos.find((i) => i.Type === 1) ?? infos[0];
  const thumb = infos.find((i) => i.Type === 3) ?? infos.find((i) => i.Type === 2) ?? original;
  const large = infos.find((i) => i.Type === 2) ?? original;
  const width = original?.Width ?? thumb?.Width ?? 0;
  const height = original?.Height ?? thumb?.Height ?? 0;
  const box = thumbnailBox(width, height);

  const thumbSource = mediaSource(env, thumb?.UUID ?? content.UUID, thumb?.URL);
  const originalSource = mediaSource(env, original?.UUID ?? content.UUID, original?.URL);
  const largeSource = mediaSource(env, large?.UUID ?? content.UUID, large?.URL);
  if (thumbSource.kind === 'external') return <ExternalMedia label={t('content.image')} href={thumbSource.href} />;
  if (thumbSource.kind === 'none' || originalSource.kind !== 'local' || failed) return <MediaUnavailable label={t('content.image')} />;

  const name = `image-${content.UUID.slice(0, 12)}.${EXTENSIONS[content.ImageFormat] ?? 'img'}`;
  const viewSrc = largeSource.kind === 'local' ? largeSource.src : originalSource.src;
  return (
    <button
      type="button"
      className="content-image"
      aria-label={t('content.openImage')}
      style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={() => mediaOpened({ kind: 'image', src: viewSrc, downloadHref: originalSource.download(name), name, width, height })}
    >
      <img src={thumbSource.src} alt="" width={box.width} height={box.height} loading="lazy" draggable={false} onError={() => setFailed(true)} />
    </button>
  );
}
