import { describe, expect, it } from 'vitest';
import { deliveryOf } from './delivery';

describe('deliveryOf', () => {
  it('moves pending → sent → read, and shows failed as failed', () => {
    expect(deliveryOf({ status: 'pending', readByPeer: false })).toBe('pending');
    expect(deliveryOf({ status: 'sent', readByPeer: false })).toBe('sent');
    expect(deliveryOf({ status: 'sent', readByPeer: true })).toBe('read');
    expect(deliveryOf({ status: 'failed', readByPeer: false })).toBe('failed');
  });
});
