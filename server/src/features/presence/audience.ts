import { type ConversationsRepository } from '../../store/types';

/**
 * A4: who may see whose presence. Presence is not public: a user's presence
 * reaches their friends (people who have them in their friend list) and their
 * conversation partners; nobody else learns anything, not even whether a
 * UserID exists.
 */
export interface PresenceAudience {
  /** Who is told of `userId`'s presence changes (may include duplicates; never needs `userId` itself). */
  watchersOf(userId: string): Promise<string[]>;
  /** Of `candidates`, those whose presence `viewer` may see. */
  visibleTo(viewer: string, candidates: readonly string[]): Promise<string[]>;
}

/** Conversation partners see each other (the rule before friends existed, kept for chats with non-friends). */
export function conversationAudience(conversations: ConversationsRepository): PresenceAudience {
  return {
    watchersOf: (userId) => conversations.peersOf(userId),
    visibleTo: (viewer, candidates) => conversations.sharedWith(viewer, candidates),
  };
}

/** The part of the friend repository presence needs (the store's RelationsRepository has it). */
export interface FriendEdges {
  /** Who has `friend` in their friend list (among `owners` when given). */
  ownersOf(friend: string, owners?: readonly string[]): Promise<string[]>;
  /** The entries of `owner`'s friend list. */
  friendsOf(owner: string): Promise<ReadonlyArray<{ friend: string }>>;
}

/**
 * A4 default subscription (Tencent: friends' status is pushed to their friends): a user's presence reaches
 * everyone who has them in their friend list, and a viewer sees the presence of the people in their own list.
 */
export function friendAudience(friends: FriendEdges): PresenceAudience {
  return {
    watchersOf: (userId) => friends.ownersOf(userId),
    async visibleTo(viewer, candidates) {
      if (candidates.length === 0) return [];
      const mine = new Set((await friends.friendsOf(viewer)).map((entry) => entry.friend));
      return candidates.filter((candidate) => mine.has(candidate));
    },
  };
}

/** Everyone any of the audiences admits. */
export function unionAudience(...audiences: PresenceAudience[]): PresenceAudience {
  return {
    async watchersOf(userId) {
      const lists = await Promise.all(audiences.map((audience) => audience.watchersOf(userId)));
      return [...new Set(lists.flat())];
    },
    async visibleTo(viewer, candidates) {
      const lists = await Promise.all(audiences.map((audience) => audience.visibleTo(viewer, candidates)));
      return [...new Set(lists.flat())];
    },
  };
}
