import type { Profile } from '../../../../shared/domain';
import type { Contact, ProfileCard } from '../../../../shared/ipc';
import { BLOB_HASH } from '../../../../shared/domain';
import { useChatStore } from '../../state';

/** What a person is called on my screens: my remark, else their nickname, else their UserID. */
export function personName(profile: Pick<Profile, 'userId' | 'nick'>, remark = ''): string {
  return remark.trim() || profile.nick.trim() || profile.userId;
}

export const contactName = (contact: Contact): string => personName(contact.profile, contact.remark);
export const cardName = (card: ProfileCard): string => personName(card.profile, card.friend?.remark ?? '');

/**
 * An avatar URL from the server becomes a URL of the core's media route (which
 * fetches with my credentials, verifies the hash and caches); anything else is
 * not loaded, so a profile cannot make my client fetch from a third party.
 */
export function avatarSrc(mediaBaseUrl: string | null, image: string | undefined): string | null {
  if (!mediaBaseUrl || !image) return null;
  const last = image.split(/[/?#]/).filter(Boolean).find((part) => BLOB_HASH.test(part));
  return last ? `${mediaBaseUrl}${encodeURIComponent(last)}` : null;
}

export function useAvatarSrc(image: string | undefined): string | null {
  const mediaBaseUrl = useChatStore((s) => s.appInfo?.mediaBaseUrl ?? null);
  return avatarSrc(mediaBaseUrl, image);
}
