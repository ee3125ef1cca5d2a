import { BLOB_HASH } from '../../../../shared/domain';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { type SqlFragment, sql, sqlList } from '../../../../shared/sql/sql';
import { type Database } from './database';

/**
 * Public images: an owner's current picture (a user's profile image today, a group's avatar with issue 5) is
 * readable by every signed-in user, as Tencent's FaceUrl is a public URL. One row per owner, so replacing or
 * clearing the picture withdraws the old one at once; other rules (messages, grants) may still allow it.
 */
export type PublicImageOwnerKind = 'user' | 'group';

/**
 * The blob a picture URL names, when it is one of our blob URLs (`…/api/v1/blobs/<uuid>`). Only the path is
 * compared: the embedded server's base URL changes with its port, and a hash from elsewhere is only published
 * if the publisher uploaded that content here anyway (see setPublicImage).
 */
export function blobUuidOfUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const prefix = `${HTTP_PATHS.blobs}/`;
  if (!path.startsWith(prefix)) return null;
  const uuid = path.slice(prefix.length);
  return BLOB_HASH.test(uuid) ? uuid : null;
}

/**
 * Makes `url` the owner's public picture, replacing the previous one. It is published only when the publisher
 * uploaded that blob: otherwise anyone who once saw a private image (a chat photo, a recalled message) could
 * make it public by naming it as their picture. `null` is the app admin (REST with the admin identity), who
 * may publish any blob stored here: the operator holds the secret key and can read every blob anyway.
 */
export function setPublicImage(
  db: Database,
  owner: { kind: PublicImageOwnerKind; id: string },
  url: string,
  publisher: string | null,
): void {
  db.run(sql`DELETE FROM public_images WHERE owner_kind = ${owner.kind} AND owner_id = ${owner.id}`);
  const uuid = blobUuidOfUrl(url);
  if (uuid === null) return;
  const uploadedBy: SqlFragment = publisher === null ? sql`` : sql`AND user_id = ${publisher}`;
  db.run(sql`
    INSERT INTO public_images (owner_kind, owner_id, uuid)
    SELECT ${owner.kind}, ${owner.id}, ${uuid} WHERE EXISTS (SELECT 1 FROM blob_owners WHERE uuid = ${uuid} ${uploadedBy})`);
}

export function clearPublicImages(db: Database, kind: PublicImageOwnerKind, ids: readonly string[]): void {
  if (ids.length === 0) return;
  db.run(sql`DELETE FROM public_images WHERE owner_kind = ${kind} AND owner_id IN ${sqlList([...ids])}`);
}

/** Which of `uuids` are some owner's current picture, or a server-made size of one (both lookups indexed). */
export function publicBlobs(db: Database, uuids: SqlFragment): Array<{ ref: string }> {
  return db.all<{ ref: string }>(sql`
    SELECT uuid AS ref FROM public_images WHERE uuid IN ${uuids}
    UNION
    SELECT v.variant AS ref FROM blob_variants AS v
    WHERE v.variant IN ${uuids} AND EXISTS (SELECT 1 FROM public_images AS p WHERE p.uuid = v.original)`);
}
