import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { CHROMIUM_PATH, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';

/**
 * Two people send each other pictures, files and voice through their own web
 * hosts and a real server, in Chromium: Alice in light mode, Bob in dark.
 * Alice reaches the server through a throttled TCP relay, so a large upload
 * takes long enough to stop the server in the middle of it.
 */
let server: TestServer;
let relay: ThrottledRelay;
let browser: Browser;
let alice: Person;
let bob: Person;
let aliceContext: BrowserContext;
let bobContext: BrowserContext;
let a: ChatUi;
let b: ChatUi;

const PASSWORD = 'correct horse battery';
const MB = 1024 * 1024;

/** A TCP relay to the server that caps client→server bytes per second; the upstream can change port (restart). */
interface ThrottledRelay {
  url: string;
  close(): Promise<void>;
}

async function startThrottledRelay(targetPort: () => number, bytesPerSecond: number): Promise<ThrottledRelay> {
  const sockets = new Set<Socket>();
  const relayServer: Server = createServer((client) => {
    const upstream = connect(targetPort(), '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      // Hold the client until this chunk's share of the budget has passed.
      client.pause();
      upstream.write(chunk);
      setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => relayServer.listen(0, '127.0.0.1', resolve));
  const address = relayServer.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        relayServer.close(() => resolve());
      }),
  };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A PNG drawn in the page (a real picture the server can thumbnail), pasted into the composer as a screenshot would be. */
async function pasteImage(page: Page, composerName: string): Promise<void> {
  await page.getByRole('textbox', { name: composerName }).evaluate(async (textarea) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const context = canvas.getContext('2d')!;
    const gradient = context.createLinearGradient(0, 0, 640, 360);
    gradient.addColorStop(0, '#3a6ff0');
    gradient.addColorStop(1, '#f76b15');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 640, 360);
    context.fillStyle = '#fff';
    context.font = 'bold 64px sans-serif';
    context.fillText('Screenshot', 150, 200);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
    const data = new DataTransfer();
    data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
    textarea.focus();
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
}

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  // A 30 MB or 101 MB buffer crosses the DevTools protocol in base64: slow on a busy machine.
  await (await chooser).setFiles(files, { timeout: 60_000 });
}

beforeAll(async () => {
  server = await startTestServer();
  const serverPort = server.port;
  relay = await startThrottledRelay(() => serverPort, 6 * MB);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A beeping fake microphone, allowed without a prompt (voice messages).
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  [alice, bob] = await Promise.all([startPerson({ serverUrl: relay.url, name: 'alice' }), startPerson({ serverUrl: server.url, name: 'bob' })]);
  [aliceContext, bobContext] = await Promise.all([newPersonContext(browser), newPersonContext(browser, { colorScheme: 'dark' })]);
  await aliceContext.grantPermissions(['microphone']);
  a = new ChatUi(await aliceContext.newPage(), english);
  b = new ChatUi(await bobContext.newPage(), english);
  await Promise.all([a.page.goto(alice.url), b.page.goto(bob.url)]);
  await a.signUp('alice', 'Alice', PASSWORD, relay.url);
  await b.signUp('bob', 'Bob', PASSWORD, server.url);
  const dialog = await a.startChat('bob');
  await gone(dialog);
  await a.send('Bob', 'Sending you the files now');
  await visible(b.row('Alice'));
  // The row's own button (the list row also holds an options button).
  await b.row('Alice').getByRole('button').first().click();
  await visible(b.composer('Alice'));
}, 120_000);

// A failed step leaves both screens behind, to see what the people saw.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const slug = task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-');
  await Promise.all([screenshot(a.page, `media-failed-${slug}-alice`), screenshot(b.page, `media-failed-${slug}-bob`)]).catch(() => {});
  // Whatever dialog the failed step left open would block the next one.
  for (const page of [a.page, b.page]) for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([alice?.dispose(), bob?.dispose()]);
  await relay?.close();
  await server?.stop({ removeData: true });
});

