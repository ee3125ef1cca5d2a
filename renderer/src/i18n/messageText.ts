import type { TFunction } from 'i18next';
import type { MsgElem, UserProfile } from '../../../shared/domain';

/** What a message says, in the person's language; non-text elements get a bracketed label. */
export function messageText(body: readonly MsgElem[], t: TFunction): string {
  const parts = body.map((element) => {
    switch (element.MsgType) {
      case 'TIMTextElem':
        return element.MsgContent.Text;
      case 'TIMFaceElem':
        return t('message.sticker');
      case 'TIMLocationElem':
        return t('message.location', { place: element.MsgContent.Desc });
      case 'TIMCustomElem':
        return element.MsgContent.Desc || t('message.custom');
      default:
        return t('message.unsupported');
    }
  });
  return parts.join(' ');
}

/** The name to show for a person: their nickname, or their UserID when they set none. */
export function displayName(profile: Pick<UserProfile, 'userId' | 'nickname'>): string {
  return profile.nickname.trim() || profile.userId;
}
