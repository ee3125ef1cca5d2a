import { type CallInfo } from '../../../shared/domain';

/** Issue 6: what the calls feature keeps (the live state is in memory; every change is written through). */
export interface CallsRepository {
  /** Writes the call and its participants as they are now (insert or replace). */
  save(call: CallInfo): Promise<void>;
  get(callId: string): Promise<CallInfo | null>;
  /** Calls not ended (a restart ends them). */
  notEnded(): Promise<CallInfo[]>;
  /**
   * Calls `userId` is a participant of, newest first, strictly older than `before` (a cursor from an earlier
   * page; null: the newest). `next` is the cursor of the following page, null at the end.
   */
  history(userId: string, before: number | null, limit: number): Promise<{ calls: CallInfo[]; next: number | null }>;
}
