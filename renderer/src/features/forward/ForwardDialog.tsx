import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isC2cConversation, type ConversationId } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { displayName } from '../../i18n';
import { selectSignedInUser, useChatStore, type ForwardMode } from '../../state';
import { conversationTitle } from '../chat/conversationTitle';
import { matchesConversation } from '../quick-switcher/matchConversation';
import './forward.css';

/** M7: forward the chosen messages to one or several conversations, one by one or as one combined message. */
export function ForwardDialog() {
  const forwarding = useChatStore((s) => s.forwarding);
  // A fresh form for every request (targets, mode, title start over).
  return forwarding ? <ForwardForm key={forwarding.ids.join(',')} /> : null;
}

function ForwardForm() {
  const { t } = useTranslation();
  const forwarding = useChatStore((s) => s.forwarding);
  const conversations = useChatStore((s) => s.conversations);
  const me = useChatStore(selectSignedInUser);
  const forwardCancelled = useChatStore((s) => s.forwardCancelled);
  const forwardSubmitted = useChatStore((s) => s.forwardSubmitted);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<ConversationId[]>([]);
  const [mode, setMode] = useState<ForwardMode>(forwarding?.mode ?? 'oneByOne');
  const source = conversations.find((c) => c.id === forwarding?.conversationId);
  // The title travels with the bundle: the peer's own nickname, never my private remark for them.
  const defaultTitle = t('forward.defaultTitle', { a: me ? displayName(me) : '', b: !source ? '' : source.kind === 'c2c' ? displayName({ userId: source.peer.userId, nickname: source.peer.nickname }) : conversationTitle(source, t) });
  const [title, setTitle] = useState(defaultTitle);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const filterId = useId();
  const titleId = useId();
  // One-to-one targets only until forwarding into groups is offered (ADR 0004 leaves it to a later package).
  const visible = useMemo(() => conversations.filter(isC2cConversation).filter((c) => matchesConversation(c, filter)), [conversations, filter]);
  const count = forwarding?.ids.length ?? 0;

  const toggle = (id: ConversationId) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  return (
    <Dialog open title={t('forward.title')} description={t('forward.description', { count })} closeLabel={t('app.close')} onClose={forwardCancelled}>
      <form
        className="dialog-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setTried(true);
          if (chosen.length === 0) return;
          setBusy(true);
          await forwardSubmitted({ to: chosen, mode, ...(mode === 'combined' ? { title: title.trim() || defaultTitle } : {}) });
          setBusy(false);
        }}
      >
        <div className="dialog-field">
          <label htmlFor={filterId}>{t('forward.filter')}</label>
          <input id={filterId} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} autoComplete="off" />
        </div>
        <fieldset className="forward-targets">
          <legend className="visually-hidden">{t('forward.targets')}</legend>
          {visible.length === 0 && <p className="forward-targets__none">{t('forward.noMatches')}</p>}
          {visible.map((c) => (
            <label key={c.id} className="forward-target">
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={() => toggle(c.id)} />
              <Avatar id={c.peer.userId} name={displayName(c.peer)} size="small" />
              <span className="forward-target__name">{displayName(c.peer)}</span>
            </label>
          ))}
        </fieldset>
        {tried && chosen.length === 0 && (
          <p className="forward-error" role="alert">
            {t('forward.pickOne')}
          </p>
        )}
        <fieldset>
          <legend>{t('forward.mode')}</legend>
          <label className="choice">
            <input type="radio" name="forward-mode" checked={mode === 'oneByOne'} onChange={() => setMode('oneByOne')} />
            {t('forward.oneByOne')}
          </label>
          <label className="choice">
            <input type="radio" name="forward-mode" checked={mode === 'combined'} onChange={() => setMode('combined')} />
            {t('forward.combined')}
          </label>
        </fieldset>
        {mode === 'combined' && (
          <div className="dialog-field">
            <label htmlFor={titleId}>{t('forward.bundleTitle')}</label>
            <input id={titleId} type="text" maxLength={100} value={title} onChange={(event) => setTitle(event.target.value)} />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button--secondary" onClick={forwardCancelled}>
            {t('forward.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('forward.sendTo', { count: chosen.length })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
