import { type AccountRecord, type NewAccount, type ProfileUpdate } from '../types';
import { type Database } from './database';
import { clearPublicImages, setPublicImage } from './publicImages';
import { type SqliteState } from './state';
import { type SqlFragment, sql, sqlList } from '../../../../shared/sql/sql';

interface AccountRow {
  user_id: string;
  nickname: string;
  face_url: string;
  password_hash: string | null;
  created_at: number;
}

const COLUMNS = sql`user_id, nickname, face_url, password_hash, created_at`;

function toAccount(row: AccountRow): AccountRecord {
  return {
    userId: row.user_id,
    nickname: row.nickname,
    faceUrl: row.face_url,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export function getAccount(db: Database, userId: string): AccountRecord | null {
  const row = db.get<AccountRow>(sql`SELECT ${COLUMNS} FROM accounts WHERE user_id = ${userId}`);
  return row ? toAccount(row) : null;
}

export function getAccounts(db: Database, userIds: readonly string[]): AccountRecord[] {
  return db.all<AccountRow>(sql`SELECT ${COLUMNS} FROM accounts WHERE user_id IN ${sqlList(userIds)}`).map(toAccount);
}

/** Cached: the send path asks this for both parties of every message. */
export function accountExists(state: SqliteState, userId: string): boolean {
  if (state.knownAccounts.has(userId)) return true;
  const exists = state.db.get(sql`SELECT 1 FROM accounts WHERE user_id = ${userId}`) !== undefined;
  if (exists) state.afterCommit(() => state.knownAccounts.add(userId));
  return exists;
}

/** A new account sees only messages stored after it: older ones with its UserID were someone else's. */
const HISTORY_FLOOR_NOW = sql`(SELECT COALESCE(MAX(id), 0) FROM messages)`;

/** The viewer's history floor as a scalar subquery; NULL (nothing visible) when the account is gone. */
export function historyFloorOf(userId: string): SqlFragment {
  return sql`(SELECT history_floor FROM accounts WHERE user_id = ${userId})`;
}

export function createAccount(db: Database, account: NewAccount): boolean {
  const result = db.run(sql`
    INSERT INTO accounts (user_id, nickname, face_url, password_hash, created_at, history_floor)
    VALUES (${account.userId}, ${account.nickname ?? ''}, ${account.faceUrl ?? ''}, ${account.passwordHash ?? null}, ${account.createdAt},
            ${HISTORY_FLOOR_NOW})
    ON CONFLICT (user_id) DO NOTHING`);
  const created = result.changes === 1;
  if (created && account.faceUrl) setPublicImage(db, { kind: 'user', id: account.userId }, account.faceUrl, account.userId);
  return created;
}

export function importAccounts(state: SqliteState, accounts: readonly ProfileUpdate[]): void {
  const { db } = state;
  state.transaction(() => {
    for (const account of accounts) {
      db.run(sql`
        INSERT INTO accounts (user_id, nickname, face_url, created_at, history_floor)
        VALUES (${account.userId}, ${account.nickname ?? ''}, ${account.faceUrl ?? ''}, ${account.createdAt}, ${HISTORY_FLOOR_NOW})
        ON CONFLICT (user_id) DO UPDATE SET
          nickname = COALESCE(${account.nickname ?? null}, nickname),
          face_url = COALESCE(${account.faceUrl ?? null}, face_url)`);
      if (account.faceUrl !== undefined) setPublicImage(db, { kind: 'user', id: account.userId }, account.faceUrl, account.userId);
    }
  });
}

export function clearPassword(db: Database, userId: string): boolean {
  return db.run(sql`UPDATE accounts SET password_hash = NULL WHERE user_id = ${userId} AND password_hash IS NOT NULL`).changes === 1;
}

export function deleteAccounts(state: SqliteState, userIds: readonly string[]): string[] {
  const { db } = state;
  return state.transaction(() => {
    const deleted: string[] = [];
    for (const userId of userIds) {
      if (db.run(sql`DELETE FROM accounts WHERE user_id = ${userId}`).changes === 0) continue;
      db.run(sql`DELETE FROM conversation_members WHERE user_id = ${userId}`);
      db.run(sql`DELETE FROM media_grants WHERE user_id = ${userId}`);
      // Uploads go with the account too: a later owner of the UserID must not read (or publish) them.
      db.run(sql`DELETE FROM blob_owners WHERE user_id = ${userId}`);
      clearPublicImages(db, 'user', [userId]);
      deleted.push(userId);
    }
    state.forgetAccounts(deleted);
    return deleted;
  });
}

export function revokeCredentials(db: Database, userId: string, nowSeconds: number): number {
  const row = db.get<{ revoked_through: number }>(sql`
    INSERT INTO credential_revocations (user_id, revoked_through) VALUES (${userId}, ${nowSeconds})
    ON CONFLICT (user_id) DO UPDATE SET revoked_through =
      CASE WHEN revoked_through >= excluded.revoked_through THEN revoked_through + 1 ELSE excluded.revoked_through END
    RETURNING revoked_through`);
  if (!row) throw new Error('Revocation upsert returned no row.');
  return row.revoked_through;
}

export function revokedThrough(db: Database, userId: string): number | null {
  const row = db.get<{ revoked_through: number }>(
    sql`SELECT revoked_through FROM credential_revocations WHERE user_id = ${userId}`,
  );
  return row?.revoked_through ?? null;
}
