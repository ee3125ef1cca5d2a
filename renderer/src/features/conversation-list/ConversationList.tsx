import { useCallback, type Ref } from 'react';
import { Virtuoso, type ItemProps, type ListProps } from 'react-virtuoso';
import type { Conversation, ConversationId } from '../../../../shared/domain';
import { displayName } from '../../i18n';
import { useChatStore } from '../../state';
import { useNow } from '../useNow';
import { ConversationRow } from './ConversationRow';

interface ListContext {
  total: number;
}

/** The rows live in a real list, so assistive technology hears "list, N items" and each row's place in it. */
function Items({ style, children, ref }: ListProps<HTMLUListElement> & { context?: ListContext }) {
  return (
    <ul className="conversation-list__items" style={style} ref={ref as Ref<HTMLUListElement>}>
      {children}
    </ul>
  );
}

function Item({ children, style, context, 'data-index': index, 'data-item-index': itemIndex, 'data-known-size': knownSize }: ItemProps<Conversation> & { context?: ListContext }) {
  // Only the rows on screen exist in the DOM: size and position tell a screen reader where this one stands.
  return (
    <li style={style} data-index={index} data-item-index={itemIndex} data-known-size={knownSize} aria-setsize={context?.total} aria-posinset={index + 1}>
      {children}
    </li>
  );
}

function Edge() {
  return <div className="conversation-list__edge" />;
}

const components = { List: Items, Item, Header: Edge, Footer: Edge };

/** Every conversation by latest activity, virtualized (only the rows on screen are rendered). */
export function ConversationList({ conversations }: { conversations: Conversation[] }) {
  const activeId = useChatStore((s) => s.activeConversationId);
  const typing = useChatStore((s) => s.typing);
  const conversationSelected = useChatStore((s) => s.conversationSelected);
  const now = useNow(60_000);
  const select = useCallback((id: ConversationId) => conversationSelected(id), [conversationSelected]);

  const row = useCallback(
    (_index: number, conversation: Conversation) => (
      <ConversationRow
        conversation={conversation}
        active={conversation.id === activeId}
        typingName={typing[conversation.id] ? displayName(conversation.peer) : null}
        now={now}
        onSelect={select}
      />
    ),
    [activeId, typing, now, select],
  );

  return (
    <Virtuoso<Conversation, ListContext>
      className="conversation-list"
      data={conversations}
      context={{ total: conversations.length }}
      computeItemKey={(_, conversation) => conversation.id}
      itemContent={row}
      components={components}
    />
  );
}
