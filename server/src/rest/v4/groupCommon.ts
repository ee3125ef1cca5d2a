import { type GroupInfo, type GroupType } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { TencentError } from '../../errors';
import { APP_ADMIN, type GroupsFeature } from '../../features/groups';
import { type GroupSettings } from '../../features/groups/groupSettings';
import { type Store } from '../../store/types';
import { GROUP_INVALID } from './groupSchemas';
import { type AppErrorCodes, type V4Context, type V4Command, tencentErrorFor } from './command';

/** Group service codes (contract §2.1): 10011 unparsable body, 10002 internal, 10019 unknown user, 10005 too many accounts. */
export const GROUP_MALFORMED = 10011;
export const GROUP_INTERNAL = 10002;
export const GROUP_UNKNOWN_USER = 10019;
export const GROUP_TOO_MANY = 10005;

export interface GroupCommandDeps {
  groups: GroupsFeature;
  store: Store;
  settings: GroupSettings;
  clock: Clock;
  sdkAppId: number;
}

/** The service's AppErrors Tencent numbers differently in group commands (a missing user is 10019, not 20003). */
const GROUP_CODES: AppErrorCodes = {
  user_not_found: [GROUP_UNKNOWN_USER],
  account_not_found: [GROUP_UNKNOWN_USER],
};

export function groupCommand(run: (context: V4Context) => Promise<Record<string, unknown>>): V4Command {
  return {
    malformedCode: GROUP_MALFORMED,
    internalCode: GROUP_INTERNAL,
    async run(context) {
      try {
        return await run(context);
      } catch (error) {
        throw tencentErrorFor(error, GROUP_CODES);
      }
    },
  };
}

/** 10019 for the first UserID that has no account. */
export async function assertUsersExist(store: Store, userIds: readonly string[]): Promise<void> {
  const known = new Set((await store.accounts.getMany([...new Set(userIds)])).map((a) => a.userId));
  const unknown = userIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw new TencentError(GROUP_UNKNOWN_USER, `${unknown} does not exist.`);
}

/** 10005 when a list is longer than the command allows. */
export function assertAtMost(list: readonly unknown[], max: number, field: string): void {
  if (list.length > max) throw new TencentError(GROUP_TOO_MANY, `${field} holds at most ${max} accounts.`);
}

/** The group as the app admin sees it; 10010 when there is none. */
export async function groupOf(groups: GroupsFeature, groupId: string): Promise<GroupInfo> {
  const { groups: found } = await groups.groups.get(APP_ADMIN, [groupId]);
  const group = found[0];
  if (!group) throw new AppError('group_not_found');
  return group;
}

/** Unix seconds now, for mutes that have ended. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}

/** A per-group cap above the server's quota for the type is refused (10004): the quota is the operator's ceiling. */
export function assertWithinQuota(settings: GroupSettings, type: GroupType, cap: number | undefined): void {
  const quota = settings.quotas.maxMembers[type];
  if (cap !== undefined && quota !== null && cap > quota) throw new TencentError(GROUP_INVALID, `At most ${quota} members in a ${type} group on this server.`);
}

/** Member custom keys must be configured on the server (10004); who may write them is the service's decision. */
export function assertMemberFields(settings: GroupSettings, custom: Record<string, string> | undefined): void {
  for (const key of Object.keys(custom ?? {})) {
    if (!settings.memberFields.some((f) => f.key === key)) throw new TencentError(GROUP_INVALID, `${key} is not a member custom field on this server.`);
  }
}
