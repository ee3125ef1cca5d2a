import { useTranslation } from 'react-i18next';
import type { GroupConversation } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { isMuted } from '../../state/community';
import { MuteIcon, ReadIcon } from '../message-actions/actionIcons';
import { PopupMenu, type MenuAnchor, type MenuItem } from '../message-actions/PopupMenu';

/**
 * A topic row's menu (right click, or the context-menu key): mark read and mute, as a Chats row offers.
 * Only for a topic with a conversation row: a topic nobody wrote in has nothing to read or mute yet.
 */
export function TopicMenu({ name, row, anchor, onClose }: { name: string; row: GroupConversation; anchor: MenuAnchor; onClose: () => void }) {
  const { t } = useTranslation();
  const muteToggled = useChatStore((s) => s.muteToggled);
  const conversationMarkedRead = useChatStore((s) => s.conversationMarkedRead);
  const items: MenuItem[] = [];
  if (row.unreadCount > 0) items.push({ key: 'read', label: t('conversationMenu.markRead'), icon: <ReadIcon />, onSelect: () => void conversationMarkedRead(row.id) });
  items.push({
    key: 'mute',
    label: isMuted(row) ? t('conversationMenu.unmute') : t('conversationMenu.mute'),
    icon: <MuteIcon />,
    onSelect: () => void muteToggled(row.id),
  });
  return <PopupMenu label={t('conversationMenu.label', { name })} anchor={anchor} onClose={onClose} items={items} />;
}
