import { forwardRef, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type Components, type ListProps } from 'react-virtuoso';
import { Avatar } from '../../components/Avatar';
import { CloseIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { errorText, formatClock, isSameDay, toMillis } from '../../i18n';
import { useChatStore, type RelayView } from '../../state';
import { BackIcon, ShieldAlertIcon, ShieldCheckIcon } from '../message-content/contentIcons';
import { ElementList } from '../message-content/MessageContent';
import { useModalDialog } from '../media-viewer/useModalDialog';
import './relay-viewer.css';

const GROUP_GAP_MS = 5 * 60 * 1000;

/**
 * The combined-forward viewer: the forwarded messages with sender, time and
 * content (the same element components as the timeline). Relay cards inside
 * open on top of it; Back returns to the outer one.
 */
export function RelayViewer() {
  const { t } = useTranslation();
  const stack = useChatStore((s) => s.relayStack);
  const relayClosed = useChatStore((s) => s.relayClosed);
  const relayBackRequested = useChatStore((s) => s.relayBackRequested);
  const top = stack.at(-1);
  const ref = useModalDialog(top !== undefined);
  return (
    <dialog
      ref={ref}
      className="relay-viewer"
      aria-label={top ? `${t('relay.dialog')}: ${top.title}` : t('relay.dialog')}
      onClose={relayClosed}
      onCancel={(event) => {
        event.preventDefault();
        // Escape steps back out of a nested chat history first.
        if (stack.length > 1) relayBackRequested();
        else relayClosed();
      }}
      onClick={(event) => {
        if (event.target === ref.current) relayClosed();
      }}
    >
      {top && (
        <div className="relay-viewer__panel">
          <header className="relay-viewer__header">
            {stack.length > 1 && (
              <button type="button" className="icon-button" aria-label={t('relay.back')} title={t('relay.back')} onClick={relayBackRequested}>
                <BackIcon />
              </button>
            )}
            <div className="relay-viewer__heading">
              <h2 className="relay-viewer__title">{top.title}</h2>
              {top.status === 'ready' && (
                <span className="relay-viewer__sub">
                  {t('relay.messages', { count: top.messages.length })}
                  <TrustBadge verified={top.verified} />
                </span>
              )}
            </div>
            <button type="button" className="icon-button" aria-label={t('relay.close')} title={t('relay.close')} onClick={relayClosed} autoFocus>
              <CloseIcon />
            </button>
          </header>
          <RelayBody key={stack.length} view={top} />
        </div>
      )}
    </dialog>
  );
}

function TrustBadge({ verified }: { verified: boolean | null }) {
  const { t } = useTranslation();
  if (verified === null) {
    return (
      <span className="trust-badge trust-badge--inline" title={t('relay.inlineHint')}>
        {t('relay.inline')}
      </span>
    );
  }
  return verified ? (
    <span className="trust-badge trust-badge--verified" title={t('relay.verifiedHint')}>
      <ShieldCheckIcon />
      {t('relay.verified')}
    </span>
  ) : (
    <span className="trust-badge trust-badge--unverified" role="alert" title={t('relay.unverifiedHint')}>
      <ShieldAlertIcon />
      {t('relay.unverified')}
    </span>
  );
}

function RelayBody({ view }: { view: RelayView }) {
  const { t } = useTranslation();
  if (view.status === 'loading') {
    return (
      <div className="relay-viewer__center">
        <Spinner label={t('relay.loading')} />
      </div>
    );
  }
  if (view.status === 'error') {
    return (
      <div className="relay-viewer__center">
        <p role="alert">{view.error ? errorText(t, view.error) : t('errors.internal')}</p>
      </div>
    );
  }
  // Virtualized: a bundle holds up to 300 messages (nested ones more), and drawing
  // them all before the first frame took most of a second; only the visible rows are in the DOM.
  return (
    <Virtuoso<RelayViewMessage>
      className="relay-viewer__list"
      // A focusable, named region: keyboard people can scroll it (the Close button has focus first).
      role="region"
      tabIndex={0}
      aria-label={t('relay.messages', { count: view.messages.length })}
      data={view.messages}
      increaseViewportBy={400}
      components={LIST_PARTS}
      itemContent={(index, message) => <RelayRow message={message} previous={view.messages[index - 1]} />}
    />
  );
}

type RelayViewMessage = RelayView['messages'][number];

const LIST_PARTS: Components<RelayViewMessage> = {
  // Virtuoso types its list as a div; an <ol> keeps the "list, N items" semantics of the plain list before.
  List: forwardRef<HTMLDivElement, ListProps>(function RelayList(props, ref) {
    return <ol {...props} ref={ref as Ref<HTMLOListElement>} className="relay-viewer__items" />;
  }),
  Item: ({ item: _item, context: _context, ...props }) => <li {...props} className="relay-viewer__item" />,
  Header: () => <div className="relay-viewer__edge relay-viewer__edge--top" />,
  Footer: () => <div className="relay-viewer__edge relay-viewer__edge--bottom" />,
};

function RelayRow({ message, previous }: { message: RelayViewMessage; previous: RelayViewMessage | undefined }) {
  const { i18n } = useTranslation();
  const at = toMillis(message.time);
  const sameDay = previous ? isSameDay(toMillis(previous.time), at) : false;
  const when = sameDay ? formatClock(at, i18n.language) : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const name = message.nickname || message.from;
  // Like the timeline: a run from one sender within a few minutes shows its name and avatar once.
  const continued = sameDay && previous?.from === message.from && at - toMillis(previous.time) < GROUP_GAP_MS;
  const separated = previous !== undefined && !continued;
  return (
    <div className={`relay-message ${continued ? 'relay-message--continued' : ''} ${separated ? 'relay-message--separated' : ''}`}>
      {continued ? <span className="relay-message__gutter" aria-hidden="true" /> : <Avatar id={message.from} name={name} size="small" />}
      <div className="relay-message__main">
        <div className={continued ? 'visually-hidden' : 'relay-message__meta'}>
          <span className="relay-message__name">{name}</span>
          <time className="relay-message__time" dateTime={new Date(at).toISOString()}>
            {when}
          </time>
        </div>
        <div className="relay-message__body">
          <ElementList body={message.body} />
        </div>
      </div>
    </div>
  );
}
