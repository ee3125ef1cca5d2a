import { type KickReason } from '../../../shared/protocol';

/** A5: the English text of each kick code (the `reason` of `session:kicked`; clients translate by `code`). */
export const KICK_MESSAGES: Record<KickReason, string> = {
  another_device: 'Signed out because this account signed in on another device.',
  signed_out_elsewhere: 'This device was signed out from another of your devices.',
  admin_kick: 'Signed out by an administrator.',
  usersig_revoked: 'This sign-in was revoked; sign in again.',
  account_deleted: 'This account was deleted.',
};