describe('media between two people in Chromium (M1, M2)', () => {
  it('M2 a pasted image shows a preview, and the other side sees its thumbnail and opens it in the viewer', async () => {
    await pasteImage(a.page, 'Message to Bob');
    const preview = a.page.getByRole('dialog', { name: 'Send a file' });
    await visible(preview.getByRole('img', { name: /^Preview of image/ }));
    await visible(preview.getByText(/^Image · /));
    await screenshot(a.page, 'media-en-light-paste-preview');
    await preview.getByRole('button', { name: 'Send', exact: true }).click();
    await gone(preview);

    const thumbnail = b.timeline('Alice').getByRole('button', { name: 'Open image' }).last();
    await visible(thumbnail, 30_000);
    // The thumbnail variant loads (the server made it), in a box shaped like the picture.
    await expect.poll(() => thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    const box = await thumbnail.boundingBox();
    expect(box && Math.round((box.width / box.height) * 9)).toBe(16);
    await screenshot(b.page, 'media-en-dark-image-thumbnail');

    await thumbnail.click();
    const viewer = b.page.getByRole('dialog', { name: 'Image viewer' });
    await visible(viewer);
    const percent = viewer.locator('output');
    // Fitted to the window: the whole 640×360 picture shows, at full size here.
    await expect.poll(async () => (await viewer.getByRole('img').boundingBox())?.width ?? 0).toBeGreaterThan(300);
    const fitted = await percent.textContent();
    expect(fitted).toBe('100%');
    await b.page.keyboard.press('+');
    await expect.poll(() => percent.textContent()).not.toBe(fitted);
    await viewer.getByRole('button', { name: 'Fit to window' }).click();
    await expect.poll(() => percent.textContent()).toBe(fitted);
    await expect.poll(() => viewer.getByRole('link', { name: 'Save' }).getAttribute('href')).toContain('?download=');
    await screenshot(b.page, 'media-en-dark-image-viewer');
    await b.page.keyboard.press('Escape');
    await gone(viewer);
  });

  it('M2 a file over its kind’s limit is refused in the preview with the limit named', async () => {
    await attach(a.page, [{ name: 'holiday.png', mimeType: 'image/png', buffer: Buffer.alloc(29 * MB, 1) }]);
    const preview = a.page.getByRole('dialog', { name: 'Send a file' });
    await visible(preview.getByRole('alert').filter({ hasText: 'Too large: Image files can be at most 28 MB.' }));
    expect(await preview.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
    await screenshot(a.page, 'media-en-light-too-large');
    await preview.getByRole('button', { name: 'Cancel' }).first().click();
    await gone(preview);
  });

  it('M1 HTML in a file name renders inert on both sides', async () => {
    const name = '<img src=x onerror=window.__pwned=1>notes.txt';
    await attach(a.page, [{ name, mimeType: 'text/plain', buffer: Buffer.from('just text\n') }]);
    const preview = a.page.getByRole('dialog', { name: 'Send a file' });
    await visible(preview.getByText(name, { exact: true }));
    await preview.getByRole('button', { name: 'Send', exact: true }).click();
    await gone(preview);

    for (const [ui, peer] of [
      [a, 'Bob'],
      [b, 'Alice'],
    ] as const) {
      const card = ui.timeline(peer).getByRole('group', { name: new RegExp(`^File ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
      await visible(card, 30_000);
      expect(await card.locator('img').count()).toBe(0);
      expect(await ui.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
  });

  it('M2 files dropped on the chat show where they go, then the same preview, and arrive', async () => {
    const files = () => {
      const data = new DataTransfer();
      data.items.add(new File(['quarterly numbers\n'], 'q3-report.pdf', { type: 'application/pdf' }));
      data.items.add(new File(['- ship it\n'], 'notes.md', { type: 'text/markdown' }));
      return data;
    };
    // Bob (dark) only looks at the drop zone, then drags away.
    const bobsData = await b.page.evaluateHandle(files);
    await b.timeline('Alice').dispatchEvent('dragenter', { dataTransfer: bobsData });
    await visible(b.page.getByText('Drop to send to Alice'));
    await screenshot(b.page, 'media-en-dark-drop-zone');
    await b.timeline('Alice').dispatchEvent('dragleave', { dataTransfer: bobsData });
    await gone(b.page.getByText('Drop to send to Alice'));

    const data = await a.page.evaluateHandle(files);
    await a.timeline('Bob').dispatchEvent('dragenter', { dataTransfer: data });
    await visible(a.page.getByText('Drop to send to Bob'));
    await a.timeline('Bob').dispatchEvent('drop', { dataTransfer: data });
    await gone(a.page.getByText('Drop to send to Bob'));
    const preview = a.page.getByRole('dialog', { name: 'Send 2 files' });
    await visible(preview.getByText('q3-report.pdf', { exact: true }));
    await visible(preview.getByText('notes.md', { exact: true }));
    await screenshot(a.page, 'media-en-light-drop-preview');
    await preview.getByRole('button', { name: 'Send 2' }).click();
    await gone(preview);
    await visible(b.timeline('Alice').getByRole('group', { name: /^File q3-report\.pdf, / }), 30_000);
    await visible(b.timeline('Alice').getByRole('group', { name: /^File notes\.md, / }), 30_000);
  });

  it('M2 a 30 MB upload survives the server stopping midway, and the other side downloads the same bytes', async () => {
    const content = randomBytes(30 * MB);
    const name = 'dataset-30mb.bin';
    await attach(a.page, [{ name, mimeType: 'application/octet-stream', buffer: content }]);
    const preview = a.page.getByRole('dialog', { name: 'Send a file' });
    await visible(preview.getByText('File · 30 MB'));
    await preview.getByRole('button', { name: 'Send', exact: true }).click();

    const ownCard = a.timeline('Bob').locator('[data-message-id]').filter({ hasText: name });
    const progress = ownCard.getByRole('progressbar', { name: 'Upload progress' });
    await visible(progress, 60_000);
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(10);
    await screenshot(a.page, 'media-en-light-uploading');

    // The server goes away in the middle of the upload…
    const { port, dataDir } = server;
    const stoppedAt = Number(await progress.getAttribute('aria-valuenow'));
    expect(stoppedAt).toBeLessThan(90);
    await server.stop();
    await visible(ownCard.getByText('Paused — waiting for connection'), 30_000);
    await screenshot(a.page, 'media-en-light-upload-paused');
    // …and comes back on the same port with the same data; the upload resumes where it stopped.
    server = await startTestServer({ port, dataDir });
    await gone(progress, 120_000);
    await visible(ownCard.getByRole('img', { name: /Sent|Read/ }), 30_000);

    const card = b.timeline('Alice').getByRole('group', { name: `File ${name}, 30 MB` });
    await visible(card, 60_000);
    await screenshot(b.page, 'media-en-dark-file-card');
    const download = b.page.waitForEvent('download', { timeout: 60_000 });
    await card.getByRole('link', { name: `Save ${name}` }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(name);
    const path = await saved.path();
    expect(sha256(readFileSync(path))).toBe(sha256(content));
  }, 240_000);

  it('M1 a voice message recorded with the microphone plays on the other side', async () => {
    await a.page.getByRole('button', { name: 'Record a voice message' }).click();
    const timer = a.page.getByRole('timer');
    await visible(timer);
    await expect.poll(() => timer.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Recording 0:02');
    await screenshot(a.page, 'media-en-light-recording');
    await a.page.getByRole('button', { name: 'Send voice message' }).click();

    const play = b.timeline('Alice').getByRole('button', { name: /^Play voice message, 0:0[23]$/ }).last();
    await visible(play, 30_000);
    await screenshot(b.page, 'media-en-dark-voice');
    await play.click();
    const pause = b.timeline('Alice').getByRole('button', { name: 'Pause voice message' });
    await visible(pause, 10_000);
    const position = b.timeline('Alice').getByRole('slider', { name: 'Playback position' }).last();
    await expect.poll(async () => Number(await position.inputValue()), { timeout: 10_000 }).toBeGreaterThan(0.3);
    await screenshot(b.page, 'media-en-dark-voice-playing');
  });

  it('M1 Chinese labels and a Chinese timeline of every kind, in light mode', async () => {
    await b.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'Settings' }).click();
    await b.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
    await b.page.getByRole('dialog', { name: '设置' }).getByRole('radio', { name: '浅色' }).check();
    await b.page.keyboard.press('Escape');
    await visible(b.page.getByRole('button', { name: '查看图片' }).last());
    await visible(b.page.getByRole('button', { name: /^播放语音消息/ }).last());
    await screenshot(b.page, 'media-zh-light-timeline');
  });
});
