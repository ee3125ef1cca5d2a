import type { Connection } from './connection/connection';
import type { CoreLogger } from './logger';
import type { Notifier } from './services/notifier';
import type { PresenceBook } from './services/presence';
import type { WritableDB } from './store/database';
import type { LiveRooms } from './sync/liveRooms';
import type { KeyedQueue } from './util/keyedQueue';
import type { TaskTracker } from './util/taskTracker';

/** What every service and the sync engine of one signed-in account share. */
export interface AccountContext {
  /** The signed-in UserID. */
  me: string;
  db: WritableDB;
  connection: Connection;
  presence: PresenceBook;
  notify: Notifier;
  /** Background work, awaited before the store closes. */
  tasks: TaskTracker;
  /** Serialises work that moves a conversation's sequence mark. */
  conversationQueue: KeyedQueue;
  /** Group messages never stored (seq 0), kept in memory per conversation (sync/liveRooms.ts). */
  liveRooms: LiveRooms;
  now(): number;
  logger: CoreLogger;
}
