import { describe, expect, it } from 'vitest';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { chatMessage } from '../../testing/fixtures';
import { createChatStore } from '../store';
import { STAGE_CHUNK } from './mediaSlice';

function storeWith(api: FakeChatApi) {
  return createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
}

describe('media slice', () => {
  it('M2 stages a file in 1 MiB base64 chunks at the right offsets, then sends it and shows the pending message', async () => {
    const chunks: { offset: number; data: string }[] = [];
    const api = new FakeChatApi()
      .ok('files:stageBegin', { stageId: 's1' })
      .respond('files:stageChunk', (input) => {
        chunks.push({ offset: input.offset, data: input.data });
        return { ok: true, value: { received: input.offset } };
      })
      .ok('messages:sendFile', chatMessage('alice:c1', null, { transfer: { state: 'uploading', sent: 0, total: 10 } }));
    const store = storeWith(api);
    api.ok('messages:page', { messages: [], hasMore: false });
    await store.getState().timelineRequested('c2c_bob');
    const bytes = new Uint8Array(STAGE_CHUNK + 3).map((_, i) => i % 251);
    const sent = await store.getState().attachmentSubmitted('c2c_bob', { file: new Blob([bytes], { type: 'application/pdf' }), name: 'a.pdf', kind: 'file' });
    expect(sent).toBe(true);
    expect(api.callsTo('files:stageBegin')).toEqual([{ name: 'a.pdf', size: STAGE_CHUNK + 3, mime: 'application/pdf' }]);
    expect(chunks.map((c) => c.offset)).toEqual([0, STAGE_CHUNK]);
    const joined = chunks.flatMap((c) => Array.from(atob(c.data), (char) => char.charCodeAt(0)));
    expect(joined).toEqual(Array.from(bytes));
    expect(api.callsTo('messages:sendFile')).toEqual([{ conversationId: 'c2c_bob', stageId: 's1', kind: 'file', durationSec: undefined, thumbStageId: undefined }]);
    expect(store.getState().timelines.c2c_bob?.messages.map((m) => m.id)).toEqual(['alice:c1']);
    expect(store.getState().staging.c2c_bob).toBeUndefined();
  });

  it('M2 a refused send is said in its conversation and nothing is sent', async () => {
    const api = new FakeChatApi().respond('files:stageBegin', () => ({ ok: false, error: { code: 'file_too_large', message: 'big' } }));
    const store = storeWith(api);
    expect(await store.getState().attachmentSubmitted('c2c_bob', { file: new Blob(['x']), name: 'x', kind: 'image' })).toBe(false);
    expect(store.getState().attachmentErrors.c2c_bob?.code).toBe('file_too_large');
    expect(api.callsTo('messages:sendFile')).toEqual([]);
  });

  it('M7 opens a signed bundle from the server, a nested one on top, and Back returns to the outer', async () => {
    const api = new FakeChatApi().respond('relay:open', ({ key }) => ({
      ok: true,
      value: { title: `T ${key}`, messages: [{ from: 'bob', nickname: 'Bob', time: 1, body: [] }], verified: key === 'outer', createdBy: 'bob', createdAt: 1 },
    }));
    const store = storeWith(api);
    await store.getState().relayOpened({ key: 'outer', title: 'Outer' });
    await store.getState().relayOpened({ key: 'inner', title: 'Inner' });
    expect(store.getState().relayStack.map((v) => [v.title, v.verified])).toEqual([
      ['T outer', true],
      ['T inner', false],
    ]);
    store.getState().relayBackRequested();
    expect(store.getState().relayStack.map((v) => v.title)).toEqual(['T outer']);
  });

  it('M7 opens an inline bundle without the server, unsigned', async () => {
    const api = new FakeChatApi();
    const store = storeWith(api);
    await store.getState().relayOpened({
      title: 'Inline',
      inline: [{ From_Account: 'carol', MsgSeq: 1, MsgRandom: 1, MsgTimeStamp: 1_700_000_000, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] }],
    });
    expect(api.calls).toEqual([]);
    expect(store.getState().relayStack[0]).toMatchObject({ status: 'ready', verified: null, messages: [{ from: 'carol', nickname: 'carol', time: 1_700_000_000 }] });
  });
});
