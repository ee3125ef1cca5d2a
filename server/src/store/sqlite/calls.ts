import { type CallInfo, type CallParticipant } from '../../../../shared/domain';
import { sql, sqlList } from '../../../../shared/sql/sql';
import { type CallsRepository } from '../callTypes';
import { type Database } from './database';

interface CallRow {
  id: number;
  call_id: string;
  kind: string;
  conversation_id: string;
  group_id: string | null;
  media: string;
  caller: string;
  state: string;
  end_reason: string | null;
  created_at: number;
  connected_at: number | null;
  ended_at: number | null;
}

interface ParticipantRow {
  call_row: number;
  position: number;
  user_id: string;
  state: string;
  device_id: string | null;
  audio: number;
  video: number;
  joined_at: number | null;
}

function toParticipant(row: ParticipantRow): CallParticipant {
  return {
    userId: row.user_id,
    state: row.state as CallParticipant['state'],
    deviceId: row.device_id,
    audio: row.audio === 1,
    video: row.video === 1,
    joinedAt: row.joined_at,
  };
}

function toCalls(db: Database, rows: readonly CallRow[]): CallInfo[] {
  if (rows.length === 0) return [];
  const participants = db.all<ParticipantRow>(
    sql`SELECT * FROM call_participants WHERE call_row IN ${sqlList(rows.map((r) => r.id))} ORDER BY call_row, position`,
  );
  const byRow = new Map<number, CallParticipant[]>();
  for (const p of participants) {
    const list = byRow.get(p.call_row) ?? [];
    list.push(toParticipant(p));
    byRow.set(p.call_row, list);
  }
  return rows.map((row) => ({
    callId: row.call_id,
    kind: row.kind as CallInfo['kind'],
    conversationId: row.conversation_id,
    groupId: row.group_id,
    media: row.media as CallInfo['media'],
    caller: row.caller,
    state: row.state as CallInfo['state'],
    endReason: row.end_reason as CallInfo['endReason'],
    createdAt: row.created_at,
    connectedAt: row.connected_at,
    endedAt: row.ended_at,
    participants: byRow.get(row.id) ?? [],
  }));
}

export function saveCall(db: Database, call: CallInfo): void {
  db.transaction(() => {
    db.run(sql`
      INSERT INTO calls (call_id, kind, conversation_id, group_id, media, caller, state, end_reason, created_at, connected_at, ended_at)
      VALUES (${call.callId}, ${call.kind}, ${call.conversationId}, ${call.groupId}, ${call.media}, ${call.caller}, ${call.state},
              ${call.endReason}, ${call.createdAt}, ${call.connectedAt}, ${call.endedAt})
      ON CONFLICT (call_id) DO UPDATE SET state = excluded.state, end_reason = excluded.end_reason,
        connected_at = excluded.connected_at, ended_at = excluded.ended_at`);
    const row = db.get<{ id: number }>(sql`SELECT id FROM calls WHERE call_id = ${call.callId}`);
    if (!row) throw new Error('A saved call has no row.');
    db.run(sql`DELETE FROM call_participants WHERE call_row = ${row.id}`);
    call.participants.forEach((p, position) => {
      db.run(sql`
        INSERT INTO call_participants (call_row, position, user_id, state, device_id, audio, video, joined_at)
        VALUES (${row.id}, ${position}, ${p.userId}, ${p.state}, ${p.deviceId}, ${p.audio ? 1 : 0}, ${p.video ? 1 : 0}, ${p.joinedAt})`);
    });
  });
}

export function getCall(db: Database, callId: string): CallInfo | null {
  const row = db.get<CallRow>(sql`SELECT * FROM calls WHERE call_id = ${callId}`);
  return row ? (toCalls(db, [row])[0] ?? null) : null;
}

export function callsNotEnded(db: Database): CallInfo[] {
  return toCalls(db, db.all<CallRow>(sql`SELECT * FROM calls WHERE state <> 'ended' ORDER BY id`));
}

export function callHistory(db: Database, userId: string, before: number | null, limit: number): { calls: CallInfo[]; next: number | null } {
  const rows = db.all<CallRow>(sql`
    SELECT calls.* FROM call_participants JOIN calls ON calls.id = call_participants.call_row
    WHERE call_participants.user_id = ${userId} AND call_participants.call_row < ${before ?? Number.MAX_SAFE_INTEGER}
    ORDER BY call_participants.call_row DESC LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  return { calls: toCalls(db, page), next: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export function openCallsRepository(db: Database): CallsRepository {
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    save: (call) => run(() => saveCall(db, call)),
    get: (callId) => run(() => getCall(db, callId)),
    notEnded: () => run(() => callsNotEnded(db)),
    history: (userId, before, limit) => run(() => callHistory(db, userId, before, limit)),
  };
}
