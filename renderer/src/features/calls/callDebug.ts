import type { CallEngine } from './callEngine';

/** localStorage flag that exposes the engine's byte counters on window (end-to-end tests, field debugging). */
export const CALL_DEBUG_FLAG = 'openchat.debugCalls';

/**
 * With the flag set, `window.__openchatCalls.stats()` answers per remote device the audio/video bytes sent and
 * received and the frames decoded, so a test can prove real media flows (and stops). Nothing without the flag.
 */
export function installCallDebug(engine: CallEngine): () => void {
  let enabled: boolean;
  try {
    enabled = globalThis.localStorage?.getItem(CALL_DEBUG_FLAG) === '1';
  } catch {
    enabled = false;
  }
  if (!enabled) return () => undefined;
  const target = globalThis as unknown as { __openchatCalls?: unknown };
  target.__openchatCalls = {
    stats: () => engine.stats(),
    local: () => {
      const s = engine.getSnapshot();
      return { audio: s.audio, video: s.video, videoCall: s.videoCall, tracks: s.local?.getTracks().map((t) => ({ kind: t.kind, enabled: t.enabled, state: t.readyState })) ?? [] };
    },
  };
  return () => {
    delete target.__openchatCalls;
  };
}
