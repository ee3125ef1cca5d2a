/** Connection quality from one peer connection's stats (C1): round-trip time and the share of packets lost. */
export type CallQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface QualitySample {
  /** Seconds; null when not measured yet. */
  rtt: number | null;
  /** Packets lost and received since the previous sample (inbound, all kinds). */
  lost: number;
  received: number;
}

export function qualityOf(sample: QualitySample): CallQuality {
  const total = sample.lost + sample.received;
  const loss = total > 0 ? sample.lost / total : 0;
  if (sample.rtt === null && total === 0) return 'unknown';
  const rtt = sample.rtt ?? 0;
  if (rtt > 0.5 || loss > 0.1) return 'poor';
  if (rtt > 0.25 || loss > 0.03) return 'fair';
  return 'good';
}

/** The worst of several peers' qualities ('unknown' only when all are). */
export function worstQuality(qualities: readonly CallQuality[]): CallQuality {
  const order: CallQuality[] = ['poor', 'fair', 'good'];
  for (const q of order) if (qualities.includes(q)) return q;
  return 'unknown';
}

/** The loudest speaker above the threshold, or null in silence. */
export function activeSpeakerOf(levels: ReadonlyMap<string, number>, threshold = 0.02): string | null {
  let best: string | null = null;
  let loudest = threshold;
  for (const [key, level] of levels) {
    if (level > loudest) {
      loudest = level;
      best = key;
    }
  }
  return best;
}

/** mm:ss (h:mm:ss from an hour) of the seconds since `connectedAt`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}
