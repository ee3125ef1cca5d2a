import { type Migration } from './types';

/**
 * Media (M2) and combined-forward bundles (M7):
 * - `uploads`: tus uploads and who made them; `blob_uuid` once finalized (a retried finalize returns it);
 * - `blobs`: content-addressed files (uuid = SHA-256), with the MIME type sniffed from the content;
 *   `blob_variants` the server-made image sizes; `blob_owners` everyone who uploaded the same content;
 * - `relay_bundles`: signed bundles; `relay_contents` every blob and nested bundle a bundle reaches;
 * - `media_refs`: which conversations carry a blob or bundle (the newest message carrying it), so a
 *   download is allowed to the participants and not to a later owner of a deleted UserID.
 */
export const m0004Media: Migration = {
  version: 4,
  name: 'media',
  up(db) {
    db.raw.exec(`
      CREATE TABLE uploads (
        upload_id  TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        blob_uuid  TEXT
      ) WITHOUT ROWID;

      CREATE TABLE blobs (
        uuid         TEXT PRIMARY KEY,
        size         INTEGER NOT NULL,
        mime         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        width        INTEGER,
        height       INTEGER,
        image_format INTEGER,
        uploader     TEXT NOT NULL, -- the first one; blob_owners has them all
        created_at   INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE blob_variants (
        original TEXT NOT NULL,
        type     INTEGER NOT NULL, -- Tencent ImageInfo Type: 2 large, 3 thumbnail
        variant  TEXT NOT NULL,
        PRIMARY KEY (original, type)
      ) WITHOUT ROWID;

      CREATE TABLE blob_owners (
        uuid    TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (uuid, user_id)
      ) WITHOUT ROWID;

      CREATE TABLE relay_bundles (
        key        TEXT PRIMARY KEY, -- SHA-256 of payload
        payload    TEXT NOT NULL,    -- the exact signed JSON text
        signature  TEXT NOT NULL,
        key_id     TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE relay_contents (
        bundle_key TEXT NOT NULL,
        kind       TEXT NOT NULL, -- 'blob' or 'relay'
        ref        TEXT NOT NULL,
        PRIMARY KEY (bundle_key, kind, ref)
      ) WITHOUT ROWID;

      CREATE TABLE media_refs (
        kind            TEXT NOT NULL, -- 'blob' or 'relay'
        ref             TEXT NOT NULL,
        conversation_id INTEGER NOT NULL,
        message_id      INTEGER NOT NULL, -- messages.id of the newest message carrying it
        PRIMARY KEY (kind, ref, conversation_id)
      ) WITHOUT ROWID;
    `);
  },
};
