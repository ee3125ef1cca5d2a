import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isC2cConversation, type ConversationId, type UserId } from '../../../../shared/domain';
import type { SearchKind } from '../../../../shared/ipc';
import { CloseIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { displayName, formatListTime, toMillis } from '../../i18n';
import { selectSignedInUser, useChatStore, type SearchOutput } from '../../state';
import { conversationTitle } from '../chat/conversationTitle';
import { SearchIcon } from '../message-actions/actionIcons';
import { dayEnd, dayStart, snippetParts } from './snippet';
import './search.css';

const KINDS: { kind: SearchKind; label: string }[] = [
  { kind: 'text', label: 'search.kindText' },
  { kind: 'image', label: 'search.kindImage' },
  { kind: 'sound', label: 'search.kindSound' },
  { kind: 'file', label: 'search.kindFile' },
  { kind: 'video', label: 'search.kindVideo' },
  { kind: 'location', label: 'search.kindLocation' },
  { kind: 'relay', label: 'search.kindRelay' },
  { kind: 'custom', label: 'search.kindCustom' },
  { kind: 'face', label: 'search.kindFace' },
];
const SEARCH_DELAY_MS = 250;

/** M11: Ctrl/⌘+F — search the local store (works offline); a hit opens its conversation at the message. */
export function SearchPanel({ open, onClose, initialConversationId }: { open: boolean; onClose: () => void; initialConversationId?: ConversationId }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="search-panel"
      aria-label={t('search.title')}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      {open && <SearchBody onClose={onClose} initialConversationId={initialConversationId} />}
    </dialog>
  );
}

type Status = { state: 'idle' } | { state: 'searching' } | { state: 'done'; output: SearchOutput; query: string } | { state: 'failed' };

