import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupMsgFlag, type GroupConversation } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { errorText } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';
import { abilitiesOf } from '../group-manage/groupAbilities';
import { NameCardDialog } from '../group-manage/GroupDialogs';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';

type Confirm = 'clear' | 'leave' | 'disband' | null;

/**
 * My place in the group: name card, receive option (groups:setReceiveOption), pin
 * (conversations:setSettings), clear history (conversations:clear) and leave / disband when the
 * permission module allows. `entry` undefined: I have left; only what is mine on this device remains.
 */
export function GroupInfoSettings({ conversation, entry, onLeft }: { conversation: GroupConversation; entry: JoinedGroup | undefined; onLeft: () => void }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const receiveId = useId();
  const pinToggled = useChatStore((s) => s.pinToggled);
  const historyCleared = useChatStore((s) => s.historyCleared);
  const receiveOptionRequested = useChatStore((s) => s.receiveOptionRequested);
  const recvOptChosen = useChatStore((s) => s.recvOptChosen);
  const groupQuitRequested = useChatStore((s) => s.groupQuitRequested);
  const groupDisbandRequested = useChatStore((s) => s.groupDisbandRequested);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [editingCard, setEditingCard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const can = entry ? abilitiesOf(entry.group.type, entry.self.role, entry.myBits) : null;
  const name = conversation.topic?.name ?? conversation.group.name;
  const inTopic = conversation.topicId !== null;
  const close = () => setConfirm(null);

  const run = async (action: () => Promise<Outcome>) => {
    setError(null);
    const outcome = await action();
    if (!outcome.ok) setError(errorText(t, outcome.error));
    return outcome.ok;
  };

  return (
    <section className="group-section" aria-label={t('groupProfile.mine')}>
      <h3 className="pane__section">{t('groupProfile.mine')}</h3>
      <div className="group-settings">
        {entry && (
          <div className="group-settings__row">
            <span className="group-settings__label">{t('groupProfile.myNameCard')}</span>
            <span className="group-settings__value">{entry.self.nameCard || <span className="pane__muted">{t('groupProfile.noNameCard')}</span>}</span>
            <button type="button" className="button button--secondary button--small" aria-label={t('groupProfile.editNameCard')} onClick={() => setEditingCard(true)}>
              {t('groupProfile.change')}
            </button>
          </div>
        )}
        {entry && (
          <div className="group-settings__row">
            <label className="group-settings__label" htmlFor={receiveId}>
              {t('groupProfile.receive')}
            </label>
            {/* A topic has its own receive option (the topic conversation's); a group's is its MsgFlag. */}
            <select
              id={receiveId}
              className="settings__select"
              value={inTopic ? conversation.recvOpt : entry.self.msgFlag}
              onChange={(e) => {
                const flag = GroupMsgFlag.parse(e.target.value);
                if (inTopic) void recvOptChosen(conversation.id, flag);
                else void run(() => receiveOptionRequested(entry.group.groupId, flag));
              }}
            >
              {GroupMsgFlag.options.map((flag) => (
                <option key={flag} value={flag}>
                  {t(`msgFlags.${flag}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="group-settings__row">
          <label className="switch-row group-info__switch">
            <input type="checkbox" role="switch" checked={conversation.pinned} onChange={() => void pinToggled(conversation.id)} />
            <span className="switch-row__text">{tg('info.pin')}</span>
          </label>
        </div>
      </div>

      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}

      <div className="group-info__actions">
        <button type="button" className="button button--secondary" onClick={() => setConfirm('clear')}>
          {tg('info.clear')}
        </button>
        {can?.can('quit') && (
          <button type="button" className="button button--danger" onClick={() => setConfirm('leave')}>
            {t('groupProfile.leave')}
          </button>
        )}
        {can?.can('disband') && (
          <button type="button" className="button button--danger" onClick={() => setConfirm('disband')}>
            {t('groupProfile.disband')}
          </button>
        )}
      </div>

      {entry && <NameCardDialog open={editingCard} group={entry.group} userId={null} current={entry.self.nameCard} onClose={() => setEditingCard(false)} />}
      <ConfirmDialog
        open={confirm === 'clear'}
        title={tg('info.clearTitle', { name })}
        description={tg('info.clearBody')}
        confirmLabel={tg('info.confirmClear')}
        cancelLabel={tg('info.cancel')}
        onCancel={close}
        onConfirm={async () => {
          close();
          await historyCleared(conversation.id);
        }}
      />
      {entry && (
        <ConfirmDialog
          open={confirm === 'leave'}
          title={t('groupProfile.leaveTitle', { name: entry.group.name })}
          description={entry.self.role === 'Owner' ? t('groupProfile.leaveWorkOwnerBody') : t('groupProfile.leaveBody')}
          confirmLabel={t('groupProfile.confirmLeave')}
          cancelLabel={t('groupProfile.cancel')}
          onCancel={close}
          onConfirm={async () => {
            close();
            if (await run(() => groupQuitRequested(entry.group.groupId))) onLeft();
          }}
        />
      )}
      {entry && (
        <ConfirmDialog
          open={confirm === 'disband'}
          title={t('groupProfile.disbandTitle', { name: entry.group.name })}
          description={t('groupProfile.disbandBody', { count: entry.group.memberNum })}
          confirmLabel={t('groupProfile.confirmDisband')}
          cancelLabel={t('groupProfile.cancel')}
          onCancel={close}
          onConfirm={async () => {
            close();
            if (await run(() => groupDisbandRequested(entry.group.groupId))) onLeft();
          }}
        />
      )}
    </section>
  );
}
