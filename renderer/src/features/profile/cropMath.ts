/**
 * The geometry of the avatar crop: an image shown under a square frame,
 * scaled so it always covers the frame (never a blank edge), zoomed 1×–4×
 * and dragged. Pure, so it is tested without a canvas.
 */
export interface CropState {
  /** 1 = the image's shorter side just fills the frame. */
  zoom: number;
  /** The image centre's offset from the frame centre, in frame pixels. */
  x: number;
  y: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

/** How large the image is drawn, in frame pixels, at this zoom. */
export function displayedSize(natural: { width: number; height: number }, frame: number, zoom: number): { width: number; height: number } {
  const cover = frame / Math.min(natural.width, natural.height);
  return { width: natural.width * cover * zoom, height: natural.height * cover * zoom };
}

/** Keeps zoom in range and the frame covered: the image may not be dragged past its edges. */
export function clampCrop(state: CropState, natural: { width: number; height: number }, frame: number): CropState {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.zoom));
  const size = displayedSize(natural, frame, zoom);
  const maxX = (size.width - frame) / 2;
  const maxY = (size.height - frame) / 2;
  return { zoom, x: Math.min(maxX, Math.max(-maxX, state.x)), y: Math.min(maxY, Math.max(-maxY, state.y)) };
}

/** The square of the original image (natural pixels) that the frame shows: what the canvas draws. */
export function sourceRect(state: CropState, natural: { width: number; height: number }, frame: number): { sx: number; sy: number; size: number } {
  const { zoom, x, y } = clampCrop(state, natural, frame);
  const scale = displayedSize(natural, frame, zoom).width / natural.width;
  const size = frame / scale;
  const sx = natural.width / 2 - x / scale - size / 2;
  const sy = natural.height / 2 - y / scale - size / 2;
  return { sx, sy, size };
}
