import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinedGroup } from '../../../../shared/ipc';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { useChatStore } from '../../state';
import { CreateGroupDialog } from './CreateGroupDialog';
import { FindGroupDialog } from './FindGroupDialog';
import { GroupAvatar } from './GroupAvatar';
import { PlusIcon, SearchIcon } from './groupIcons';
import './group-manage.css';

/** "Groups" (WeChat's "Group chats"): my groups, then my communities; create one or find one. */
export function GroupsPane() {
  const { t } = useTranslation();
  const groups = useChatStore((s) => s.groups);
  const status = useChatStore((s) => s.groupsStatus);
  const groupsRequested = useChatStore((s) => s.groupsRequested);
  const [dialog, setDialog] = useState<'create' | 'find' | null>(null);
  const plain = groups.filter((g) => g.group.type !== 'Community');
  const communities = groups.filter((g) => g.group.type === 'Community');

  return (
    <section className="pane" aria-labelledby="groups-title">
      <header className="pane__header pane__header--row">
        <div>
          <h2 id="groups-title" className="pane__title">
            {t('groupsPane.title')}
          </h2>
          <p className="pane__description">{t('groupsPane.description')}</p>
        </div>
        <div className="pane__tools">
          <button type="button" className="button button--secondary" onClick={() => setDialog('find')}>
            <SearchIcon />
            {t('groupsPane.find')}
          </button>
          <button type="button" className="button button--primary" onClick={() => setDialog('create')}>
            <PlusIcon />
            {t('groupsPane.create')}
          </button>
        </div>
      </header>
      <div className="pane__body">
        {status === 'loading' && groups.length === 0 && <Spinner label={t('groupsPane.loading')} />}
        {status === 'error' && groups.length === 0 && (
          <p className="alert alert--error" role="alert">
            {t('groupsPane.loadFailed')}{' '}
            <button type="button" className="link-button" onClick={() => void groupsRequested()}>
              {t('groupsPane.retry')}
            </button>
          </p>
        )}
        {status === 'ready' && groups.length === 0 && <EmptyState headingLevel={3} title={t('groupsPane.emptyTitle')} body={t('groupsPane.emptyBody')} />}
        {plain.length > 0 && <GroupSection title={t('groupsPane.groups')} entries={plain} />}
        {communities.length > 0 && <GroupSection title={t('groupsPane.communities')} entries={communities} />}
      </div>
      <CreateGroupDialog open={dialog === 'create'} onClose={() => setDialog(null)} />
      <FindGroupDialog open={dialog === 'find'} onClose={() => setDialog(null)} />
    </section>
  );
}

function GroupSection({ title, entries }: { title: string; entries: JoinedGroup[] }) {
  const { t } = useTranslation();
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  return (
    <>
      <h3 className="pane__section">{title}</h3>
      <ul className="card-list" aria-label={title}>
        {entries.map(({ group }) => {
          const type = t(`groupTypes.${group.type}`);
          const members = t('groupsPane.members', { count: group.memberNum });
          return (
            <li key={group.groupId} className="card-list__item">
              <button
                type="button"
                className="group-row"
                aria-label={t('groupsPane.rowLabel', { name: group.name, type, members })}
                onClick={() => contactsPaneChosen({ kind: 'group', groupId: group.groupId })}
              >
                <GroupAvatar group={group} size="medium" />
                <span className="group-row__text">
                  <span className="group-row__name">{group.name}</span>
                  <span className="group-row__meta">
                    {type} · {members}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
