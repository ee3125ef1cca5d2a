import { createPublicKey, verify } from 'node:crypto';
import type { SignedRelayBundle } from '../../../../shared/domain';

export interface RelaySigningKey {
  id: string;
  /** Ed25519 public key, SPKI DER, base64 (as `/api/v1/info` publishes it). */
  publicKey: string;
}

/**
 * M7: whether `bundle.payload` (the exact bytes the server signed) carries a valid
 * Ed25519 signature by the published key it names. Any malformed key or signature
 * is simply "not verified".
 */
export function verifyRelaySignature(bundle: SignedRelayBundle, keys: readonly RelaySigningKey[]): boolean {
  const key = keys.find((k) => k.id === bundle.keyId);
  if (!key) return false;
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(bundle.payload, 'utf8'), publicKey, Buffer.from(bundle.signature, 'base64'));
  } catch {
    return false;
  }
}
