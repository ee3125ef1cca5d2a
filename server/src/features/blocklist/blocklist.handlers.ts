import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type BlocklistService } from './blocklist.service';

export function blocklistHandlers(blocklist: BlocklistService): AnyHandler[] {
  return [
    defineHandler('block:add', async ({ userId }, input) => ({ results: await blocklist.add(userId, input.userIds) })),
    defineHandler('block:remove', async ({ userId }, input) => ({ results: await blocklist.remove(userId, input.userIds) })),
    defineHandler('block:list', async ({ userId }, input) => {
      const page = await blocklist.page(userId, input.startIndex, input.limit);
      return { entries: await blocklist.toEntries(userId, page.records), nextStartIndex: page.nextStartIndex, total: page.total };
    }),
    defineHandler('block:check', async ({ userId }, input) => ({ results: await blocklist.check(userId, input.userIds, input.checkType) })),
  ];
}
