import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type PresenceService } from './presence.service';

export function presenceHandlers(presence: PresenceService): AnyHandler[] {
  return [
    // A4: presence is not public. Only the asker's audience (friends, conversation partners) and the asker are
    // answered; unknown UserIDs and everyone else are left out alike, so the reply reveals nothing about them.
    defineHandler('presence:get', async ({ userId }, input) => ({ statuses: await presence.get(userId, input.userIds) })),
    // A4: '' clears; pushed as presence:changed to the audience and the user's other devices.
    defineHandler('presence:setCustomStatus', async ({ userId }, input) => ({
      customStatus: await presence.setCustomStatus(userId, input.customStatus),
    })),
  ];
}
