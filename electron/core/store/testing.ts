import { textBody } from '../../../shared/domain';
import type { WritableDB } from './database';
import { openStore } from './openStore';
import { ensureConversation } from './tables/conversations';
import { insertMessage, type NewMessage } from './tables/messages';

/** Test helpers for table functions: a migrated in-memory store and terse message rows. */
export function memoryStore(): WritableDB {
  return openStore(':memory:');
}

let counter = 0;

export function testMessage(overrides: Partial<NewMessage> & { conversationId: string }): NewMessage {
  counter += 1;
  const text = overrides.text ?? `message ${counter}`;
  return {
    clientMsgId: `test-msg-${String(counter).padStart(6, '0')}`,
    seq: null,
    msgKey: null,
    sender: 'bob',
    body: textBody(text),
    text,
    time: 1_000 + counter,
    status: 'sent',
    createdAt: 1_000 + counter,
    ...overrides,
  };
}

/** A conversation with acknowledged messages at the given seqs. */
export function seedConversation(db: WritableDB, conversationId: string, peer: string, seqs: number[]): void {
  ensureConversation(db, conversationId, peer, 1);
  for (const seq of seqs) insertMessage(db, testMessage({ conversationId, seq, sender: seq % 2 === 0 ? 'me' : peer }));
}
