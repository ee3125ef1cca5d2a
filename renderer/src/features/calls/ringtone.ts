/**
 * Ringtones made with WebAudio (no asset files): a soft two-note chime for an incoming call, repeating every
 * 3 s, and a quieter ring-back tone for the caller while the other side rings. `stop()` ends either at once.
 */
export interface Ringer {
  stop(): void;
}

type Pattern = 'incoming' | 'ringback';

export function startRinging(pattern: Pattern): Ringer {
  const Ctx = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!Ctx) return { stop: () => undefined };
  let timer: ReturnType<typeof setInterval> | null = null;
  let audio: AudioContext;
  try {
    audio = new Ctx();
  } catch {
    return { stop: () => undefined };
  }
  const master = audio.createGain();
  master.gain.value = pattern === 'incoming' ? 0.18 : 0.08;
  master.connect(audio.destination);

  const note = (frequency: number, at: number, length: number) => {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(1, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(master);
    osc.start(at);
    osc.stop(at + length + 0.05);
  };

  const play = () => {
    const t = audio.currentTime + 0.05;
    if (pattern === 'incoming') {
      // E5 – G#5 – B5, twice: bright but not shrill.
      [659.25, 830.61, 987.77, 659.25, 830.61, 987.77].forEach((f, i) => note(f, t + i * 0.16 + (i >= 3 ? 0.35 : 0), 0.5));
    } else {
      // 440 + 480 Hz for a second: the familiar ring-back.
      note(440, t, 1.0);
      note(480, t, 1.0);
    }
  };
  void audio.resume().catch(() => undefined);
  play();
  timer = setInterval(play, pattern === 'incoming' ? 3000 : 4000);
  return {
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      void audio.close().catch(() => undefined);
    },
  };
}
