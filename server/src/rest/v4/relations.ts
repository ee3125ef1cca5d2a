import { ERRORS, type ErrorCode } from '../../../../shared/errors';
import {
  AddSource,
  AdminForbidType,
  AllowType,
  type BatchItemResult,
  Gender,
  PROFILE_LIMITS,
  PROFILE_TAGS,
  RELATION_LIMITS,
  type StandardProfileField,
  utf8Length,
} from '../../../../shared/domain';
import { TencentError } from '../../errors';
import { type BlocklistService } from '../../features/blocklist/blocklist.service';
import { type FriendsService } from '../../features/friends/friends.service';
import { FRIEND_CUSTOM_KEY, PROFILE_CUSTOM_KEY } from '../../features/profiles/customFields';
import { type ProfilesService } from '../../features/profiles/profiles.service';
import { type ProfileChanges, type ProfileRecord, type Store } from '../../store/types';
import { type V4Command, isUserId, record, tencentErrorFor, userIdField } from './command';

/** sns and profile codes (contract §2.1). */
const SNS_INVALID = 30001;
const SNS_ACCOUNT_NOT_FOUND = 30003;
const SNS_INTERNAL = 30006;
const PROFILE_INVALID = 40001;
const PROFILE_NO_TO_ACCOUNT = 40002;
const PROFILE_ACCOUNT_NOT_FOUND = 40003;
const PROFILE_INTERNAL = 40006;

/** SNS and profile replies carry ErrorDisplay (contract §2). */
const DISPLAY = { ErrorDisplay: '' } as const;

/** Per-item codes of the relationship chain: Tencent's number for each AppError (user_not_found is 30003 here). */
function snsCode(code: ErrorCode): number {
  if (code === 'user_not_found' || code === 'account_not_found') return SNS_ACCOUNT_NOT_FOUND;
  return ERRORS[code].tencentCode;
}

function resultItem(userId: string, error: BatchItemResult['error']): Record<string, unknown> {
  return { To_Account: userId, ResultCode: error ? snsCode(error.code) : 0, ResultInfo: error?.message ?? '' };
}

function withFailures(items: Record<string, unknown>[]): Record<string, unknown> {
  const failed = items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
  return failed.length > 0 ? { ResultItem: items, Fail_Account: failed, ...DISPLAY } : { ResultItem: items, ...DISPLAY };
}

/** Turns a thrown AppError into a per-item result (other errors propagate). */
async function perItem(userId: string, work: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await work();
    return resultItem(userId, null);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code in ERRORS) return resultItem(userId, { code: code as ErrorCode, message: (error as Error).message });
    throw error;
  }
}

function stringList(value: unknown, field: string, max: number, code = SNS_INVALID): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new TencentError(code, `${field} must be a non-empty array.`);
  if (value.length > max) throw new TencentError(code, `${field} holds at most ${max} entries.`);
  if (value.some((v) => typeof v !== 'string')) throw new TencentError(code, `${field} must hold strings.`);
  return value as string[];
}

function optionalString(value: unknown, field: string, maxBytes: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || utf8Length(value) > maxBytes) throw new TencentError(SNS_INVALID, `${field} must be a string of at most ${maxBytes} bytes.`);
  return value;
}

function addSourceField(value: unknown): string {
  if (typeof value !== 'string' || !AddSource.safeParse(value).success) {
    throw new TencentError(SNS_INVALID, 'AddSource is required: AddSource_Type_ and 1–8 letters.');
  }
  return value;
}

function groupNames(value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value === undefined ? [] : value;
  if (!Array.isArray(list) || list.some((n) => typeof n !== 'string' || n === '' || utf8Length(n) > RELATION_LIMITS.friendListNameBytes)) {
    throw new TencentError(SNS_INVALID, 'GroupName must be list names of 1–30 bytes.');
  }
  if (list.length > RELATION_LIMITS.maxFriendLists) throw new TencentError(SNS_INVALID, 'At most 32 friend lists.');
  return list as string[];
}

const UINT32_FIELDS = new Set<StandardProfileField>(['birthday', 'language', 'msgSettings', 'level', 'role']);
const FIELD_OF_TAG = new Map(Object.entries(PROFILE_TAGS).map(([field, tag]) => [tag as string, field as StandardProfileField]));
// Tencent's product page spells it Tag_Profile_IM_Birthday; accept both.
FIELD_OF_TAG.set('Tag_Profile_IM_Birthday', 'birthday');

