import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageId, UserId } from '../../../../shared/domain';
import { useChatStore } from '../../state';

export type ReceiptList = { status: 'loading' | 'ready' | 'error'; userIds: UserId[]; cursor: string | null };

/**
 * M6: one of a receipt message's two lists (read / unread), paged from the core (messages:receiptMembers).
 * `version` changes when the counts change (a member read it while the dialog is open): the list starts over,
 * so it never shows someone under both tabs.
 */
export function useReceiptMembers(id: MessageId, which: 'read' | 'unread', version: string) {
  const receiptMembersRequested = useChatStore((s) => s.receiptMembersRequested);
  const memberNicksRequested = useChatStore((s) => s.memberNicksRequested);
  const [list, setList] = useState<ReceiptList>({ status: 'loading', userIds: [], cursor: null });
  // Only the newest request may answer: a reload after a count change outruns a slow "Show more".
  const latest = useRef(0);

  const apply = useCallback(
    (mine: number, result: Awaited<ReturnType<typeof receiptMembersRequested>>, before: UserId[], cursor: string | null) => {
      if (mine !== latest.current) return;
      if (!result.ok) return setList({ status: 'error', userIds: before, cursor });
      // Names of members who are neither cached nor friends are looked up once (users:lookup).
      memberNicksRequested(result.value.userIds);
      const seen = new Set(before);
      setList({ status: 'ready', userIds: [...before, ...result.value.userIds.filter((u) => !seen.has(u))], cursor: result.value.cursor });
    },
    [memberNicksRequested],
  );
  const load = (cursor: string | null, before: UserId[]) => {
    const mine = ++latest.current;
    void receiptMembersRequested(id, which, cursor).then((result) => apply(mine, result, before, cursor));
  };

  useEffect(() => {
    const mine = ++latest.current;
    void receiptMembersRequested(id, which, null).then((result) => apply(mine, result, [], null));
  }, [id, which, version, receiptMembersRequested, apply]);

  // Asked by the person (Show more, Try again): the list says it is loading until the page is in.
  const next = () => {
    setList({ status: 'loading', userIds: list.userIds, cursor: list.cursor });
    load(list.cursor, list.userIds);
  };
  return { list, more: next, retry: next };
}
