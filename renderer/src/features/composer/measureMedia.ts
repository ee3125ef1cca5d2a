/** Media measured in the renderer before sending (the core cannot decode it). */

const POSTER_MAX_SIDE = 640;
const LOAD_TIMEOUT_MS = 15_000;

function waitFor(element: HTMLMediaElement, event: 'loadedmetadata' | 'seeked' | 'loadeddata'): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('timeout')), LOAD_TIMEOUT_MS);
    const ok = () => done();
    const fail = () => done(new Error('cannot decode'));
    function done(error?: Error) {
      clearTimeout(timer);
      element.removeEventListener(event, ok);
      element.removeEventListener('error', fail);
      if (error) reject(error);
      else resolve();
    }
    element.addEventListener(event, ok);
    element.addEventListener('error', fail);
  });
}

/**
 * A recording from MediaRecorder reports Infinity until the browser has read
 * it to the end; seeking far past the end makes it compute the real length.
 */
async function finiteDuration(element: HTMLMediaElement): Promise<number> {
  if (Number.isFinite(element.duration)) return element.duration;
  const settled = new Promise<void>((resolve) => element.addEventListener('durationchange', () => resolve(), { once: true }));
  element.currentTime = 1e9;
  await Promise.race([settled, new Promise((r) => setTimeout(r, 3000))]);
  element.currentTime = 0;
  return Number.isFinite(element.duration) ? element.duration : 0;
}

/** Duration in seconds of an audio file, or null when this browser cannot decode it. */
export async function measureAudio(file: Blob): Promise<number | null> {
  const url = URL.createObjectURL(file);
  const audio = document.createElement('audio');
  audio.preload = 'metadata';
  audio.src = url;
  try {
    await waitFor(audio, 'loadedmetadata');
    return await finiteDuration(audio);
  } catch {
    return null;
  } finally {
    audio.removeAttribute('src');
    URL.revokeObjectURL(url);
  }
}

/** Duration and a JPEG poster frame (about a tenth in, at most 1 s) of a video, or null when it cannot be decoded. */
export async function measureVideo(file: Blob): Promise<{ durationSec: number; poster: Blob; width: number; height: number } | null> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.preload = 'auto';
  video.muted = true;
  video.playsInline = true;
  video.src = url;
  try {
    await waitFor(video, 'loadeddata');
    const durationSec = await finiteDuration(video);
    video.currentTime = Math.min(1, durationSec / 10);
    await waitFor(video, 'seeked');
    const scale = Math.min(1, POSTER_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight, 1));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
    canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const poster = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    return poster ? { durationSec, poster, width: canvas.width, height: canvas.height } : null;
  } catch {
    return null;
  } finally {
    video.removeAttribute('src');
    URL.revokeObjectURL(url);
  }
}
