import { type FieldPermission } from '../../../../shared/domain';

/** P2: a custom field the server offers, and who may read / write it ('app' = users through the client, 'admin' = REST). */
export interface CustomFieldSetting {
  key: string;
  read: readonly FieldPermission[];
  write: readonly FieldPermission[];
}

/**
 * Parses `<key>[:<read>[:<write>]]` where read/write are `app`, `admin` or `app+admin` (the default for both).
 * Example: `Tag_Profile_Custom_Hobby`, `Tag_Profile_Custom_Score:app+admin:admin` (users read it, only the admin writes).
 */
export function parseCustomFieldSetting(spec: string, pattern: RegExp): CustomFieldSetting {
  const [key = '', read = 'app+admin', write = 'app+admin', ...rest] = spec.trim().split(':');
  if (!pattern.test(key) || rest.length > 0) throw new Error(`"${spec}" is not <key>[:<read>[:<write>]] with a valid key.`);
  const perms = (text: string): FieldPermission[] => {
    const parts = text.split('+').map((p) => p.trim());
    if (parts.length === 0 || parts.some((p) => p !== 'app' && p !== 'admin')) {
      throw new Error(`"${text}" in "${spec}" must be app, admin or app+admin.`);
    }
    return [...new Set(parts)] as FieldPermission[];
  };
  return { key, read: perms(read), write: perms(write) };
}

export const PROFILE_CUSTOM_KEY = /^Tag_Profile_Custom_[A-Za-z]{1,8}$/;
export const FRIEND_CUSTOM_KEY = /^Tag_SNS_Custom_[A-Za-z]{1,8}$/;

export class CustomFields {
  private readonly byKey: Map<string, CustomFieldSetting>;
  constructor(settings: readonly CustomFieldSetting[]) {
    this.byKey = new Map(settings.map((s) => [s.key, s]));
  }
  get(key: string): CustomFieldSetting | undefined {
    return this.byKey.get(key);
  }
  /** Of `values`, the keys `who` may read. */
  readable(values: Record<string, string>, who: FieldPermission): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (this.byKey.get(key)?.read.includes(who)) out[key] = value;
    }
    return out;
  }
}
