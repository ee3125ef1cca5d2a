import { useCallback, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type ItemProps, type ListProps } from 'react-virtuoso';
import type { Conversation, ConversationId } from '../../../../shared/domain';
import { displayName } from '../../i18n';
import { conversationTitle } from '../chat/conversationTitle';
import { usePersonNamer } from '../chat/usePersonNames';
import { hasUnseenRoomActivity, useChatStore } from '../../state';
import { useNow } from '../useNow';
import { PopupMenu, type MenuAnchor, type MenuItem } from '../message-actions/PopupMenu';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { EraseIcon, MuteIcon, PinIcon, ReadIcon, TrashIcon } from '../message-actions/actionIcons';
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
  const personName = usePersonNamer();
  const roomSeen = useChatStore((s) => s.roomSeen);
  const roomWatchSince = useChatStore((s) => s.roomWatchSince);
  const select = useCallback((id: ConversationId) => conversationSelected(id), [conversationSelected]);
  const { t } = useTranslation();
  const [menu, setMenu] = useState<{ conversation: Conversation; anchor: MenuAnchor } | null>(null);
  const [confirm, setConfirm] = useState<{ kind: 'clear' | 'delete'; conversation: Conversation } | null>(null);
  const openMenu = useCallback((conversation: Conversation, anchor: MenuAnchor) => setMenu({ conversation, anchor }), []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const pinToggled = useChatStore((s) => s.pinToggled);
  const muteToggled = useChatStore((s) => s.muteToggled);
  const conversationMarkedRead = useChatStore((s) => s.conversationMarkedRead);
  const historyCleared = useChatStore((s) => s.historyCleared);
  const conversationDeleted = useChatStore((s) => s.conversationDeleted);

  const menuItems = (conversation: Conversation): MenuItem[] => {
    const id = conversation.id;
    const muted = conversation.recvOpt !== 'AcceptAndNotify';
    const items: MenuItem[] = [
      { key: 'pin', label: conversation.pinned ? t('conversationMenu.unpin') : t('conversationMenu.pin'), icon: <PinIcon />, onSelect: () => void pinToggled(id) },
      { key: 'mute', label: muted ? t('conversationMenu.unmute') : t('conversationMenu.mute'), icon: <MuteIcon />, onSelect: () => void muteToggled(id) },
    ];
    if (conversation.unreadCount > 0) items.push({ key: 'read', label: t('conversationMenu.markRead'), icon: <ReadIcon />, onSelect: () => void conversationMarkedRead(id) });
    items.push(
      { key: 'clear', label: t('conversationMenu.clear'), icon: <EraseIcon />, danger: true, onSelect: () => setConfirm({ kind: 'clear', conversation }) },
      { key: 'delete', label: t('conversationMenu.delete'), icon: <TrashIcon />, danger: true, onSelect: () => setConfirm({ kind: 'delete', conversation }) },
    );
    return items;
  };
  const confirmName = confirm ? conversationTitle(confirm.conversation, t) : '';

  const row = useCallback(
    (_index: number, conversation: Conversation) => (
      <ConversationRow
        conversation={conversation}
        active={conversation.id === activeId}
        typingName={conversation.kind === 'c2c' && typing[conversation.id] ? displayName(conversation.peer) : null}
        now={now}
        onSelect={select}
        onMenu={openMenu}
        personName={personName}
        activity={conversation.id !== activeId && hasUnseenRoomActivity(conversation, roomSeen[conversation.id], roomWatchSince)}
      />
    ),
    [activeId, typing, now, select, openMenu, personName, roomSeen, roomWatchSince],
  );

  return (
    <>
      <Virtuoso<Conversation, ListContext>
        className="conversation-list"
        data={conversations}
        context={{ total: conversations.length }}
        computeItemKey={(_, conversation) => conversation.id}
        itemContent={row}
        components={components}
      />
      {menu && (
        <PopupMenu label={t('conversationMenu.label', { name: conversationTitle(menu.conversation, t) })} items={menuItems(menu.conversation)} anchor={menu.anchor} onClose={closeMenu} />
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'delete' ? t('conversationMenu.deleteTitle', { name: confirmName }) : t('conversationMenu.clearTitle', { name: confirmName })}
        description={confirm?.kind === 'delete' ? t('conversationMenu.deleteBody') : t('conversationMenu.clearBody', { name: confirmName })}
        confirmLabel={confirm?.kind === 'delete' ? t('conversationMenu.deleteConfirm') : t('conversationMenu.clearConfirm')}
        cancelLabel={t('conversationMenu.cancel')}
        onCancel={() => setConfirm(null)}
        onConfirm={async () => {
          if (!confirm) return;
          await (confirm.kind === 'delete' ? conversationDeleted(confirm.conversation.id) : historyCleared(confirm.conversation.id));
          setConfirm(null);
        }}
      />
    </>
  );
}
