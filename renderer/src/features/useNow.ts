import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, so relative labels ("Yesterday") roll over on their own. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
