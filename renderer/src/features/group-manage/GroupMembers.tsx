import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import type { GroupMember, UserId } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { formatDay } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import { useAvatarSrc } from '../contacts/people';
import { useNow } from '../useNow';
import type { Abilities } from './groupAbilities';
import { InviteDialog } from './GroupDialogs';
import { MutedIcon } from './groupIcons';
import { memberName } from './groupNames';
import { MemberDialog } from './MemberDialog';
import { muteText } from './muteText';

const ROW_HEIGHT = 60;
const VISIBLE_ROWS = 8;

/** G4: members with role, name card, join time and mute; virtualized (a community holds 100,000). Hidden in AVChatRoom. */
export function GroupMembers({ entry, can }: { entry: JoinedGroup; can: Abilities }) {
  const { t } = useTranslation();
  const { group } = entry;
  const state = useChatStore((s) => s.groupMembers[group.groupId]);
  const groupMembersRequested = useChatStore((s) => s.groupMembersRequested);
  const memberNicksRequested = useChatStore((s) => s.memberNicksRequested);
  const contacts = useChatStore((s) => s.contacts);
  const nicks = useChatStore((s) => s.memberNicks);
  const me = useChatStore(selectSignedInUser);
  const [inviting, setInviting] = useState(false);
  const [chosen, setChosen] = useState<UserId | null>(null);
  const readable = can.can('readMembers');
  const friends = useMemo(() => new Map(contacts.map((c) => [c.userId, c])), [contacts]);
  const members = useMemo(() => state?.members ?? [], [state]);
  const memberIds = useMemo(() => members.map((m) => m.userId), [members]);

  useEffect(() => {
    if (readable) void groupMembersRequested(group.groupId);
  }, [readable, group.groupId, groupMembersRequested]);

  const titleId = `members-${group.groupId}`;
  const chosenMember = members.find((m) => m.userId === chosen) ?? null;

  return (
    <section className="group-section" aria-labelledby={titleId}>
      <div className="group-section__head">
        <h3 id={titleId} className="pane__section">
          {t('members.title')} · {t('members.count', { count: group.memberNum })}
        </h3>
        {can.can('invite') && (
          <button type="button" className="button button--secondary button--small" onClick={() => setInviting(true)}>
            {t('members.invite')}
          </button>
        )}
      </div>
      {!readable ? (
        <p className="alert alert--info">{t('members.hidden')}</p>
      ) : state?.status === 'error' ? (
        <p className="alert alert--error" role="alert">
          {t('members.loadFailed')}{' '}
          <button type="button" className="link-button" onClick={() => void groupMembersRequested(group.groupId)}>
            {t('members.retry')}
          </button>
        </p>
      ) : members.length === 0 ? (
        <p className="pane__muted" role="status">
          {t('members.loading')}
        </p>
      ) : (
        <div role="list" aria-label={t('members.listLabel', { name: group.name })} className="member-list">
          <Virtuoso
            style={{ height: Math.min(members.length, VISIBLE_ROWS) * ROW_HEIGHT }}
            data={members}
            fixedItemHeight={ROW_HEIGHT}
            computeItemKey={(_, member) => member.userId}
            endReached={() => void groupMembersRequested(group.groupId, true)}
            rangeChanged={({ startIndex, endIndex }) => memberNicksRequested(members.slice(startIndex, endIndex + 1).map((m) => m.userId))}
            itemContent={(_, member) => (
              <MemberRow member={member} name={memberName(member, friends, nicks)} isMe={member.userId === me?.userId} onOpen={() => setChosen(member.userId)} />
            )}
          />
        </div>
      )}
      {state?.next && state.status !== 'loading' && members.length > 0 && (
        <button type="button" className="link-button" onClick={() => void groupMembersRequested(group.groupId, true)}>
          {t('members.more')}
        </button>
      )}
      <InviteDialog open={inviting} group={group} members={memberIds} onClose={() => setInviting(false)} />
      {chosenMember && (
        <MemberDialog entry={entry} can={can} member={chosenMember} name={memberName(chosenMember, friends, nicks)} isMe={chosenMember.userId === me?.userId} onClose={() => setChosen(null)} />
      )}
    </section>
  );
}

function MemberRow({ member, name, isMe, onOpen }: { member: GroupMember; name: string; isMe: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const now = useNow(60_000);
  const photo = useAvatarSrc(useChatStore((s) => s.contacts.find((c) => c.userId === member.userId)?.profile.image));
  const muted = muteText(member.mutedUntil, now, i18n.language, t);
  const role = t(`roles.${member.role}`);
  return (
    <div role="listitem" className="member-row-item" aria-label={t('members.rowLabel', { name, role })}>
      <button type="button" className="member-row" aria-label={`${t('members.actionsFor', { name })}${muted ? `, ${muted}` : ''}`} onClick={onOpen}>
        <Avatar id={member.userId} name={name} size="small" src={photo} />
        <span className="member-row__text">
          <span className="member-row__name">
            {name}
            {isMe && <span className="member-row__you"> · {t('members.you')}</span>}
          </span>
          <span className="member-row__meta">
            @{member.userId} · {t('members.joined', { when: formatDay(member.joinTime * 1000, now, i18n.language, t) })}
          </span>
        </span>
        {muted && (
          <span className="member-row__muted">
            <MutedIcon />
            {muted}
          </span>
        )}
        {member.role !== 'Member' && <span className={`role-chip role-chip--${member.role}`}>{role}</span>}
      </button>
    </div>
  );
}
