import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type AccountsService } from './accounts.service';

export function accountHandlers(accounts: AccountsService): AnyHandler[] {
  return [defineHandler('users:get', async (_context, input) => ({ users: await accounts.profiles(input.userIds) }))];
}
