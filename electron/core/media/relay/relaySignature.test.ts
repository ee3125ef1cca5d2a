import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SignedRelayBundle } from '../../../../shared/domain';
import { verifyRelaySignature } from './relaySignature';

function signer(id: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    key: { id, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') },
    bundle(payload: string): SignedRelayBundle {
      return { key: 'k1', payload, keyId: id, signature: sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64') };
    },
  };
}

describe('verifyRelaySignature', () => {
  const server = signer('2026-1');
  const payload = JSON.stringify({ version: 1, title: '聊天记录', createdBy: 'alice', createdAt: 1, messages: [] });

  it('M7 accepts a bundle signed by a published key', () => {
    expect(verifyRelaySignature(server.bundle(payload), [server.key])).toBe(true);
  });

  it('M7 reports a tampered payload, a foreign key, an unknown key ID and garbage as unverified', () => {
    const bundle = server.bundle(payload);
    expect(verifyRelaySignature({ ...bundle, payload: payload.replace('alice', 'mallory') }, [server.key])).toBe(false);
    const other = signer('2026-1');
    expect(verifyRelaySignature(other.bundle(payload), [server.key])).toBe(false);
    expect(verifyRelaySignature({ ...bundle, keyId: 'old' }, [server.key])).toBe(false);
    expect(verifyRelaySignature({ ...bundle, signature: '!!' }, [server.key])).toBe(false);
    expect(verifyRelaySignature(bundle, [{ id: '2026-1', publicKey: 'bm90IGEga2V5' }])).toBe(false);
  });
});
