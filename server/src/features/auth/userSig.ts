import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { type ErrorCode } from '../../../../shared/errors';

/**
 * Tencent TLS signature v2 ("UserSig"), as every official tls-sig-api-v2
 * library writes it (contract §1): a JSON sig doc, zlib-compressed, standard
 * base64 with `+`→`*`, `/`→`-`, `=`→`_`. The HMAC-SHA256 covers fixed lines
 * rebuilt from the parsed fields, so verification never depends on how an
 * encoder ordered keys, spaced its JSON or compressed it.
 */

export interface SigDoc {
  identifier: string;
  sdkAppId: number;
  /** Issue time, Unix seconds. */
  time: number;
  /** Lifetime in seconds, relative to `time`. */
  expire: number;
  /** Standard base64 of the user buffer, when the token carries one (TRTC PrivateMapKey). */
  userbuf: string | null;
  /** The decoded 32-byte HMAC. */
  sig: Buffer;
}

export interface MintOptions {
  sdkAppId: number;
  secretKey: string;
  userId: string;
  expireSeconds: number;
  /** Unix milliseconds (Date.now()); the token records whole seconds. */
  now: number;
  /** A user buffer, as TRTC's PrivateMapKey carries (tests only: IM logins refuse them). */
  userbuf?: Buffer;
}

export interface VerifyOptions {
  sdkAppId: number;
  secretKey: string;
  /** The UserID the token must have been issued to. */
  userId: string;
  userSig: string;
  /** Unix milliseconds. */
  now: number;
  /**
   * How far in the future a UserSig's issue time may lie (clock skew between
   * whoever minted it and this server); default {@link MAX_FUTURE_SKEW_SECONDS}.
   */
  maxFutureSkewSeconds?: number;
  /**
   * Whether the token must carry a userbuf (TRTC's PrivateMapKey does) or must
   * not (an IM login, the default). A mismatch is refused, as Tencent's Go
   * verifier refuses it with ErrUserBufTypeNotMatch.
   */
  expectUserbuf?: boolean;
}

/**
 * No reference verifier checks this (contract §1.4); we do, deliberately:
 * revocation cuts off by issue time, so a token dated far ahead would outlive
 * every kick until its date has passed.
 */
export const MAX_FUTURE_SKEW_SECONDS = 300;

export type UserSigFailure = Extract<
  ErrorCode,
  'usersig_empty' | 'usersig_malformed' | 'usersig_expired' | 'usersig_forged' | 'usersig_wrong_user' | 'usersig_wrong_app'
>;

export type VerifyResult =
  | { ok: true; /** Unix seconds */ issuedAt: number; /** Unix seconds; still valid at exactly this second */ expiresAt: number }
  | { ok: false; code: UserSigFailure; /** Set when the catalogue's text would mislead. */ message?: string };

/** Longer than any real token by far; refusing early bounds the work a hostile caller can cause. */
const MAX_TOKEN_CHARS = 8192;
const MAX_DOC_BYTES = 64 * 1024;

export function hmacOf(doc: Omit<SigDoc, 'sig'>, secretKey: string): Buffer {
  let content =
    `TLS.identifier:${doc.identifier}\n` +
    `TLS.sdkappid:${doc.sdkAppId}\n` +
    `TLS.time:${doc.time}\n` +
    `TLS.expire:${doc.expire}\n`;
  if (doc.userbuf !== null) content += `TLS.userbuf:${doc.userbuf}\n`;
  // The key is the console's text string, used as UTF-8 bytes, not hex-decoded (contract §1.2).
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(content, 'utf8').digest();
}

export function toUrlBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/** Mints a UserSig the way Tencent's Node library does (key order ver, identifier, sdkappid, time, expire, sig). */
export function mintUserSig(options: MintOptions): string {
  const time = Math.floor(options.now / 1000);
  const userbuf = options.userbuf ? options.userbuf.toString('base64') : null;
  const fields = { identifier: options.userId, sdkAppId: options.sdkAppId, time, expire: options.expireSeconds, userbuf };
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': options.userId,
    'TLS.sdkappid': options.sdkAppId,
    'TLS.time': time,
    'TLS.expire': options.expireSeconds,
    ...(userbuf === null ? {} : { 'TLS.userbuf': userbuf }),
    'TLS.sig': hmacOf(fields, options.secretKey).toString('base64'),
  };
  return toUrlBase64(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')));
}

