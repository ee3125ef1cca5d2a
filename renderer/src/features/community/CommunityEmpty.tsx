import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PlusIcon, TopicIcon } from '../group-manage/groupIcons';

/** A community with no topics yet: managers are offered the first one, members are told to wait. */
export function CommunityEmpty({ canCreate, onCreate }: { canCreate: boolean; onCreate: () => void }) {
  const { t } = useTranslation('community');
  return (
    <div className="community-screen__empty">
      <EmptyState
        illustration={
          <span className="community-empty__art">
            <TopicIcon />
          </span>
        }
        title={t('emptyTitle')}
        body={canCreate ? t('emptyBodyManager') : t('emptyBodyMember')}
        action={
          canCreate ? (
            <button type="button" className="button button--primary" onClick={onCreate}>
              <PlusIcon />
              {t('newTopic')}
            </button>
          ) : undefined
        }
      />
    </div>
  );
}
