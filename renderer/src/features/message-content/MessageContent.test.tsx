import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredBody } from '../../../../shared/domain';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider, type ChatStore } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { chatMessage } from '../../testing/fixtures';
import { linkify } from './linkify';
import { mediaSource } from './mediaLinks';
import { MessageContent, layoutOf } from './MessageContent';
import { thumbnailBox } from './ImageElement';
import { fileTypeOf, formatBytes, formatDuration } from './formatMedia';

const HASH = 'a'.repeat(64);
const THUMB = 'b'.repeat(64);
const i18n = createI18n('en');
let store: ChatStore;

beforeEach(async () => {
  const api = new FakeChatApi()
    .ok('app:info', { version: '1', defaultServerUrl: null, host: 'web', mediaBaseUrl: 'http://host/media/', canOpenFiles: false })
    .ok('session:get', { state: 'signedOut', reason: null })
    .ok('connection:get', { status: 'online', retryInMs: null });
  store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
  await store.getState().appStarted();
});

function render(body: StoredBody, extra: Parameters<typeof chatMessage>[2] = {}): string {
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={i18n}>
        <MessageContent message={chatMessage('m1', 1, { body, ...extra })} />
      </I18nextProvider>
    </StoreProvider>,
  );
}

describe('message content (M1)', () => {
  it('renders HTML and script in text inert, and links only for http(s) and mailto', () => {
    const html = render([{ MsgType: 'TIMTextElem', MsgContent: { Text: '<img src=x onerror=alert(1)> see https://example.com/a?b=1. or javascript:alert(1) mailto:x@y.z' } }]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a class="content-link" href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">https://example.com/a?b=1</a>.');
    expect(html).toContain('href="mailto:x@y.z"');
    expect(html).not.toContain('href="javascript');
  });

  it('renders a file name with markup as text and offers Save through the download route only', () => {
    const html = render([
      { MsgType: 'TIMFileElem', MsgContent: { Url: 'http://s/x', UUID: HASH, FileSize: 1536, FileName: '<b onmouseover=x>r.pdf', Download_Flag: 2 } },
    ]);
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;b onmouseover=x&gt;r.pdf');
    expect(html).toContain(`href="http://host/media/${HASH}?download=%3Cb%20onmouseover%3Dx%3Er.pdf"`);
    expect(html).toContain('1.5 KB');
    expect(html).toContain('>PDF<');
    // The browser host cannot open files with the system: no Open / Show in folder.
    expect(html).not.toContain('Show in folder');
  });

  it('reserves the image box with the original aspect ratio and loads the thumbnail variant', () => {
    const html = render([
      {
        MsgType: 'TIMImageElem',
        MsgContent: {
          UUID: HASH,
          ImageFormat: 3,
          ImageInfoArray: [
            { Type: 1, Size: 1000, Width: 1200, Height: 600, URL: 'http://s/1', UUID: HASH },
            { Type: 3, Size: 100, Width: 198, Height: 99, URL: 'http://s/3', UUID: THUMB },
          ],
        },
      },
    ]);
    expect(html).toContain(`src="http://host/media/${THUMB}"`);
    expect(html).toContain('aspect-ratio:300 / 150');
    expect(html).toContain('aria-label="Open image"');
  });

  it('shows an unknown or malformed element as a readable fallback, next to the elements it knows', () => {
    const html = render([
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } },
      { MsgType: 'TIMHologramElem', MsgContent: { beam: 1 } },
      { MsgType: 'TIMImageElem', MsgContent: { UUID: 'x' } },
    ]);
    expect(html).toContain('hi');
    expect(html).toContain('Unsupported message type TIMHologramElem');
    expect(html).toContain('Unsupported message type TIMImageElem');
  });

  it('links a location to OpenStreetMap and shows a relay card with its abstract and count', () => {
    const html = render([
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Bund', Latitude: 31.2304, Longitude: -121.4737 } },
      { MsgType: 'TIMRelayElem', MsgContent: { Title: 'Chat of A and B', MsgNum: 5, CompatibleText: '', AbstractList: ['A: hi', 'B: yo'], JsonMsgKey: 'k1' } },
    ]);
    expect(html).toContain('https://www.openstreetmap.org/?mlat=31.230400&amp;mlon=-121.473700');
    expect(html).toContain('31.23040° N, 121.47370° W');
    expect(html).toContain('aria-label="Open chat history “Chat of A and B”, 5 messages"');
    expect(html).toContain('A: hi');
  });

  it('shows upload progress with percent and cancel, and says when it waits for the connection', () => {
    const body: StoredBody = [{ MsgType: 'TIMFileElem', MsgContent: { Url: 'http://s/x', UUID: HASH, FileSize: 10, FileName: 'a.txt', Download_Flag: 2 } }];
    const uploading = render(body, { status: 'pending', transfer: { state: 'uploading', sent: 25, total: 100 } });
    expect(uploading).toContain('aria-valuenow="25"');
    expect(uploading).toContain('Uploading 25%');
    expect(uploading).toContain('aria-label="Cancel upload"');
    expect(render(body, { status: 'pending', transfer: { state: 'paused', sent: 25, total: 100 } })).toContain('Paused — waiting for connection');
  });
});

