import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupMember } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { errorText, formatDay } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';
import { useNow } from '../useNow';
import { MUTE_DURATIONS, type Abilities } from './groupAbilities';
import { NameCardDialog } from './GroupDialogs';
import { muteText } from './muteText';

type Step = 'main' | 'kick' | 'transfer' | 'nameCard';

/** G4: one member's card and what my role may do to them (checkMemberAction): admin, mute, name card, owner, remove. */
export function MemberDialog({ entry, can, member, name, isMe, onClose }: { entry: JoinedGroup; can: Abilities; member: GroupMember; name: string; isMe: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { group } = entry;
  const now = useNow(30_000);
  const memberMuteRequested = useChatStore((s) => s.memberMuteRequested);
  const memberRoleRequested = useChatStore((s) => s.memberRoleRequested);
  const memberKickRequested = useChatStore((s) => s.memberKickRequested);
  const ownerTransferRequested = useChatStore((s) => s.ownerTransferRequested);
  const [step, setStep] = useState<Step>('main');
  const [duration, setDuration] = useState<number>(MUTE_DURATIONS[1][1]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const muted = muteText(member.mutedUntil, now, i18n.language, t);
  const target = member.role;
  const may = {
    setAdmin: !isMe && can.canOn('setAdmin', target),
    unsetAdmin: !isMe && can.canOn('unsetAdmin', target),
    mute: !isMe && can.canOn('muteMember', target),
    nameCard: isMe || can.canOn('setNameCardOfOther', target),
    transfer: !isMe && target !== 'Owner' && can.can('transferOwner'),
    kick: !isMe && can.canOn('kick', target),
  };
  const nothing = !Object.values(may).some(Boolean);

  const run = async (action: () => Promise<Outcome>, closeAfter = false) => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    if (closeAfter) onClose();
    else setStep('main');
  };

  const title = step === 'kick' ? t('member.kickTitle', { name, group: group.name }) : step === 'transfer' ? t('member.transferTitle', { name, group: group.name }) : name;

  return (
    <>
      <Dialog open={step !== 'nameCard'} title={title} closeLabel={t('member.close')} onClose={step === 'main' ? onClose : () => setStep('main')}>
        {step === 'main' && (
          <div className="dialog-form member-card">
            <div className="person-chip">
              <Avatar id={member.userId} name={name} size="medium" />
              <div className="person-chip__text">
                <strong>{name}</strong>
                <span>@{member.userId}</span>
              </div>
            </div>
            <dl className="profile-card__fields">
              <div className="profile-card__field">
                <dt>{t('member.role')}</dt>
                <dd>{t(`roles.${member.role}`)}</dd>
              </div>
              {member.nameCard && (
                <div className="profile-card__field">
                  <dt>{t('member.nameCard')}</dt>
                  <dd>{member.nameCard}</dd>
                </div>
              )}
              <div className="profile-card__field">
                <dt>{t('member.joinTime')}</dt>
                <dd>{formatDay(member.joinTime * 1000, now, i18n.language, t)}</dd>
              </div>
              <div className="profile-card__field">
                <dt>{t('member.muted')}</dt>
                <dd>{muted ?? t('member.notMuted')}</dd>
              </div>
            </dl>
            {nothing && <p className="pane__muted">{t('member.nothing')}</p>}
            {may.mute &&
              (muted ? (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => memberMuteRequested(group.groupId, member.userId, 0))}>
                  {t('member.unmute')}
                </button>
              ) : (
                <div className="inline-add">
                  <div className="field">
                    <label className="field__label" htmlFor="mute-duration">
                      {t('member.muteFor')}
                    </label>
                    <select id="mute-duration" className="settings__select" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                      {MUTE_DURATIONS.map(([key, seconds]) => (
                        <option key={key} value={seconds}>
                          {t(`muteDurations.${key}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => memberMuteRequested(group.groupId, member.userId, duration))}>
                    {t('member.mute')}
                  </button>
                </div>
              ))}
            <div className="member-card__actions">
              {may.setAdmin && (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => memberRoleRequested(group.groupId, member.userId, 'Admin'))}>
                  {t('member.setAdmin')}
                </button>
              )}
              {may.unsetAdmin && (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => memberRoleRequested(group.groupId, member.userId, 'Member'))}>
                  {t('member.unsetAdmin')}
                </button>
              )}
              {may.nameCard && (
                <button type="button" className="button button--secondary" onClick={() => setStep('nameCard')}>
                  {t('member.editNameCard')}
                </button>
              )}
              {may.transfer && (
                <button type="button" className="button button--secondary" onClick={() => setStep('transfer')}>
                  {t('member.transfer')}
                </button>
              )}
              {may.kick && (
                <button type="button" className="button button--danger" onClick={() => setStep('kick')}>
                  {t('member.kick')}
                </button>
              )}
            </div>
            {error && (
              <p className="alert alert--error" role="alert">
                {error}
              </p>
            )}
          </div>
        )}
        {(step === 'kick' || step === 'transfer') && (
          <div className="dialog-form">
            <p className="dialog__description">{step === 'kick' ? t('member.kickBody') : t('member.transferBody')}</p>
            {step === 'kick' && <TextField label={t('member.kickReason')} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
            {error && (
              <p className="alert alert--error" role="alert">
                {error}
              </p>
            )}
            <div className="dialog__actions">
              <button type="button" className="button button--secondary" onClick={() => setStep('main')}>
                {t('member.cancel')}
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => (step === 'kick' ? memberKickRequested(group.groupId, member.userId, reason) : ownerTransferRequested(group.groupId, member.userId)),
                    true,
                  )
                }
              >
                {step === 'kick' ? t('member.confirmKick') : t('member.confirmTransfer')}
              </button>
            </div>
          </div>
        )}
      </Dialog>
      <NameCardDialog open={step === 'nameCard'} group={group} userId={isMe ? null : member.userId} current={member.nameCard} onClose={() => setStep('main')} />
    </>
  );
}
