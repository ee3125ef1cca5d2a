import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type ConversationsRepository } from '../../store/types';
import { type PresenceService } from './presence.service';

export function presenceHandlers(presence: PresenceService, conversations: ConversationsRepository): AnyHandler[] {
  return [
    // A4: presence is not public. Only people who share a conversation with the asker (and the asker) are
    // answered; unknown UserIDs and everyone else are left out alike, so the reply reveals nothing about them.
    defineHandler('presence:get', async ({ userId }, input) => {
      const asked = [...new Set(input.userIds)];
      const visible = new Set(await conversations.sharedWith(userId, asked));
      visible.add(userId);
      return { statuses: asked.filter((id) => visible.has(id)).map((id) => ({ userId: id, status: presence.statusOf(id) })) };
    }),
  ];
}