describe('content helpers', () => {
  it('draws only our own server\'s pictures and videos edge to edge; another service\'s are link cards', () => {
    const image = (uuid: string): StoredBody => [
      { MsgType: 'TIMImageElem', MsgContent: { UUID: uuid, ImageFormat: 1, ImageInfoArray: [{ Type: 1, Size: 1, Width: 1, Height: 1, URL: 'https://cdn.example.com/a.jpg' }] } },
    ];
    const video = (uuid: string): StoredBody => [
      {
        MsgType: 'TIMVideoFileElem',
        MsgContent: {
          VideoUrl: 'https://cdn.example.com/v.mp4',
          VideoUUID: uuid,
          VideoSize: 1,
          VideoSecond: 1,
          VideoFormat: 'mp4',
          VideoDownloadFlag: 2,
          ThumbUrl: 'https://cdn.example.com/v.jpg',
          ThumbUUID: uuid,
          ThumbSize: 1,
          ThumbWidth: 1,
          ThumbHeight: 1,
          ThumbFormat: 'JPG',
          ThumbDownloadFlag: 2,
        },
      },
    ];
    expect(layoutOf(image(HASH))).toBe('media');
    expect(layoutOf(image('1853095_D61040894AC3DE44CDFFFB3EC7EB720F'))).toBe('card');
    expect(layoutOf(video(HASH))).toBe('media');
    expect(layoutOf(video('5da38ba89d6521'))).toBe('card');
    expect(layoutOf([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'x' } }])).toBe('text');
  });

  it('addresses our blobs through the media route and others as external links, never unsafe schemes', () => {
    const env = { mediaBaseUrl: 'http://h/m/', canOpenFiles: false };
    expect(mediaSource(env, HASH, undefined)).toMatchObject({ kind: 'local', src: `http://h/m/${HASH}` });
    expect(mediaSource(env, 'tencent-uuid', 'https://cos.example.com/f')).toEqual({ kind: 'external', href: 'https://cos.example.com/f' });
    expect(mediaSource(env, 'tencent-uuid', 'javascript:alert(1)')).toEqual({ kind: 'none' });
  });

  it('keeps sentence punctuation out of links and a balanced parenthesis in', () => {
    expect(linkify('go to www.example.com, now')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' },
      { kind: 'text', text: ', now' },
    ]);
    expect(linkify('(https://en.wikipedia.org/wiki/A_(b))')[1]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/A_(b)' });
  });

  it('formats sizes, durations, types and thumbnail boxes', () => {
    expect(formatBytes(30 * 1024 * 1024, 'en')).toBe('30 MB');
    expect(formatBytes(500, 'en')).toBe('500 B');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(fileTypeOf('Report.final.XLSX')).toEqual({ family: 'sheet', label: 'XLSX' });
    expect(fileTypeOf('noext')).toEqual({ family: 'other', label: '' });
    expect(thumbnailBox(4000, 1000)).toEqual({ width: 300, height: 75 });
    expect(thumbnailBox(0, 0)).toEqual({ width: 240, height: 180 });
  });
});
