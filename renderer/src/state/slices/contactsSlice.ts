import type { BlockEntry, FriendList, FriendRequest, Profile, ProfilePatch, UserId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import { type Contact, type EventPayload, type IpcResult, type ProfileCard, type RequestOutput } from '../../../../shared/ipc';
import { stageBlob } from '../stageBlob';
import type { Slice } from '../types';
import type { LoadStatus } from './conversationsSlice';
import { createNavigationSlice, navigationReset, type NavigationSlice } from './navigationSlice';

export type { AppSection } from './navigationSlice';

/** One signed-in instance of my account (A5). */
export type DeviceInfo = RequestOutput<'devices:list'>['devices'][number];

/** What the contacts screen shows on the right. */
export type ContactsPane =
  | { kind: 'person'; userId: UserId }
  | { kind: 'requests' }
  | { kind: 'blocked' }
  | { kind: 'lists' }
  /** Issue 5: my groups and communities, one group's profile, requests to join groups I manage. */
  | { kind: 'groups' }
  | { kind: 'group'; groupId: string }
  | { kind: 'groupRequests' }
  | null;

export interface CardState {
  status: 'loading' | 'ready' | 'error';
  card: ProfileCard | null;
  error: ErrorShape | null;
}

/** Every contacts action answers with what happened, so the dialog that asked can say it in place. */
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: ErrorShape };

export interface AddFriendForm {
  userId: UserId;
  wording?: string;
  remark?: string;
  list?: string;
}

/** The rail's section lives beside the contacts screen it switches to (navigationSlice.ts). */
export interface ContactsSlice extends NavigationSlice {
  contactsPane: ContactsPane;
  /** A profile card opened over the chat (from its header menu). */
  profileDialogUserId: UserId | null;
  contacts: Contact[];
  friendLists: FriendList[];
  contactsStatus: LoadStatus;
  friendRequests: FriendRequest[];
  /** The "New friends" badge. */
  friendRequestsUnread: number;
  blocklist: BlockEntry[];
  myProfile: Profile | null;
  myCustomStatus: string;
  devices: DeviceInfo[];
  devicesStatus: LoadStatus;
  cards: Partial<Record<UserId, CardState>>;

  contactsPaneChosen(pane: ContactsPane): void;
  profileDialogOpened(userId: UserId | null): void;
  /** Signed in: friends, lists, requests, blocklist, my profile and status, each from the local store. */
  contactsRequested(): Promise<void>;
  contactsChanged(change: EventPayload<'contacts:changed'>): void;
  friendRequestsChanged(change: EventPayload<'friendRequests:changed'>): void;
  blocklistChanged(change: EventPayload<'blocklist:changed'>): void;
  profileChanged(change: EventPayload<'profile:changed'>): void;
  devicesChanged(change: EventPayload<'devices:changed'>): void;
  /** A4: my custom status changed (here or on another of my devices). */
  myStatusChanged(customStatus: string): void;
  /** Loads (or refreshes) someone's profile card. */
  cardRequested(userId: UserId): Promise<CardState>;
  /** R1: the exact UserID first, then people who allow it whose nickname starts with the query (never me). */
  usersSearched(query: string): Promise<Outcome<{ results: ProfileCard[] }>>;
  friendAddRequested(form: AddFriendForm): Promise<Outcome<{ outcome: 'added' | 'requested' }>>;
  friendDeleteRequested(userId: UserId, mode: 'single' | 'both'): Promise<Outcome>;
  friendUpdateRequested(userId: UserId, change: { remark?: string; lists?: string[] }): Promise<Outcome>;
  friendRequestAccepted(userId: UserId, extra?: { remark?: string; list?: string }): Promise<Outcome>;
  friendRequestRejected(userId: UserId): Promise<Outcome>;
  /** The inbox is on screen: the badge is cleared. */
  friendRequestsSeen(): Promise<void>;
  blockRequested(userId: UserId): Promise<Outcome>;
  unblockRequested(userId: UserId): Promise<Outcome>;
  friendListCreated(name: string, userIds?: UserId[]): Promise<Outcome>;
  friendListRenamed(name: string, newName: string): Promise<Outcome>;
  friendListDeleted(name: string): Promise<Outcome>;
  friendListMembersAdded(name: string, userIds: UserId[]): Promise<Outcome>;
  friendListMembersRemoved(name: string, userIds: UserId[]): Promise<Outcome>;
  myProfileSaved(patch: ProfilePatch, customStatus?: string): Promise<Outcome>;
  /** A cropped JPEG: staged to the core in chunks, then made my avatar. */
  avatarSubmitted(jpeg: Blob): Promise<Outcome>;
  devicesRequested(): Promise<void>;
  deviceSignOutRequested(instanceId: string): Promise<Outcome>;
}

