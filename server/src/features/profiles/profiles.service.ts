import { AppError } from '../../../../shared/errors';
import { type Profile, type ProfilePatch, type ProfileView } from '../../../../shared/domain';
import { type Delivery } from '../../gateway/delivery';
import { type ProfileChanges, type ProfileRecord, type Store } from '../../store/types';
import { type CustomFields } from './customFields';

/** Seen from outside: the view a viewer gets of an owner's profile (see shared/domain/contacts.ts ProfileView). */
export function toProfileView(record: ProfileRecord, view: ProfileView, custom: CustomFields): Profile {
  const base: Profile = {
    userId: record.userId,
    view,
    nick: record.nick,
    image: record.image,
    gender: record.gender as Profile['gender'],
    selfSignature: record.selfSignature,
    allowType: record.allowType as Profile['allowType'],
    level: record.level,
    role: record.role,
    custom: {},
  };
  if (view === 'stranger') return base;
  const withFriendFields: Profile = {
    ...base,
    birthday: record.birthday,
    location: record.location,
    language: record.language,
    custom: custom.readable(record.custom, 'app'),
  };
  if (view === 'friend') return withFriendFields;
  return {
    ...withFriendFields,
    msgSettings: record.msgSettings,
    adminForbidType: record.adminForbidType as Profile['adminForbidType'],
    searchable: record.searchable,
  };
}

/** P1–P3: profiles, their views, changes (pushed live) and R1 search. */
export class ProfilesService {
  constructor(private readonly deps: { store: Store; delivery: Delivery; customFields: CustomFields }) {}

  get customFields(): CustomFields {
    return this.deps.customFields;
  }

  /** The view `viewer` gets of each owner: friend when the owner has the viewer in their list. */
  async viewsFor(viewer: string, owners: readonly string[]): Promise<Map<string, ProfileView>> {
    const others = owners.filter((o) => o !== viewer);
    const friendOf = new Set(await this.ownersHaving(viewer, others));
    return new Map(owners.map((o) => [o, o === viewer ? 'self' : friendOf.has(o) ? 'friend' : 'stranger']));
  }

  private ownersHaving(friend: string, owners: readonly string[]): Promise<string[]> {
    return owners.length === 0 ? Promise.resolve([]) : this.deps.store.relations.ownersOf(friend, owners);
  }

  /** Profiles of existing accounts among `owners`, as `viewer` may see them, in the order asked. */
  async profilesFor(viewer: string, owners: readonly string[]): Promise<Profile[]> {
    const unique = [...new Set(owners)];
    const records = new Map((await this.deps.store.relations.profiles(unique)).map((r) => [r.userId, r]));
    const views = await this.viewsFor(viewer, [...records.keys()]);
    const out: Profile[] = [];
    for (const owner of unique) {
      const record = records.get(owner);
      if (record) out.push(toProfileView(record, views.get(owner) ?? 'stranger', this.deps.customFields));
    }
    return out;
  }

  async get(viewer: string, userIds: readonly string[]): Promise<{ profiles: Profile[]; notFound: string[] }> {
    const profiles = await this.profilesFor(viewer, userIds);
    const found = new Set(profiles.map((p) => p.userId));
    return { profiles, notFound: [...new Set(userIds)].filter((id) => !found.has(id)) };
  }

  async self(userId: string): Promise<Profile> {
    const [profile] = await this.profilesFor(userId, [userId]);
    if (!profile) throw new AppError('account_not_found');
    return profile;
  }

  /** P1/P2 from the client: app users' write permissions apply. */
  async setSelf(userId: string, patch: ProfilePatch, originSocketId?: string): Promise<Profile> {
    if (patch.adminForbidType !== undefined) throw new AppError('profile_read_only', 'Only an administrator can set Tag_Profile_IM_AdminForbidType.');
    for (const key of Object.keys(patch.custom ?? {})) {
      const setting = this.deps.customFields.get(key);
      if (!setting) throw new AppError('profile_unknown_field', `${key} is not a custom profile field on this server.`);
      if (!setting.write.includes('app')) throw new AppError('profile_read_only', `${key} can only be changed by an administrator.`);
    }
    const { adminForbidType: _ignored, ...changes } = patch;
    await this.apply(userId, changes, originSocketId);
    return this.self(userId);
  }

  /** Stores the changes and pushes them: the owner's devices (self view) and everyone who has the owner as a friend. */
  async apply(userId: string, changes: ProfileChanges, originSocketId?: string): Promise<ProfileRecord> {
    const record = await this.deps.store.relations.updateProfile(userId, changes);
    if (!record) throw new AppError('account_not_found');
    const custom = this.deps.customFields;
    this.deps.delivery.toUser(userId, 'profile:changed', { profile: toProfileView(record, 'self', custom) }, { exceptSocketId: originSocketId });
    const watchers = await this.deps.store.relations.ownersOf(userId);
    if (watchers.length > 0) {
      const myFriends = new Set((await this.deps.store.relations.friends(userId, watchers)).map((f) => f.friend));
      for (const watcher of watchers) {
        const profile = toProfileView(record, myFriends.has(watcher) ? 'friend' : 'stranger', custom);
        this.deps.delivery.toUser(watcher, 'profile:changed', { profile });
      }
    }
    return record;
  }

  /** R1: the exact UserID, then searchable users whose nickname starts with the keyword. */
  async search(viewer: string, keyword: string): Promise<Profile[]> {
    const ids = [keyword, ...(await this.deps.store.relations.searchByNickPrefix(keyword, 20))];
    return this.profilesFor(viewer, ids);
  }
}
