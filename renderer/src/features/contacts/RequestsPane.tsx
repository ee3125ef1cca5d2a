import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FriendRequest } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { errorText, formatListTime } from '../../i18n';
import { useChatStore } from '../../state';
import { AcceptRequestDialog } from './FriendDialogs';
import { personName, useAvatarSrc } from './people';
import { sourceText } from './PersonProfile';
import { useNow } from '../useNow';

/** R2: the "New friends" inbox: requests to me (accept with remark and list, or reject) and mine still waiting. */
export function RequestsPane() {
  const { t } = useTranslation();
  const requests = useChatStore((s) => s.friendRequests);
  const incoming = requests.filter((r) => r.direction === 'incoming');
  const outgoing = requests.filter((r) => r.direction === 'outgoing');
  return (
    <section className="pane" aria-labelledby="requests-title">
      <header className="pane__header">
        <h2 id="requests-title" className="pane__title">
          {t('requests.title')}
        </h2>
      </header>
      <div className="pane__body">
        {requests.length === 0 ? (
          <EmptyState title={t('requests.emptyTitle')} body={t('requests.emptyBody')} headingLevel={3} />
        ) : (
          <>
            {incoming.length > 0 && (
              <>
                <h3 className="pane__section">{t('requests.incoming')}</h3>
                <ul className="card-list" aria-label={t('requests.incoming')}>
                  {incoming.map((request) => (
                    <RequestRow key={request.userId} request={request} />
                  ))}
                </ul>
              </>
            )}
            {outgoing.length > 0 && (
              <>
                <h3 className="pane__section">{t('requests.outgoing')}</h3>
                <ul className="card-list" aria-label={t('requests.outgoing')}>
                  {outgoing.map((request) => (
                    <RequestRow key={request.userId} request={request} />
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function RequestRow({ request }: { request: FriendRequest }) {
  const { t, i18n } = useTranslation();
  const name = personName(request.profile);
  const photo = useAvatarSrc(request.profile.image);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const friendRequestRejected = useChatStore((s) => s.friendRequestRejected);
  const now = useNow(60_000);
  const [accepting, setAccepting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = sourceText(request.addSource, t);

  return (
    <li className="card-list__item request" aria-label={name}>
      <button type="button" className="request__who" onClick={() => contactsPaneChosen({ kind: 'person', userId: request.userId })}>
        <Avatar id={request.userId} name={name} size="medium" src={photo} />
        <span className="request__text">
          <span className="request__name">
            {name} <span className="request__id">@{request.userId}</span>
          </span>
          <span className="request__wording">{request.addWording || t('requests.noWording')}</span>
          <span className="request__meta">
            {formatListTime(request.time, now, i18n.language, t)}
            {source && ` · ${t('requests.via', { source })}`}
          </span>
        </span>
      </button>
      <div className="request__actions">
        {request.direction === 'incoming' ? (
          <>
            <button type="button" className="button button--secondary" disabled={busy} aria-label={t('requests.rejectLabel', { name })} onClick={async () => {
              setBusy(true);
              const outcome = await friendRequestRejected(request.userId);
              setBusy(false);
              if (!outcome.ok) setError(errorText(t, outcome.error));
            }}>
              {t('requests.reject')}
            </button>
            <button type="button" className="button button--primary" disabled={busy} aria-label={t('requests.acceptLabel', { name })} onClick={() => setAccepting(true)}>
              {t('requests.accept')}
            </button>
          </>
        ) : (
          <span className="request__waiting">{t('requests.waiting')}</span>
        )}
      </div>
      {error && (
        <p className="field__error request__error" role="alert">
          {error}
        </p>
      )}
      <AcceptRequestDialog open={accepting} userId={request.userId} name={name} onClose={() => setAccepting(false)} />
    </li>
  );
}
