import { type GroupNotice } from '../../../../shared/domain';
import { type NewGroupNotice } from '../types';
import { type Database } from './database';
import { sql } from '../../../../shared/sql/sql';

/** REST send_group_system_notification (ADR 0004 §4): not a group message, takes no seq. */

interface NoticeRow {
  id: number;
  group_id: string;
  topic_id: string | null;
  content: string;
  time: number;
}

function toNotice(row: NoticeRow): GroupNotice {
  return { id: row.id, groupId: row.group_id, topicId: row.topic_id, content: row.content, time: row.time };
}

export function addGroupNotice(db: Database, notice: NewGroupNotice): GroupNotice {
  const targets = notice.targets === null ? null : JSON.stringify(notice.targets);
  const row = db.get<NoticeRow>(sql`
    INSERT INTO group_notices (group_id, topic_id, targets, content, time)
    VALUES (${notice.groupId}, ${notice.topicId}, ${targets}, ${notice.content}, ${notice.time})
    RETURNING id, group_id, topic_id, content, time`);
  if (!row) throw new Error('Notice insert returned no row.');
  return toNotice(row);
}

/** Notices of the groups `userId` is in now, addressed to everyone or to them. */
export function groupNoticesAfter(db: Database, userId: string, afterId: number, limit: number): { notices: GroupNotice[]; hasMore: boolean } {
  const rows = db.all<NoticeRow>(sql`
    SELECT n.id, n.group_id, n.topic_id, n.content, n.time FROM group_notices AS n
    JOIN group_members AS gm ON gm.group_id = n.group_id AND gm.user_id = ${userId}
    WHERE n.id > ${afterId}
      AND (n.targets IS NULL OR EXISTS (SELECT 1 FROM json_each(n.targets) AS t WHERE t.value = ${userId}))
    ORDER BY n.id ASC LIMIT ${limit + 1}`);
  return { notices: rows.slice(0, limit).map(toNotice), hasMore: rows.length > limit };
}
