import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MsgElem } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { PlayIcon } from './contentIcons';
import { ExternalMedia, MediaUnavailable } from './ExternalMedia';
import { formatDuration } from './formatMedia';
import { thumbnailBox } from './ImageElement';
import { mediaSource } from './mediaLinks';
import { useMediaEnv } from './useMediaEnv';

type VideoContent = Extract<MsgElem, { MsgType: 'TIMVideoFileElem' }>['MsgContent'];

export function VideoElement({ content }: { content: VideoContent }) {
  const { t } = useTranslation();
  const env = useMediaEnv();
  const mediaOpened = useChatStore((s) => s.mediaOpened);
  const [posterFailed, setPosterFailed] = useState(false);
  const video = mediaSource(env, content.VideoUUID, content.VideoUrl);
  const poster = mediaSource(env, content.ThumbUUID, content.ThumbUrl);
  if (video.kind === 'external') return <ExternalMedia label={t('content.video')} href={video.href} />;
  if (video.kind === 'none') return <MediaUnavailable label={t('content.video')} />;

  const box = thumbnailBox(content.ThumbWidth, content.ThumbHeight);
  const duration = formatDuration(content.VideoSecond);
  const format = /^[a-z0-9]{1,8}$/i.test(content.VideoFormat) ? content.VideoFormat.toLowerCase() : 'mp4';
  const name = `video-${content.VideoUUID.slice(0, 12)}.${format}`;
  const posterSrc = poster.kind === 'local' && !posterFailed ? poster.src : null;
  return (
    <button
      type="button"
      className="content-video"
      aria-label={t('content.playVideo', { duration })}
      style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={() => mediaOpened({ kind: 'video', src: video.src, poster: posterSrc, downloadHref: video.download(name), name })}
    >
      {posterSrc && <img src={posterSrc} alt="" width={box.width} height={box.height} loading="lazy" draggable={false} onError={() => setPosterFailed(true)} />}
      <span className="content-video__play" aria-hidden="true">
        <PlayIcon size={26} />
      </span>
      <span className="content-video__duration" aria-hidden="true">
        {duration}
      </span>
    </button>
  );
}
