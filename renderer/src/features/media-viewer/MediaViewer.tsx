import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../components/icons';
import { useChatStore, type ViewerItem } from '../../state';
import { DownloadIcon, FitIcon, ZoomInIcon, ZoomOutIcon } from '../message-content/contentIcons';
import { useModalDialog } from './useModalDialog';
import './media-viewer.css';

/** The stage's padding on both sides (media-viewer.css). */
const STAGE_PADDING = 32;
const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];

/** The next zoom step above (+1) or below (-1) the current scale. */
export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + 0.001) ?? ZOOM_STEPS.at(-1)!;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 0.001) ?? ZOOM_STEPS[0]!;
}

/** Full-window viewer for an image (zoom in/out/fit, Save) or a video (in-app player). */
export function MediaViewer() {
  const viewer = useChatStore((s) => s.viewer);
  const mediaClosed = useChatStore((s) => s.mediaClosed);
  const ref = useModalDialog(viewer !== null);
  const { t } = useTranslation();
  return (
    <dialog
      ref={ref}
      className="media-viewer"
      aria-label={viewer?.kind === 'video' ? t('viewer.video') : t('viewer.image')}
      onClose={mediaClosed}
      onCancel={(event) => {
        event.preventDefault();
        mediaClosed();
      }}
    >
      {viewer && <ViewerBody key={viewer.src} item={viewer} onClose={mediaClosed} />}
    </dialog>
  );
}

function ViewerBody({ item, onClose }: { item: ViewerItem; onClose: () => void }) {
  const { t } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(item.kind === 'image' && item.width > 0 ? { width: item.width, height: item.height } : null);
  // null: fit to the window; a number: that many image pixels per screen pixel.
  const [zoom, setZoom] = useState<number | null>(null);
  const [fitScale, setFitScale] = useState(1);

  // The stage has no size until the dialog is shown (after this mounts) and changes with the window: observe it.
  useEffect(() => {
    const box = stage.current;
    if (!box || !natural) return;
    const measure = () => {
      const width = box.clientWidth - STAGE_PADDING;
      const height = box.clientHeight - STAGE_PADDING;
      if (width > 0 && height > 0) setFitScale(Math.min(1, width / natural.width, height / natural.height));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    measure();
    return () => observer.disconnect();
  }, [natural]);

  const scale = zoom ?? fitScale;
  const zoomIn = () => setZoom(nextZoom(scale, 1));
  const zoomOut = () => setZoom(nextZoom(scale, -1));
  const fit = () => setZoom(null);

  const onKeyDown = (event: KeyboardEvent) => {
    if (item.kind !== 'image' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '+' || event.key === '=') zoomIn();
    else if (event.key === '-' || event.key === '_') zoomOut();
    else if (event.key === '0') fit();
    else return;
    event.preventDefault();
  };

  return (
    <div className="media-viewer__frame" onKeyDown={onKeyDown}>
      <header className="media-viewer__bar">
        <span className="media-viewer__name" title={item.name}>
          {item.name}
        </span>
        {item.kind === 'image' && (
          <span className="media-viewer__zoom" role="group" aria-label={t('viewer.zoomLevel', { percent: Math.round(scale * 100) })}>
            <button type="button" className="media-viewer__button" aria-label={t('viewer.zoomOut')} title={t('viewer.zoomOut')} onClick={zoomOut}>
              <ZoomOutIcon />
            </button>
            <output className="media-viewer__percent" aria-live="polite">
              {Math.round(scale * 100)}%
            </output>
            <button type="button" className="media-viewer__button" aria-label={t('viewer.zoomIn')} title={t('viewer.zoomIn')} onClick={zoomIn}>
              <ZoomInIcon />
            </button>
            <button type="button" className="media-viewer__button" aria-label={t('viewer.fit')} title={t('viewer.fit')} aria-pressed={zoom === null} onClick={fit}>
              <FitIcon />
            </button>
          </span>
        )}
        <a className="media-viewer__button media-viewer__save" href={item.downloadHref} download={item.name}>
          <DownloadIcon size={20} />
          <span>{t('viewer.save')}</span>
        </a>
        <button type="button" className="media-viewer__button" aria-label={t('viewer.close')} title={t('viewer.close')} onClick={onClose} autoFocus>
          <CloseIcon />
        </button>
      </header>
      <div
        ref={stage}
        className="media-viewer__stage"
        onClick={(event) => {
          if (event.target === event.currentTarget) onClose();
        }}
      >
        {item.kind === 'image' ? (
          <img
            className="media-viewer__image"
            src={item.src}
            alt={item.name}
            style={natural ? { width: natural.width * scale, height: natural.height * scale } : { maxWidth: '100%', maxHeight: '100%' }}
            onLoad={(event) => {
              const image = event.currentTarget;
              if (!natural || natural.width !== image.naturalWidth) setNatural({ width: image.naturalWidth, height: image.naturalHeight });
            }}
            onDoubleClick={() => (zoom === null ? setZoom(1) : fit())}
            draggable={false}
          />
        ) : (
          <video className="media-viewer__video" src={item.src} poster={item.poster ?? undefined} controls autoPlay playsInline />
        )}
      </div>
      {item.kind === 'image' && <p className="media-viewer__keys">{t('viewer.keys')}</p>}
    </div>
  );
}
