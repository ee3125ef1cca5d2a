import { z } from 'zod';
import { GroupApplication, GroupId, GroupInfo, PermissionGroup, TopicId, TopicInfo } from '../domain';
import { groupPushSchemas, groupRequestSchemas, GroupSelf } from '../protocol/groups';

/**
 * The renderer ↔ core contract for group and community MANAGEMENT (issue 5: G1–G4, G6–G8;
 * ADR 0004 WP6). Group messages are not here. Spread into `requestSchemas` /
 * `eventSchemas` in contract.ts; the names are in channels.ts.
 *
 * Inputs mirror the socket requests of shared/protocol/groups.ts (the server decides every
 * action through shared/domain/groupPermissions.ts; the renderer may call the same module
 * with `role` and `myBits` below to hide what would be refused). Reads marked "cache" answer
 * from the core's local store (offline too, and across restarts); the rest ask the server
 * and answer `offline` while disconnected.
 */

export { GroupSelf };

const Bits = z.number().int().min(0);
const req = groupRequestSchemas;

/** A group I am in, as the core keeps it. */
export const JoinedGroup = z.object({
  group: GroupInfo,
  /** My membership: role, joinTime, nameCard, mutedUntil (unix s, 0 = not muted), msgFlag, permissionGroupIds. */
  self: GroupSelf,
  /**
   * Communities: my effective GROUP_PERMISSION bits (communityBits of my role, the community's default bits and
   * the bits of my permission groups as last cached). 0 for the other types.
   */
  myBits: Bits,
});
export type JoinedGroup = z.infer<typeof JoinedGroup>;

/** A community topic with my effective TOPIC_PERMISSION bits there (topicBits, from my permission groups' overrides). */
export const TopicEntry = TopicInfo.extend({ myBits: Bits });
export type TopicEntry = z.infer<typeof TopicEntry>;

/** Member pages: a cursor starting with this came from the cache; any other from the server. */
export const LOCAL_MEMBER_CURSOR_PREFIX = 'local:';

export const groupsRequestSchemas = {
  /** Cache: every group I am in (synced at each connect, then follows the pushes), in the server's order. */
  'groups:joined': { input: z.object({}), output: z.object({ groups: z.array(JoinedGroup) }) },
  /** Server (groups I am in refresh the cache); offline the cached ones, or `offline` if any is not cached. */
  'groups:get': req['group:get'],
  /** G8: exact ID (not Work), or a name substring in Public/Meeting/Community; ≤ 20. Online only. */
  'groups:search': req['group:search'],
  /** G2: I become the owner; the new group is in the cache (and a groups:changed) before this answers. */
  'groups:create': { input: req['group:create'].input, output: z.object({ group: JoinedGroup }) },
  /** G3: basic info, other info, muteAll, defaultPermissions and custom fields, each decided separately. */
  'groups:update': req['group:update'],
  /** G1: joined at once (FreeAccess, AVChatRoom) or pending approval. */
  'groups:apply': req['group:apply'],
  /** Cache: pending applications of the groups whose applications I may handle, oldest first. */
  'groups:applications': req['group:applications'],
  'groups:handleApplication': req['group:handleApplication'],
  'groups:invite': req['group:invite'],
  'groups:kick': req['group:kick'],
  'groups:quit': req['group:quit'],
  /**
   * Owner, admins, then members by join time; `next` '' at the end. Online with no cursor or a server cursor:
   * from the server, stored as the group's cached members (a first page without `roles` replaces them). Offline,
   * or with a `local:` cursor: from the cache (`fromCache` true, `total` = the cached member count of the group).
   */
  'groups:members': {
    input: req['group:members'].input,
    output: req['group:members'].output.extend({ fromCache: z.boolean() }),
  },
  'groups:setMemberRole': req['group:setMemberRole'],
  /** G4: seconds 0 unmutes, 4294967295 for ever. */
  'groups:muteMembers': req['group:muteMembers'],
  'groups:setMemberInfo': req['group:setMemberInfo'],
  'groups:setReceiveOption': req['group:setReceiveOption'],
  'groups:transferOwner': req['group:transferOwner'],
  'groups:disband': req['group:disband'],
  /**
   * A staged image (files:stageBegin/stageChunk, cropped by the renderer) becomes the group's face: uploaded like
   * an image message, then faceUrl is set to its blob URL (basic info: groupPermissions decides). Online only.
   */
  'groups:setAvatar': { input: z.object({ groupId: GroupId, stageId: z.string() }), output: z.object({ group: GroupInfo }) },

  // ── topics (G7, communities only)
  /** Online: from the server (and cached); offline: the cache. */
  'topics:list': { input: req['topic:list'].input, output: z.object({ topics: z.array(TopicEntry) }) },
  'topics:create': { input: req['topic:create'].input, output: z.object({ topic: TopicEntry }) },
  'topics:update': { input: req['topic:update'].input, output: z.object({ topic: TopicEntry }) },
  'topics:delete': req['topic:delete'],
  /** ADR 0005: mark resolved or reopen (whoever may send in the topic). */
  'topics:setResolved': { input: req['topic:setResolved'].input, output: z.object({ topic: TopicEntry }) },
  /** ADR 0005: move one message, it and the later ones, or the whole topic to another topic (or a new one). */
  'topics:moveMessages': req['topic:moveMessages'],

  // ── permission groups (G7, communities only)
  /** Online: from the server (and cached); offline: the cache. */
  'permissionGroups:list': req['permissionGroup:list'],
  'permissionGroups:create': req['permissionGroup:create'],
  'permissionGroups:update': req['permissionGroup:update'],
  'permissionGroups:delete': req['permissionGroup:delete'],
  'permissionGroups:addMembers': req['permissionGroup:addMembers'],
  'permissionGroups:removeMembers': req['permissionGroup:removeMembers'],
  /** Online only (not cached: a permission group of a large community may hold many members). */
  'permissionGroups:members': req['permissionGroup:members'],
  'permissionGroups:setTopicPermissions': req['permissionGroup:setTopicPermissions'],
} as const;

export const groupsEventSchemas = {
  /** The joined list changed: entries added or changed (info, my membership, my bits) and groups gone. Apply as a delta. */
  'groups:changed': z.object({ groups: z.array(JoinedGroup), removed: z.array(GroupId) }),
  /** Cached members of a group changed (joined, role, card, mute, custom, left). */
  'groups:membersChanged': groupPushSchemas['group:membersChanged'],
  /** The whole list of pending applications I may handle, again. */
  'groups:applicationsChanged': z.object({ applications: z.array(GroupApplication) }),
  /** My own application was decided (accepted: the group also arrives through groups:changed). */
  'groups:applicationHandled': groupPushSchemas['group:applicationHandled'],
  /**
   * I am no longer in a group of my joined list ("You were removed from X"): `name` as cached, `wording` the
   * kicker's reason. Once per group (my own quit or disband too); the group is also in groups:changed `removed`.
   */
  'groups:left': groupPushSchemas['group:left'].extend({ name: z.string() }),
  /** A community's topics added or changed (with my bits there) and deleted. */
  'topics:changed': z.object({ groupId: GroupId, topics: z.array(TopicEntry), removed: z.array(TopicId) }),
  /** A community's permission groups now. */
  'permissionGroups:changed': z.object({ groupId: GroupId, permissionGroups: z.array(PermissionGroup) }),
} as const;

