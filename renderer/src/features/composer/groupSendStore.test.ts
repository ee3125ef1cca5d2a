import { describe, expect, it } from 'vitest';
import { createChatStore } from '../../state';
import { chatMessage } from '../../testing/fixtures';
import { FakeChatApi } from '../../testing/fakeChatApi';

describe('a group send carries its mentions and receipt request to the core (M6, M8)', () => {
  it('messages:send gets groupAt and needReceipt beside the text; a one-to-one send stays as it was', async () => {
    const api = new FakeChatApi().respond('messages:send', (input) => ({ ok: true, value: chatMessage('m1', null, { conversationId: input.conversationId }) }));
    const store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
    const group = 'group_@TGS#g1' as const;
    expect(await store.getState().messageSubmitted(group, '@Bob hi', undefined, { groupAt: { all: false, userIds: ['bob'] }, needReceipt: true })).toBe(true);
    expect(await store.getState().messageSubmitted('c2c_bob', 'hello')).toBe(true);
    expect(api.callsTo('messages:send')).toEqual([
      { conversationId: group, text: '@Bob hi', groupAt: { all: false, userIds: ['bob'] }, needReceipt: true },
      { conversationId: 'c2c_bob', text: 'hello' },
    ]);
  });
});
