import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useChatStore } from '../../state';
import { PersonProfile } from './PersonProfile';

/** A profile card over the chat (from the chat header's menu): the same card and actions as in Contacts. */
export function ProfileDialog() {
  const { t } = useTranslation();
  const userId = useChatStore((s) => s.profileDialogUserId);
  const profileDialogOpened = useChatStore((s) => s.profileDialogOpened);
  const close = () => profileDialogOpened(null);
  return (
    <Dialog open={userId !== null} title={t('profile.title')} closeLabel={t('profile.close')} onClose={close}>
      {userId && <PersonProfile key={userId} userId={userId} onMessageOpened={close} />}
    </Dialog>
  );
}
