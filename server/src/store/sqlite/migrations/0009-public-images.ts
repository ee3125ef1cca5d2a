import { type Migration } from './types';

/** The blob a `…/api/v1/blobs/<sha-256>` URL names; frozen here so later changes to the runtime parser leave this step alone. */
function blobUuidOf(url: string): string | null {
  try {
    return /^\/api\/v1\/blobs\/([0-9a-f]{64})$/.exec(new URL(url).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * P1: `public_images` — each owner's current picture (kind 'user': the profile image in accounts.face_url;
 * kind 'group' is kept for group avatars), readable by every signed-in user like Tencent's public FaceUrl.
 * Looked up by uuid on every download, hence the index; `blob_variants_by_variant` finds the original of a
 * server-made size. Existing profile images are published when their owner uploaded that blob.
 */
export const m0009PublicImages: Migration = {
  version: 9,
  name: 'public-images',
  up(db) {
    db.raw.exec(`
      CREATE TABLE public_images (
        owner_kind TEXT NOT NULL, -- 'user' or 'group'
        owner_id   TEXT NOT NULL,
        uuid       TEXT NOT NULL,
        PRIMARY KEY (owner_kind, owner_id)
      ) WITHOUT ROWID;
      CREATE INDEX public_images_by_uuid ON public_images (uuid);
      CREATE INDEX blob_variants_by_variant ON blob_variants (variant, original);
    `);
    const rows = db.raw.prepare(`SELECT user_id, face_url FROM accounts WHERE face_url LIKE '%/api/v1/blobs/%'`).all() as Array<{
      user_id: string;
      face_url: string;
    }>;
    const publish = db.raw.prepare(`
      INSERT INTO public_images (owner_kind, owner_id, uuid)
      SELECT 'user', ?, uuid FROM blob_owners WHERE uuid = ? AND user_id = ?`);
    for (const row of rows) {
      const uuid = blobUuidOf(row.face_url);
      if (uuid !== null) publish.run(row.user_id, uuid, row.user_id);
    }
  },
};
