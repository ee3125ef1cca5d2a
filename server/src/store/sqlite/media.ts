import { GROUP_TYPES, GROUP_TYPE_TRAITS, type MediaKind } from '../../../../shared/domain';
import { sql, sqlList } from '../../../../shared/sql/sql';
import {
  type BlobRecord,
  type MediaRef,
  type MediaRefKind,
  type MediaRepository,
  type NewBlob,
  type RelayRecord,
  type UploadRecord,
} from '../mediaTypes';
import { historyFloorOf } from './accounts';
import { type Database } from './database';
import { publicBlobs } from './publicImages';

interface BlobRow {
  uuid: string;
  size: number;
  mime: string;
  kind: string;
  width: number | null;
  height: number | null;
  image_format: number | null;
  uploader: string;
  created_at: number;
}

function insertBlob(db: Database, blob: NewBlob, owner: string): void {
  db.run(sql`
    INSERT INTO blobs (uuid, size, mime, kind, width, height, image_format, uploader, created_at)
    VALUES (${blob.uuid}, ${blob.size}, ${blob.mime}, ${blob.kind}, ${blob.width}, ${blob.height}, ${blob.imageFormat},
            ${owner}, ${blob.createdAt})
    ON CONFLICT (uuid) DO NOTHING`);
  db.run(sql`INSERT INTO blob_owners (uuid, user_id) VALUES (${blob.uuid}, ${owner}) ON CONFLICT DO NOTHING`);
}

function getBlobs(db: Database, uuids: readonly string[]): BlobRecord[] {
  if (uuids.length === 0) return [];
  const rows = db.all<BlobRow>(sql`SELECT * FROM blobs WHERE uuid IN ${sqlList([...uuids])}`);
  const variants = db.all<{ original: string; type: number; variant: string }>(
    sql`SELECT original, type, variant FROM blob_variants WHERE original IN ${sqlList([...uuids])} ORDER BY type`,
  );
  return rows.map((row) => ({
    uuid: row.uuid,
    size: row.size,
    mime: row.mime,
    kind: row.kind as MediaKind,
    width: row.width,
    height: row.height,
    imageFormat: row.image_format,
    uploader: row.uploader,
    createdAt: row.created_at,
    variants: variants.filter((v) => v.original === row.uuid).map((v) => ({ type: v.type as 2 | 3, uuid: v.variant })),
  }));
}

/**
 * The refs the user may use: their own (blobs they uploaded, bundles they
 * created), carried by a message (not recalled) of a conversation they take
 * part in and stored after their account was created (not an earlier owner's
 * history), granted to them by an online-only message (media_grants), or someone's
 * current picture (public_images).
 */
/** Types whose members read (so download) what was sent before they joined (the traits' default; ADR 0004 §3). */
const HISTORY_BEFORE_JOIN_TYPES = sqlList(GROUP_TYPES.filter((type) => GROUP_TYPE_TRAITS[type].historyBeforeJoin));

function accessible(db: Database, userId: string, kind: MediaRefKind, refs: readonly string[]): Set<string> {
  if (refs.length === 0) return new Set();
  const list = sqlList([...refs]);
  const own =
    kind === 'blob'
      ? db.all<{ ref: string }>(sql`SELECT uuid AS ref FROM blob_owners WHERE user_id = ${userId} AND uuid IN ${list}`)
      : db.all<{ ref: string }>(sql`SELECT key AS ref FROM relay_bundles WHERE created_by = ${userId} AND key IN ${list}`);
  // A recalled message no longer grants what it carried (M5): nobody may see it any more.
  const carried = db.all<{ ref: string }>(sql`
    SELECT DISTINCT r.ref FROM media_refs AS r
    JOIN conversation_members AS m ON m.conversation_id = r.conversation_id AND m.user_id = ${userId}
    JOIN messages AS msg ON msg.id = r.message_id AND msg.recalled = 0
    WHERE r.kind = ${kind} AND r.ref IN ${list} AND r.message_id > ${historyFloorOf(userId)}`);
  // ADR 0004: a group or topic message's media is for the group's current members (no per-member rows).
  const inGroups = db.all<{ ref: string }>(sql`
    SELECT DISTINCT r.ref FROM media_refs AS r
    JOIN conversations AS c ON c.id = r.conversation_id AND c.kind = 'group'
    JOIN group_members AS gm ON gm.group_id = c.group_id AND gm.user_id = ${userId}
    JOIN groups AS g ON g.group_id = c.group_id
    JOIN messages AS msg ON msg.id = r.message_id AND msg.recalled = 0
    WHERE r.kind = ${kind} AND r.ref IN ${list} AND r.message_id > ${historyFloorOf(userId)}
      AND (r.message_id > gm.join_floor_id OR g.type IN ${HISTORY_BEFORE_JOIN_TYPES})`);
  const granted = db.all<{ ref: string }>(sql`
    SELECT ref FROM media_grants WHERE user_id = ${userId} AND kind = ${kind} AND ref IN ${list}`);
  // P1: someone's current picture is public to every signed-in user, like Tencent's FaceUrl.
  const published = kind === 'blob' ? publicBlobs(db, list) : [];
  return new Set([...own, ...carried, ...inGroups, ...granted, ...published].map((row) => row.ref));
}

