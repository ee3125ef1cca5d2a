import { type StoredBody } from '../../../../shared/domain';
import { type NewReport, type ReportReason, type StoredReport } from '../types';
import { type Database } from './database';
import { findMessageRow } from './messages';
import { type SqliteState } from './state';
import { sql } from '../../../../shared/sql/sql';

interface ReportRow {
  id: number;
  reporter: string;
  reason: string;
  note: string;
  created_at: number;
  body_snapshot: string;
  sender: string;
  recipient: string;
  client_msg_id: string;
  seq: number;
  random: number;
  time: number;
}

/** M16: one report per reporter and message; the body is snapshotted, since a recall or edit may change it later. */
export function createReport(
  state: SqliteState,
  report: NewReport,
): { status: 'not_found' } | { status: 'stored' | 'duplicate'; reportId: string } {
  const { db } = state;
  return state.transaction(() => {
    const found = findMessageRow(db, report.ref);
    if (!found) return { status: 'not_found' as const };
    const existing = db.get<{ id: number }>(sql`
      SELECT id FROM reports WHERE reporter = ${report.reporter} AND message_id = ${found.id}`);
    if (existing) return { status: 'duplicate' as const, reportId: String(existing.id) };
    const row = db.get<{ id: number }>(sql`
      INSERT INTO reports (reporter, conversation_id, message_id, reason, note, created_at, body_snapshot)
      VALUES (${report.reporter}, ${found.conversationId}, ${found.id}, ${report.reason}, ${report.note}, ${report.time},
              ${JSON.stringify(found.message.body)})
      RETURNING id`);
    if (!row) throw new Error('Report insert returned no row.');
    return { status: 'stored' as const, reportId: String(row.id) };
  });
}

export function listReports(db: Database, options: { limit: number; beforeId?: string }): { reports: StoredReport[]; hasMore: boolean } {
  const before = options.beforeId !== undefined && /^\d{1,15}$/.test(options.beforeId) ? Number(options.beforeId) : Number.MAX_SAFE_INTEGER;
  const rows = db.all<ReportRow>(sql`
    SELECT r.id, r.reporter, r.reason, r.note, r.created_at, r.body_snapshot,
           m.sender, m.recipient, m.client_msg_id, m.seq, m.random, m.time
    FROM reports AS r JOIN messages AS m ON m.id = r.message_id
    WHERE r.id < ${before}
    ORDER BY r.id DESC LIMIT ${options.limit + 1}`);
  return {
    reports: rows.slice(0, options.limit).map((row) => ({
      reportId: String(row.id),
      reporter: row.reporter,
      from: row.sender,
      to: row.recipient,
      clientMsgId: row.client_msg_id,
      random: row.random,
      seq: row.seq,
      messageTime: row.time,
      reason: row.reason as ReportReason,
      note: row.note,
      time: row.created_at,
      bodySnapshot: JSON.parse(row.body_snapshot) as StoredBody,
    })),
    hasMore: rows.length > options.limit,
  };
}