/** A standard profile value as the admin sets it: enums, uint32s and byte limits (40605 / 40610 / 40601). */
function standardValue(field: StandardProfileField, value: unknown): string | number {
  if (UINT32_FIELDS.has(field)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      throw new TencentError(40610, `${PROFILE_TAGS[field]} must be a uint32.`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new TencentError(40610, `${PROFILE_TAGS[field]} must be a string.`);
  const enumOf = field === 'gender' ? Gender : field === 'allowType' ? AllowType : field === 'adminForbidType' ? AdminForbidType : null;
  if (enumOf && !enumOf.safeParse(value).success) throw new TencentError(40605, `${value} is not a valid ${PROFILE_TAGS[field]}.`);
  const limit = field === 'location' ? PROFILE_LIMITS.locationBytes : PROFILE_LIMITS.nickBytes;
  if (utf8Length(value) > limit) throw new TencentError(40601, `${PROFILE_TAGS[field]} is longer than ${limit} bytes.`);
  return value;
}

function profileTagValue(profile: ProfileRecord, tag: string): unknown {
  const field = FIELD_OF_TAG.get(tag);
  if (field) return (profile as unknown as Record<string, unknown>)[field];
  return profile.custom[tag];
}

export interface RelationCommandDeps {
  profiles: ProfilesService;
  friends: FriendsService;
  blocklist: BlocklistService;
  store: Store;
}

/** S1: profile/portrait_set, portrait_get and the sns/* relationship chain, as Tencent documents them (contract §3.12–3.14). */
export function relationCommands(deps: RelationCommandDeps): Record<string, V4Command> {
  const { profiles, friends, blocklist, store } = deps;

  async function fromAccount(body: Record<string, unknown>, code = SNS_INVALID, missing = SNS_ACCOUNT_NOT_FOUND): Promise<string> {
    const from = userIdField(body.From_Account, code, 'From_Account');
    if ((await store.relations.profiles([from])).length === 0) throw new TencentError(missing, `From_Account ${from} does not exist.`);
    return from;
  }

  function sns(run: V4Command['run']): V4Command {
    return { malformedCode: SNS_INVALID, internalCode: SNS_INTERNAL, run };
  }

  /** A friend entry as Tencent's ValueItem / SnsProfileItem list. */
  function snsItems(entry: { remark: string; groups: string[]; addSource: string; addWording: string; addTime: number; custom: Record<string, string> }, tags?: Set<string>): Record<string, unknown>[] {
    const all: [string, unknown][] = [
      ['Tag_SNS_IM_AddSource', entry.addSource],
      ['Tag_SNS_IM_Remark', entry.remark],
      ['Tag_SNS_IM_Group', entry.groups],
      ['Tag_SNS_IM_AddWording', entry.addWording],
      ['Tag_SNS_IM_AddTime', Math.floor(entry.addTime / 1000)],
      ...Object.entries(friends.friendFields.readable(entry.custom, 'admin')),
    ];
    return all
      .filter(([tag, value]) => (tags ? tags.has(tag) : value !== '' && !(Array.isArray(value) && value.length === 0)))
      .map(([Tag, Value]) => ({ Tag, Value }));
  }

  return {
    'profile/portrait_set': {
      malformedCode: PROFILE_INVALID,
      internalCode: PROFILE_INTERNAL,
      async run({ body }) {
        const from = await fromAccount(body, PROFILE_INVALID, PROFILE_ACCOUNT_NOT_FOUND);
        const items = body.ProfileItem;
        if (!Array.isArray(items) || items.length === 0) throw new TencentError(PROFILE_INVALID, 'ProfileItem must be a non-empty array.');
        const changes: Record<string, unknown> = {};
        const custom: Record<string, string> = {};
        for (const raw of items) {
          const item = record(raw);
          const tag = item.Tag;
          if (typeof tag !== 'string') throw new TencentError(PROFILE_INVALID, 'Each ProfileItem needs a Tag.');
          const field = FIELD_OF_TAG.get(tag);
          if (field) {
            changes[field] = standardValue(field, item.Value);
          } else if (PROFILE_CUSTOM_KEY.test(tag)) {
            const setting = profiles.customFields.get(tag);
            if (!setting) throw new TencentError(40009, `${tag} is not configured on this server.`);
            if (!setting.write.includes('admin')) throw new TencentError(40008, `${tag} is not writable by the admin.`);
            if (typeof item.Value !== 'string') throw new TencentError(40610, `${tag} must be a string.`);
            if (utf8Length(item.Value) > PROFILE_LIMITS.customValueBytes) throw new TencentError(40601, `${tag} is longer than 500 bytes.`);
            custom[tag] = item.Value;
          } else {
            throw new TencentError(40009, `${tag} is not a profile tag.`);
          }
        }
        await profiles.apply(from, { ...(changes as ProfileChanges), ...(Object.keys(custom).length > 0 ? { custom } : {}) });
        return { ...DISPLAY };
      },
    },

    'profile/portrait_get': {
      malformedCode: PROFILE_INVALID,
      internalCode: PROFILE_INTERNAL,
      async run({ body }) {
        const targets = body.To_Account;
        if (!Array.isArray(targets) || targets.length === 0) throw new TencentError(PROFILE_NO_TO_ACCOUNT, 'To_Account must be a non-empty array.');
        if (targets.length > PROFILE_LIMITS.maxUsersPerGet) throw new TencentError(PROFILE_INVALID, 'At most 100 accounts per call.');
        const tags = stringList(body.TagList, 'TagList', 100, PROFILE_INVALID);
        for (const tag of tags) {
          if (!FIELD_OF_TAG.has(tag) && !PROFILE_CUSTOM_KEY.test(tag)) throw new TencentError(40009, `${tag} is not a profile tag.`);
          const setting = PROFILE_CUSTOM_KEY.test(tag) ? profiles.customFields.get(tag) : undefined;
          if (PROFILE_CUSTOM_KEY.test(tag) && setting && !setting.read.includes('admin')) throw new TencentError(40007, `${tag} is not readable by the admin.`);
        }
        const found = new Map((await store.relations.profiles(targets.filter(isUserId))).map((p) => [p.userId, p]));
        const items: Record<string, unknown>[] = [];
        const failed: unknown[] = [];
        for (const target of targets) {
          const profile = isUserId(target) ? found.get(target) : undefined;
          if (!profile) {
            failed.push(target);
            items.push({ To_Account: target, ResultCode: PROFILE_ACCOUNT_NOT_FOUND, ResultInfo: 'Err_Profile_Account_Not_Exist' });
            continue;
          }
          const profileItems = tags
            .map((tag) => ({ Tag: tag, Value: profileTagValue(profile, tag) }))
            .filter((item) => item.Value !== undefined);
          items.push({ To_Account: target, ProfileItem: profileItems, ResultCode: 0, ResultInfo: '' });
        }
        return failed.length > 0 ? { UserProfileItem: items, Fail_Account: failed, ...DISPLAY } : { UserProfileItem: items, ...DISPLAY };
      },
    },

    'sns/friend_add': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const list = body.AddFriendItem;
      if (!Array.isArray(list) || list.length === 0) throw new TencentError(SNS_INVALID, 'AddFriendItem must be a non-empty array.');
      if (list.length > 100) throw new TencentError(SNS_INVALID, 'At most 100 AddFriendItem entries.');
      const addType = body.AddType ?? 'Add_Type_Both';
      if (addType !== 'Add_Type_Both' && addType !== 'Add_Type_Single') throw new TencentError(SNS_INVALID, 'AddType is Add_Type_Single or Add_Type_Both.');
      const force = body.ForceAddFlags === 1;
      // Every item is checked before any is applied: a malformed one refuses the batch with nothing changed.
      const parsed = list.map((raw) => {
        const item = record(raw);
        const to = userIdField(item.To_Account, SNS_INVALID, 'To_Account');
        const addSource = addSourceField(item.AddSource);
        const remark = optionalString(item.Remark, 'Remark', RELATION_LIMITS.remarkBytes);
        const addWording = optionalString(item.AddWording, 'AddWording', RELATION_LIMITS.addWordingBytes);
        const [groupName] = groupNames(item.GroupName);
        return { to, addSource, remark, addWording, groupName };
      });
      const items: Record<string, unknown>[] = [];
      for (const { to, ...fields } of parsed) {
        let pending = false;
        const result = await perItem(to, async () => {
          const outcome = await friends.add({ from, to, ...fields, addType, force });
          pending = outcome.result === 'pending';
        });
        // 30539: the request waits for the peer's answer (NeedConfirm).
        items.push(pending ? { To_Account: to, ResultCode: 30539, ResultInfo: 'Err_SNS_FriendAdd_Friend_Exist_Pendency' } : result);
      }
      return withFailures(items);
    }),

    'sns/friend_import': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const list = body.AddFriendItem;
      if (!Array.isArray(list) || list.length === 0) throw new TencentError(SNS_INVALID, 'AddFriendItem must be a non-empty array.');
      if (list.length > 100) throw new TencentError(SNS_INVALID, 'At most 100 AddFriendItem entries.');
      const parsed = list.map((raw) => {
        const item = record(raw);
        const to = userIdField(item.To_Account, SNS_INVALID, 'To_Account');
        const addSource = addSourceField(item.AddSource);
        const remark = optionalString(item.Remark, 'Remark', RELATION_LIMITS.remarkBytes) ?? '';
        const addWording = optionalString(item.AddWording, 'AddWording', RELATION_LIMITS.addWordingBytes) ?? '';
        const groups = groupNames(item.GroupName);
        const custom = customFriendItems(item.CustomItem, friends);
        return { to, fields: { remark, addSource, addWording, groups, custom } };
      });
      const items: Record<string, unknown>[] = [];
      for (const { to, fields } of parsed) items.push(await perItem(to, () => friends.importOne(from, to, fields)));
      return withFailures(items);
    }),

    'sns/friend_update': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const list = body.UpdateItem;
      if (!Array.isArray(list) || list.length === 0) throw new TencentError(SNS_INVALID, 'UpdateItem must be a non-empty array.');
      if (list.length > 100) throw new TencentError(SNS_INVALID, 'At most 100 UpdateItem entries.');
      const parsed = list.map((raw) => {
        const item = record(raw);
        const to = userIdField(item.To_Account, SNS_INVALID, 'To_Account');
        const sns = item.SnsItem;
        if (!Array.isArray(sns) || sns.length === 0) throw new TencentError(SNS_INVALID, 'SnsItem must be a non-empty array.');
        const changes: { remark?: string; groups?: string[]; custom?: Record<string, string> } = {};
        for (const rawTag of sns) {
          const tag = record(rawTag);
          if (tag.Tag === 'Tag_SNS_IM_Remark') changes.remark = optionalString(tag.Value, 'Tag_SNS_IM_Remark', RELATION_LIMITS.remarkBytes) ?? '';
          else if (tag.Tag === 'Tag_SNS_IM_Group') changes.groups = groupNames(tag.Value);
          else if (typeof tag.Tag === 'string' && FRIEND_CUSTOM_KEY.test(tag.Tag)) {
            changes.custom = { ...changes.custom, [tag.Tag]: optionalString(tag.Value, tag.Tag, RELATION_LIMITS.customValueBytes) ?? '' };
          } else throw new TencentError(SNS_INVALID, `${String(tag.Tag)} cannot be updated.`);
        }
        return { to, changes };
      });
      const items: Record<string, unknown>[] = [];
      for (const { to, changes } of parsed) items.push(await perItem(to, () => friends.update(from, to, changes, 'admin')));
      return withFailures(items);
    }),

    'sns/friend_delete': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxBatch);
      const type = body.DeleteType ?? 'Delete_Type_Both';
      if (type !== 'Delete_Type_Both' && type !== 'Delete_Type_Single') throw new TencentError(SNS_INVALID, 'DeleteType is Delete_Type_Single or Delete_Type_Both.');
      const results = await friends.delete(from, targets.filter(isUserId), type);
      const byId = new Map(results.map((r) => [r.userId, r]));
      const items = targets.map((t) => resultItem(t, byId.get(t)?.error ?? (isUserId(t) ? null : { code: 'friend_invalid', message: 'Not a UserID.' })));
      // The documented example answers ErrorInfo "0" here (contract §3.13).
      return { ...withFailures(items), ErrorInfo: '0' };
    }),

    'sns/friend_delete_all': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const type = body.DeleteType ?? 'Delete_Type_Single';
      if (type !== 'Delete_Type_Both' && type !== 'Delete_Type_Single') throw new TencentError(SNS_INVALID, 'DeleteType is Delete_Type_Single or Delete_Type_Both.');
      const all = (await store.relations.friendsOf(from)).map((f) => f.friend);
      if (all.length > 0) await friends.delete(from, all, type);
      return { ...DISPLAY };
    }),

    'sns/friend_check': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxBatch);
      const checkType = body.CheckType;
      if (checkType !== 'CheckResult_Type_Single' && checkType !== 'CheckResult_Type_Both') {
        throw new TencentError(SNS_INVALID, 'CheckType is CheckResult_Type_Single or CheckResult_Type_Both.');
      }
      const results = await friends.check(from, targets.filter(isUserId), checkType);
      const byId = new Map(results.map((r) => [r.userId, r.relation]));
      const items = targets.map((t) =>
        byId.has(t)
          ? { To_Account: t, Relation: byId.get(t), ResultCode: 0, ResultInfo: '' }
          : { To_Account: t, Relation: 'CheckResult_Type_NoRelation', ResultCode: SNS_INVALID, ResultInfo: 'Not a UserID.' },
      );
      const failed = items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
      return failed.length > 0 ? { InfoItem: items, Fail_Account: failed, ...DISPLAY } : { InfoItem: items, ...DISPLAY };
    }),

    'sns/friend_get': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const start = body.StartIndex ?? 0;
      if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) throw new TencentError(SNS_INVALID, 'StartIndex must be a non-negative integer.');
      const all = await store.relations.friendsOf(from);
      const page = all.slice(start, start + 100);
      const next = start + page.length;
      const seq = await store.relations.sequences(from);
      return {
        UserDataItem: page.map((f) => ({ To_Account: f.friend, ValueItem: snsItems(f) })),
        StandardSequence: seq.friendSeq,
        CustomSequence: seq.friendSeq,
        FriendNum: all.length,
        CompleteFlag: next >= all.length ? 1 : 0,
        NextStartIndex: next >= all.length ? 0 : next,
        ...DISPLAY,
      };
    }),

    'sns/friend_get_list': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', 100);
      const tags = stringList(body.TagList, 'TagList', 100);
      const entries = new Map((await store.relations.friends(from, targets.filter(isUserId))).map((f) => [f.friend, f]));
      const profilesById = new Map((await store.relations.profiles(targets.filter(isUserId))).map((p) => [p.userId, p]));
      const snsTags = new Set(tags.filter((t) => t.startsWith('Tag_SNS_')));
      const items: Record<string, unknown>[] = [];
      for (const target of targets) {
        const entry = entries.get(target);
        const profile = profilesById.get(target);
        if (!entry || !profile) {
          items.push({ To_Account: target, ResultCode: ERRORS.not_friends.tencentCode, ResultInfo: 'Err_SNS_GetSpecifiedFriendsInfo_Not_Friend' });
          continue;
        }
        const profileItems = tags
          .filter((t) => t.startsWith('Tag_Profile_'))
          .map((tag) => ({ Tag: tag, Value: profileTagValue(profile, tag) }))
          .filter((i) => i.Value !== undefined);
        items.push({ To_Account: target, SnsProfileItem: [...snsItems(entry, snsTags), ...profileItems], ResultCode: 0, ResultInfo: '' });
      }
      const failed = items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
      return failed.length > 0 ? { InfoItem: items, Fail_Account: failed, ...DISPLAY } : { InfoItem: items, ...DISPLAY };
    }),

    'sns/black_list_add': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxBatch);
      const results = new Map((await blocklist.add(from, targets.filter(isUserId))).map((r) => [r.userId, r.error]));
      return withFailures(targets.map((t) => resultItem(t, results.has(t) ? (results.get(t) ?? null) : { code: 'friend_invalid', message: 'Not a UserID.' })));
    }),

    'sns/black_list_delete': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxBatch);
      const results = new Map((await blocklist.remove(from, targets.filter(isUserId))).map((r) => [r.userId, r.error]));
      return withFailures(targets.map((t) => resultItem(t, results.has(t) ? (results.get(t) ?? null) : { code: 'friend_invalid', message: 'Not a UserID.' })));
    }),

    'sns/black_list_get': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const start = body.StartIndex ?? 0;
      const max = body.MaxLimited ?? 30;
      if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) throw new TencentError(SNS_INVALID, 'StartIndex must be a non-negative integer.');
      if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) throw new TencentError(SNS_INVALID, 'MaxLimited must be a positive integer.');
      const page = await blocklist.page(from, start, Math.min(max, RELATION_LIMITS.maxBlocked));
      const seq = await store.relations.sequences(from);
      return {
        BlackListItem: page.records.map((r) => ({ To_Account: r.blocked, AddBlackTimeStamp: Math.floor(r.time / 1000) })),
        StartIndex: page.nextStartIndex,
        // Misspelled on purpose, as Tencent documents it (contract §3.14).
        CurruentSequence: seq.blackSeq,
        ...DISPLAY,
      };
    }),

    'sns/black_list_check': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const targets = stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxBatch);
      const checkType = body.CheckType;
      if (checkType !== 'BlackCheckResult_Type_Single' && checkType !== 'BlackCheckResult_Type_Both') {
        throw new TencentError(SNS_INVALID, 'CheckType is BlackCheckResult_Type_Single or BlackCheckResult_Type_Both.');
      }
      const byId = new Map((await blocklist.check(from, targets.filter(isUserId), checkType)).map((r) => [r.userId, r.relation]));
      const items = targets.map((t) =>
        byId.has(t)
          ? { To_Account: t, Relation: byId.get(t), ResultCode: 0, ResultInfo: '' }
          : { To_Account: t, Relation: 'BlackCheckResult_Type_NO', ResultCode: SNS_INVALID, ResultInfo: 'Not a UserID.' },
      );
      const failed = items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
      return failed.length > 0 ? { BlackListCheckItem: items, Fail_Account: failed, ...DISPLAY } : { BlackListCheckItem: items, ...DISPLAY };
    }),

    'sns/group_add': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const names = groupNames(body.GroupName);
      if (names.length === 0) throw new TencentError(SNS_INVALID, 'GroupName must be a non-empty array.');
      const members = body.To_Account === undefined ? [] : stringList(body.To_Account, 'To_Account', RELATION_LIMITS.maxFriends);
      const existing = new Set((await friends.lists(from)).map((l) => l.name));
      for (const name of names) {
        if (!existing.has(name)) {
          try {
            await friends.createList(from, name);
          } catch (error) {
            throw tencentErrorFor(error, { friend_list_limit: [ERRORS.friend_list_limit.tencentCode] });
          }
        }
      }
      const friendSet = new Set((await store.relations.friends(from, members.filter(isUserId))).map((f) => f.friend));
      const items = members.map((m) => resultItem(m, friendSet.has(m) ? null : { code: 'not_friends', message: `${m} is not a friend.` }));
      for (const name of names) if (friendSet.size > 0) await friends.addMembers(from, name, [...friendSet]);
      const seq = await store.relations.sequences(from);
      const failed = items.filter((i) => i.ResultCode !== 0).map((i) => i.To_Account);
      return {
        ...(members.length > 0 ? { ResultItem: items } : {}),
        ...(failed.length > 0 ? { Fail_Account: failed } : {}),
        CurrentSequence: seq.friendSeq,
        ...DISPLAY,
      };
    }),

    'sns/group_delete': sns(async ({ body }) => {
      const from = await fromAccount(body);
      const names = groupNames(body.GroupName);
      if (names.length === 0) throw new TencentError(SNS_INVALID, 'GroupName must be a non-empty array.');
      try {
        await friends.deleteLists(from, names);
      } catch (error) {
        throw tencentErrorFor(error, { friend_list_not_found: [SNS_INVALID] });
      }
      const seq = await store.relations.sequences(from);
      return { CurrentSequence: seq.friendSeq, ...DISPLAY };
    }),
  };
}

function customFriendItems(value: unknown, friends: FriendsService): Record<string, string> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw new TencentError(SNS_INVALID, 'CustomItem must be an array.');
  const out: Record<string, string> = {};
  for (const raw of value) {
    const item = record(raw);
    if (typeof item.Tag !== 'string' || !FRIEND_CUSTOM_KEY.test(item.Tag) || !friends.hasFriendField(item.Tag)) {
      throw new TencentError(SNS_INVALID, `${String(item.Tag)} is not a custom friend field on this server.`);
    }
    const text = optionalString(item.Value, item.Tag, RELATION_LIMITS.customValueBytes);
    if (text !== undefined) out[item.Tag] = text;
  }
  return out;
}
