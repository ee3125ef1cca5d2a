import type { WritableDB } from '../database';

/**
 * A contentless FTS5 index of CJK character pairs (built by the `cjk_bigrams`
 * SQL function that openDatabase registers), so two-character Chinese,
 * Japanese and Korean terms are found through an index instead of a scan.
 */
export function migrate0002(db: WritableDB): void {
  db.exec(`
    CREATE VIRTUAL TABLE messages_bigram USING fts5 (
      grams,
      content = '',
      contentless_delete = 1,
      tokenize = 'unicode61',
      -- Every query is whole tokens (one pair each), never a phrase of several, so
      -- positions are not needed: a smaller index and cheaper inserts.
      detail = none
    );
    INSERT INTO messages_bigram (rowid, grams)
      SELECT id, grams FROM (SELECT id, cjk_bigrams(text) AS grams FROM messages) WHERE grams <> '';

    CREATE TRIGGER messages_bigram_after_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, grams FROM (SELECT cjk_bigrams(new.text) AS grams) WHERE grams <> '';
    END;
    CREATE TRIGGER messages_bigram_after_delete AFTER DELETE ON messages BEGIN
      DELETE FROM messages_bigram WHERE rowid = old.id;
    END;
    CREATE TRIGGER messages_bigram_after_update AFTER UPDATE OF text ON messages BEGIN
      DELETE FROM messages_bigram WHERE rowid = old.id;
      INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, grams FROM (SELECT cjk_bigrams(new.text) AS grams) WHERE grams <> '';
    END;
  `);
}
