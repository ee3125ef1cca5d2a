import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { useEngineSnapshot } from './CallContext';
import { MicOffIcon } from './icons';

export interface TileModel {
  key: string;
  userId: string;
  name: string;
  stream: MediaStream | null;
  /** Their camera is on (as they announced it). */
  video: boolean;
  audio: boolean;
  self: boolean;
  speaking: boolean;
  /** Still ringing for them. */
  waiting: boolean;
  connecting?: boolean;
}

/**
 * One person in the call: their video, or their avatar while the camera is off. A remote tile always keeps its
 * media element, so their voice plays whether or not they show video; my own tile is muted and mirrored.
 */
export function VideoTile({ tile, variant }: { tile: TileModel; variant: 'grid' | 'stage' | 'pip' | 'backdrop' | 'mini' }) {
  const { t } = useTranslation('calls');
  const ref = useRef<HTMLVideoElement>(null);
  const sinkId = useEngineSnapshot()?.selected.audiooutput;
  const stream = tile.stream;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream, tile.video]);

  useEffect(() => {
    const video = ref.current as (HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (!video || tile.self || !sinkId || typeof video.setSinkId !== 'function') return;
    void video.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId, tile.self]);

  const showVideo = tile.video && !!stream;
  const classes = ['call-tile', `call-tile--${variant}`, tile.speaking && variant === 'grid' ? 'call-tile--speaking' : '', tile.self ? 'call-tile--self' : '', showVideo ? '' : 'call-tile--avatar'].filter(Boolean).join(' ');
  return (
    <figure className={classes} aria-label={tile.name} data-call-tile={tile.userId}>
      <video ref={ref} className="call-tile__video" autoPlay playsInline muted={tile.self} hidden={!showVideo} data-peer={tile.self ? 'me' : tile.userId} />
      {!showVideo && variant !== 'backdrop' && (
        <div className="call-tile__placeholder">
          <Avatar id={tile.userId} name={tile.name} size={variant === 'pip' || variant === 'mini' ? 'large' : 'xlarge'} />
          {tile.waiting && <span className="call-tile__state">{t('outgoing.ringing')}</span>}
          {!tile.waiting && tile.connecting && <span className="call-tile__state">{t('screen.connecting')}</span>}
        </div>
      )}
      {variant !== 'backdrop' && variant !== 'mini' && (
        <figcaption className="call-tile__label">
          {!tile.audio && (
            <span className="call-tile__muted" role="img" aria-label={t('screen.mutedBadge')}>
              <MicOffIcon size={14} />
            </span>
          )}
          <span>{tile.name}</span>
        </figcaption>
      )}
    </figure>
  );
}
