import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GroupConversation, GroupRole, GroupType } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider, type ChatStore } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { GroupInfoPanel } from './GroupInfoPanel';

let store: ChatStore;
beforeEach(() => {
  store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
});

function joined(type: GroupType, role: GroupRole): JoinedGroup {
  return {
    group: {
      groupId: '@TGS#g1', type, name: 'Hikers', introduction: 'We walk on Sundays.', notification: 'Meet at 8', faceUrl: '', owner: 'olivia', createTime: 1,
      infoSeq: 1, lastInfoTime: 0, lastMsgTime: 0, nextMsgSeq: 1, memberNum: 4, maxMemberNum: null, applyJoinOption: 'FreeAccess', muteAll: false,
      active: true, defaultPermissions: 0, custom: {},
    },
    self: { role, joinTime: 1, nameCard: 'Trail boss', mutedUntil: 0, msgFlag: 'AcceptNotNotifyExceptAt', permissionGroupIds: [] },
    myBits: 0,
  };
}

function conversation(type: GroupType, extra: Partial<GroupConversation> = {}): GroupConversation {
  return {
    kind: 'group', id: 'group_@TGS#g1', groupId: '@TGS#g1', topicId: null, groupType: type, group: { name: 'Hikers', faceUrl: '', memberNum: 4 },
    topic: null, unreadMention: null, left: false, lastMessage: null, unreadCount: 0, lastActivityAt: 0, pinned: true, recvOpt: 'AcceptAndNotify',
    draft: null, draftAt: null, ...extra,
  };
}

function panel(type: GroupType, role: GroupRole | null, extra: Partial<GroupConversation> = {}, language: 'en' | 'zh-CN' = 'en') {
  store.setState({ groups: role ? [joined(type, role)] : [] });
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={createI18n(language)}>
        <GroupInfoPanel conversation={conversation(type, extra)} open onClose={() => {}} />
      </I18nextProvider>
    </StoreProvider>,
  );
}

describe('GroupInfoPanel (ADR 0004 §7)', () => {
  it('shows the group: name, ID with a copy button, type explained, introduction, announcement, my settings', () => {
    const html = panel('Public', 'Member');
    for (const text of ['Group info', 'Hikers', '@TGS#g1', 'Copy group ID', 'Public group', 'People find it and apply; an admin approves.', 'We walk on Sundays.', 'Meet at 8', 'Trail boss']) {
      expect(html).toContain(text);
    }
    // The four receive options, mine chosen; pinned shows as an on switch.
    expect(html.match(/<option /g)).toHaveLength(4);
    expect(html).toMatch(/<option value="AcceptNotNotifyExceptAt" selected="">/);
    expect(html).toMatch(/role="switch" checked=""/);
    expect(html).toContain('Clear chat history');
  });

  it('offers leave or disband only when the permission module allows it', () => {
    const member = panel('Public', 'Member');
    expect(member).toContain('Leave group');
    expect(member).not.toContain('Disband group');
    const owner = panel('Public', 'Owner');
    expect(owner).toContain('Disband group');
    expect(owner).not.toContain('Leave group');
    // A Work group is disbanded by the app admin only; its owner may leave.
    const workOwner = panel('Work', 'Owner');
    expect(workOwner).not.toContain('Disband group');
    expect(workOwner).toContain('Leave group');
  });

  it('an audio-video chat room hides its members; a left group keeps only what is on this device', () => {
    expect(panel('AVChatRoom', 'Member')).toContain('Members of an audio-video chat room are not listed.');
    const left = panel('Public', null, { left: true });
    expect(left).toContain('Hikers');
    expect(left).toContain('Clear chat history');
    expect(left).not.toContain('Leave group');
    expect(left).not.toContain('<select');
  });

  it('speaks Simplified Chinese', () => {
    const html = panel('Public', 'Member', {}, 'zh-CN');
    expect(html).toContain('群资料');
    expect(html).toContain('清空聊天记录');
  });
});

describe('GroupHeader', () => {
  it('shows name, type and member count, and the buttons by name', async () => {
    const { GroupHeader } = await import('./GroupHeader');
    store.setState({ groups: [joined('Meeting', 'Member')] });
    const html = renderToStaticMarkup(
      <StoreProvider store={{ ...store, getInitialState: store.getState }}>
        <I18nextProvider i18n={createI18n('en')}>
          <GroupHeader conversation={conversation('Meeting')} />
        </I18nextProvider>
      </StoreProvider>,
    );
    expect(html).toContain('Hikers');
    expect(html).toContain('Meeting group');
    expect(html).toContain('4 members');
    expect(html).toContain('aria-label="Group info"');
    expect(html).toContain('aria-label="Search in this conversation"');
  });

  it('a topic is titled by its name, in its community', async () => {
    const { GroupHeader } = await import('./GroupHeader');
    const html = renderToStaticMarkup(
      <StoreProvider store={{ ...store, getInitialState: store.getState }}>
        <I18nextProvider i18n={createI18n('zh-CN')}>
          <GroupHeader conversation={conversation('Community', { topicId: '@TGS#_c@TOPIC#_t', topic: { name: '公告', faceUrl: '' } })} />
        </I18nextProvider>
      </StoreProvider>,
    );
    expect(html).toContain('公告');
    expect(html).toContain('Hikers 的话题');
  });
});

describe('GroupInfoPanel in a topic', () => {
  it('the receive option is the topic conversation’s own', () => {
    const html = panel('Community', 'Member', { topicId: '@TGS#_c@TOPIC#_t', topic: { name: 'general', faceUrl: '' }, recvOpt: 'Discard' });
    expect(html).toMatch(/<option value="Discard" selected="">/);
    expect(html).not.toMatch(/<option value="AcceptNotNotifyExceptAt" selected="">/);
  });
});

describe('recvOptChosen', () => {
  it('sets one conversation’s receive option through conversations:setSettings', async () => {
    const topic = conversation('Community', { id: 'group_@TGS#_c@TOPIC#_t', topicId: '@TGS#_c@TOPIC#_t', topic: { name: 'general', faceUrl: '' } });
    const api = new FakeChatApi().respond('conversations:setSettings', (input) => ({ ok: true, value: { ...topic, recvOpt: input.recvOpt ?? topic.recvOpt } }));
    const chat = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
    await chat.getState().recvOptChosen(topic.id, 'AcceptNotNotifyExceptAt');
    expect(api.callsTo('conversations:setSettings')).toEqual([{ conversationId: topic.id, recvOpt: 'AcceptNotNotifyExceptAt' }]);
  });
});
