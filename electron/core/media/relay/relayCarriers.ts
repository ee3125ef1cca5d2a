import { sql } from '../../../../shared/sql/sql';
import { all, type ReadableDB } from '../../store/database';

/**
 * The renderer IDs of stored messages carrying the combined-forward bundle `key`
 * (a relay element with that JsonMsgKey), so its words can be indexed with them.
 * A scan over relay messages only; relay:open is rare and runs it once per bundle.
 */
export function messagesCarryingRelay(db: ReadableDB, key: string): string[] {
  const needle = JSON.stringify({ JsonMsgKey: key }).slice(1, -1);
  return all<{ sender: string; client_msg_id: string }>(
    db,
    sql`SELECT sender, client_msg_id FROM messages WHERE kinds LIKE '% relay %' AND instr(body, ${needle}) > 0`,
  ).map((row) => `${row.sender}:${row.client_msg_id}`);
}
