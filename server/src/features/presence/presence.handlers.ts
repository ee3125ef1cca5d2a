import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type AccountsService } from '../accounts/accounts.service';
import { type PresenceService } from './presence.service';

export function presenceHandlers(presence: PresenceService, accounts: AccountsService): AnyHandler[] {
  return [
    // Unknown UserIDs are left out, as in users:get.
    defineHandler('presence:get', async (_context, input) => {
      const existing = await accounts.existing(input.userIds);
      const userIds = [...new Set(input.userIds)].filter((id) => existing.has(id));
      return { statuses: userIds.map((userId) => ({ userId, status: presence.statusOf(userId) })) };
    }),
  ];
}
