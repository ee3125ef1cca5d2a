import {
  DEFAULT_COMMUNITY_MEMBER_BITS,
  DEFAULT_TOPIC_MEMBER_BITS,
  GROUP_TYPE_TRAITS,
  type GroupApplication,
  type GroupInfo,
  type GroupMember,
  type GroupType,
  type PermissionGroup,
  type TopicInfo,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { GroupSelf } from '../../../shared/protocol';
import type { FakeServer } from './fakeServer';

/**
 * The groups `me` is in, as the server keeps them, in memory, for unit tests of the group
 * cache: the joined list, members, applications, topics and permission groups. `install`
 * adds the socket requests to a FakeServer; tests change the state directly and push what
 * the real server would. Rules are not decided here (the server's tests do that).
 */
export class FakeGroups {
  readonly joined = new Map<string, { group: GroupInfo; self: GroupSelf }>();
  readonly members = new Map<string, GroupMember[]>();
  applications: GroupApplication[] = [];
  readonly topics = new Map<string, TopicInfo[]>();
  readonly permissionGroups = new Map<string, PermissionGroup[]>();
  private counter = 0;

  constructor(private readonly server: FakeServer) {}

  group(groupId: string, type: GroupType, name: string, role: GroupSelf['role'] = 'Member'): GroupInfo {
    const group: GroupInfo = {
      groupId,
      type,
      name,
      introduction: '',
      notification: '',
      faceUrl: '',
      owner: role === 'Owner' ? this.server.me : 'owner',
      createTime: 1_700_000_000 + this.counter++,
      infoSeq: 1,
      lastInfoTime: 0,
      lastMsgTime: 0,
      nextMsgSeq: 1,
      memberNum: 2,
      maxMemberNum: null,
      applyJoinOption: GROUP_TYPE_TRAITS[type].defaultApplyJoinOption,
      muteAll: false,
      active: true,
      defaultPermissions: type === 'Community' ? DEFAULT_COMMUNITY_MEMBER_BITS : 0,
      custom: {},
    };
    const self: GroupSelf = { role, joinTime: group.createTime, nameCard: '', mutedUntil: 0, msgFlag: 'AcceptAndNotify', permissionGroupIds: [] };
    this.joined.set(groupId, { group, self });
    return group;
  }

  member(userId: string, role: GroupMember['role'] = 'Member', joinTime = 1_700_000_100 + this.counter++): GroupMember {
    return { userId, role, joinTime, nameCard: '', mutedUntil: 0, msgFlag: 'AcceptAndNotify', custom: {} };
  }

  topic(groupId: string, part: string, name: string): TopicInfo {
    const topic: TopicInfo = {
      topicId: `${groupId}@TOPIC#_${part}`,
      groupId,
      name,
      introduction: '',
      notification: '',
      faceUrl: '',
      customString: '',
      muteAll: false,
      defaultPermissions: DEFAULT_TOPIC_MEMBER_BITS,
      category: '',
      createTime: 1_700_000_000 + this.counter++,
      infoSeq: 1,
      resolvedAt: null,
      resolvedBy: null,
    };
    this.topics.set(groupId, [...(this.topics.get(groupId) ?? []), topic]);
    return topic;
  }

  permissionGroup(groupId: string, id: string, permissions: number, topicOverrides?: Record<string, number>): PermissionGroup {
    const p: PermissionGroup = {
      permissionGroupId: id,
      groupId,
      name: id,
      permissions,
      customString: '',
      memberNum: 0,
      createTime: 1_700_000_000 + this.counter++,
      ...(topicOverrides && { topicOverrides }),
    };
    this.permissionGroups.set(groupId, [...(this.permissionGroups.get(groupId) ?? []).filter((x) => x.permissionGroupId !== id), p]);
    return p;
  }

  private mine(groupId: string) {
    const entry = this.joined.get(groupId);
    if (!entry) throw new AppError('group_not_member');
    return entry;
  }

  install(): this {
    const h = this.server.handlers;
    h['group:joined'] = () => ({ entries: [...this.joined.values()] });
    h['group:applications'] = () => ({ applications: this.applications });
    h['group:create'] = (input) => {
      const group = this.group(input.groupId ?? `@TGS#${this.counter}`, input.type, input.name, 'Owner');
      return { group };
    };
    h['group:apply'] = () => ({ outcome: 'pending' });
    h['group:handleApplication'] = ({ groupId, applicant }) => {
      this.applications = this.applications.filter((a) => !(a.groupId === groupId && a.applicant === applicant));
      return {};
    };
    h['group:quit'] = ({ groupId }) => {
      this.mine(groupId);
      this.joined.delete(groupId);
      return {};
    };
    h['group:members'] = ({ groupId, cursor, limit }) => {
      this.mine(groupId);
      const all = this.members.get(groupId) ?? [];
      const from = cursor ? Number(cursor) : 0;
      const page = all.slice(from, from + (limit ?? 100));
      const end = from + page.length;
      return { members: page, next: end < all.length ? String(end) : '', total: all.length };
    };
    h['group:setReceiveOption'] = ({ groupId, msgFlag }) => {
      this.mine(groupId).self.msgFlag = msgFlag;
      return {};
    };
    h['topic:list'] = ({ groupId }) => ({ topics: this.topics.get(groupId) ?? [] });
    h['permissionGroup:list'] = ({ groupId }) => ({ permissionGroups: this.permissionGroups.get(groupId) ?? [] });
    h['permissionGroup:addMembers'] = ({ groupId, permissionGroupId, userIds }) => {
      const p = (this.permissionGroups.get(groupId) ?? []).find((x) => x.permissionGroupId === permissionGroupId);
      if (!p) throw new AppError('permission_group_not_found');
      if (userIds.includes(this.server.me)) this.mine(groupId).self.permissionGroupIds.push(permissionGroupId);
      p.memberNum += userIds.length;
      return { permissionGroup: p };
    };
    return this;
  }
}
