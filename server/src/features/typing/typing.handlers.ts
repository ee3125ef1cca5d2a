import { peerOfConversation } from '../../../../shared/domain';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type TypingService } from './typing.service';

export function typingHandlers(typing: TypingService): AnyHandler[] {
  return [
    defineHandler('typing:set', async ({ userId }, input) => {
      await typing.relay(userId, peerOfConversation(input.conversationId));
      return {};
    }),
  ];
}
