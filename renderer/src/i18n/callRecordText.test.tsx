import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { CALL_RECORD_DESC, type CallRecordData, type Conversation, type StoredElem } from '../../../shared/domain';
import { rowPreview } from '../features/conversation-list/rowPreview';
import { CustomElement } from '../features/message-content/CustomElement';
import { createChatStore, StoreProvider } from '../state';
import { FakeChatApi } from '../testing/fakeChatApi';
import { callHistoryT, callRecordOf, callRecordPreview, callRecordText, formatCallDuration, isMissedForMe, perspectiveOf } from './callRecordText';
import { createI18n } from './i18n';
import { messageText } from './messageText';

const en = createI18n('en');
const zh = createI18n('zh-CN');
const tEn = callHistoryT(en.t);
const tZh = callHistoryT(zh.t);

function record(over: Partial<CallRecordData> = {}): CallRecordData {
  return { businessID: 'av_call', callId: 'call_abcdefgh12', kind: 'c2c', media: 'video', caller: 'alice', result: 'completed', durationSec: 133, ...over };
}
const element = (r: CallRecordData): StoredElem => ({ MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(r), Desc: CALL_RECORD_DESC } });

describe('call record text (C5)', () => {
  it('formats durations as mm:ss, then h:mm:ss', () => {
    expect(formatCallDuration(0)).toBe('00:00');
    expect(formatCallDuration(45)).toBe('00:45');
    expect(formatCallDuration(133)).toBe('02:13');
    expect(formatCallDuration(721)).toBe('12:01');
    expect(formatCallDuration(3723)).toBe('1:02:03');
  });

  it('reads a record only from a single custom element carrying av_call data', () => {
    expect(callRecordOf([element(record())])).toEqual(record());
    expect(callRecordOf([{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"businessID":"other"}', Desc: 'x' } }])).toBeNull();
    expect(callRecordOf([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'av_call' } }])).toBeNull();
    expect(callRecordOf([element(record()), element(record())])).toBeNull();
    expect(callRecordOf([{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"businessID":"av_call", broken', Desc: '[Call]' } }])).toBeNull();
  });

  it('says what happened from my side of a one-to-one call', () => {
    const caller = (r: Partial<CallRecordData>) => callRecordText(record(r), 'caller', tEn);
    const callee = (r: Partial<CallRecordData>) => callRecordText(record(r), 'callee', tEn);
    expect(caller({})).toBe('Video call · 02:13');
    expect(callee({ media: 'audio', durationSec: 45 })).toBe('Voice call · 00:45');
    expect(caller({ result: 'missed', durationSec: 0 })).toBe('No answer');
    expect(callee({ result: 'missed', media: 'audio', durationSec: 0 })).toBe('Missed voice call');
    expect(callee({ result: 'cancelled' })).toBe('Missed video call');
    expect(caller({ result: 'cancelled' })).toBe('Call cancelled');
    expect(caller({ result: 'declined' })).toBe('Call declined');
    expect(callee({ result: 'declined' })).toBe('You declined the call');
    expect(caller({ result: 'busy' })).toBe('Busy');
    expect(callee({ result: 'busy' })).toBe('Missed video call');
  });

  it('names group calls as such', () => {
    expect(callRecordText(record({ kind: 'group', durationSec: 721 }), 'callee', tEn)).toBe('Group video call · 12:01');
    expect(callRecordText(record({ kind: 'group', media: 'audio', durationSec: 5 }), 'caller', tEn)).toBe('Group voice call · 00:05');
    expect(callRecordText(record({ kind: 'group', result: 'missed' }), 'callee', tEn)).toBe('Group call missed');
    expect(callRecordText(record({ kind: 'group', result: 'missed' }), 'caller', tEn)).toBe('Group call, no answer');
    expect(callRecordText(record({ kind: 'group', result: 'cancelled' }), 'caller', tEn)).toBe('Group call cancelled');
  });

  it('previews records in brackets, in both languages', () => {
    expect(callRecordPreview(record(), 'caller', tEn)).toBe('[Video call] 02:13');
    expect(callRecordPreview(record({ media: 'audio', durationSec: 45 }), 'callee', tEn)).toBe('[Voice call] 00:45');
    expect(callRecordPreview(record({ result: 'missed' }), 'callee', tEn)).toBe('[Missed call]');
    expect(callRecordPreview(record({ result: 'missed' }), 'caller', tEn)).toBe('[No answer]');
    expect(callRecordPreview(record({ result: 'declined' }), 'callee', tEn)).toBe('[Call declined]');
    expect(callRecordPreview(record({ result: 'cancelled' }), 'caller', tEn)).toBe('[Call cancelled]');
    expect(callRecordPreview(record({ result: 'busy' }), 'caller', tEn)).toBe('[Busy]');
    expect(callRecordPreview(record({ kind: 'group', durationSec: 721 }), 'callee', tEn)).toBe('[Group call] 12:01');
    expect(callRecordPreview(record({ kind: 'group', result: 'missed' }), 'callee', tEn)).toBe('[Group call missed]');
    expect(callRecordPreview(record(), 'caller', tZh)).toBe('[视频通话] 02:13');
    expect(callRecordPreview(record({ result: 'missed' }), 'callee', tZh)).toBe('[未接来电]');
    expect(callRecordText(record({ result: 'missed', media: 'audio' }), 'callee', tZh)).toBe('未接语音通话');
  });

  it('knows whose perspective a record is read from, and which are missed', () => {
    expect(perspectiveOf(record(), 'alice')).toBe('caller');
    expect(perspectiveOf(record(), 'bob')).toBe('callee');
    expect(perspectiveOf(record(), null)).toBe('callee');
    expect(isMissedForMe(record({ result: 'missed' }), 'callee')).toBe(true);
    expect(isMissedForMe(record({ result: 'missed' }), 'caller')).toBe(false);
    expect(isMissedForMe(record({ result: 'declined' }), 'callee')).toBe(false);
  });

  it('quotes and copies a record by its kind instead of the [Call] description', () => {
    expect(messageText([element(record())], en.t)).toBe('[Video call]');
    expect(messageText([element(record({ media: 'audio' }))], en.t)).toBe('[Voice call]');
    expect(messageText([element(record({ kind: 'group' }))], zh.t)).toBe('[群通话]');
    expect(messageText([{ MsgType: 'TIMCustomElem', MsgContent: { Data: 'x', Desc: 'order' } }], en.t)).toBe('order');
  });

  it('previews a conversation whose last message is a record without a "You:" prefix', () => {
    const base = { id: 'c2c_bob', kind: 'c2c', peer: { userId: 'bob', nickname: 'Bob' } } as unknown as Conversation;
    const last = (isOwn: boolean, r: CallRecordData) => ({ ...base, lastMessage: { isOwn, from: isOwn ? 'alice' : 'bob', body: [element(r)], recalled: false, isTip: false } }) as unknown as Conversation;
    const tg = en.getFixedT(null, 'groupChat');
    expect(rowPreview(last(true, record()), en.t, tg, (id) => id).text).toBe('[Video call] 02:13');
    expect(rowPreview(last(false, record({ result: 'missed', caller: 'bob' })), en.t, tg, (id) => id).text).toBe('[Missed call]');
    expect(rowPreview(last(true, record({ result: 'missed' })), en.t, tg, (id) => id).text).toBe('[No answer]');
  });

  it('draws a record as a call line, red for the one who missed it', async () => {
    const api = new FakeChatApi()
      .ok('app:info', { version: '1', defaultServerUrl: null, host: 'web', mediaBaseUrl: 'http://host/media/', canOpenFiles: false })
      .ok('session:get', { state: 'signedOut', reason: null })
      .ok('connection:get', { status: 'online', retryInMs: null });
    const store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
    await store.getState().appStarted();
    const html = (r: CallRecordData) =>
      renderToStaticMarkup(
        <StoreProvider store={{ ...store, getInitialState: store.getState }}>
          <I18nextProvider i18n={en}>
            <CustomElement desc={CALL_RECORD_DESC} data={JSON.stringify(r)} />
          </I18nextProvider>
        </StoreProvider>,
      );
    const missed = html(record({ result: 'missed', media: 'audio', caller: 'bob' }));
    expect(missed).toContain('Missed voice call');
    expect(missed).toContain('content-call--missed');
    expect(html(record())).toContain('Video call · 02:13');
    expect(html(record())).not.toContain('[Call]');
  });
});
