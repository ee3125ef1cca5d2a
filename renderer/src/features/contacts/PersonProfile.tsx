import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AllowType, Gender } from '../../../../shared/domain';
import type { ProfileCard } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { Spinner } from '../../components/Spinner';
import { errorText, formatDay } from '../../i18n';
import { selectSignedInUser, useChatStore, type Outcome } from '../../state';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { EditIcon } from '../message-actions/actionIcons';
import { AddFriendDialog } from './AddFriendDialog';
import { AddPersonIcon, BlockIcon, ListsIcon, MessageIcon } from './contactIcons';
import { AcceptRequestDialog, DeleteFriendDialog, ListPickerDialog, RemarkDialog } from './FriendDialogs';
import { cardName, useAvatarSrc } from './people';
import { useNow } from '../useNow';

export const GENDER_LABELS: Record<Gender, 'profile.genderUnknown' | 'profile.genderFemale' | 'profile.genderMale'> = {
  Gender_Type_Unknown: 'profile.genderUnknown',
  Gender_Type_Female: 'profile.genderFemale',
  Gender_Type_Male: 'profile.genderMale',
};

const ALLOW_LABELS: Record<AllowType, 'profile.allowAny' | 'profile.allowNeedConfirm' | 'profile.allowDenyAny'> = {
  AllowType_Type_AllowAny: 'profile.allowAny',
  AllowType_Type_NeedConfirm: 'profile.allowNeedConfirm',
  AllowType_Type_DenyAny: 'profile.allowDenyAny',
};

/** 20190419 → a date in the person's language; 0 / malformed → null. */
export function birthdayText(value: number | undefined, language: string): string | null {
  if (!value) return null;
  const year = Math.floor(value / 10000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year || 2000, month - 1, day));
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'long', day: 'numeric', ...(year ? { year: 'numeric' } : {}) }).format(date);
}

/** "AddSource_Type_Search" → "Search" / "搜索"; a source an app backend invented shows its own keyword. */
export function sourceText(source: string, t: TFunction): string {
  const keyword = source.replace(/^AddSource_Type_/, '');
  return keyword === 'Search' ? t('profile.sourceSearch') : keyword;
}

type Dialog = 'remark' | 'lists' | 'delete' | 'block' | 'add' | 'accept' | null;

/**
 * A person's profile card (P3) with what I can do (R2–R5): a friend shows every field I may see and
 * remark / lists / delete / block; a stranger shows the public fields and Add friend. Used as the
 * contacts pane and as a dialog over the chat.
 */
export function PersonProfile({ userId, onMessageOpened }: { userId: string; onMessageOpened?: () => void }) {
  const { t, i18n } = useTranslation();
  const state = useChatStore((s) => s.cards[userId]);
  const me = useChatStore(selectSignedInUser);
  const cardRequested = useChatStore((s) => s.cardRequested);

  if (!state || (state.status === 'loading' && !state.card)) {
    return (
      <div className="profile-card profile-card--status">
        <Spinner label={t('contacts.loading')} />
      </div>
    );
  }
  if (!state.card) {
    return (
      <div className="profile-card profile-card--status">
        <p role="alert">
          {state.error?.code === 'user_not_found' ? t('profile.notFound', { userId }) : state.error ? errorText(t, state.error) : t('profile.loadFailed')}
        </p>
        <button type="button" className="button button--secondary" onClick={() => void cardRequested(userId)}>
          {t('contacts.retry')}
        </button>
      </div>
    );
  }
  return <CardView card={state.card} isMe={me?.userId === userId} language={i18n.language} onMessageOpened={onMessageOpened} />;
}

