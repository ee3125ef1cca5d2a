import { type UserProfile } from '../../../../shared/domain';
import { type AccountRecord } from '../../store/types';

/** A profile as clients see it; without a nickname the UserID stands in, so a name always shows. */
export function toProfile(account: Pick<AccountRecord, 'userId' | 'nickname'>): UserProfile {
  return { userId: account.userId, nickname: account.nickname || account.userId };
}

/** The profile of a UserID whose account no longer exists (a deleted peer in old conversations). */
export function fallbackProfile(userId: string): UserProfile {
  return { userId, nickname: userId };
}
