import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMedia } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { CallDirectionIcon, PhoneIcon, VideoCamIcon } from '../../components/callIcons';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { displayName, errorText, formatListTime } from '../../i18n';
import { callHistoryT, formatCallDuration } from '../../i18n/callRecordText';
import { selectSignedInUser, useChatStore } from '../../state';
import type { CallHistoryFilter } from '../../state/slices/callHistorySlice';
import { contactName, useAvatarSrc } from '../contacts/people';
import { useNow } from '../useNow';
import { callRows, type CallRow } from './callRows';
import './call-history.css';

/**
 * C5: the Calls section — my calls newest first (pages of calls:history, the next loaded as the end scrolls
 * into view), All or Missed; a row opens its chat, and a one-to-one row calls back by voice or video.
 */
export function CallHistoryScreen() {
  const { t: t0 } = useTranslation();
  const t = callHistoryT(t0);
  const me = useChatStore((s) => selectSignedInUser(s)?.userId ?? null);
  const calls = useChatStore((s) => s.callHistory);
  const status = useChatStore((s) => s.callHistoryStatus);
  const next = useChatStore((s) => s.callHistoryNext);
  const error = useChatStore((s) => s.callHistoryError);
  const filter = useChatStore((s) => s.callHistoryFilter);
  const requested = useChatStore((s) => s.callHistoryRequested);
  const more = useChatStore((s) => s.callHistoryMoreRequested);
  const filterChosen = useChatStore((s) => s.callHistoryFilterChosen);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void requested();
  }, [requested]);

  const rows = me ? callRows(calls, me, filter) : [];
  const sentinel = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !next || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void more();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [next, more, rows.length]);

  return (
    <main className="calls-screen" aria-label={t('history.title')}>
      <div className="calls-panel">
        <header className="calls-panel__header">
          <h1 className="calls-panel__title">{t('history.title')}</h1>
          <div className="calls-filter" role="group" aria-label={t('history.filterLabel')}>
            {(['all', 'missed'] as CallHistoryFilter[]).map((f) => (
              <button key={f} type="button" className={`calls-filter__option ${filter === f ? 'calls-filter__option--on' : ''}`} aria-pressed={filter === f} onClick={() => filterChosen(f)}>
                {t(f === 'all' ? 'history.all' : 'history.missed')}
              </button>
            ))}
          </div>
        </header>
        {problem && (
          <p className="calls-panel__problem" role="alert">
            {problem}
          </p>
        )}
        {status === 'loading' || (status === 'idle' && calls.length === 0) ? (
          <div className="calls-panel__center" role="status">
            <Spinner />
            <span>{t('history.loading')}</span>
          </div>
        ) : status === 'failed' ? (
          <div className="calls-panel__center" role="alert">
            <span>{t('history.failed')}</span>
            {error && <span className="calls-panel__detail">{errorText(t0, error)}</span>}
            <button type="button" className="button button--secondary" onClick={() => void requested()}>
              {t('history.retry')}
            </button>
          </div>
        ) : rows.length === 0 && !next ? (
          <EmptyState
            illustration={<span className="calls-empty-art">{filter === 'missed' ? <CallDirectionIcon direction="missed" size={40} /> : <PhoneIcon size={40} />}</span>}
            title={t(filter === 'missed' ? 'history.emptyMissed' : 'history.empty')}
            body={t('history.emptyHint')}
          />
        ) : (
          <ul className="calls-list" aria-label={t('history.listLabel')}>
            {rows.map((row, index) => (
              <CallHistoryRow key={row.callId} row={row} position={index + 1} total={next ? -1 : rows.length} onProblem={setProblem} />
            ))}
            {next ? (
              <li ref={sentinel} className="calls-list__more">
                <button type="button" className="button button--secondary" onClick={() => void more()}>
                  {t('history.loadMore')}
                </button>
              </li>
            ) : null}
          </ul>
        )}
      </div>
    </main>
  );
}

