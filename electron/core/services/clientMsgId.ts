import { randomBytes } from 'node:crypto';

/** 128 random bits as 22 URL-safe characters: unique per sender without coordination. */
export function newClientMsgId(): string {
  return randomBytes(16).toString('base64url');
}
