import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type RelayService } from './relay.service';

export function relayHandlers(relay: RelayService): AnyHandler[] {
  return [
    // M7: built from the server's own copies of messages the caller can see, in the given order.
    defineHandler('relay:create', async ({ userId }, input) => ({ elem: await relay.create(userId, input.title, input.messages) })),
    defineHandler('relay:get', async ({ userId }, input) => ({ bundle: await relay.get(userId, input.key) })),
  ];
}
