import { type Database } from '../database';

/** One numbered schema step. Never edit a released migration; add the next number instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
