import type { WritableDB } from '../database';

/**
 * ADR 0004 §6: a group or topic conversation keeps the names it was last shown with. The group
 * cache (0009) drops a group I leave (and its topics with it), yet the conversation stays listed
 * and readable (`left`); without a copy it would be listed under its raw ID. `group_view` holds
 * `{group: {name, faceUrl, memberNum}, topic: {name, faceUrl} | null}` as JSON (NULL until the
 * cache has been seen for it); the cache still wins while it holds the group.
 */
export function migrate0011(db: WritableDB): void {
  db.exec(`ALTER TABLE conversations ADD COLUMN group_view TEXT;`);
}
