import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupAt, GroupId } from '../../../../shared/domain';
import { selectSignedInUser, useChatStore } from '../../state';
import { contactName } from '../contacts/people';
import { memberName } from '../group-manage/groupNames';
import { MentionPicker, type MentionOption } from './MentionPicker';
import { activeMentionQuery, groupAtOf, insertMention, liveTokens, matchCandidates, offersAll, pickerKey, tokensOfDraft, type MentionCandidate, type MentionToken } from './mentions';

/** Past this many cached members the picker stops paging the whole list in (ADR 0004: server search above it). */
const PAGE_IN_LIMIT = 2000;
/** How many members' nicknames (users:lookup) the picker asks for at most. */
const NAME_LOOKUPS = 200;
/** Fewer matches than this with more members on the server: the next page is asked for. */
const FEW_MATCHES = 8;

export interface Mentions {
  /** Spread on the element wrapping the text box (the combobox). */
  comboboxProps: Record<string, string | boolean | undefined>;
  /** Spread on the text box. */
  inputProps: { 'aria-autocomplete'?: 'list'; 'aria-controls'?: string; 'aria-activedescendant'?: string; onSelect: () => void };
  /** Call first in the text box's keydown: true when the picker took the key. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The open picker, or null. */
  picker: ReactNode;
  /** What the next send carries for the current text (mentions deleted from the text are pruned). */
  groupAt: (text: string) => GroupAt | undefined;
  /** After a send: no mention carries over to the next message. */
  clear: () => void;
}

/**
 * M8: the composer's "@" picker for one group conversation (`groupId` null in one-to-one chats: no picker).
 * Members come from the core's cached member list (groups:members); `mayAtAll` is checkSend's answer.
 */
