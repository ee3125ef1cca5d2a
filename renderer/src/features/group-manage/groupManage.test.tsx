import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GroupInfo, GroupRole, GroupType } from '../../../../shared/domain';
import { GROUP_PERMISSION } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider, type ChatStore } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { abilitiesOf, joinAdvice } from './groupAbilities';
import { GroupProfile } from './GroupProfile';
import { GroupTypeChooser } from './GroupTypeChooser';

const i18n = createI18n('en');
let store: ChatStore;

function entry(type: GroupType, role: GroupRole, myBits = 0, extra: Partial<GroupInfo> = {}): JoinedGroup {
  return {
    group: {
      groupId: '@TGS#g1',
      type,
      name: 'Hikers',
      introduction: '',
      notification: '',
      faceUrl: '',
      owner: role === 'Owner' ? 'me' : 'olivia',
      createTime: 1_700_000_000,
      infoSeq: 1,
      lastInfoTime: 0,
      lastMsgTime: 0,
      nextMsgSeq: 1,
      memberNum: 3,
      maxMemberNum: null,
      applyJoinOption: type === 'Public' ? 'NeedPermission' : 'FreeAccess',
      muteAll: false,
      active: true,
      defaultPermissions: 0,
      custom: {},
      ...extra,
    },
    self: { role, joinTime: 1_700_000_000, nameCard: '', mutedUntil: 0, msgFlag: 'AcceptAndNotify', permissionGroupIds: [] },
    myBits,
  };
}

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
    </StoreProvider>,
  );
const profile = (joined: JoinedGroup) => {
  store.setState({ groups: [joined] });
  return render(<GroupProfile groupId={joined.group.groupId} />);
};

beforeEach(() => {
  store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
});

describe('GroupTypeChooser (G1)', () => {
  it('offers the five types as radios, each explained in one line, with the chosen one checked', () => {
    const html = render(<GroupTypeChooser value="Meeting" onChange={() => {}} />);
    expect(html.match(/type="radio"/g)).toHaveLength(5);
    for (const hint of [
      'Members invite friends; no approval needed.',
      'People find it and apply; an admin approves.',
      'Anyone joins freely and sees earlier messages.',
      'Anyone joins; no history is kept and the member list is hidden.',
      'Large, with topics and permission groups.',
    ]) {
      expect(html).toContain(hint);
    }
    expect(html).toMatch(/checked="" value="Meeting"/);
    expect(html).not.toMatch(/checked="" value="Work"/);
  });
});

describe('GroupProfile shows only what the permission module allows (G3, G4)', () => {
  it('a Public member may leave but not edit, mute everyone, invite or disband', () => {
    const html = profile(entry('Public', 'Member'));
    expect(html).toContain('Leave group');
    for (const hidden of ['Edit group info', 'Mute everyone', 'Invite friends', 'Disband group', 'Change group photo']) expect(html).not.toContain(hidden);
  });

  it('a Public owner edits, mutes everyone and disbands, but cannot leave', () => {
    const html = profile(entry('Public', 'Owner'));
    for (const shown of ['Edit group info', 'Mute everyone', 'Disband group', 'Change group photo']) expect(html).toContain(shown);
    expect(html).not.toContain('Leave group');
    // Public: only the app admin invites.
    expect(html).not.toContain('Invite friends');
  });

  it('Work: any member edits the basic info and invites; nobody mutes everyone; only the app admin disbands', () => {
    const html = profile(entry('Work', 'Member'));
    for (const shown of ['Edit group info', 'Invite friends', 'Leave group']) expect(html).toContain(shown);
    for (const hidden of ['Mute everyone', 'Disband group', 'Who can join']) expect(html).not.toContain(hidden);
  });

  it('AVChatRoom hides its member list and offers no invitations', () => {
    const html = profile(entry('AVChatRoom', 'Owner'));
    expect(html).toContain('The member list of an audio-video chat room isn’t shown.');
    expect(html).not.toContain('Invite friends');
  });

  it('a community member without bits sees topics and permission groups but no controls; ManageTopic adds New topic', () => {
    const plain = profile(entry('Community', 'Member'));
    expect(plain).toContain('Topics');
    for (const hidden of ['New topic', 'New permission group', 'Edit group info', 'Mute everyone']) expect(plain).not.toContain(hidden);
    const topicManager = profile(entry('Community', 'Member', GROUP_PERMISSION.ManageTopic | GROUP_PERMISSION.BanMemberGroupMessage));
    expect(topicManager).toContain('New topic');
    expect(topicManager).toContain('Mute everyone');
    expect(topicManager).not.toContain('New permission group');
  });
});

describe('joinAdvice (G1)', () => {
  const group = (type: GroupType, applyJoinOption: GroupInfo['applyJoinOption'], memberNum = 1, maxMemberNum: number | null = null) => ({ type, applyJoinOption, memberNum, maxMemberNum });
  it('follows the type and ApplyJoinOption, and says why not', () => {
    expect(joinAdvice(group('Public', 'NeedPermission'), false)).toEqual({ kind: 'apply' });
    expect(joinAdvice(group('Meeting', 'FreeAccess'), false)).toEqual({ kind: 'join' });
    expect(joinAdvice(group('AVChatRoom', 'DisableApply'), false)).toEqual({ kind: 'join' });
    expect(joinAdvice(group('Work', 'FreeAccess'), false)).toEqual({ kind: 'impossible', reason: 'inviteOnly' });
    expect(joinAdvice(group('Public', 'DisableApply'), false)).toEqual({ kind: 'impossible', reason: 'closed' });
    expect(joinAdvice(group('Community', 'FreeAccess', 5, 5), false)).toEqual({ kind: 'impossible', reason: 'full' });
    expect(joinAdvice(group('Public', 'NeedPermission'), true)).toEqual({ kind: 'member' });
  });

  it('member actions follow the target role: an admin may mute a member but not another admin', () => {
    const admin = abilitiesOf('Public', 'Admin');
    expect(admin.canOn('muteMember', 'Member')).toBe(true);
    expect(admin.canOn('muteMember', 'Admin')).toBe(false);
    expect(admin.canOn('setAdmin', 'Member')).toBe(false);
    expect(abilitiesOf('Public', 'Owner').canOn('setAdmin', 'Member')).toBe(true);
  });
});
