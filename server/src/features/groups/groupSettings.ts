import {
  CustomFieldLevel,
  DEFAULT_GROUP_QUOTAS,
  GROUP_LIMITS,
  GROUP_TYPES,
  GroupCustomKey,
  type GroupCustomFieldConfig,
  type GroupQuotas,
  type GroupType,
} from '../../../../shared/domain';

/** G3/G6: what a server operator configures about groups (server flags; docs/admin.md). */
export interface GroupSettings {
  quotas: GroupQuotas;
  /** Group custom fields (≤ 10) with the least level that reads / writes each. */
  groupFields: readonly GroupCustomFieldConfig[];
  /** Member custom fields (≤ 5). */
  memberFields: readonly GroupCustomFieldConfig[];
}

export const DEFAULT_GROUP_SETTINGS: GroupSettings = { quotas: DEFAULT_GROUP_QUOTAS, groupFields: [], memberFields: [] };

const unlimited = (text: string): number | null => {
  if (text === 'unlimited') return null;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new Error(`"${text}" is not a positive whole number or "unlimited".`);
  return Number(text);
};

/** `Work=2000,Community=100000,AVChatRoom=unlimited`: types left out keep their default. */
export function parseMaxMembers(spec: string): GroupQuotas['maxMembers'] {
  const out = { ...DEFAULT_GROUP_QUOTAS.maxMembers };
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const [type = '', value = ''] = part.split('=').map((p) => p.trim());
    if (!(GROUP_TYPES as readonly string[]).includes(type)) throw new Error(`"${type}" is not a group type (${GROUP_TYPES.join(', ')}).`);
    out[type as GroupType] = unlimited(value);
  }
  return out;
}

export function parseLimit(text: string, allowUnlimited: boolean): number | null {
  const value = unlimited(text.trim());
  if (value === null && !allowUnlimited) throw new Error('"unlimited" is not allowed here.');
  return value;
}

/**
 * `<Key>[:<read>[:<write>]]`, levels AppAdmin, Owner, Admin, Member or Anyone. Group fields default to read by
 * Anyone and write by Admin; member fields to read and write by Member (a member writes their own).
 */
export function parseGroupFieldSpec(spec: string, kind: 'group' | 'member'): GroupCustomFieldConfig {
  const [key = '', read = kind === 'group' ? 'Anyone' : 'Member', write = kind === 'group' ? 'Admin' : 'Member', ...rest] = spec.trim().split(':');
  if (!GroupCustomKey.safeParse(key).success || rest.length > 0) throw new Error(`"${spec}" is not <key>[:<read>[:<write>]] with a key of 1–16 letters, digits or _.`);
  const level = (text: string) => {
    const parsed = CustomFieldLevel.safeParse(text);
    if (!parsed.success) throw new Error(`"${text}" in "${spec}" must be one of ${CustomFieldLevel.options.join(', ')}.`);
    return parsed.data;
  };
  return { key, read: level(read), write: level(write) };
}

export function checkFieldCount(fields: readonly GroupCustomFieldConfig[], kind: 'group' | 'member'): void {
  const max = kind === 'group' ? GROUP_LIMITS.maxGroupCustomFields : GROUP_LIMITS.maxMemberCustomFields;
  if (fields.length > max) throw new Error(`At most ${max} ${kind} custom fields.`);
  if (new Set(fields.map((f) => f.key)).size !== fields.length) throw new Error('A custom field key is named twice.');
}
