import { type TopicInfo } from '../../../../shared/domain';
import { type GroupRecord } from '../../store/groupTypes';
import { type Acting, type GroupAccess, asUser } from '../groups/groupAccess';

/** A member's standing for sending: the group, their role and membership, community bits; in a topic its bits too. */
export interface Standing extends Acting {
  topic: { info: TopicInfo; bits: number } | null;
}

interface Entry {
  group: GroupRecord | null;
  standings: Map<string, Acting>;
  topics: Map<string, TopicInfo | null>;
}

/**
 * ADR 0004 §3: groupId → the group and its members' standing, so a send decides without reading the
 * store. Forgotten synchronously on every change of the group (observedGroups.ts); loads that straddle a
 * change are not kept (generation check). Bounded: a full cache starts over, a miss costs one load.
 */
export class GroupMemberCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly access: GroupAccess,
    private readonly limit = 10_000,
  ) {}

  invalidate(groupId: string | null): void {
    this.generation += 1;
    if (groupId === null) this.entries.clear();
    else this.entries.delete(groupId);
  }

  async group(groupId: string): Promise<GroupRecord | null> {
    return (await this.entry(groupId)).group;
  }

  /** null: no such group. */
  async standing(groupId: string, userId: string, topicId: string | null): Promise<Standing | null> {
    const start = this.generation;
    const entry = await this.entry(groupId);
    if (entry.group === null) return null;
    let acting = entry.standings.get(userId);
    if (!acting) {
      acting = await this.access.acting(entry.group, asUser(userId));
      if (this.generation === start) entry.standings.set(userId, acting);
    }
    if (topicId === null) return { ...acting, topic: null };
    let info = entry.topics.get(topicId);
    if (info === undefined) {
      info = await this.access.repo.topic(topicId);
      if (info && info.groupId !== groupId) info = null;
      if (this.generation === start) entry.topics.set(topicId, info);
    }
    if (!info) return { ...acting, topic: null };
    return { ...acting, topic: { info, bits: await this.access.topicBitsOf(acting, info) } };
  }

  private async entry(groupId: string): Promise<Entry> {
    const cached = this.entries.get(groupId);
    if (cached) return cached;
    const start = this.generation;
    const entry: Entry = { group: await this.access.repo.get(groupId), standings: new Map(), topics: new Map() };
    if (this.generation === start) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(groupId, entry);
    }
    return entry;
  }
}
