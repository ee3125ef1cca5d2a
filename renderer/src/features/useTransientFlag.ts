import { useEffect, useState } from 'react';

/** A flag that lowers itself `ms` after it was raised: "that message is gone" notes that fade by themselves. */
export function useTransientFlag(ms = 4000): [boolean, (raised: boolean) => void] {
  const [raised, setRaised] = useState(false);
  useEffect(() => {
    if (!raised) return;
    const timer = setTimeout(() => setRaised(false), ms);
    return () => clearTimeout(timer);
  }, [raised, ms]);
  return [raised, setRaised];
}