function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  // Tolerated although no official encoder writes numbers as strings.
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return null;
}

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes a token into its sig doc, or null when it is not a well-formed UserSig. */
export function decodeUserSig(userSig: string): SigDoc | null {
  if (userSig.length > MAX_TOKEN_CHARS) return null;
  let base64 = userSig.trim().replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  // Some URL-safe transports drop the padding; restore it as Tencent's Node library does.
  if (!base64.includes('=')) base64 += '='.repeat((4 - (base64.length % 4)) % 4);
  if (base64.length === 0 || base64.length % 4 !== 0 || !STANDARD_BASE64.test(base64)) return null;
  let json: unknown;
  try {
    const text = inflateSync(Buffer.from(base64, 'base64'), { maxOutputLength: MAX_DOC_BYTES }).toString('utf8');
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const raw = json as Record<string, unknown>;
  const identifier = raw['TLS.identifier'];
  const sdkAppId = wholeNumber(raw['TLS.sdkappid']);
  const time = wholeNumber(raw['TLS.time']);
  const expire = wholeNumber(raw['TLS.expire']);
  const sig = raw['TLS.sig'];
  const userbuf = raw['TLS.userbuf'];
  if (typeof identifier !== 'string' || sdkAppId === null || time === null || expire === null) return null;
  if (typeof sig !== 'string' || !STANDARD_BASE64.test(sig)) return null;
  if (userbuf !== undefined && typeof userbuf !== 'string') return null;
  return { identifier, sdkAppId, time, expire, userbuf: userbuf ?? null, sig: Buffer.from(sig, 'base64') };
}

/**
 * Checks a UserSig in the order of Tencent's Go reference verifier: decode,
 * SDKAppID, identifier, expiry (`now == time + expire` is still valid), userbuf
 * presence as expected (none for a login), then the HMAC, compared in constant
 * time; then, beyond the reference, an issue time too far in the future is
 * refused. Revocation and account existence are the auth service's business.
 */
export function verifyUserSig(options: VerifyOptions): VerifyResult {
  if (options.userSig.length === 0) return { ok: false, code: 'usersig_empty' };
  const doc = decodeUserSig(options.userSig);
  if (!doc) return { ok: false, code: 'usersig_malformed' };
  if (doc.sdkAppId !== options.sdkAppId) return { ok: false, code: 'usersig_wrong_app' };
  if (doc.identifier !== options.userId) return { ok: false, code: 'usersig_wrong_user' };
  const nowSeconds = Math.floor(options.now / 1000);
  if (nowSeconds > doc.time + doc.expire) return { ok: false, code: 'usersig_expired' };
  if ((doc.userbuf !== null) !== (options.expectUserbuf ?? false)) {
    return {
      ok: false,
      code: 'usersig_malformed',
      message:
        doc.userbuf !== null
          ? 'This UserSig carries a userbuf (a TRTC PrivateMapKey?); it is not valid for signing in.'
          : 'This token was expected to carry a userbuf.',
    };
  }
  const expected = hmacOf(doc, options.secretKey);
  if (doc.sig.length !== expected.length || !timingSafeEqual(doc.sig, expected)) {
    return { ok: false, code: 'usersig_forged' };
  }
  const skew = options.maxFutureSkewSeconds ?? MAX_FUTURE_SKEW_SECONDS;
  if (doc.time > nowSeconds + skew) {
    return {
      ok: false,
      code: 'usersig_malformed',
      message: `The UserSig is dated more than ${skew} seconds in the future; check the clock of whatever minted it.`,
    };
  }
  return { ok: true, issuedAt: doc.time, expiresAt: doc.time + doc.expire };
}
