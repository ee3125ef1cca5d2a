import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MsgElem } from '../../../../shared/domain';
import { PauseIcon, PlayIcon } from './contentIcons';
import { ExternalMedia, MediaUnavailable } from './ExternalMedia';
import { formatDuration } from './formatMedia';
import { mediaSource } from './mediaLinks';
import { useMediaEnv } from './useMediaEnv';

type SoundContent = Extract<MsgElem, { MsgType: 'TIMSoundElem' }>['MsgContent'];

const BARS = 32;

/** A stable, decorative waveform per recording (the element carries no samples). */
export function waveformOf(uuid: string): number[] {
  let seed = 0;
  for (const char of uuid) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  return Array.from({ length: BARS }, (_, i) => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    const envelope = Math.sin((Math.PI * (i + 0.5)) / BARS) * 0.55 + 0.35;
    return Math.round((0.25 + ((seed >>> 16) % 100) / 133) * envelope * 100);
  });
}

export function SoundElement({ content }: { content: SoundContent }) {
  const { t } = useTranslation();
  const env = useMediaEnv();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [measured, setMeasured] = useState<number | null>(null);
  const source = mediaSource(env, content.UUID, content.Url);
  if (source.kind === 'external') return <ExternalMedia label={t('content.voice')} href={source.href} />;
  if (source.kind === 'none') return <MediaUnavailable label={t('content.voice')} />;

  const duration = content.Second > 0 ? content.Second : (measured ?? 0);
  const progress = duration > 0 ? Math.min(1, position / duration) : 0;
  const bars = waveformOf(content.UUID);

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setPlaying(false));
    else element.pause();
  };

  return (
    <span className={`content-voice ${playing ? 'content-voice--playing' : ''}`}>
      <audio
        ref={audio}
        src={source.src}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
        onLoadedMetadata={(event) => {
          if (Number.isFinite(event.currentTarget.duration)) setMeasured(event.currentTarget.duration);
        }}
      />
      <button
        type="button"
        className="content-voice__toggle"
        aria-label={playing ? t('content.pause') : t('content.play', { duration: formatDuration(duration) })}
        onClick={toggle}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <span className="content-voice__wave">
        <span className="content-voice__bars" aria-hidden="true">
          {bars.map((height, i) => (
            <span key={i} className={i / BARS < progress ? 'content-voice__bar content-voice__bar--played' : 'content-voice__bar'} style={{ height: `${height}%` }} />
          ))}
        </span>
        <input
          type="range"
          className="content-voice__seek"
          min={0}
          max={Math.max(duration, 0.1)}
          step={0.1}
          value={position}
          aria-label={t('content.position')}
          aria-valuetext={`${formatDuration(position)} / ${formatDuration(duration)}`}
          onChange={(event) => {
            const value = Number(event.target.value);
            setPosition(value);
            if (audio.current) audio.current.currentTime = value;
          }}
        />
      </span>
      <span className="content-voice__time">{formatDuration(playing || position > 0 ? position : duration)}</span>
    </span>
  );
}
