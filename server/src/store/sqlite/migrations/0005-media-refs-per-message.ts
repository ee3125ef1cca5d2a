import { type Migration } from './types';

/**
 * M2/M5: `media_refs` gets one row per carrying message (it kept only the
 * newest message per conversation), so access can follow each message: a
 * recalled message stops granting its files and bundles while another message
 * of the conversation that still carries them keeps granting them.
 * Existing rows are kept as they are (each names a message that carries its ref).
 */
export const m0005MediaRefsPerMessage: Migration = {
  version: 5,
  name: 'media-refs-per-message',
  up(db) {
    db.raw.exec(`
      CREATE TABLE media_refs_per_message (
        kind            TEXT NOT NULL, -- 'blob' or 'relay'
        ref             TEXT NOT NULL,
        conversation_id INTEGER NOT NULL,
        message_id      INTEGER NOT NULL, -- messages.id of a message carrying it (directly or inside a bundle)
        PRIMARY KEY (kind, ref, conversation_id, message_id)
      ) WITHOUT ROWID;
      INSERT INTO media_refs_per_message (kind, ref, conversation_id, message_id)
        SELECT kind, ref, conversation_id, message_id FROM media_refs;
      DROP TABLE media_refs;
      ALTER TABLE media_refs_per_message RENAME TO media_refs;
    `);
  },
};
