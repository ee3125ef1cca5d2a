/** A4: what presence keeps beyond live connections (which are in memory only). */
export interface PresenceRepository {
  /** The custom status text of each of `userIds` that has one (absent: none). */
  customStatuses(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Sets the user's custom status text; '' clears it. False when the account does not exist. */
  setCustomStatus(userId: string, text: string, now: number): Promise<boolean>;
}
