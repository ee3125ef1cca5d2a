import { sql, sqlList } from '../../../../shared/sql/sql';
import { type PresenceRepository } from '../presenceTypes';
import { type Database } from './database';

/** SQLite's default limit on bound parameters is 32,766; ask in slices well below it. */
const SLICE = 500;

export function openPresenceRepository(db: Database): PresenceRepository {
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    customStatuses: (userIds) =>
      run(() => {
        const found = new Map<string, string>();
        const unique = [...new Set(userIds)];
        for (let i = 0; i < unique.length; i += SLICE) {
          const rows = db.all<{ user_id: string; text: string }>(
            sql`SELECT user_id, text FROM custom_statuses WHERE user_id IN ${sqlList(unique.slice(i, i + SLICE))}`,
          );
          for (const row of rows) found.set(row.user_id, row.text);
        }
        return found;
      }),
    setCustomStatus: (userId, text, now) =>
      run(() =>
        db.transaction(() => {
          if (!db.get(sql`SELECT 1 AS x FROM accounts WHERE user_id = ${userId}`)) return false;
          if (text === '') db.run(sql`DELETE FROM custom_statuses WHERE user_id = ${userId}`);
          else {
            db.run(sql`
              INSERT INTO custom_statuses (user_id, text, updated_at) VALUES (${userId}, ${text}, ${now})
              ON CONFLICT (user_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`);
          }
          return true;
        }),
      ),
  };
}
