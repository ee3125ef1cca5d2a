import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_PERMISSION, hasBit, type PermissionGroup } from '../../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../../shared/ipc';
import { useChatStore } from '../../state';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { GROUP_BIT_NAMES, type Abilities } from './groupAbilities';
import { ShieldIcon, TopicIcon } from './groupIcons';
import { PermissionGroupDialog, PermissionGroupMembersDialog, TopicDialog, TopicPermissionsDialog } from './CommunityDialogs';

/** G7: a community's topics (by category) and permission groups, each control shown only when my bits allow it. */
export function CommunitySections({ entry, can }: { entry: JoinedGroup; can: Abilities }) {
  return (
    <>
      <TopicsSection entry={entry} can={can} />
      <PermissionGroupsSection entry={entry} can={can} />
    </>
  );
}

type TopicDialogState = { kind: 'create' } | { kind: 'edit'; topic: TopicEntry } | { kind: 'delete'; topic: TopicEntry } | { kind: 'permissions'; topic: TopicEntry } | null;

function TopicsSection({ entry, can }: { entry: JoinedGroup; can: Abilities }) {
  const { t } = useTranslation();
  const { groupId } = entry.group;
  const topics = useChatStore((s) => s.groupTopics[groupId]);
  const topicsRequested = useChatStore((s) => s.topicsRequested);
  const topicDeleteRequested = useChatStore((s) => s.topicDeleteRequested);
  const [dialog, setDialog] = useState<TopicDialogState>(null);
  useEffect(() => void topicsRequested(groupId), [groupId, topicsRequested]);
  const list = topics ?? [];
  const categories = [...new Set(list.map((topic) => topic.category))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'zh-CN')));
  const titleId = `topics-${groupId}`;

  return (
    <section className="group-section" aria-labelledby={titleId}>
      <div className="group-section__head">
        <h3 id={titleId} className="pane__section">
          {t('topics.title')} · {t('topics.count', { count: list.length })}
        </h3>
        {can.can('manageTopics') && (
          <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'create' })}>
            {t('topics.create')}
          </button>
        )}
      </div>
      {list.length === 0 && <p className="pane__muted">{t('topics.empty')}</p>}
      {categories.map((category) => (
        <div key={category} className="topic-group">
          <h4 className="topic-group__title">{category || t('topics.uncategorized')}</h4>
          <ul className="card-list" aria-label={category || t('topics.uncategorized')}>
            {list
              .filter((topic) => topic.category === category)
              .map((topic) => (
                <li key={topic.topicId} className="card-list__item topic-row" aria-label={topic.name}>
                  <TopicIcon />
                  <span className="topic-row__name">{topic.name}</span>
                  <span className="topic-row__tools">
                    {can.canManageTopicPermissions(topic.myBits) && (
                      <button type="button" className="button button--secondary button--small" aria-label={t('topics.permissionsLabel', { name: topic.name })} onClick={() => setDialog({ kind: 'permissions', topic })}>
                        {t('topics.permissions')}
                      </button>
                    )}
                    {can.canManageTopic(topic.myBits) && (
                      <>
                        <button type="button" className="button button--secondary button--small" aria-label={t('topics.editLabel', { name: topic.name })} onClick={() => setDialog({ kind: 'edit', topic })}>
                          {t('topics.rename')}
                        </button>
                        <button type="button" className="button button--danger button--small" aria-label={t('topics.deleteLabel', { name: topic.name })} onClick={() => setDialog({ kind: 'delete', topic })}>
                          {t('topics.delete')}
                        </button>
                      </>
                    )}
                  </span>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <TopicDialog groupId={groupId} topic={dialog.kind === 'edit' ? dialog.topic : null} count={list.length} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'permissions' && <TopicPermissionsDialog groupId={groupId} topic={dialog.topic} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        title={dialog?.kind === 'delete' ? t('topics.deleteTitle', { name: dialog.topic.name }) : ''}
        description={t('topics.deleteBody')}
        confirmLabel={t('topics.confirmDelete')}
        cancelLabel={t('topics.cancel')}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          if (dialog?.kind === 'delete') await topicDeleteRequested(groupId, dialog.topic.topicId);
          setDialog(null);
        }}
      />
    </section>
  );
}

type PgDialogState = { kind: 'create' } | { kind: 'edit'; pg: PermissionGroup } | { kind: 'members'; pg: PermissionGroup } | { kind: 'delete'; pg: PermissionGroup } | null;

function PermissionGroupsSection({ entry, can }: { entry: JoinedGroup; can: Abilities }) {
  const { t } = useTranslation();
  const { groupId } = entry.group;
  const groups = useChatStore((s) => s.permissionGroups[groupId]);
  const permissionGroupsRequested = useChatStore((s) => s.permissionGroupsRequested);
  const permissionGroupDeleteRequested = useChatStore((s) => s.permissionGroupDeleteRequested);
  const [dialog, setDialog] = useState<PgDialogState>(null);
  useEffect(() => void permissionGroupsRequested(groupId), [groupId, permissionGroupsRequested]);
  const list = groups ?? [];
  const manage = can.can('managePermissionGroups');
  const manageMembers = can.can('managePermissionGroupMembers');
  const titleId = `pgs-${groupId}`;

  return (
    <section className="group-section" aria-labelledby={titleId}>
      <div className="group-section__head">
        <h3 id={titleId} className="pane__section">
          {t('permissionGroups.title')}
        </h3>
        {manage && (
          <button type="button" className="button button--secondary button--small" onClick={() => setDialog({ kind: 'create' })}>
            {t('permissionGroups.create')}
          </button>
        )}
      </div>
      <p className="pane__muted">{t('permissionGroups.description')}</p>
      {list.length === 0 ? (
        <p className="pane__muted">{t('permissionGroups.empty')}</p>
      ) : (
        <ul className="card-list" aria-label={t('permissionGroups.title')}>
          {list.map((pg) => (
            <li key={pg.permissionGroupId} className="card-list__item topic-row" aria-label={pg.name}>
              <ShieldIcon />
              <span className="topic-row__name">
                {pg.name}
                <span className="topic-row__meta">
                  {t('permissionGroups.members', { count: pg.memberNum })} · {GROUP_BIT_NAMES.filter((bit) => hasBit(pg.permissions, GROUP_PERMISSION[bit])).map((bit) => t(`groupBits.${bit}`)).join(', ')}
                </span>
              </span>
              <span className="topic-row__tools">
                {manageMembers && (
                  <button type="button" className="button button--secondary button--small" aria-label={t('permissionGroups.membersLabel', { name: pg.name })} onClick={() => setDialog({ kind: 'members', pg })}>
                    {t('permissionGroups.members_other', { count: pg.memberNum })}
                  </button>
                )}
                {manage && (
                  <>
                    <button type="button" className="button button--secondary button--small" aria-label={t('permissionGroups.editLabel', { name: pg.name })} onClick={() => setDialog({ kind: 'edit', pg })}>
                      {t('permissionGroups.edit')}
                    </button>
                    <button type="button" className="button button--danger button--small" aria-label={t('permissionGroups.deleteLabel', { name: pg.name })} onClick={() => setDialog({ kind: 'delete', pg })}>
                      {t('permissionGroups.delete')}
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <PermissionGroupDialog groupId={groupId} myBits={entry.myBits} pg={dialog.kind === 'edit' ? dialog.pg : null} count={list.length} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'members' && <PermissionGroupMembersDialog entry={entry} pg={dialog.pg} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        title={dialog?.kind === 'delete' ? t('permissionGroups.deleteTitle', { name: dialog.pg.name }) : ''}
        description={t('permissionGroups.deleteBody')}
        confirmLabel={t('permissionGroups.confirmDelete')}
        cancelLabel={t('permissionGroups.cancel')}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          if (dialog?.kind === 'delete') await permissionGroupDeleteRequested(groupId, dialog.pg.permissionGroupId);
          setDialog(null);
        }}
      />
    </section>
  );
}