export const contactsReset = {
  ...navigationReset,
  contactsPane: null,
  profileDialogUserId: null,
  contacts: [],
  friendLists: [],
  contactsStatus: 'idle',
  friendRequests: [],
  friendRequestsUnread: 0,
  blocklist: [],
  myProfile: null,
  myCustomStatus: '',
  devices: [],
  devicesStatus: 'idle',
  cards: {},
} satisfies Partial<ContactsSlice>;

function upsertContacts(list: readonly Contact[], changed: readonly Contact[], removed: readonly UserId[]): Contact[] {
  const byId = new Map(list.map((c) => [c.userId, c]));
  for (const id of removed) byId.delete(id);
  for (const contact of changed) byId.set(contact.userId, contact);
  return [...byId.values()];
}

function upsertList(lists: readonly FriendList[], list: FriendList, replacing = list.name): FriendList[] {
  const next = lists.filter((l) => l.name !== replacing && l.name !== list.name);
  return [...next, list].sort((a, b) => a.name.localeCompare(b.name));
}

export const createContactsSlice: Slice<ContactsSlice> = (deps) => (set, get, store) => {
  const { api } = deps;
  // Snapshots asked for before an event landed are older than it: count events per kind.
  let contactEvents = 0;
  let requestEvents = 0;
  let blockEvents = 0;
  let profileEvents = 0;
  let statusEvents = 0;
  let account = 0;

  const fail = (error: ErrorShape): Outcome<never> => ({ ok: false, error });

  /** Runs a request; on success refreshes the cards of the people it touched (their relation changed). */
  async function act<T, R extends object = object>(
    request: Promise<IpcResult<T>>,
    touched: readonly UserId[],
    apply?: (value: T) => R | void,
  ): Promise<Outcome<R>> {
    const result = await request;
    if (!result.ok) return fail(result.error);
    const extra = apply?.(result.value);
    for (const userId of touched) if (get().cards[userId]) void get().cardRequested(userId);
    return { ok: true, ...(extra ?? {}) } as Outcome<R>;
  }

  function batchError(results: readonly { userId: UserId; error: ErrorShape | null }[]): ErrorShape | null {
    return results.find((r) => r.error !== null)?.error ?? null;
  }

  function applyList(list: FriendList, replacing?: string): void {
    set({ friendLists: upsertList(get().friendLists, list, replacing) });
  }

  return {
    ...contactsReset,
    ...createNavigationSlice(deps)(set, get, store),

    contactsPaneChosen(pane) {
      set({ section: 'contacts', contactsPane: pane });
      if (pane?.kind === 'person') void get().cardRequested(pane.userId);
      if (pane?.kind === 'requests') void get().friendRequestsSeen();
    },
    profileDialogOpened(userId) {
      set({ profileDialogUserId: userId });
      if (userId) void get().cardRequested(userId);
    },

    async contactsRequested() {
      const mine = ++account;
      const asked = { contactEvents, requestEvents, blockEvents, profileEvents, statusEvents };
      set({ contactsStatus: 'loading' });
      await Promise.all([
        api.invoke('contacts:list', {}).then((result) => {
          if (mine !== account) return;
          if (!result.ok) return set({ contactsStatus: 'error' });
          if (asked.contactEvents !== contactEvents) return set({ contactsStatus: 'ready' });
          set({ contacts: result.value.friends, friendLists: result.value.lists, contactsStatus: 'ready' });
        }),
        api.invoke('friendRequests:list', {}).then((result) => {
          if (mine === account && result.ok && asked.requestEvents === requestEvents) get().friendRequestsChanged(result.value);
        }),
        api.invoke('blocklist:list', {}).then((result) => {
          if (mine === account && result.ok && asked.blockEvents === blockEvents) get().blocklistChanged(result.value);
        }),
        api.invoke('profile:get', {}).then((result) => {
          if (mine === account && result.ok && asked.profileEvents === profileEvents) set({ myProfile: result.value });
        }),
        api.invoke('presence:getStatus', {}).then((result) => {
          if (mine === account && result.ok && asked.statusEvents === statusEvents) set({ myCustomStatus: result.value.customStatus });
        }),
      ]);
    },

    contactsChanged({ friends, removed, lists }) {
      contactEvents++;
      const cards = { ...get().cards };
      // A card on screen follows the contact's changes (remark, lists, presence, profile).
      for (const friend of friends) {
        const state = cards[friend.userId];
        if (state?.card) {
          const { presence, customStatus, ...entry } = friend;
          cards[friend.userId] = { ...state, card: { ...state.card, friend: entry, profile: friend.profile, presence, customStatus } };
        }
      }
      for (const userId of removed) {
        const state = cards[userId];
        if (state?.card) cards[userId] = { ...state, card: { ...state.card, friend: null } };
      }
      set({
        contacts: upsertContacts(get().contacts, friends, removed),
        friendLists: lists ?? get().friendLists,
        cards,
        contactsStatus: get().contactsStatus === 'idle' ? 'ready' : get().contactsStatus,
      });
    },

    friendRequestsChanged({ requests, unreadCount }) {
      requestEvents++;
      const cards = { ...get().cards };
      for (const [userId, state] of Object.entries(cards)) {
        if (!state?.card) continue;
        const request = requests.find((r) => r.userId === userId)?.direction ?? null;
        if (state.card.request !== request) cards[userId as UserId] = { ...state, card: { ...state.card, request } };
      }
      // On the inbox, new requests are seen as they arrive.
      const onInbox = get().section === 'contacts' && get().contactsPane?.kind === 'requests';
      set({ friendRequests: requests, friendRequestsUnread: onInbox ? 0 : unreadCount, cards });
      if (onInbox && unreadCount > 0) void api.invoke('friendRequests:markRead', {});
    },

    blocklistChanged({ entries }) {
      blockEvents++;
      const blocked = new Set(entries.map((e) => e.userId));
      const cards = { ...get().cards };
      for (const [userId, state] of Object.entries(cards)) {
        if (state?.card && state.card.blocked !== blocked.has(userId)) cards[userId as UserId] = { ...state, card: { ...state.card, blocked: !state.card.blocked } };
      }
      set({ blocklist: entries, cards });
    },

    profileChanged({ profile }) {
      profileEvents++;
      const session = get().session;
      if (profile.view === 'self' || (session?.state === 'signedIn' && session.userId === profile.userId)) {
        set({ myProfile: profile });
        return;
      }
      const state = get().cards[profile.userId];
      const contacts = get().contacts;
      const index = contacts.findIndex((c) => c.userId === profile.userId);
      set({
        cards: state?.card ? { ...get().cards, [profile.userId]: { ...state, card: { ...state.card, profile } } } : get().cards,
        contacts: index < 0 ? contacts : contacts.map((c, i) => (i === index ? { ...c, profile } : c)),
      });
    },

    devicesChanged({ devices }) {
      set({ devices, devicesStatus: 'ready' });
    },

    myStatusChanged(customStatus) {
      statusEvents++;
      set({ myCustomStatus: customStatus });
    },

    async cardRequested(userId) {
      const previous = get().cards[userId];
      if (!previous?.card) set({ cards: { ...get().cards, [userId]: { status: 'loading', card: null, error: null } } });
      const result = await api.invoke('profiles:card', { userId });
      const state: CardState = result.ok
        ? { status: 'ready', card: result.value, error: result.value ? null : { code: 'user_not_found', message: `No user ${userId}.` } }
        : { status: previous?.card ? 'ready' : 'error', card: previous?.card ?? null, error: result.error };
      set({ cards: { ...get().cards, [userId]: state } });
      return state;
    },

    async usersSearched(query) {
      const result = await api.invoke('users:search', { query });
      if (!result.ok) return fail(result.error);
      const me = get().session;
      const seen = new Set<UserId>(me?.state === 'signedIn' ? [me.userId] : []);
      // The exact UserID can also match by nickname: each person once, me never.
      const results = result.value.results.filter((card) => !seen.has(card.profile.userId) && Boolean(seen.add(card.profile.userId)));
      const cards = { ...get().cards };
      for (const card of results) cards[card.profile.userId] = { status: 'ready', card, error: null };
      set({ cards });
      return { ok: true, results };
    },

    friendAddRequested: ({ userId, wording, remark, list }) =>
      act(
        api.invoke('friends:add', {
          userId,
          ...(wording ? { wording } : {}),
          ...(remark ? { remark } : {}),
          ...(list ? { list } : {}),
        }),
        [userId],
        (value) => ({ outcome: value.outcome }),
      ),

    async friendDeleteRequested(userId, mode) {
      const result = await api.invoke('friends:delete', { userIds: [userId], mode });
      if (!result.ok) return fail(result.error);
      const error = batchError(result.value.results);
      if (error) return fail(error);
      get().contactsChanged({ friends: [], removed: [userId], lists: null });
      void get().cardRequested(userId);
      return { ok: true };
    },

    friendUpdateRequested: (userId, change) =>
      act(api.invoke('friends:update', { userId, ...change }), [userId], (contact) => {
        get().contactsChanged({ friends: [contact], removed: [], lists: null });
      }),

    friendRequestAccepted: (userId, extra = {}) =>
      act(
        api.invoke('friendRequests:accept', { userId, ...(extra.remark ? { remark: extra.remark } : {}), ...(extra.list ? { list: extra.list } : {}) }),
        [userId],
      ),

    friendRequestRejected: (userId) => act(api.invoke('friendRequests:reject', { userId }), [userId]),

    async friendRequestsSeen() {
      if (get().friendRequestsUnread === 0) return;
      set({ friendRequestsUnread: 0 });
      await api.invoke('friendRequests:markRead', {});
    },

    async blockRequested(userId) {
      const result = await api.invoke('blocklist:add', { userIds: [userId] });
      if (!result.ok) return fail(result.error);
      const error = batchError(result.value.results);
      if (error && error.code !== 'already_blocked') return fail(error);
      void get().cardRequested(userId);
      return { ok: true };
    },

    async unblockRequested(userId) {
      const result = await api.invoke('blocklist:remove', { userIds: [userId] });
      if (!result.ok) return fail(result.error);
      const error = batchError(result.value.results);
      if (error && error.code !== 'not_blocked') return fail(error);
      set({ blocklist: get().blocklist.filter((e) => e.userId !== userId) });
      void get().cardRequested(userId);
      return { ok: true };
    },

    friendListCreated: (name, userIds) =>
      act(api.invoke('friendLists:create', userIds?.length ? { name, userIds } : { name }), userIds ?? [], (list) => applyList(list)),
    friendListRenamed: (name, newName) => act(api.invoke('friendLists:rename', { name, newName }), [], (list) => applyList(list, name)),
    friendListDeleted: (name) =>
      act(api.invoke('friendLists:delete', { name }), [], () => set({ friendLists: get().friendLists.filter((l) => l.name !== name) })),
    friendListMembersAdded: (name, userIds) => act(api.invoke('friendLists:addMembers', { name, userIds }), userIds, (list) => applyList(list)),
    friendListMembersRemoved: (name, userIds) => act(api.invoke('friendLists:removeMembers', { name, userIds }), userIds, (list) => applyList(list)),

    async myProfileSaved(patch, customStatus) {
      if (Object.keys(patch).length > 0) {
        const result = await api.invoke('profile:update', patch);
        if (!result.ok) return fail(result.error);
        set({ myProfile: result.value });
      }
      if (customStatus !== undefined && customStatus !== get().myCustomStatus) {
        const result = await api.invoke('presence:setStatus', { customStatus });
        if (!result.ok) return fail(result.error);
        set({ myCustomStatus: result.value.customStatus });
      }
      return { ok: true };
    },

    async avatarSubmitted(jpeg) {
      const staged = await stageBlob(api, jpeg, 'avatar.jpg', 'image/jpeg');
      if (!staged.ok) return fail(staged.error);
      const result = await api.invoke('profile:setAvatar', { stageId: staged.stageId });
      if (!result.ok) return fail(result.error);
      set({ myProfile: result.value });
      return { ok: true };
    },

    async devicesRequested() {
      if (get().devices.length === 0) set({ devicesStatus: 'loading' });
      const result = await api.invoke('devices:list', {});
      if (result.ok) set({ devices: result.value.devices, devicesStatus: 'ready' });
      else set({ devicesStatus: get().devices.length ? 'ready' : 'error' });
    },

    async deviceSignOutRequested(instanceId) {
      const result = await api.invoke('devices:signOut', { instanceId });
      if (!result.ok) return fail(result.error);
      set({ devices: get().devices.filter((d) => d.instanceId !== instanceId) });
      return { ok: true };
    },
  };
};
