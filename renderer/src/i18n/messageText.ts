import type { TFunction } from 'i18next';
import { MsgElem, parseCallRecord, type StoredElem, type UserProfile } from '../../../shared/domain';
import { callRecordNeutralKey } from './callRecordText';

/** What one element says, in the person's language; non-text elements get a bracketed, translated kind. */
export function elementText(raw: StoredElem, t: TFunction): string {
  const known = MsgElem.safeParse(raw);
  if (!known.success) return t('message.unsupported');
  const element = known.data;
  switch (element.MsgType) {
    case 'TIMTextElem':
      return element.MsgContent.Text;
    case 'TIMFaceElem':
      return t('message.sticker');
    case 'TIMLocationElem':
      return t('message.location', { place: element.MsgContent.Desc });
    case 'TIMCustomElem': {
      // C5: a call record says what kind of call it was, in the person's language, not its '[Call]' Desc.
      const record = parseCallRecord(element.MsgContent.Data);
      if (record) return t(callRecordNeutralKey(record), { ns: 'callHistory' });
      return element.MsgContent.Desc || t('message.custom');
    }
    case 'TIMImageElem':
      return t('message.image');
    case 'TIMSoundElem':
      return t('message.voice');
    case 'TIMFileElem':
      return t('message.file', { name: element.MsgContent.FileName });
    case 'TIMVideoFileElem':
      return t('message.video');
    case 'TIMRelayElem':
      return t('message.chatHistory', { title: element.MsgContent.Title });
  }
}

/** What a message says, in the person's language (previews, copy, quotes). */
export function messageText(body: readonly StoredElem[], t: TFunction): string {
  return body.map((element) => elementText(element, t)).join(' ');
}

/** What a person is called on my screens: my remark for a friend (R4), else their nickname, else their UserID. */
export function displayName(profile: Pick<UserProfile, 'userId' | 'nickname'> & { remark?: string }): string {
  return profile.remark?.trim() || profile.nickname.trim() || profile.userId;
}
