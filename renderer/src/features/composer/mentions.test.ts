import { describe, expect, it } from 'vitest';
import {
  activeMentionQuery,
  groupAtOf,
  insertMention,
  liveTokens,
  matchCandidates,
  offersAll,
  pickerKey,
  tokensOfDraft,
  type MentionCandidate,
} from './mentions';

describe('activeMentionQuery (M8: when the picker opens)', () => {
  it('finds the "@" being typed at the caret, also right after Chinese text', () => {
    expect(activeMentionQuery('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(activeMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMentionQuery('你好@小', 4)).toEqual({ start: 2, query: '小' });
  });

  it('stays closed for e-mail addresses, finished mentions and a caret before the "@"', () => {
    expect(activeMentionQuery('mail bob@example.com', 20)).toBeNull();
    expect(activeMentionQuery('@Bob hello', 10)).toBeNull();
    expect(activeMentionQuery('hi @bo', 2)).toBeNull();
    expect(activeMentionQuery('no mention', 10)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the typed query with "@Name " and puts the caret after the space', () => {
    expect(insertMention('hi @bo and', { start: 3, query: 'bo' }, 'Bobby')).toEqual({ text: 'hi @Bobby and', caret: 10 });
    expect(insertMention('hi @bo', { start: 3, query: 'bo' }, 'Bobby')).toEqual({ text: 'hi @Bobby ', caret: 10 });
  });

  it('reuses a space already typed after the query', () => {
    expect(insertMention('@c ok', { start: 0, query: 'c' }, '卡罗尔')).toEqual({ text: '@卡罗尔 ok', caret: 5 });
  });
});

describe('groupAtOf / liveTokens (pruning on send)', () => {
  const bob = { userId: 'bob', label: 'Bob' };
  const carol = { userId: 'carol', label: 'Carol' };
  const all = { userId: null, label: 'All' };

  it('maps every mention still in the text to its user, @All to all', () => {
    expect(groupAtOf('@Bob @Carol hi @All ', [bob, carol, all])).toEqual({ all: true, userIds: ['bob', 'carol'] });
  });

  it('drops a mention whose text was deleted or merged into a longer word', () => {
    expect(groupAtOf('@Carol hi', [bob, carol])).toEqual({ all: false, userIds: ['carol'] });
    expect(groupAtOf('@Bobby hi', [bob])).toBeUndefined();
    expect(groupAtOf('plain text', [bob, all])).toBeUndefined();
  });

  it('keeps as many same-named mentions as the text still holds (two members called "Sam")', () => {
    const sam1 = { userId: 'sam1', label: 'Sam' };
    const sam2 = { userId: 'sam2', label: 'Sam' };
    expect(liveTokens('@Sam @Sam ', [sam1, sam2])).toEqual([sam1, sam2]);
    expect(liveTokens('@Sam ', [sam1, sam2])).toEqual([sam2]);
  });

  it('counts a person mentioned twice once', () => {
    expect(groupAtOf('@Bob and @Bob ', [bob, bob])).toEqual({ all: false, userIds: ['bob'] });
  });

  it('a CJK name followed by punctuation is still a mention', () => {
    expect(groupAtOf('@小明，你好', [{ userId: 'xm', label: '小明' }])).toEqual({ all: false, userIds: ['xm'] });
  });
});

describe('matchCandidates', () => {
  const people: MentionCandidate[] = [
    { userId: 'olivia', name: 'Boss', nameCard: 'Boss', nickname: 'Olivia' },
    { userId: 'me', name: 'Me', nameCard: '', nickname: 'Me' },
    { userId: 'rob', name: 'Robert', nameCard: '', nickname: 'Robert' },
    { userId: 'bob', name: 'Bob', nameCard: '', nickname: 'Bob' },
  ];

  it('matches name card, nickname or UserID, prefix matches first, never me', () => {
    expect(matchCandidates(people, 'b', 'me').map((c) => c.userId)).toEqual(['olivia', 'bob', 'rob']);
    expect(matchCandidates(people, 'OLI', 'me').map((c) => c.userId)).toEqual(['olivia']);
    expect(matchCandidates(people, '', 'me').map((c) => c.userId)).toEqual(['olivia', 'rob', 'bob']);
    expect(matchCandidates(people, 'zzz', 'me')).toEqual([]);
  });

  it('offers @All while the query could still become it', () => {
    expect(offersAll('', 'All')).toBe(true);
    expect(offersAll('al', 'All')).toBe(true);
    expect(offersAll('所', '所有人')).toBe(true);
    expect(offersAll('bo', 'All')).toBe(false);
  });
});

describe('pickerKey (keyboard in the open picker)', () => {
  it('moves with the arrows and wraps around', () => {
    expect(pickerKey('ArrowDown', 0, 3, false)).toEqual({ kind: 'move', index: 1 });
    expect(pickerKey('ArrowDown', 2, 3, false)).toEqual({ kind: 'move', index: 0 });
    expect(pickerKey('ArrowUp', 0, 3, false)).toEqual({ kind: 'move', index: 2 });
  });

  it('chooses with Enter or Tab, closes with Escape', () => {
    expect(pickerKey('Enter', 1, 3, false)).toEqual({ kind: 'choose' });
    expect(pickerKey('Tab', 1, 3, false)).toEqual({ kind: 'choose' });
    expect(pickerKey('Escape', 1, 3, false)).toEqual({ kind: 'close' });
  });

  it('leaves keys to the composer when nothing matches or an input method is composing', () => {
    expect(pickerKey('Enter', 0, 0, false)).toBeNull();
    expect(pickerKey('Enter', 0, 3, true)).toBeNull();
    expect(pickerKey('a', 0, 3, false)).toBeNull();
  });
});

describe('tokensOfDraft (a draft restored after a restart keeps its mentions)', () => {
  const members = [
    { userId: 'bob', name: 'Bob' },
    { userId: 'bobby', name: 'Bobby' },
    { userId: 'xm', name: '小明' },
  ];

  it('finds members and @All named in the text as whole mentions', () => {
    expect(groupAtOf('@Bobby and @小明 hi', tokensOfDraft('@Bobby and @小明 hi', members, 'All'))).toEqual({ all: false, userIds: ['bobby', 'xm'] });
    expect(groupAtOf('@All @Bob ', tokensOfDraft('@All @Bob ', members, 'All'))).toEqual({ all: true, userIds: ['bob'] });
  });

  it('takes no @All when it may not be sent, and nothing from text without "@"', () => {
    expect(tokensOfDraft('@All go', members, null)).toEqual([]);
    expect(tokensOfDraft('Bob and 小明', members, 'All')).toEqual([]);
  });
});
