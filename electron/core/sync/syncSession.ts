import type { ServerMessage } from '../../../shared/domain';
import type { AccountContext } from '../accountContext';
import type { Coverage, StoredBatch } from './storeServerMessages';

/** What the parts of the sync engine (catch-up, live messages, read positions, range fetches) share. */
export interface SyncSession {
  readonly ctx: AccountContext;
  /** The current connection's number: bumped on every connect and disconnect. */
  generation(): number;
  /** True while `generation` is still the live connection and the account is open: work for an older one stops. */
  isCurrent(generation: number): boolean;
  /** Stores messages the server vouched for (marks move as `coverage` allows) and publishes the change. */
  store(messages: readonly ServerMessage[], coverage?: Coverage): StoredBatch;
}
