import { AppError } from '../../../shared/errors';
import type { TaskTracker } from '../util/taskTracker';

/**
 * Runs a renderer request that awaits the network and then uses the store. The work is
 * tracked, so the account's store stays open until it settles; once the account has
 * closed (sign-out, shutdown) the caller gets `unauthenticated` — whatever the network
 * did meanwhile — rather than an error from a closed database. Inside, call
 * `stillSignedIn()` after every await, before touching the store.
 */
export async function accountRequest<T>(tasks: TaskTracker, work: (stillSignedIn: () => void) => Promise<T>): Promise<T> {
  const stillSignedIn = () => {
    if (tasks.closed) throw new AppError('unauthenticated');
  };
  stillSignedIn();
  try {
    return await tasks.track(work(stillSignedIn));
  } catch (error) {
    stillSignedIn();
    throw error;
  }
}
