import { z } from 'zod';
import { UserId } from '../domain';

/** Password rules for self-registration on the bundled server (A1). */
export const Password = z.string().min(8, 'A password has at least 8 characters.').max(256);

export const RegisterRequest = z.object({
  userId: UserId,
  password: Password,
  nickname: z.string().max(64).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const LoginRequest = z.object({ userId: UserId, password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What a password login returns: a Tencent-format UserSig for the socket handshake. */
export const LoginResponse = z.object({
  userId: UserId,
  nickname: z.string(),
  sdkAppId: z.number().int(),
  userSig: z.string(),
  expiresAt: z.number().int(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Public facts a client needs before signing in. */
export const ServerInfo = z.object({
  name: z.string(),
  sdkAppId: z.number().int(),
  protocolVersion: z.number().int(),
  registrationOpen: z.boolean(),
  /** M5: how long a sender may recall a message, in seconds. */
  recallWindowSeconds: z.number().int().min(0),
  /** M7: public keys (Ed25519, SPKI DER, base64) that sign combined-forward bundles. */
  relaySigningKeys: z.array(z.object({ id: z.string(), publicKey: z.string() })),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

export const HTTP_PATHS = {
  info: '/api/v1/info',
  register: '/api/v1/register',
  login: '/api/v1/login',
  health: '/healthz',
  /** tus 1.0 upload endpoint (creation, resumption with HEAD/PATCH, termination). */
  uploads: '/api/v1/uploads',
  /** `GET /api/v1/blobs/<uuid>`: to users allowed to see a message carrying it, its uploader, or anyone signed in when it is someone's current picture. */
  blobs: '/api/v1/blobs',
} as const;

/**
 * How a client authenticates HTTP requests (uploads, downloads): its UserID and
 * a UserSig, in these headers. `<img>` tags cannot send headers, so the client
 * core downloads and serves files to the renderer itself.
 */
export const AUTH_HEADERS = { userId: 'x-tim-user-id', userSig: 'x-tim-user-sig' } as const;
