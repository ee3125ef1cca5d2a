import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callV4 } from '../../server/src/testing/v4Client';
import type { MsgBody, StoredElem } from '../../shared/domain';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { registerUser, startTestServer, type TestServer } from '../support/server';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';

/**
 * An app backend (REST v4 `openim/sendmsg` as the admin) sends Alice one
 * message of every element type "from" Bob; Alice, in Chromium through her web
 * host, sees each the way it should look and read. Media point at another
 * service's URLs (a local stand-in that counts requests): they must be offered
 * as links, never fetched. The tests build on each other, in order.
 */
let server: TestServer;
let cdn: Server;
let cdnHits: string[];
let cdnBase: string;
let browser: Browser;
let alice: Person;
let context: BrowserContext;
let a: ChatUi;
let random = 1000;

const PASSWORD = 'correct horse battery';

async function sendFromBob(body: MsgBody | StoredElem[]): Promise<void> {
  const reply = await callV4(server, 'openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: random++, MsgBody: body });
  expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
}

/** The newest message row in Alice's conversation with Bob. */
function newest(): Locator {
  return a.timeline('Bob').locator('[data-message-id]').last();
}

async function previewShows(text: string): Promise<void> {
  await expect.poll(() => a.row('Bob').locator('.conversation-row__preview').textContent()).toBe(text);
}

beforeAll(async () => {
  cdnHits = [];
  cdn = createServer((req, res) => {
    cdnHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  const address = cdn.address();
  if (!address || typeof address === 'string') throw new Error('no CDN port');
  cdnBase = `http://127.0.0.1:${address.port}`;

  server = await startTestServer();
  await registerUser(server, 'bob', PASSWORD, 'Bob');
  browser = await launchBrowser();
  alice = await startPerson({ serverUrl: server.url, name: 'alice' });
  context = await newPersonContext(browser);
  a = new ChatUi(await context.newPage(), english);
  await a.page.goto(alice.url);
  await a.signUp('alice', 'Alice', PASSWORD, server.url);
}, 120_000);

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const slug = task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-');
  await screenshot(a.page, `elements-failed-${slug}`).catch(() => {});
  for (let i = 0; i < 3; i++) await a.page.keyboard.press('Escape').catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await alice?.dispose();
  await server?.stop({ removeData: true });
  await new Promise((resolve) => cdn?.close(resolve));
});

describe('every element type, sent by an app backend over REST v4, as the receiver sees it (M1, S1)', () => {
  it('M1 a text with a link and a <script>: the link opens outside with rel=noopener, the script is inert text', async () => {
    const text = 'Docs at https://example.com/guide?x=1 and <script>window.__pwned = 1</script><b>bold?</b>';
    await sendFromBob([{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }]);
    await visible(a.row('Bob'));
    await a.open('Bob');
    const message = a.message('Bob', 'Docs at');
    await visible(message);
    const link = message.getByRole('link', { name: 'https://example.com/guide?x=1' });
    expect(await link.getAttribute('href')).toBe('https://example.com/guide?x=1');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))?.split(' ')).toContain('noopener');
    // The markup is shown as the characters it is, and nothing of it became an element or ran.
    expect(await message.locator('.bubble__text').textContent()).toContain('<script>window.__pwned = 1</script><b>bold?</b>');
    expect(await message.locator('script, b').count()).toBe(0);
    expect(await a.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await previewShows(text);
  });

  it('M1 a face (sticker) shows as a named picture; the list says [Sticker]', async () => {
    await sendFromBob([{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'content' } }]);
    await visible(newest().getByRole('img', { name: 'Sticker 1' }));
    await previewShows('[Sticker]');
  });

  it('M1 a location shows its description, coordinates and an OpenStreetMap link', async () => {
    await sendFromBob([{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Tiananmen Square, Beijing', Latitude: 39.908722, Longitude: 116.397499 } }]);
    const message = a.message('Bob', 'Tiananmen Square, Beijing');
    await visible(message);
    await visible(message.getByText('39.90872° N, 116.39750° E'));
    const map = message.getByRole('link', { name: 'Open in map' });
    const href = new URL((await map.getAttribute('href')) ?? '');
    expect(href.origin).toBe('https://www.openstreetmap.org');
    expect(href.searchParams.get('mlat')).toBe('39.908722');
    expect(href.searchParams.get('mlon')).toBe('116.397499');
    expect((await map.getAttribute('rel'))?.split(' ')).toContain('noopener');
    await previewShows('[Location] Tiananmen Square, Beijing');
  });

  it('M1 a custom element shows its Desc as text, never its Data', async () => {
    await sendFromBob([{ MsgType: 'TIMCustomElem', MsgContent: { Data: '{"order":1024,"secret":"do-not-show"}', Desc: 'Order #1024 has shipped <i>today</i>', Ext: 'url' } }]);
    const message = a.message('Bob', 'Order #1024 has shipped');
    await visible(message);
    expect(await message.textContent()).toContain('Order #1024 has shipped <i>today</i>');
    expect(await message.textContent()).not.toContain('do-not-show');
    await previewShows('Order #1024 has shipped <i>today</i>');
  });

  it('M1 M2 image, file, voice and video on another service are links to it, never fetched', async () => {
    const host = new URL(cdnBase).host;
    const cases: { body: MsgBody; label: string; href: string; preview: string }[] = [
      {
        body: [
          {
            MsgType: 'TIMImageElem',
            MsgContent: {
              UUID: '1853095_D61040894AC3DE44CDFFFB3EC7EB720F',
              ImageFormat: 1,
              ImageInfoArray: [
                { Type: 1, Size: 1853095, Width: 2448, Height: 3264, URL: `${cdnBase}/a/original.jpg` },
                { Type: 2, Size: 484990, Width: 720, Height: 960, URL: `${cdnBase}/a/large.jpg` },
                { Type: 3, Size: 45242, Width: 150, Height: 200, URL: `${cdnBase}/a/thumb.jpg` },
              ],
            },
          },
        ],
        label: 'Image',
        href: `${cdnBase}/a/thumb.jpg`,
        preview: '[Image]',
      },
      {
        body: [{ MsgType: 'TIMFileElem', MsgContent: { Url: `${cdnBase}/f/report.pdf`, UUID: '305c0201_file', FileSize: 1773552, FileName: 'Q3 report.pdf', Download_Flag: 2 } }],
        label: 'Q3 report.pdf',
        href: `${cdnBase}/f/report.pdf`,
        preview: '[File] Q3 report.pdf',
      },
      {
        body: [{ MsgType: 'TIMSoundElem', MsgContent: { Url: `${cdnBase}/v/voice.m4a`, UUID: '305c0201_voice', Size: 62351, Second: 7, Download_Flag: 2 } }],
        label: 'Voice message',
        href: `${cdnBase}/v/voice.m4a`,
        preview: '[Voice]',
      },
      {
        body: [
          {
            MsgType: 'TIMVideoFileElem',
            MsgContent: {
              VideoUrl: `${cdnBase}/v/clip.mp4`,
              VideoUUID: '5da38ba89d6521',
              VideoSize: 1194603,
              VideoSecond: 5,
              VideoFormat: 'mp4',
              VideoDownloadFlag: 2,
              ThumbUrl: `${cdnBase}/v/clip.jpg`,
              ThumbUUID: '6edaffedef5150',
              ThumbSize: 13907,
              ThumbWidth: 720,
              ThumbHeight: 1280,
              ThumbFormat: 'JPG',
              ThumbDownloadFlag: 2,
            },
          },
        ],
        label: 'Video',
        href: `${cdnBase}/v/clip.mp4`,
        preview: '[Video]',
      },
    ];
    const requested: string[] = [];
    a.page.on('request', (request) => {
      if (request.url().startsWith(cdnBase)) requested.push(request.url());
    });
    for (const item of cases) {
      await sendFromBob(item.body);
      const card = newest().locator('.content-external');
      await visible(card);
      expect(await card.locator('.content-card__title').textContent()).toBe(item.label);
      const link = card.getByRole('link', { name: `Open on ${host}` });
      expect(await link.getAttribute('href')).toBe(item.href);
      expect((await link.getAttribute('rel'))?.split(' ')).toContain('noopener');
      // A card in a bubble: the time sits below the link, not over it (as it would on a picture).
      const [linkBox, timeBox] = await Promise.all([link.boundingBox(), newest().locator('time').first().boundingBox()]);
      expect(linkBox && timeBox && timeBox.y >= linkBox.y + linkBox.height - 1).toBe(true);
      // Nothing loads from the other service: no <img>, <audio> or <video> points at it.
      expect(await newest().locator('img, audio, video, source').count()).toBe(0);
      await previewShows(item.preview);
    }
    expect(requested).toEqual([]);
    expect(cdnHits).toEqual([]);
  });

  it('M1 a multi-element message shows every element in order; the list joins their previews', async () => {
    await sendFromBob([
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'Meet me here' } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 4, Data: 'content' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Café Central', Latitude: 48.210033, Longitude: 16.365467 } },
    ]);
    const message = a.message('Bob', 'Meet me here');
    await visible(message);
    await visible(message.getByRole('img', { name: 'Sticker 4' }));
    await visible(message.getByText('Café Central'));
    await visible(message.getByRole('link', { name: 'Open in map' }));
    await previewShows('Meet me here [Sticker] [Location] Café Central');
  });

  it('M7 an inline combined message opens in the viewer, "Carried in the message"; a future element type inside shows the readable fallback', async () => {
    // REST refuses an unknown MsgType at the top level (90002, as Tencent does), so a future type reaches
    // a receiver the way it really would: inside a combined message a newer client forwarded.
    const refused = await callV4(server, 'openim/sendmsg', { From_Account: 'bob', To_Account: 'alice', MsgRandom: random++, MsgBody: [{ MsgType: 'TIMStreamElem', MsgContent: { Chunks: 3 } }] });
    expect(refused).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 90002 });

    const title = 'Chat history of Bob and Carol';
    await sendFromBob([
      {
        MsgType: 'TIMRelayElem',
        MsgContent: {
          Title: title,
          MsgNum: 3,
          CompatibleText: 'Your version does not support combined messages.',
          AbstractList: ['Bob: Did you get the slides?', 'Carol: [Unsupported message]', 'Carol: Here is where'],
          MsgList: [
            { From_Account: 'bob', To_Account: 'carol', MsgSeq: 1, MsgRandom: 7, MsgTimeStamp: 1_700_000_000, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Did you get the slides?' } }] },
            { From_Account: 'carol', To_Account: 'bob', MsgSeq: 2, MsgRandom: 8, MsgTimeStamp: 1_700_000_030, MsgBody: [{ MsgType: 'TIMStreamElem', MsgContent: { Chunks: 3, Url: `${cdnBase}/stream` } }] },
            {
              From_Account: 'carol',
              To_Account: 'bob',
              MsgSeq: 3,
              MsgRandom: 9,
              MsgTimeStamp: 1_700_000_060,
              MsgBody: [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Room 4.02', Latitude: 52.52, Longitude: 13.405 } }],
            },
          ],
        },
      } as StoredElem,
    ]);
    const card = a.timeline('Bob').getByRole('button', { name: `Open chat history “${title}”, 3 messages` });
    await visible(card);
    expect(await card.textContent()).toContain('Bob: Did you get the slides?');
    await previewShows(`[Chat history] ${title}`);

    await card.click();
    const viewer = a.page.getByRole('dialog', { name: `Chat history: ${title}` });
    await visible(viewer);
    await visible(viewer.getByText('Carried in the message'));
    await visible(viewer.getByRole('region', { name: '3 messages' }));
    await visible(viewer.getByText('Did you get the slides?'));
    await visible(viewer.getByText('Unsupported message type TIMStreamElem'));
    await visible(viewer.getByText('A newer version of OpenChat may show it.'));
    await visible(viewer.getByText('Room 4.02'));
    // Not signed by the server: it must not claim to be verified.
    expect(await viewer.getByText('Verified by the server').count()).toBe(0);
    await screenshot(a.page, 'elements-light-relay-viewer');
    await a.page.keyboard.press('Escape');
    await gone(viewer);
    expect(cdnHits).toEqual([]);
  });

  it('the timeline of every kind, in light and dark (screenshots)', async () => {
    // Tall enough for every kind at once.
    const viewport = { width: 1200, height: 1900 };
    await a.page.setViewportSize(viewport);
    await a.page.mouse.move(5, 5);
    await screenshot(a.page, 'elements-light-timeline');
    // The same person in a second tab, in dark mode: both tabs share her web host.
    const dark = await newPersonContext(browser, { colorScheme: 'dark', viewport });
    try {
      const page = await dark.newPage();
      await page.goto(alice.url);
      const d = new ChatUi(page, english);
      await visible(d.row('Bob'));
      await d.open('Bob');
      await visible(d.timeline('Bob').getByRole('button', { name: /^Open chat history/ }));
      await screenshot(page, 'elements-dark-timeline');
    } finally {
      await dark.close();
    }
  });
});
