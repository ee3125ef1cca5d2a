import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { clampCrop, displayedSize, MAX_ZOOM, MIN_ZOOM, sourceRect, type CropState } from './cropMath';

/** The frame on screen, in CSS pixels, and the square JPEG it produces. */
const FRAME = 280;
export const AVATAR_OUTPUT_PX = 512;
const STEP = 12;

interface AvatarCropDialogProps {
  /** The picked image; the dialog is open while it is set. */
  file: Blob | null;
  onCancel: () => void;
  /** A square JPEG of the framed part. */
  onCropped: (jpeg: Blob) => void;
}

/**
 * P1 avatar: drag to place, zoom with the slider, the wheel or +/−; arrow
 * keys move it. The framed square is drawn on a canvas and saved as JPEG, so
 * what is uploaded is exactly what was shown (EXIF orientation is applied by
 * the browser when decoding, and no metadata survives the canvas).
 */
export function AvatarCropDialog({ file, onCancel, onCropped }: AvatarCropDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={file !== null} title={t('crop.title')} description={t('crop.description')} closeLabel={t('app.close')} onClose={onCancel}>
      {file && <Cropper key={objectKey(file)} file={file} onCancel={onCancel} onCropped={onCropped} />}
    </Dialog>
  );
}

const keys = new WeakMap<Blob, number>();
let nextKey = 0;
function objectKey(file: Blob): number {
  let key = keys.get(file);
  if (key === undefined) keys.set(file, (key = ++nextKey));
  return key;
}

function Cropper({ file, onCancel, onCropped }: { file: Blob; onCancel: () => void; onCropped: (jpeg: Blob) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [crop, setCrop] = useState<CropState>({ zoom: 1, x: 0, y: 0 });
  const imageRef = useRef<HTMLImageElement>(null);
  const drag = useRef<{ pointerId: number; startX: number; startY: number; from: CropState } | null>(null);

  // One object URL per mount, revoked when it goes (StrictMode mounts twice: each gets its own).
  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    let live = true;
    void Promise.resolve().then(() => live && setUrl(objectUrl));
    return () => {
      live = false;
      URL.revokeObjectURL(objectUrl);
    };
  }, [file]);

  const update = (next: CropState) => {
    if (natural) setCrop(clampCrop(next, natural, FRAME));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from: crop };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    update({ ...d.from, x: d.from.x + event.clientX - d.startX, y: d.from.y + event.clientY - d.startY });
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      update({ ...crop, x: crop.x + move[0], y: crop.y + move[1] });
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      update({ ...crop, zoom: crop.zoom + 0.25 });
    } else if (event.key === '-') {
      event.preventDefault();
      update({ ...crop, zoom: crop.zoom - 0.25 });
    }
  };

  const save = async () => {
    const image = imageRef.current;
    if (!image || !natural) return;
    setBusy(true);
    const canvas = document.createElement('canvas');
    canvas.width = AVATAR_OUTPUT_PX;
    canvas.height = AVATAR_OUTPUT_PX;
    const context = canvas.getContext('2d');
    if (!context) {
      setBusy(false);
      setFailed(true);
      return;
    }
    // A transparent PNG would turn black in a JPEG: paint white under it.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, AVATAR_OUTPUT_PX, AVATAR_OUTPUT_PX);
    context.imageSmoothingQuality = 'high';
    const { sx, sy, size } = sourceRect(crop, natural, FRAME);
    context.drawImage(image, sx, sy, size, size, 0, 0, AVATAR_OUTPUT_PX, AVATAR_OUTPUT_PX);
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    setBusy(false);
    if (jpeg) onCropped(jpeg);
    else setFailed(true);
  };

  const size = natural ? displayedSize(natural, FRAME, crop.zoom) : null;

  return (
    <div className="crop">
      <div
        className="crop__frame"
        style={{ width: FRAME, height: FRAME }}
        tabIndex={0}
        role="group"
        aria-label={t('crop.frameLabel')}
        aria-describedby="crop-keys"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
        onWheel={(event) => update({ ...crop, zoom: crop.zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1) })}
      >
        {url && !failed && (
          <img
            ref={imageRef}
            className="crop__image"
            src={url}
            alt=""
            draggable={false}
            onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
            onError={() => setFailed(true)}
            style={
              size
                ? { width: size.width, height: size.height, transform: `translate(calc(-50% + ${crop.x}px), calc(-50% + ${crop.y}px))` }
                : { visibility: 'hidden' }
            }
          />
        )}
        {!natural && !failed && <Spinner label={t('crop.loading')} />}
        {failed && (
          <p className="crop__error" role="alert">
            {t('crop.unreadable')}
          </p>
        )}
        <span className="crop__mask" aria-hidden="true" />
      </div>
      <p id="crop-keys" className="crop__hint">
        {t('crop.hint')}
      </p>
      <label className="crop__zoom">
        <span>{t('crop.zoom')}</span>
        <input
          type="range"
          min={MIN_ZOOM}
          max={MAX_ZOOM}
          step={0.01}
          value={crop.zoom}
          disabled={!natural}
          aria-valuetext={`${Math.round(crop.zoom * 100)}%`}
          onChange={(event) => update({ ...crop, zoom: Number(event.target.value) })}
        />
      </label>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('crop.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={!natural || busy || failed} aria-busy={busy} onClick={() => void save()}>
          {busy && <Spinner />}
          {t('crop.save')}
        </button>
      </div>
    </div>
  );
}
