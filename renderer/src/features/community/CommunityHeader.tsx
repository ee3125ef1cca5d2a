import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinedGroup } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { useChatStore } from '../../state';
import { useAvatarSrc } from '../contacts/people';
import { PlusIcon, ShieldIcon } from '../group-manage/groupIcons';
import { MoreIcon } from '../message-actions/actionIcons';
import { PopupMenu, type MenuAnchor, type MenuItem } from '../message-actions/PopupMenu';

/**
 * The community's name plate over its topics: picture, name, member count, and a menu to its profile and
 * settings (the group-manage profile under Contacts, where topics and permission groups are managed).
 */
export function CommunityHeader({ entry, canCreateTopic, onNewTopic }: { entry: JoinedGroup; canCreateTopic: boolean; onNewTopic: () => void }) {
  const { t } = useTranslation('community');
  const { groupId, name, faceUrl, memberNum } = entry.group;
  const src = useAvatarSrc(faceUrl || undefined);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const items: MenuItem[] = [
    { key: 'profile', label: t('profile'), icon: <ShieldIcon />, onSelect: () => contactsPaneChosen({ kind: 'group', groupId }) },
  ];
  if (canCreateTopic) items.push({ key: 'topic', label: t('newTopic'), icon: <PlusIcon />, onSelect: onNewTopic });

  return (
    <header className="community-head">
      <Avatar id={groupId} name={name} size="small" src={src} />
      <div className="community-head__text">
        <h2 className="community-head__name">{name}</h2>
        <p className="community-head__meta">{t('members', { count: memberNum })}</p>
      </div>
      {canCreateTopic && (
        <button type="button" className="icon-button" aria-label={t('newTopic')} title={t('newTopic')} onClick={onNewTopic}>
          <PlusIcon />
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={t('menuLabel', { name })}
        title={t('menu')}
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        onClick={(event) => setMenu({ element: event.currentTarget })}
      >
        <MoreIcon />
      </button>
      {menu && <PopupMenu label={t('menuLabel', { name })} anchor={menu} onClose={() => setMenu(null)} items={items} />}
    </header>
  );
}
