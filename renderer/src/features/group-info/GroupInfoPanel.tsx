import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupConversation } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { CloseIcon } from '../../components/icons';
import { useChatStore } from '../../state';
import { abilitiesOf } from '../group-manage/groupAbilities';
import { GroupAvatar } from '../group-manage/GroupAvatar';
import { CopyIcon } from '../group-manage/groupIcons';
import { GroupMembers } from '../group-manage/GroupMembers';
import { GroupInfoSettings } from './GroupInfoSettings';
import '../group-manage/group-manage.css';
import './group-info.css';

interface GroupInfoPanelProps {
  conversation: GroupConversation;
  open: boolean;
  onClose: () => void;
}

/**
 * ADR 0004 §7: the group info panel, a drawer on the right of the open group (or topic) chat. A modal
 * <dialog>, so focus stays inside, Esc closes it and focus returns to the header's button. What it
 * offers is decided by the permission module (abilitiesOf), as on the group's profile page.
 */
export function GroupInfoPanel({ conversation, open, onClose }: GroupInfoPanelProps) {
  const { t } = useTranslation('groupChat');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const entry = useChatStore((s) => s.groups.find((g) => g.group.groupId === conversation.groupId));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="group-info"
      aria-labelledby={titleId}
      onClose={(event) => {
        if (event.target === ref.current) onClose();
      }}
      onCancel={(event) => {
        if (event.target !== ref.current) return;
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // The backdrop: a click beside the drawer closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="group-info__panel">
          <header className="group-info__bar">
            <h2 id={titleId} className="group-info__title">
              {t('info.title')}
            </h2>
            <button type="button" className="icon-button" aria-label={t('info.close')} title={t('info.close')} onClick={onClose}>
              <CloseIcon />
            </button>
          </header>
          <div className="group-info__body">
            <GroupSummary conversation={conversation} entry={entry} />
            {entry && entry.group.type !== 'AVChatRoom' && !conversation.left && (
              <GroupMembers entry={entry} can={abilitiesOf(entry.group.type, entry.self.role, entry.myBits)} />
            )}
            {entry?.group.type === 'AVChatRoom' && <p className="alert alert--info">{t('info.membersHiddenAv')}</p>}
            <GroupInfoSettings conversation={conversation} entry={conversation.left ? undefined : entry} onLeft={onClose} />
          </div>
        </div>
      )}
    </dialog>
  );
}

/** Avatar, name, ID (copy), type with its one-line explanation, introduction and announcement. */
function GroupSummary({ conversation, entry }: { conversation: GroupConversation; entry: JoinedGroup | undefined }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const [copied, setCopied] = useState(false);
  // A group I left is no longer cached: the conversation row still names it.
  const group = entry?.group ?? { groupId: conversation.groupId, name: conversation.group.name, faceUrl: conversation.group.faceUrl, type: conversation.groupType };
  const copyId = async () => {
    await navigator.clipboard?.writeText(group.groupId).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section className="group-info__summary" aria-label={group.name}>
      <GroupAvatar group={group} size="xlarge" />
      <h3 className="group-info__name">{group.name}</h3>
      {conversation.topic && <p className="group-info__topic">{tg('header.topicIn', { community: group.name })}: {conversation.topic.name}</p>}
      <p className="group-profile__id group-info__id">
        <span className="visually-hidden">{t('groupProfile.id')}: </span>
        <code>{group.groupId}</code>
        <button type="button" className="icon-button icon-button--small" aria-label={t('groupProfile.copyId')} title={t('groupProfile.copyId')} onClick={() => void copyId()}>
          <CopyIcon />
        </button>
        {copied && (
          <span className="group-profile__copied" role="status">
            {t('groupProfile.copied')}
          </span>
        )}
      </p>
      <p className="group-info__type">
        <span className={`type-chip group-type--${group.type}`}>{t(`groupTypes.${group.type}`)}</span>
        <span className="pane__muted">{t(`groupTypeHints.${group.type}`)}</span>
      </p>
      {entry && (
        <dl className="group-info__fields">
          <div className="group-info__field">
            <dt>{t('groupProfile.introduction')}</dt>
            <dd>{entry.group.introduction || <span className="pane__muted">{t('groupProfile.noIntroduction')}</span>}</dd>
          </div>
          <div className="group-info__field">
            <dt>{t('groupProfile.announcement')}</dt>
            <dd>{entry.group.notification || <span className="pane__muted">{t('groupProfile.noAnnouncement')}</span>}</dd>
          </div>
        </dl>
      )}
      {entry?.group.muteAll && <p className="alert alert--info">{t('groupProfile.mutedAll')}</p>}
    </section>
  );
}
