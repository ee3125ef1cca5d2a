import {
  GROUP_PERMISSION,
  TOPIC_PERMISSION,
  checkGroupAction,
  checkMemberAction,
  checkTopicAction,
  joinOutcome,
  type GroupAction,
  type MemberAction,
} from '../../../../shared/domain/groupPermissions';
import type { GroupActor, GroupInfo, GroupRole } from '../../../../shared/domain';

/**
 * What I may do in one group, decided only by shared/domain/groupPermissions.ts (the
 * server decides with the same tables): the screens hide what it would refuse.
 */
export interface Abilities {
  actor: GroupActor;
  can(action: GroupAction): boolean;
  canOn(action: MemberAction, target: GroupRole): boolean;
  /** Communities: a topic's info (rename, category, delete), given my bits in that topic. */
  canManageTopic(topicBits: number): boolean;
  /** Communities: a topic's permission overrides. */
  canManageTopicPermissions(topicBits: number): boolean;
}

/** `role` null: I am not in the group. `myBits`: my community bits as the core computed them (0 elsewhere). */
export function abilitiesOf(type: GroupInfo['type'], role: GroupRole | null, myBits = 0): Abilities {
  const actor: GroupActor = role ?? 'NonMember';
  const community = type === 'Community' ? { bits: myBits } : undefined;
  return {
    actor,
    can: (action) => checkGroupAction(type, actor, action, community) === null,
    canOn: (action, target) => checkMemberAction(type, actor, action, target, community) === null,
    canManageTopic: (topic) => type === 'Community' && checkTopicAction(actor, 'manageTopicInfo', { community: myBits, topic }) === null,
    canManageTopicPermissions: (topic) => type === 'Community' && checkTopicAction(actor, 'manageTopicPermissions', { community: myBits, topic }) === null,
  };
}

/** G1: what "join" means for someone outside the group, or why it is not possible. */
export type JoinAdvice = { kind: 'member' } | { kind: 'join' } | { kind: 'apply' } | { kind: 'impossible'; reason: 'inviteOnly' | 'closed' | 'full' };

export function joinAdvice(group: Pick<GroupInfo, 'type' | 'applyJoinOption' | 'memberNum' | 'maxMemberNum'>, isMember: boolean): JoinAdvice {
  if (isMember) return { kind: 'member' };
  const outcome = joinOutcome(group.type, group.applyJoinOption);
  if (outcome === 'unsupported') return { kind: 'impossible', reason: 'inviteOnly' };
  if (outcome === 'refused') return { kind: 'impossible', reason: 'closed' };
  if (group.maxMemberNum !== null && group.maxMemberNum > 0 && group.memberNum >= group.maxMemberNum) return { kind: 'impossible', reason: 'full' };
  return outcome === 'joined' ? { kind: 'join' } : { kind: 'apply' };
}

/** Mute durations offered (seconds); the last is Tencent's "for ever". */
export const MUTE_DURATIONS = [
  ['m10', 600],
  ['h1', 3600],
  ['h12', 12 * 3600],
  ['d1', 86_400],
  ['d7', 7 * 86_400],
  ['forever', 0xffff_ffff],
] as const;

/** A mute ending this far away (or more) reads as "muted" with no end date. */
export const MUTED_FOREVER_AFTER_S = 365 * 86_400 * 10;

/** Types whose ApplyJoinOption means something (Work: invitations only; AVChatRoom: always free). */
export const HAS_JOIN_OPTION: ReadonlySet<GroupInfo['type']> = new Set(['Public', 'Meeting', 'Community']);

/** The seed's bit names, in the seed's order (each has a translation under groupBits / topicBits). */
export const GROUP_BIT_NAMES = Object.keys(GROUP_PERMISSION) as (keyof typeof GROUP_PERMISSION)[];
export const TOPIC_BIT_NAMES = Object.keys(TOPIC_PERMISSION) as (keyof typeof TOPIC_PERMISSION)[];
