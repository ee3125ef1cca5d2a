import { all, type ReadableDB } from '../database';
import { sql, sqlJoin } from '../sql';
import { rowToMessage, type MessageRecord, type MessageRow } from './messages';

/** The trigram tokenizer indexes runs of three characters; shorter terms need its LIKE path. */
const TRIGRAM = 3;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A quoted FTS5 string: the term is matched as a literal substring, whatever characters it holds. */
function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * Messages whose text contains every whitespace-separated term as a substring, most
 * recently stored first (rowid order, which FTS5 walks backwards and stops at `limit`). Works for scripts without spaces between words (Chinese, Japanese): the trigram
 * index matches any substring of three or more characters, and FTS5 answers shorter
 * terms with LIKE over the same index.
 */
export function searchMessages(db: ReadableDB, query: string, limit = 50): MessageRecord[] {
  const terms = query.split(/\s+/).filter((t) => t.length > 0);
  if (terms.length === 0) return [];
  const long = terms.filter((t) => [...t].length >= TRIGRAM);
  const short = terms.filter((t) => [...t].length < TRIGRAM);
  const conditions = [
    ...(long.length > 0 ? [sql`messages_fts MATCH ${long.map(ftsPhrase).join(' AND ')}`] : []),
    ...short.map((term) => sql`messages_fts.text LIKE ${likePattern(term)} ESCAPE '\\'`),
  ];
  return all<MessageRow>(
    db,
    sql`SELECT m.* FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
        WHERE ${sqlJoin(conditions, sql` AND `)}
        ORDER BY messages_fts.rowid DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}
