import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockEntry } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { errorText, formatDay } from '../../i18n';
import { useChatStore } from '../../state';
import { personName, useAvatarSrc } from './people';
import { useNow } from '../useNow';

const PAGE = 50;

/** R5: the people I blocked, newest first, a page at a time; Unblock on each. */
export function BlockedPane() {
  const { t } = useTranslation();
  const entries = useChatStore((s) => s.blocklist);
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="pane" aria-labelledby="blocked-title">
      <header className="pane__header">
        <h2 id="blocked-title" className="pane__title">
          {t('blocklist.title')}
        </h2>
        <p className="pane__description">{t('blocklist.description')}</p>
      </header>
      <div className="pane__body">
        {entries.length === 0 ? (
          <EmptyState title={t('blocklist.emptyTitle')} body={t('blocklist.emptyBody')} headingLevel={3} />
        ) : (
          <>
            <ul className="card-list" aria-label={t('blocklist.title')}>
              {entries.slice(0, shown).map((entry) => (
                <BlockedRow key={entry.userId} entry={entry} />
              ))}
            </ul>
            {entries.length > shown && (
              <button type="button" className="button button--ghost pane__more" onClick={() => setShown((n) => n + PAGE)}>
                {t('blocklist.more')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function BlockedRow({ entry }: { entry: BlockEntry }) {
  const { t, i18n } = useTranslation();
  const name = personName(entry.profile);
  const photo = useAvatarSrc(entry.profile.image);
  const unblockRequested = useChatStore((s) => s.unblockRequested);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <li className="card-list__item request" aria-label={name}>
      <button type="button" className="request__who" onClick={() => contactsPaneChosen({ kind: 'person', userId: entry.userId })}>
        <Avatar id={entry.userId} name={name} size="medium" src={photo} />
        <span className="request__text">
          <span className="request__name">
            {name} <span className="request__id">@{entry.userId}</span>
          </span>
          <span className="request__meta">{t('blocklist.since', { date: formatDay(entry.time, now, i18n.language, t) })}</span>
        </span>
      </button>
      <div className="request__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          aria-label={t('blocklist.unblockLabel', { name })}
          onClick={async () => {
            setBusy(true);
            const outcome = await unblockRequested(entry.userId);
            setBusy(false);
            if (!outcome.ok) setError(errorText(t, outcome.error));
          }}
        >
          {t('blocklist.unblock')}
        </button>
      </div>
      {error && (
        <p className="field__error request__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
