import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per launch: whoever holds it drives this person's chat, so it never repeats. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares in constant time. Both sides are hashed first so that tokens of
 * different lengths compare without an early exit that would leak the length.
 */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