export function useMentions(
  groupId: GroupId | null,
  mayAtAll: boolean,
  text: string,
  setText: (text: string) => void,
  textarea: RefObject<HTMLTextAreaElement | null>,
): Mentions {
  const { t } = useTranslation('groupChat');
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const [tokens, setTokens] = useState<MentionToken[]>([]);
  const [caret, setCaret] = useState(text.length);
  const [active, setActive] = useState(0);
  // The "@" whose picker was closed with Esc stays closed until another "@" is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  // M12 keeps a draft's text only: its mentions are found again once the members are known.
  const [draft] = useState(text);
  const [seeded, setSeeded] = useState(!groupId || !draft.includes('@'));

  const membersState = useChatStore((s) => (groupId ? s.groupMembers[groupId] : undefined));
  const groupMembersRequested = useChatStore((s) => s.groupMembersRequested);
  const memberNicksRequested = useChatStore((s) => s.memberNicksRequested);
  const contacts = useChatStore((s) => s.contacts);
  const nicks = useChatStore((s) => s.memberNicks);
  const me = useChatStore(selectSignedInUser)?.userId ?? null;

  const query = groupId ? activeMentionQuery(text, Math.min(caret, text.length)) : null;
  const open = query !== null && query.start !== dismissed;

  // Members called by neither a name card nor my contact list, whose nickname is not looked up yet (the
  // first NAME_LOOKUPS of them): filtering by nickname and finding a draft's mentions need those names.
  const unnamed = useMemo(() => {
    const friendIds = new Set(contacts.map((c) => c.userId));
    const members = (membersState?.members ?? []).slice(0, NAME_LOOKUPS);
    return members.filter((m) => !m.nameCard.trim() && !friendIds.has(m.userId) && !(m.userId in nicks)).map((m) => m.userId);
  }, [membersState, contacts, nicks]);

  const candidates = useMemo<MentionCandidate[]>(() => {
    const friends = new Map(contacts.map((c) => [c.userId, c]));
    return (membersState?.members ?? []).map((member) => {
      const friend = friends.get(member.userId);
      return {
        userId: member.userId,
        name: memberName(member, friends, nicks),
        nameCard: member.nameCard,
        nickname: friend ? contactName(friend) : (nicks[member.userId] ?? ''),
      };
    });
  }, [membersState, contacts, nicks]);

  const matches = useMemo(() => (open && query ? matchCandidates(candidates, query.query, me) : []), [open, query?.query, candidates, me]); // eslint-disable-line react-hooks/exhaustive-deps
  const allLabel = t('composer.atAll');
  const options: MentionOption[] = useMemo(
    () => [...(open && query && mayAtAll && offersAll(query.query, allLabel) ? [{ userId: null, name: allLabel }] : []), ...matches.map((m) => ({ userId: m.userId, name: m.name }))],
    [open, query?.query, mayAtAll, allLabel, matches], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const loading = open && (membersState === undefined || membersState.status === 'loading');
  const shown = open && (options.length > 0 || loading);

  // The member cache is asked for once the picker opens; more pages while what was typed matches few.
  const status = membersState?.status;
  const next = membersState?.next ?? '';
  const cached = membersState?.members.length ?? 0;
  useEffect(() => {
    if ((!open && seeded) || !groupId || status === 'loading') return;
    if (status === undefined || status === 'idle') void groupMembersRequested(groupId);
    else if (status === 'ready' && next && matches.length < FEW_MATCHES && cached < PAGE_IN_LIMIT) void groupMembersRequested(groupId, true);
  }, [open, seeded, groupId, status, next, matches.length, cached, groupMembersRequested]);

  if (!seeded && (status === 'error' || (status === 'ready' && unnamed.length === 0))) {
    setSeeded(true);
    setTokens(tokensOfDraft(draft, candidates.filter((c) => c.userId !== me), mayAtAll ? allLabel : null));
  }

  // Names of members who are not my friends come from users:lookup.
  const unnamedKey = (open || !seeded) && status === 'ready' ? unnamed.join('\n') : '';
  useEffect(() => {
    if (unnamedKey) memberNicksRequested(unnamedKey.split('\n'));
  }, [unnamedKey, memberNicksRequested]);
  // Past the first NAME_LOOKUPS members, those on screen.
  const shownIds = options.flatMap((o) => (o.userId ? [o.userId] : [])).join('\n');
  useEffect(() => {
    if (shownIds) memberNicksRequested(shownIds.split('\n'));
  }, [shownIds, memberNicksRequested]);

  // A new query starts at the top of the list.
  const [seenQuery, setSeenQuery] = useState<string | null>(null);
  const queryKey = query ? `${query.start}:${query.query}` : null;
  if (seenQuery !== queryKey) {
    setSeenQuery(queryKey);
    setActive(0);
    if (dismissed !== null && query?.start !== dismissed) setDismissed(null);
  }

  useLayoutEffect(() => {
    const at = pendingCaret.current;
    const element = textarea.current;
    if (at === null || !element) return;
    pendingCaret.current = null;
    element.setSelectionRange(at, at);
    setCaret(at);
  }, [text, textarea]);

  const choose = (index: number) => {
    const option = options[index];
    if (!option || !query) return;
    const inserted = insertMention(text, query, option.name);
    setTokens([...liveTokens(text, tokens), { userId: option.userId, label: option.name }]);
    pendingCaret.current = inserted.caret;
    setText(inserted.text);
    textarea.current?.focus();
  };

  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));

  return {
    comboboxProps: groupId
      ? { role: 'combobox', 'aria-haspopup': 'listbox', 'aria-expanded': shown, 'aria-owns': shown ? listId : undefined, 'aria-controls': shown ? listId : undefined }
      : {},
    inputProps: {
      ...(groupId ? { 'aria-autocomplete': 'list' as const } : {}),
      ...(shown ? { 'aria-controls': listId } : {}),
      ...(shown && options.length > 0 ? { 'aria-activedescendant': optionId(activeIndex) } : {}),
      onSelect: () => setCaret(textarea.current?.selectionStart ?? text.length),
    },
    onKeyDown: (event) => {
      if (!shown || !query) return false;
      const action = pickerKey(event.key, activeIndex, options.length, event.nativeEvent.isComposing);
      if (!action) return false;
      event.preventDefault();
      // Esc here must not also reach the window (mark as read) or end a reply.
      event.stopPropagation();
      if (action.kind === 'move') setActive(action.index);
      else if (action.kind === 'choose') choose(activeIndex);
      else setDismissed(query.start);
      return true;
    },
    picker: shown ? (
      <MentionPicker id={listId} options={options} activeIndex={activeIndex} loading={loading} optionId={optionId} onChoose={choose} onHover={setActive} />
    ) : null,
    groupAt: (current) => groupAtOf(current, tokens),
    clear: () => setTokens([]),
  };
}
