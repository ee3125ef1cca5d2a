import type { WritableDB } from '../database';

/**
 * Issue 3 (messaging): what a message and a conversation can become after they are stored,
 * and an outbox that carries every kind of change, not only sends.
 *
 * messages:
 * - `cloud_custom_data`, `reply_to` (ReplyRef JSON), `recalled`, `recalled_text` (own recalled
 *   text kept on this device for re-editing, M5), `edited_at` (M14), `reactions` (JSON, M13);
 * - `deleted`: deleted for me (M10). The row stays as a tombstone (body and text emptied, so it
 *   leaves both search indexes through the update triggers) so its seq still counts as stored
 *   and the sync mark and history paging do not see a hole to refetch;
 * - `mod_seq`: the server's modification counter when the message last changed;
 * - `pending_ops`: changes of this message waiting in the outbox (ChatMessage.hasPendingChanges);
 * - `kinds`: the element kinds of the body (' text file '), for search filters (M11).
 *
 * conversations: settings (`pinned`, `recv_opt`, M12), the local draft (`draft`, `draft_at`),
 * `cleared_seq` (M10: nothing at or below it is kept or fetched), `mod_seq` (modifications
 * pulled up to here), `hidden` (deleted: out of the list until a newer message arrives).
 *
 * outbox: rebuilt with `kind` (the socket request it replays: message:send, message:edit,
 * message:recall, …) and a nullable `message_id` (conversation operations have none), unique
 * for sends only; `undo` holds what an optimistic change replaced, restored if the server
 * refuses it for good. Rows and ids are kept, so the order of what was queued is unchanged.
 */
export function migrate0006(db: WritableDB): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN cloud_custom_data TEXT NOT NULL DEFAULT '';
    ALTER TABLE messages ADD COLUMN reply_to TEXT;
    ALTER TABLE messages ADD COLUMN recalled INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN recalled_text TEXT;
    ALTER TABLE messages ADD COLUMN edited_at INTEGER;
    ALTER TABLE messages ADD COLUMN reactions TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN mod_seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN pending_ops INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN kinds TEXT NOT NULL DEFAULT '';
    UPDATE messages SET kinds = coalesce((
      SELECT ' ' || group_concat(kind, ' ') || ' ' FROM (
        SELECT DISTINCT CASE json_extract(value, '$.MsgType')
          WHEN 'TIMTextElem' THEN 'text' WHEN 'TIMFaceElem' THEN 'face' WHEN 'TIMLocationElem' THEN 'location'
          WHEN 'TIMCustomElem' THEN 'custom' WHEN 'TIMImageElem' THEN 'image' WHEN 'TIMSoundElem' THEN 'sound'
          WHEN 'TIMFileElem' THEN 'file' WHEN 'TIMVideoFileElem' THEN 'video' WHEN 'TIMRelayElem' THEN 'relay'
        END AS kind FROM json_each(messages.body)
      ) WHERE kind IS NOT NULL), '');

    ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conversations ADD COLUMN recv_opt TEXT NOT NULL DEFAULT 'AcceptAndNotify';
    ALTER TABLE conversations ADD COLUMN draft TEXT;
    ALTER TABLE conversations ADD COLUMN draft_at INTEGER;
    ALTER TABLE conversations ADD COLUMN cleared_seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conversations ADD COLUMN mod_seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE conversations ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE outbox_0006 (
      id              INTEGER PRIMARY KEY,
      kind            TEXT NOT NULL,
      message_id      INTEGER REFERENCES messages (id) ON DELETE CASCADE,
      conversation_id TEXT NOT NULL,
      payload         TEXT NOT NULL,
      undo            TEXT,
      created_at      INTEGER NOT NULL,
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO outbox_0006 (id, kind, message_id, conversation_id, payload, created_at, attempts, next_attempt_at)
      SELECT id, 'message:send', message_id, conversation_id, payload, created_at, attempts, next_attempt_at FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_0006 RENAME TO outbox;
    CREATE INDEX outbox_by_conversation ON outbox (conversation_id, id);
    CREATE UNIQUE INDEX outbox_one_send_per_message ON outbox (message_id) WHERE kind = 'message:send';
    CREATE INDEX outbox_by_message ON outbox (message_id) WHERE message_id IS NOT NULL;
  `);
}
