import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type ProfilesService } from './profiles.service';

export function profileHandlers(profiles: ProfilesService): AnyHandler[] {
  return [
    defineHandler('profile:getSelf', async ({ userId }) => ({ profile: await profiles.self(userId) })),
    defineHandler('profile:setSelf', async ({ userId, socket }, input) => ({ profile: await profiles.setSelf(userId, input, socket.id) })),
    defineHandler('profile:get', async ({ userId }, input) => profiles.get(userId, input.userIds)),
    defineHandler('user:search', async ({ userId }, input) => ({ profiles: await profiles.search(userId, input.keyword) })),
  ];
}
