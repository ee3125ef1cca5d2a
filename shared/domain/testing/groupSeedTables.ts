import { type GroupAction, type MemberAction } from '../groupPermissions';
import { type GroupType } from '../groups';

/**
 * The seed's cells, transcribed independently of the module's tables: who may
 * (space-separated actors), or '-' when the type does not have the capability.
 * Community cells are checked with the bits a member gets by role alone.
 */
export const SEED: Record<GroupAction, Record<GroupType, string>> = {
  modifyBasicInfo: { Work: 'Owner Member AppAdmin', Public: 'Owner Admin AppAdmin', Meeting: 'Owner Admin AppAdmin', AVChatRoom: 'Owner Admin AppAdmin', Community: 'Owner Admin AppAdmin' },
  modifyOtherInfo: { Work: 'Owner AppAdmin', Public: 'Owner Admin AppAdmin', Meeting: 'Owner Admin AppAdmin', AVChatRoom: 'Owner Admin AppAdmin', Community: 'Owner Admin AppAdmin' },
  muteAll: { Work: '-', Public: 'Owner Admin AppAdmin', Meeting: 'Owner Admin AppAdmin', AVChatRoom: 'Owner Admin AppAdmin', Community: 'Owner Admin AppAdmin' },
  disband: { Work: 'AppAdmin', Public: 'Owner AppAdmin', Meeting: 'Owner AppAdmin', AVChatRoom: 'Owner AppAdmin', Community: 'Owner AppAdmin' },
  transferOwner: { Work: 'Owner AppAdmin', Public: 'Owner AppAdmin', Meeting: 'Owner AppAdmin', AVChatRoom: '-', Community: 'Owner AppAdmin' },
  quit: { Work: 'Owner Admin Member', Public: 'Admin Member', Meeting: 'Admin Member', AVChatRoom: 'Admin Member', Community: 'Admin Member' },
  invite: { Work: 'Owner Admin Member AppAdmin', Public: 'AppAdmin', Meeting: 'AppAdmin', AVChatRoom: '-', Community: 'Owner Admin Member AppAdmin' },
  handleApplication: { Work: '-', Public: 'Owner Admin AppAdmin', Meeting: 'Owner Admin AppAdmin', AVChatRoom: '-', Community: 'Owner Admin AppAdmin' },
  readMembers: { Work: 'Owner Admin Member AppAdmin', Public: 'Owner Admin Member AppAdmin', Meeting: 'Owner Admin Member AppAdmin', AVChatRoom: '-', Community: 'Owner Admin Member AppAdmin' },
  send: { Work: 'Owner Admin Member AppAdmin', Public: 'Owner Admin Member AppAdmin', Meeting: 'Owner Admin Member AppAdmin', AVChatRoom: 'Owner Admin Member AppAdmin', Community: 'Owner Admin Member AppAdmin' },
  atAll: { Work: 'Owner Admin Member AppAdmin', Public: 'Owner Admin Member AppAdmin', Meeting: 'Owner Admin Member AppAdmin', AVChatRoom: 'Owner Admin Member AppAdmin', Community: 'Owner Admin AppAdmin' },
  recallOthers: { Work: 'Owner AppAdmin', Public: 'Owner Admin AppAdmin', Meeting: 'Owner Admin AppAdmin', AVChatRoom: '-', Community: 'Owner Admin AppAdmin' },
  manageTopics: { Work: '-', Public: '-', Meeting: '-', AVChatRoom: '-', Community: 'Owner Admin AppAdmin' },
  managePermissionGroups: { Work: '-', Public: '-', Meeting: '-', AVChatRoom: '-', Community: 'Owner AppAdmin' },
  managePermissionGroupMembers: { Work: '-', Public: '-', Meeting: '-', AVChatRoom: '-', Community: 'Owner AppAdmin' },
};

/** actor>targets; '-' unsupported ("Differences in Member Management Capabilities"). */
export const SEED_MEMBER: Record<MemberAction, Record<GroupType, string>> = {
  kick: { Work: 'Owner>Member AppAdmin>Member', Public: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member', Meeting: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member', AVChatRoom: '-', Community: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member' },
  muteMember: { Work: '-', Public: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member', Meeting: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member', AVChatRoom: 'Owner>Admin,Member AppAdmin>Admin,Member', Community: 'Owner>Admin,Member Admin>Member AppAdmin>Admin,Member' },
  setAdmin: { Work: '-', Public: 'Owner>Member AppAdmin>Member', Meeting: 'Owner>Member AppAdmin>Member', AVChatRoom: 'Owner>Member AppAdmin>Member', Community: 'Owner>Member AppAdmin>Member' },
  unsetAdmin: { Work: '-', Public: 'Owner>Admin AppAdmin>Admin', Meeting: 'Owner>Admin AppAdmin>Admin', AVChatRoom: 'Owner>Admin AppAdmin>Admin', Community: 'Owner>Admin AppAdmin>Admin' },
  // The seed's table is about what members may do to each other; for the app admin, Tencent's REST doc
  // modify_group_member_info (Pub 269/1623, 修改群成员资料) says the app admin modifies "群成员资料" with no
  // restriction by role, and its AVChatRoom note ("只能修改管理员和群主的成员资料") names the owner's profile
  // as modifiable: the app admin reaches the owner too.
  setNameCardOfOther: { Work: 'Owner>Member AppAdmin>Owner,Member', Public: 'Owner>Admin,Member Admin>Member AppAdmin>Owner,Admin,Member', Meeting: 'Owner>Admin,Member Admin>Member AppAdmin>Owner,Admin,Member', AVChatRoom: '-', Community: 'Owner>Admin,Member Admin>Member AppAdmin>Owner,Admin,Member' },
};
