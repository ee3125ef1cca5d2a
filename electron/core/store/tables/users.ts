import type { UserProfile } from '../../../../shared/domain';
import { get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

interface UserRow {
  user_id: string;
  nickname: string;
}

function rowToProfile(row: UserRow): UserProfile {
  return { userId: row.user_id, nickname: row.nickname };
}

/** Point lookup by primary key. */
export function getUser(db: ReadableDB, userId: string): UserProfile | undefined {
  const row = get<UserRow>(db, sql`SELECT user_id, nickname FROM users WHERE user_id = ${userId}`);
  return row && rowToProfile(row);
}

export function upsertUser(db: WritableDB, profile: UserProfile, now: number): void {
  run(
    db,
    sql`INSERT INTO users (user_id, nickname, updated_at) VALUES (${profile.userId}, ${profile.nickname}, ${now})
        ON CONFLICT (user_id) DO UPDATE SET nickname = excluded.nickname, updated_at = excluded.updated_at`,
  );
}

/** Remembers a user we only know by ID, without overwriting a nickname we already have. */
export function ensureUser(db: WritableDB, userId: string, now: number): void {
  run(db, sql`INSERT INTO users (user_id, nickname, updated_at) VALUES (${userId}, ${userId}, ${now}) ON CONFLICT DO NOTHING`);
}
