import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupId, UserId } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { selectSignedInUser, useChatStore } from '../../state';
import { useGroupPersonNames } from '../chat/usePersonNames';

/**
 * C2: choose group members to ring (checkboxes, at most `max`); people already in the call are left out.
 * Used to start a group call and to invite more during one.
 */
export function MemberPicker(props: { open: boolean; groupId: GroupId; title: string; hint: string; max: number; exclude: readonly UserId[]; onCancel: () => void; onRing: (userIds: UserId[]) => void }) {
  const { t } = useTranslation('calls');
  const me = useChatStore(selectSignedInUser)?.userId;
  const members = useChatStore((s) => s.groupMembers[props.groupId]);
  const requested = useChatStore((s) => s.groupMembersRequested);
  const nameOf = useGroupPersonNames(props.groupId);
  const [chosen, setChosen] = useState<UserId[]>([]);
  useEffect(() => {
    if (props.open) void requested(props.groupId);
  }, [props.open, props.groupId, requested]);
  const people = (members?.members ?? []).filter((m) => m.userId !== me && !props.exclude.includes(m.userId));
  const toggle = (userId: UserId, on: boolean) => setChosen((list) => (on ? [...list, userId] : list.filter((id) => id !== userId)));

  return (
    <Dialog open={props.open} title={props.title} description={props.hint} closeLabel={t('start.close')} onClose={props.onCancel}>
      <div className="call-picker">
        {!members || members.status === 'loading' ? (
          <p className="call-picker__empty">{t('start.loading')}</p>
        ) : people.length === 0 ? (
          <p className="call-picker__empty">{t('start.noMembers')}</p>
        ) : (
          <ul className="call-picker__list">
            {people.map((m) => {
              const checked = chosen.includes(m.userId);
              return (
                <li key={m.userId}>
                  <label className="call-picker__row">
                    <input type="checkbox" checked={checked} disabled={!checked && chosen.length >= props.max} onChange={(event) => toggle(m.userId, event.target.checked)} />
                    <Avatar id={m.userId} name={nameOf(m.userId)} size="small" />
                    <span className="call-picker__name">{nameOf(m.userId)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        <p className="call-picker__count" aria-live="polite">
          {t('start.chosen', { count: chosen.length, max: props.max })}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={props.onCancel}>
            {t('start.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={chosen.length === 0} onClick={() => props.onRing(chosen)}>
            {t('start.ring')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
