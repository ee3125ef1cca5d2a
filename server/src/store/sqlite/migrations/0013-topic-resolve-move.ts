import { type Migration } from './types';

/**
 * ADR 0005 (issue 5, beyond the seed): a topic can be marked resolved, and its messages moved to another
 * topic. A moved message leaves a tombstone (`moved_to`) and its copy says where it came from
 * (`moved_from`); both are MovedRef JSON ({ conversationId, messageId, seq }).
 */
export const m0013TopicResolveMove: Migration = {
  version: 13,
  name: 'topic-resolve-move',
  up(db) {
    db.raw.exec(`
      ALTER TABLE topics ADD COLUMN resolved_at INTEGER;   -- Unix seconds; NULL while open
      ALTER TABLE topics ADD COLUMN resolved_by TEXT;
      ALTER TABLE messages ADD COLUMN moved_to TEXT;
      ALTER TABLE messages ADD COLUMN moved_from TEXT;
    `);
  },
};