function SearchBody({ onClose, initialConversationId }: { onClose: () => void; initialConversationId?: ConversationId }) {
  const { t, i18n } = useTranslation();
  const conversations = useChatStore((s) => s.conversations);
  const me = useChatStore(selectSignedInUser);
  const messagesSearched = useChatStore((s) => s.messagesSearched);
  const conversationSelected = useChatStore((s) => s.conversationSelected);
  const jumpToMessageRequested = useChatStore((s) => s.jumpToMessageRequested);
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState<UserId | ''>('');
  const [kind, setKind] = useState<SearchKind | ''>('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [conversationId, setConversationId] = useState<ConversationId | ''>(initialConversationId ?? '');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [missing, setMissing] = useState(false);
  const latest = useRef(0);
  const ids = { query: useId(), from: useId(), kind: useId(), since: useId(), until: useId(), conversation: useId() };
  const nameOf = (id: ConversationId) => {
    const conversation = conversations.find((c) => c.id === id);
    return conversation ? conversationTitle(conversation, t) : id;
  };
  const senderName = (userId: UserId) => {
    if (userId === me?.userId) return t('search.me');
    const peer = conversations.filter(isC2cConversation).find((c) => c.peer.userId === userId)?.peer;
    return peer ? displayName(peer) : userId;
  };

  useEffect(() => {
    const trimmed = query.trim();
    const request = ++latest.current;
    if (!trimmed) return;
    const timer = setTimeout(async () => {
      setStatus({ state: 'searching' });
      const result = await messagesSearched({
        query: trimmed.slice(0, 200),
        limit: 100,
        ...(conversationId ? { conversationId } : {}),
        ...(from ? { from } : {}),
        ...(kind ? { kinds: [kind] } : {}),
        ...(dayStart(since) !== undefined ? { since: dayStart(since) } : {}),
        ...(dayEnd(until) !== undefined ? { until: dayEnd(until) } : {}),
      });
      if (request !== latest.current) return;
      setStatus(result.ok ? { state: 'done', output: result.value, query: trimmed } : { state: 'failed' });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, from, kind, since, until, conversationId, messagesSearched]);

  const openHit = async (target: ConversationId, messageId: string) => {
    conversationSelected(target);
    const found = await jumpToMessageRequested(target, messageId);
    if (found) onClose();
    else setMissing(true);
  };

  const total = status.state === 'done' ? status.output.groups.reduce((sum, g) => sum + g.total, 0) : 0;
  const showResults = query.trim() !== '';

  return (
    <div className="search-panel__body">
      <header className="search-panel__header">
        <h2 className="search-panel__title">{t('search.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('search.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <p className="search-panel__description">{t('search.description')}</p>
      <div className="search-panel__query">
        <SearchIcon />
        <label htmlFor={ids.query} className="visually-hidden">
          {t('search.query')}
        </label>
        <input
          id={ids.query}
          type="search"
          value={query}
          placeholder={t('search.placeholder')}
          autoFocus
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setMissing(false);
            if (!event.target.value.trim()) setStatus({ state: 'idle' });
          }}
        />
      </div>
      <div className="search-panel__filters">
        <label htmlFor={ids.from}>{t('search.sender')}</label>
        <select id={ids.from} value={from} onChange={(event) => setFrom(event.target.value)}>
          <option value="">{t('search.anyone')}</option>
          {me && <option value={me.userId}>{t('search.me')}</option>}
          {conversations.filter(isC2cConversation).map((c) => (
            <option key={c.id} value={c.peer.userId}>
              {displayName(c.peer)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.kind}>{t('search.kind')}</label>
        <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as SearchKind | '')}>
          <option value="">{t('search.anyKind')}</option>
          {KINDS.map(({ kind: value, label }) => (
            <option key={value} value={value}>
              {t(label as 'search.kindText')}
            </option>
          ))}
        </select>
        <label htmlFor={ids.conversation}>{t('search.conversation')}</label>
        <select id={ids.conversation} value={conversationId} onChange={(event) => setConversationId(event.target.value)}>
          <option value="">{t('search.allConversations')}</option>
          {conversations.map((c) => (
            <option key={c.id} value={c.id}>
              {conversationTitle(c, t)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.since}>{t('search.since')}</label>
        <input id={ids.since} type="date" value={since} max={until || undefined} onChange={(event) => setSince(event.target.value)} />
        <label htmlFor={ids.until}>{t('search.until')}</label>
        <input id={ids.until} type="date" value={until} min={since || undefined} onChange={(event) => setUntil(event.target.value)} />
      </div>
      {missing && (
        <p className="search-panel__note" role="alert">
          {t('search.notFound')}
        </p>
      )}
      <div className="search-panel__results" aria-live="polite" aria-busy={status.state === 'searching'}>
        {showResults && status.state === 'searching' && <Spinner label={t('search.searching')} />}
        {showResults && status.state === 'failed' && <p role="alert">{t('errors.internal')}</p>}
        {showResults && status.state === 'done' && total === 0 && <p className="search-panel__note">{t('search.none', { query: status.query })}</p>}
        {showResults && status.state === 'done' && total > 0 && (
          <>
            <p className="search-panel__count">{t('search.results', { count: total })}</p>
            {status.output.groups.map((group) => (
              <section key={group.conversationId} className="search-group" aria-label={t('search.groupLabel', { name: nameOf(group.conversationId), count: group.total })}>
                <h3 className="search-group__title">
                  {nameOf(group.conversationId)}
                  <span className="search-group__count">{group.total}</span>
                </h3>
                <ul className="search-group__hits">
                  {group.hits.map((hit) => {
                    const when = formatListTime(toMillis(hit.message.time), Date.now(), i18n.language, t);
                    const plain = snippetParts(hit.snippet)
                      .map((p) => p.text)
                      .join('');
                    return (
                      <li key={hit.message.id}>
                        <button
                          type="button"
                          className="search-hit"
                          aria-label={t('search.hitLabel', { name: senderName(hit.message.from), time: when, text: plain })}
                          onClick={() => void openHit(group.conversationId, hit.message.id)}
                        >
                          <span className="search-hit__line">
                            <span className="search-hit__from">{senderName(hit.message.from)}</span>
                            <time className="search-hit__time">{when}</time>
                          </span>
                          <span className="search-hit__snippet">
                            {snippetParts(hit.snippet).map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
                          </span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
