import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/domain';
import { MAKERS, OTHER, topicConversation, topicEntry, topicId } from '../testing/communityFixtures';
import { conversation } from '../testing/fixtures';
import { communityBadge, isResolved, isTopicConversationId, splitResolved, topicSections, topicToOpen } from './community';

describe('community rail badge', () => {
  const list: Conversation[] = [
    topicConversation(MAKERS, 'general', { unreadCount: 3 }),
    topicConversation(MAKERS, 'random', { unreadCount: 2 }),
    // Muted: its count stays in its row, not on the rail (as a muted chat is left out of the Chats total).
    topicConversation(MAKERS, 'noise', { unreadCount: 40, recvOpt: 'AcceptNotNotify' }),
    // The community's own conversation and another community's topics are not this icon's.
    topicConversation(MAKERS, null, { unreadCount: 7 }),
    topicConversation(OTHER, 'general', { unreadCount: 11 }),
    conversation('bob', { unreadCount: 5 }),
  ];

  it('sums the unread of the community’s topics that are not muted', () => {
    expect(communityBadge(list, MAKERS)).toEqual({ unread: 5, mention: false });
    expect(communityBadge(list, OTHER)).toEqual({ unread: 11, mention: false });
    expect(communityBadge(list, '@TGS#_none')).toEqual({ unread: 0, mention: false });
  });

  it('shows "@" for an unread mention, even in a muted topic, and not once it is read', () => {
    const mentioned = [...list, topicConversation(MAKERS, 'quiet', { unreadCount: 1, unreadMention: 'me', recvOpt: 'AcceptNotNotifyExceptAt' })];
    expect(communityBadge(mentioned, MAKERS)).toEqual({ unread: 5, mention: true });
    const read = [...list, topicConversation(MAKERS, 'quiet', { unreadCount: 0, unreadMention: 'all' })];
    expect(communityBadge(read, MAKERS).mention).toBe(false);
  });


  it('tells topic conversations from group and one-to-one ones, look-alikes included', () => {
    expect(isTopicConversationId(`group_${topicId(MAKERS, 'general')}`)).toBe(true);
    expect(isTopicConversationId(`group_${MAKERS}`)).toBe(false);
    expect(isTopicConversationId('c2c_bob')).toBe(false);
    expect(isTopicConversationId(null)).toBe(false);
    expect(isTopicConversationId('group_@TGS#_x@TOPIC#_')).toBe(false);
  });
});

describe('topic list order', () => {
  const topics = [
    topicEntry(MAKERS, 'voice', { category: 'Zebra', createTime: 1 }),
    topicEntry(MAKERS, 'rules', { category: 'Info', createTime: 5 }),
    topicEntry(MAKERS, 'announcements', { category: 'Info', createTime: 2 }),
    topicEntry(MAKERS, 'general', { createTime: 9 }),
    topicEntry(MAKERS, 'lobby', { createTime: 3 }),
  ];

  it('puts uncategorised topics first, then categories by name, each oldest first', () => {
    expect(topicSections(topics, 'en').map((s) => [s.category, s.topics.map((t) => t.name)])).toEqual([
      ['', ['lobby', 'general']],
      ['Info', ['announcements', 'rules']],
      ['Zebra', ['voice']],
    ]);
  });

  it('topics made within the same second (CreateTime is in seconds) go by name, not by their random IDs', () => {
    const sameSecond = [topicEntry(MAKERS, 'a1', { name: 'zeta', createTime: 7 }), topicEntry(MAKERS, 'z9', { name: 'alpha', createTime: 7 })];
    expect(topicSections(sameSecond, 'en')[0]?.topics.map((t) => t.name)).toEqual(['alpha', 'zeta']);
  });

  it('opens the remembered topic while it exists, else the first on screen, else none', () => {
    expect(topicToOpen(topics, topicId(MAKERS, 'rules'), 'en')).toBe(topicId(MAKERS, 'rules'));
    expect(topicToOpen(topics, topicId(MAKERS, 'deleted'), 'en')).toBe(topicId(MAKERS, 'lobby'));
    expect(topicToOpen(topics, undefined, 'en')).toBe(topicId(MAKERS, 'lobby'));
    expect(topicToOpen([], undefined, 'en')).toBeNull();
  });
});

describe('ADR 0005 resolved topics', () => {
  const open = topicEntry(MAKERS, 'open');
  const done = topicEntry(MAKERS, 'done', { resolvedAt: 1_700_000_100, resolvedBy: 'alice' });
  it('folds resolved topics under their section unless asked for or open', () => {
    expect(splitResolved([done, open], false, null)).toEqual({ open: [open], resolved: [done], shown: false });
    expect(splitResolved([done, open], true, null).shown).toBe(true);
    expect(splitResolved([done, open], false, done.topicId).shown).toBe(true);
    expect(splitResolved([open], true, null).shown).toBe(false);
  });
  it('opens a community on its first open topic, not on one folded away as resolved', () => {
    expect(topicToOpen([done, open], undefined, 'en')).toBe(open.topicId);
    expect(topicToOpen([done], undefined, 'en')).toBe(done.topicId);
    expect(topicToOpen([done, open], done.topicId, 'en')).toBe(done.topicId);
  });
  it('reads a topic cached before resolving existed as open', () => {
    expect(isResolved({ resolvedAt: undefined as unknown as null })).toBe(false);
    expect(isResolved(done)).toBe(true);
  });
});