/** A call that ends (calls:changed with state ended, kept by the calls slice) brings the newest page again. */
function useRowName(row: CallRow): { name: string; image: string | undefined } {
  const { t } = useTranslation();
  const conversation = useChatStore((s) => s.conversations.find((c) => c.id === row.conversationId));
  const contact = useChatStore((s) => (row.peer ? s.contacts.find((c) => c.userId === row.peer) : undefined));
  const group = useChatStore((s) => (row.groupId ? s.groups.find((g) => g.group.groupId === row.groupId) : undefined));
  if (row.peer) {
    const name = contact ? contactName(contact) : conversation?.kind === 'c2c' ? displayName(conversation.peer) : row.peer;
    return { name, image: contact?.profile.image };
  }
  const name = group?.group.name.trim() || (conversation && conversation.kind !== 'c2c' ? conversation.group.name.trim() : '') || t('chatTitle', { ns: 'groupChat' });
  return { name, image: group?.group.faceUrl };
}

function CallHistoryRow({ row, position, total, onProblem }: { row: CallRow; position: number; total: number; onProblem: (text: string | null) => void }) {
  const { t: t0, i18n } = useTranslation();
  const t = callHistoryT(t0);
  const now = useNow(60_000);
  const { name, image } = useRowName(row);
  const photo = useAvatarSrc(image);
  const chatStartRequested = useChatStore((s) => s.chatStartRequested);
  const openGroupConversation = useChatStore((s) => s.openGroupConversation);
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  const callBack = useChatStore((s) => s.callBackRequested);
  const time = formatListTime(row.at, now, i18n.language, t0);
  const direction = t(
    row.direction === 'outgoing' ? 'history.outgoing' : row.direction === 'incoming' ? 'history.incoming' : row.direction === 'declined' ? 'history.declinedCall' : 'history.missedCall',
  );
  const media = t(row.kind === 'group' ? (row.media === 'video' ? 'history.groupVideo' : 'history.groupVoice') : row.media === 'video' ? 'history.video' : 'history.voice');
  const duration = row.durationSec > 0 ? formatCallDuration(row.durationSec) : t('history.notConnected');
  const missed = row.direction === 'missed';

  const openChat = async () => {
    const opened = row.peer ? await chatStartRequested(row.peer) : row.groupId ? await openGroupConversation(row.groupId) : null;
    if (!opened) return;
    if (opened.ok) sectionChosen('chats');
    else onProblem(errorText(t0, opened.error));
  };
  const call = async (kind: CallMedia) => {
    if (!row.peer) return;
    onProblem(null);
    const started = await callBack(row.peer, kind);
    if (!started.ok) onProblem(t0('history.callFailed', { ns: 'callHistory', reason: errorText(t0, started.error) }));
  };

  return (
    <li className={`call-row ${missed ? 'call-row--missed' : ''}`} aria-posinset={position} aria-setsize={total}>
      <button type="button" className="call-row__open" aria-label={t0('history.open', { ns: 'callHistory', name, direction, media, time })} onClick={() => void openChat()}>
        <Avatar id={row.peer ?? row.groupId ?? row.conversationId} name={name} src={photo} />
        <span className="call-row__text">
          <span className="call-row__name">{name}</span>
          <span className="call-row__meta">
            <span className={`call-row__direction call-row__direction--${row.direction}`}>
              <CallDirectionIcon direction={row.direction} size={14} />
            </span>
            <span>
              {direction} · {media}
            </span>
          </span>
        </span>
        <span className="call-row__when">
          <span className="call-row__time">{time}</span>
          <span className="call-row__duration">{duration}</span>
        </span>
      </button>
      {row.peer && (
        <span className="call-row__actions">
          <button type="button" className="call-row__call" aria-label={t0('history.callVoiceLabel', { ns: 'callHistory', name })} title={t('history.callVoice')} onClick={() => void call('audio')}>
            <PhoneIcon size={18} />
          </button>
          <button type="button" className="call-row__call" aria-label={t0('history.callVideoLabel', { ns: 'callHistory', name })} title={t('history.callVideo')} onClick={() => void call('video')}>
            <VideoCamIcon size={18} />
          </button>
        </span>
      )}
    </li>
  );
}
