/**
 * Where the sync engine of a signed-in account stands (after matrix-js-sdk's SyncState).
 * Hosts see the coarser ConnectionState; this one is for logs and tests.
 */
export enum SyncState {
  /** Not running: before start, after sign-out or core stop. */
  Stopped = 'stopped',
  /** No connection; the connection layer is waiting to retry. Local data is served meanwhile. */
  Offline = 'offline',
  /** A handshake is in progress. */
  Connecting = 'connecting',
  /**
   * Connected and fetching what was missed: the conversation list with unread counts and read
   * positions, messages after each conversation's local mark, presence; the outbox flushes.
   */
  CatchingUp = 'catchingUp',
  /** Caught up; live pushes are applied as they arrive (with gap fill if one skips ahead). */
  Live = 'live',
  /** Catch-up failed on this connection (a request failed or timed out); it is retried shortly. */
  Error = 'error',
}
