import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupApplication } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { errorText, formatListTime, toMillis } from '../../i18n';
import { useChatStore } from '../../state';
import { useNow } from '../useNow';
import { usePersonName } from './groupNames';
import './group-manage.css';

/** G4: requests to join the groups I may handle (≤ 50 per group), oldest first, approved or rejected here. */
export function GroupRequestsPane() {
  const { t } = useTranslation();
  const applications = useChatStore((s) => s.groupApplications);
  const memberNicksRequested = useChatStore((s) => s.memberNicksRequested);
  useEffect(() => memberNicksRequested(applications.map((a) => a.applicant)), [applications, memberNicksRequested]);
  return (
    <section className="pane" aria-labelledby="group-requests-title">
      <header className="pane__header">
        <h2 id="group-requests-title" className="pane__title">
          {t('groupRequests.title')}
        </h2>
        <p className="pane__description">{t('groupRequests.description')}</p>
      </header>
      <div className="pane__body">
        {applications.length === 0 ? (
          <EmptyState title={t('groupRequests.emptyTitle')} body={t('groupRequests.emptyBody')} headingLevel={3} />
        ) : (
          <ul className="card-list" aria-label={t('groupRequests.title')}>
            {applications.map((application) => (
              <ApplicationRow key={`${application.groupId}\n${application.applicant}`} application={application} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ApplicationRow({ application }: { application: GroupApplication }) {
  const { t, i18n } = useTranslation();
  const nameOf = usePersonName();
  const group = useChatStore((s) => s.groups.find((g) => g.group.groupId === application.groupId)?.group);
  const applicationHandleRequested = useChatStore((s) => s.applicationHandleRequested);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const now = useNow(60_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = nameOf(application.applicant);
  const groupName = group?.name ?? application.groupId;

  const decide = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    const outcome = await applicationHandleRequested(application.groupId, application.applicant, accept);
    setBusy(false);
    if (!outcome.ok) setError(errorText(t, outcome.error));
  };

  return (
    <li className="card-list__item request" aria-label={t('groupRequests.approveLabel', { name, group: groupName })}>
      <button type="button" className="request__who" onClick={() => contactsPaneChosen({ kind: 'person', userId: application.applicant })}>
        <Avatar id={application.applicant} name={name} size="medium" />
        <span className="request__text">
          <span className="request__name">
            {name} <span className="request__id">@{application.applicant}</span>
          </span>
          <span className="request__wording">{application.wording || t('groupRequests.noWording')}</span>
          <span className="request__meta">
            {t('groupRequests.to', { group: groupName })} · {formatListTime(toMillis(application.time), now, i18n.language, t)}
          </span>
        </span>
      </button>
      <div className="request__actions">
        <button type="button" className="button button--secondary" disabled={busy} aria-label={t('groupRequests.rejectLabel', { name, group: groupName })} onClick={() => void decide(false)}>
          {t('groupRequests.reject')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} aria-label={t('groupRequests.approveLabel', { name, group: groupName })} onClick={() => void decide(true)}>
          {t('groupRequests.approve')}
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
