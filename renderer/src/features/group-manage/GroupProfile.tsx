import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupMsgFlag, type ApplyJoinOption } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { Spinner } from '../../components/Spinner';
import { errorText, formatDay } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';
import { CameraIcon, MessageIcon } from '../contacts/contactIcons';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { AvatarCropDialog } from '../profile/AvatarCropDialog';
import { useNow } from '../useNow';
import { CommunitySections } from './CommunitySections';
import { abilitiesOf, HAS_JOIN_OPTION, type Abilities } from './groupAbilities';
import { GroupAvatar } from './GroupAvatar';
import { EditGroupDialog, NameCardDialog } from './GroupDialogs';
import { CopyIcon } from './groupIcons';
import { GroupMembers } from './GroupMembers';
import { usePersonName } from './groupNames';
import './group-manage.css';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** G2–G4, G7: a group's profile, my place in it and what my role lets me change. */
export function GroupProfile({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const entry = useChatStore((s) => s.groups.find((g) => g.group.groupId === groupId));
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  if (!entry) {
    return (
      <div className="profile-card profile-card--status">
        <p role="status">{t('groupProfile.notFound')}</p>
        <button type="button" className="button button--secondary" onClick={() => contactsPaneChosen({ kind: 'groups' })}>
          {t('groupProfile.back')}
        </button>
      </div>
    );
  }
  return <GroupView entry={entry} />;
}

type Dialog = 'edit' | 'nameCard' | 'leave' | 'disband' | null;

function GroupView({ entry }: { entry: JoinedGroup }) {
  const { t, i18n } = useTranslation();
  const { group, self } = entry;
  const can = abilitiesOf(group.type, self.role, entry.myBits);
  const now = useNow(60_000);
  const nameOf = usePersonName();
  const groupUpdateRequested = useChatStore((s) => s.groupUpdateRequested);
  const receiveOptionRequested = useChatStore((s) => s.receiveOptionRequested);
  const groupQuitRequested = useChatStore((s) => s.groupQuitRequested);
  const groupDisbandRequested = useChatStore((s) => s.groupDisbandRequested);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const close = () => setDialog(null);

  const run = async (action: () => Promise<Outcome>) => {
    setError(null);
    const outcome = await action();
    if (!outcome.ok) setError(errorText(t, outcome.error));
    return outcome.ok;
  };

  const copyId = async () => {
    await navigator.clipboard?.writeText(group.groupId).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const rows: [string, ReactNode][] = [
    [t('groupProfile.introduction'), group.introduction || <span className="pane__muted">{t('groupProfile.noIntroduction')}</span>],
    [t('groupProfile.announcement'), group.notification || <span className="pane__muted">{t('groupProfile.noAnnouncement')}</span>],
  ];
  if (HAS_JOIN_OPTION.has(group.type)) rows.push([t('groupProfile.joinOption'), t(`joinOptions.${group.applyJoinOption as ApplyJoinOption}`)]);
  rows.push([t('groupProfile.owner'), group.owner ? nameOf(group.owner) : <span className="pane__muted">{t('groupProfile.noOwner')}</span>]);
  rows.push([t('groupProfile.created'), formatDay(group.createTime * 1000, now, i18n.language, t)]);

  return (
    <article className="profile-card group-profile" aria-label={group.name}>
      <header className="profile-card__head">
        <GroupPhoto entry={entry} can={can} />
        <div className="profile-card__who">
          <h2 className="profile-card__name">{group.name}</h2>
          <p className="group-profile__id">
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
          <p className="group-profile__type">
            <span className={`type-chip group-type--${group.type}`}>{t(`groupTypes.${group.type}`)}</span>
            <span className="pane__muted">{t(`groupTypeHints.${group.type}`)}</span>
          </p>
        </div>
      </header>

      <OpenChatButton groupId={group.groupId} community={group.type === 'Community'} onError={setError} />

      {group.type === 'Work' && !group.active && <p className="alert alert--info profile-card__note">{t('groupProfile.inactive')}</p>}
      {group.muteAll && <p className="alert alert--info profile-card__note">{t('groupProfile.mutedAll')}</p>}

      <dl className="profile-card__fields">
        {rows.map(([label, value]) => (
          <div key={label} className="profile-card__field">
            <dt>{label}</dt>
            <dd className="group-profile__text">{value}</dd>
          </div>
        ))}
      </dl>

      {(can.can('modifyBasicInfo') || can.can('modifyOtherInfo') || can.can('muteAll')) && (
        <div className="profile-card__actions">
          {(can.can('modifyBasicInfo') || can.can('modifyOtherInfo')) && (
            <button type="button" className="button button--secondary" onClick={() => setDialog('edit')}>
              {t('groupProfile.edit')}
            </button>
          )}
          {can.can('muteAll') && (
            <label className="switch-row">
              <input type="checkbox" role="switch" checked={group.muteAll} onChange={(e) => void run(() => groupUpdateRequested({ groupId: group.groupId, muteAll: e.target.checked }))} />
              <span className="switch-row__text">
                <span>{t('groupProfile.muteAll')}</span>
                <span className="pane__muted">{t('groupProfile.muteAllHint')}</span>
              </span>
            </label>
          )}
        </div>
      )}

      <section className="group-section" aria-labelledby={`mine-${group.groupId}`}>
        <h3 id={`mine-${group.groupId}`} className="pane__section">
          {t('groupProfile.mine')}
        </h3>
        <div className="group-settings">
          <div className="group-settings__row">
            <span className="group-settings__label">{t('groupProfile.myNameCard')}</span>
            <span className="group-settings__value">{self.nameCard || <span className="pane__muted">{t('groupProfile.noNameCard')}</span>}</span>
            <button type="button" className="button button--secondary button--small" aria-label={t('groupProfile.editNameCard')} onClick={() => setDialog('nameCard')}>
              {t('groupProfile.change')}
            </button>
          </div>
          <div className="group-settings__row">
            <label className="group-settings__label" htmlFor={`receive-${group.groupId}`}>
              {t('groupProfile.receive')}
            </label>
            <select
              id={`receive-${group.groupId}`}
              className="settings__select"
              value={self.msgFlag}
              onChange={(e) => void run(() => receiveOptionRequested(group.groupId, GroupMsgFlag.parse(e.target.value)))}
            >
              {GroupMsgFlag.options.map((flag) => (
                <option key={flag} value={flag}>
                  {t(`msgFlags.${flag}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>

      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}

      <GroupMembers entry={entry} can={can} />
      {group.type === 'Community' && <CommunitySections entry={entry} can={can} />}

      {(can.can('quit') || can.can('disband')) && (
        <div className="profile-card__danger">
          {can.can('quit') && (
            <button type="button" className="button button--danger" onClick={() => setDialog('leave')}>
              {t('groupProfile.leave')}
            </button>
          )}
          {can.can('disband') && (
            <button type="button" className="button button--danger" onClick={() => setDialog('disband')}>
              {t('groupProfile.disband')}
            </button>
          )}
        </div>
      )}

      <EditGroupDialog open={dialog === 'edit'} group={group} can={can} onClose={close} />
      <NameCardDialog open={dialog === 'nameCard'} group={group} userId={null} current={self.nameCard} onClose={close} />
      <ConfirmDialog
        open={dialog === 'leave'}
        title={t('groupProfile.leaveTitle', { name: group.name })}
        description={self.role === 'Owner' ? t('groupProfile.leaveWorkOwnerBody') : t('groupProfile.leaveBody')}
        confirmLabel={t('groupProfile.confirmLeave')}
        cancelLabel={t('groupProfile.cancel')}
        onCancel={close}
        onConfirm={async () => {
          close();
          if (await run(() => groupQuitRequested(group.groupId))) contactsPaneChosen({ kind: 'groups' });
        }}
      />
      <ConfirmDialog
        open={dialog === 'disband'}
        title={t('groupProfile.disbandTitle', { name: group.name })}
        description={t('groupProfile.disbandBody', { count: group.memberNum })}
        confirmLabel={t('groupProfile.confirmDisband')}
        cancelLabel={t('groupProfile.cancel')}
        onCancel={close}
        onConfirm={async () => {
          close();
          if (await run(() => groupDisbandRequested(group.groupId))) contactsPaneChosen({ kind: 'groups' });
        }}
      />
    </article>
  );
}

/** The group photo; those who may edit the basic info change it through the same crop as their own avatar. */
function GroupPhoto({ entry, can }: { entry: JoinedGroup; can: Abilities }) {
  const { t } = useTranslation();
  const groupAvatarSubmitted = useChatStore((s) => s.groupAvatarSubmitted);
  const [picked, setPicked] = useState<Blob | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { group } = entry;
  if (!can.can('modifyBasicInfo')) return <GroupAvatar group={group} size="xlarge" />;
  return (
    <div className="group-photo">
      <button type="button" className="group-photo__button" aria-label={t('groupProfile.changePhoto')} title={t('groupProfile.changePhoto')} disabled={uploading} onClick={() => input.current?.click()}>
        <GroupAvatar group={group} size="xlarge" />
        <span className="group-photo__badge" aria-hidden="true">
          {uploading ? <Spinner /> : <CameraIcon />}
        </span>
      </button>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('groupProfile.photo')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          if (!IMAGE_TYPES.includes(file.type)) return setError(t('groupProfile.badImage'));
          setError(null);
          setPicked(file);
        }}
      />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <AvatarCropDialog
        file={picked}
        onCancel={() => setPicked(null)}
        onCropped={(jpeg) => {
          setPicked(null);
          setUploading(true);
          void groupAvatarSubmitted(group.groupId, jpeg).then((outcome) => {
            setUploading(false);
            if (!outcome.ok) setError(errorText(t, outcome.error));
          });
        }}
      />
    </div>
  );
}

/**
 * ADR 0004 WP7: the group's chat, from its profile (WeChat's "发消息"). A community's messages live in its
 * topics, so its button opens the community view instead of a Chats row.
 */
function OpenChatButton({ groupId, community, onError }: { groupId: string; community: boolean; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const openGroupConversation = useChatStore((s) => s.openGroupConversation);
  const communityOpened = useChatStore((s) => s.communityOpened);
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    onError(null);
    if (community) return void communityOpened(groupId);
    setBusy(true);
    const outcome = await openGroupConversation(groupId);
    setBusy(false);
    if (!outcome.ok) return onError(errorText(t, outcome.error));
    sectionChosen('chats');
  };
  return (
    <div className="profile-card__actions">
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void open()}>
        <MessageIcon />
        {tg('list.openChat')}
      </button>
    </div>
  );
}