function grantRefs(db: Database, userIds: readonly string[], refs: readonly MediaRef[]): void {
  if (refs.length === 0) return;
  db.transaction(() => {
    for (const userId of new Set(userIds)) {
      for (const { kind, ref } of refs) {
        db.run(sql`INSERT INTO media_grants (user_id, kind, ref) VALUES (${userId}, ${kind}, ${ref}) ON CONFLICT DO NOTHING`);
      }
    }
  });
}

function recordRefs(db: Database, message: { from: string; clientMsgId: string }, refs: readonly MediaRef[]): void {
  if (refs.length === 0) return;
  const stored = db.get<{ id: number; conversation_id: number }>(
    sql`SELECT id, conversation_id FROM messages WHERE sender = ${message.from} AND client_msg_id = ${message.clientMsgId}`,
  );
  if (!stored) return;
  db.transaction(() => {
    for (const { kind, ref } of refs) {
      db.run(sql`
        INSERT INTO media_refs (kind, ref, conversation_id, message_id) VALUES (${kind}, ${ref}, ${stored.conversation_id}, ${stored.id})
        ON CONFLICT DO NOTHING`);
    }
  });
}

interface RelayRow {
  key: string;
  payload: string;
  signature: string;
  key_id: string;
  created_by: string;
  created_at: number;
}

type Synchronous<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never };

/** The SQLite media repository; each call runs synchronously and resolves at once, like the other repositories. */
export function openMediaRepository(db: Database): MediaRepository {
  const sync = mediaRepository(db);
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(sync) as Array<[string, (...args: unknown[]) => unknown]>) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(fn(...args));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  }
  return wrapped as unknown as MediaRepository;
}

function mediaRepository(db: Database): Synchronous<MediaRepository> {
  return {
    createUpload(upload) {
      db.run(sql`
        INSERT INTO uploads (upload_id, owner, kind, created_at) VALUES (${upload.uploadId}, ${upload.owner}, ${upload.kind}, ${upload.createdAt})`);
    },
    getUpload(uploadId) {
      const row = db.get<{ upload_id: string; owner: string; kind: string; created_at: number; blob_uuid: string | null }>(
        sql`SELECT upload_id, owner, kind, created_at, blob_uuid FROM uploads WHERE upload_id = ${uploadId}`,
      );
      if (!row) return null;
      const record: UploadRecord = {
        uploadId: row.upload_id,
        owner: row.owner,
        kind: row.kind as MediaKind,
        createdAt: row.created_at,
        blobUuid: row.blob_uuid,
      };
      return record;
    },
    deleteUpload(uploadId) {
      db.run(sql`DELETE FROM uploads WHERE upload_id = ${uploadId}`);
    },
    saveFinalized({ uploadId, owner, blob, variants }) {
      db.transaction(() => {
        insertBlob(db, blob, owner);
        for (const { type, blob: variant } of variants) {
          if (variant.uuid !== blob.uuid) insertBlob(db, variant, owner);
          db.run(sql`
            INSERT INTO blob_variants (original, type, variant) VALUES (${blob.uuid}, ${type}, ${variant.uuid})
            ON CONFLICT DO NOTHING`);
        }
        db.run(sql`UPDATE uploads SET blob_uuid = ${blob.uuid} WHERE upload_id = ${uploadId}`);
      });
    },
    getBlobs: (uuids) => getBlobs(db, uuids),
    accessible: (userId, kind, refs) => accessible(db, userId, kind, refs),
    recordRefs: (message, refs) => recordRefs(db, message, refs),
    grantRefs: (userIds, refs) => grantRefs(db, userIds, refs),
    saveRelay(bundle, contents) {
      db.transaction(() => {
        db.run(sql`
          INSERT INTO relay_bundles (key, payload, signature, key_id, created_by, created_at)
          VALUES (${bundle.key}, ${bundle.payload}, ${bundle.signature}, ${bundle.keyId}, ${bundle.createdBy}, ${bundle.createdAt})
          ON CONFLICT (key) DO NOTHING`);
        for (const { kind, ref } of contents) {
          db.run(sql`INSERT INTO relay_contents (bundle_key, kind, ref) VALUES (${bundle.key}, ${kind}, ${ref}) ON CONFLICT DO NOTHING`);
        }
      });
    },
    getRelay(key) {
      const row = db.get<RelayRow>(sql`SELECT * FROM relay_bundles WHERE key = ${key}`);
      if (!row) return null;
      const record: RelayRecord = {
        key: row.key,
        payload: row.payload,
        signature: row.signature,
        keyId: row.key_id,
        createdBy: row.created_by,
        createdAt: row.created_at,
      };
      return record;
    },
    relayContents(keys) {
      if (keys.length === 0) return [];
      return db.all<{ kind: MediaRefKind; ref: string }>(
        sql`SELECT DISTINCT kind, ref FROM relay_contents WHERE bundle_key IN ${sqlList([...keys])}`,
      );
    },
  };
}