function CardView({ card, isMe, language, onMessageOpened }: { card: ProfileCard; isMe: boolean; language: string; onMessageOpened?: () => void }) {
  const { t } = useTranslation();
  const { profile, friend, blocked, request } = card;
  const name = cardName(card);
  const photo = useAvatarSrc(profile.image);
  const now = useNow(60_000);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chatStartRequested = useChatStore((s) => s.chatStartRequested);
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  const blockRequested = useChatStore((s) => s.blockRequested);
  const unblockRequested = useChatStore((s) => s.unblockRequested);
  const friendRequestRejected = useChatStore((s) => s.friendRequestRejected);
  const close = () => setDialog(null);

  const run = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) setError(errorText(t, outcome.error));
    return outcome.ok;
  };

  const message = async () => {
    const outcome = await chatStartRequested(profile.userId);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    sectionChosen('chats');
    onMessageOpened?.();
  };

  const presenceLabel = card.presence ? t(`presence.${card.presence}`) : undefined;
  const birthday = birthdayText(profile.birthday, language);
  const rows: [string, ReactNode][] = [];
  if (friend?.remark) rows.push([t('profile.nickname'), profile.nick || profile.userId]);
  rows.push([t('profile.userId'), profile.userId]);
  if (card.customStatus) rows.push([t('profile.status'), card.customStatus]);
  if (profile.gender !== 'Gender_Type_Unknown') rows.push([t('profile.gender'), t(GENDER_LABELS[profile.gender])]);
  if (birthday) rows.push([t('profile.birthday'), birthday]);
  if (profile.location) rows.push([t('profile.location'), profile.location]);
  if (profile.selfSignature) rows.push([t('profile.signature'), profile.selfSignature]);
  if (friend) {
    rows.push([t('profile.lists'), friend.groups.length ? friend.groups.join(', ') : t('profile.noLists')]);
    if (friend.addSource) rows.push([t('profile.source'), sourceText(friend.addSource, t)]);
    if (friend.addTime) rows.push([t('profile.since'), formatDay(friend.addTime, now, language, t)]);
  }

  return (
    <article className="profile-card" aria-label={name}>
      <header className="profile-card__head">
        <Avatar id={profile.userId} name={name} size="xlarge" presence={card.presence} presenceLabel={presenceLabel} src={photo} />
        <div className="profile-card__who">
          <h2 className="profile-card__name">{name}</h2>
          <p className="profile-card__sub">
            {presenceLabel && <span className={card.presence === 'online' ? 'profile-card__online' : undefined}>{presenceLabel}</span>}
            {presenceLabel && ' · '}@{profile.userId}
          </p>
          {!friend && !isMe && <p className="profile-card__sub">{t(ALLOW_LABELS[profile.allowType])}</p>}
        </div>
      </header>

      {blocked && <p className="alert alert--info profile-card__note">{t('profile.blocked', { name })}</p>}
      {!friend && !isMe && !blocked && <p className="profile-card__note profile-card__note--muted">{t('profile.stranger')}</p>}

      <dl className="profile-card__fields">
        {rows.map(([label, value]) => (
          <div key={label} className="profile-card__field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}

      {!isMe && (
        <div className="profile-card__actions">
          <button type="button" className="button button--primary" onClick={() => void message()}>
            <MessageIcon />
            {t('profile.message')}
          </button>
          {!friend && !blocked && request === 'incoming' && (
            <>
              <button type="button" className="button button--secondary" onClick={() => setDialog('accept')}>
                {t('requests.accept')}
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => friendRequestRejected(profile.userId))}>
                {t('requests.reject')}
              </button>
            </>
          )}
          {!friend && !blocked && request === 'outgoing' && (
            <span className="profile-card__waiting" role="status">
              {t('requests.waiting')}
            </span>
          )}
          {!friend && !blocked && request === null && (
            <button type="button" className="button button--secondary" onClick={() => setDialog('add')}>
              <AddPersonIcon />
              {t('profile.addFriend')}
            </button>
          )}
          {friend && (
            <>
              <button type="button" className="button button--secondary" onClick={() => setDialog('remark')}>
                <EditIcon />
                {t('profile.editRemark')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setDialog('lists')}>
                <ListsIcon />
                {t('profile.editLists')}
              </button>
            </>
          )}
        </div>
      )}
      {!isMe && (
        <div className="profile-card__danger">
          {friend && (
            <button type="button" className="button button--danger" onClick={() => setDialog('delete')}>
              {t('profile.deleteFriend')}
            </button>
          )}
          {blocked ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => unblockRequested(profile.userId))}>
              {t('profile.unblock')}
            </button>
          ) : (
            <button type="button" className="button button--danger" onClick={() => setDialog('block')}>
              <BlockIcon />
              {t('profile.block')}
            </button>
          )}
        </div>
      )}

      {friend && <RemarkDialog open={dialog === 'remark'} userId={profile.userId} name={name} remark={friend.remark} onClose={close} />}
      {friend && <ListPickerDialog open={dialog === 'lists'} userId={profile.userId} name={name} current={friend.groups} onClose={close} />}
      <DeleteFriendDialog open={dialog === 'delete'} userId={profile.userId} name={name} onClose={close} />
      <AcceptRequestDialog open={dialog === 'accept'} userId={profile.userId} name={name} onClose={close} />
      <AddFriendDialog open={dialog === 'add'} presetUserId={profile.userId} onClose={close} />
      <ConfirmDialog
        open={dialog === 'block'}
        title={t('block.title', { name })}
        description={t('block.body', { name })}
        confirmLabel={t('block.confirm')}
        cancelLabel={t('block.cancel')}
        onCancel={close}
        onConfirm={async () => {
          close();
          await run(() => blockRequested(profile.userId));
        }}
      />
    </article>
  );
}
