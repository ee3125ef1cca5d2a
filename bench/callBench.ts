// One-to-one video calls as people see them (issue 6, C1): a real server, two web hosts and Debian's Chromium
// with a fake camera and microphone (`--use-fake-device-for-media-stream --use-fake-ui-for-media-stream`), media on
// loopback. Per call (20, 6 with `--quick`, after 2 warm-up):
//   ring    — from Alice's click on "Video call" (the click event's timestamp) to the first frame in which Bob's
//             incoming-call card is on screen (two pages, one clock: performance.timeOrigin + now, both pages on
//             this machine);
//   media   — from Bob's click on "Accept" to the first decoded frame of Alice's video presented in Bob's
//             <video data-peer="alice"> (requestVideoFrameCallback; getVideoPlaybackQuality as a fallback).
// Each call is then hung up by Alice and both pages wait for the call screen to close before the next.
import type { Page } from 'playwright-core';
import { importFriends } from '../server/src/testing/v4Client';
import { startTestServer } from '../server/src/testing/testServer';
import { launchBrowser, newPersonContext } from '../tests/support/browser';
import { startPerson, type Person } from '../tests/support/webHost';
import { ChatUi, gone, visible } from '../tests/e2e/chatUi';
import { fmt, percentile } from './stats';
import type { BenchRow } from './table';

const PASSWORD = 'correct-horse-battery';
const RING_TARGET_MS = 500;
const MEDIA_TARGET_MS = 2_000;

/** Epoch ms with sub-ms precision, comparable across pages of one browser on one machine. */
type Stamp = number;

/** Arms Alice's page: the next click on the "Video call" button stamps `__callClick`. */
async function armClick(page: Page, label: string): Promise<void> {
  await page.evaluate((label) => {
    const w = window as unknown as { __callClick?: Promise<number> };
    w.__callClick = new Promise((resolve) => {
      const onClick = (event: MouseEvent) => {
        const button = (event.target as Element | null)?.closest('button');
        if (!button || (button.getAttribute('aria-label') ?? button.textContent)?.trim() !== label) return;
        document.removeEventListener('click', onClick, true);
        resolve(performance.timeOrigin + event.timeStamp);
      };
      document.addEventListener('click', onClick, true);
    });
  }, label);
}

async function clickStamp(page: Page): Promise<Stamp> {
  return page.evaluate(() => (window as unknown as { __callClick: Promise<number> }).__callClick);
}

/** Arms Bob's page: the first animation frame in which the incoming-call card is laid out. */
async function armIncoming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __incoming?: Promise<number> };
    w.__incoming = new Promise((resolve) => {
      const check = (now: number) => {
        const card = document.querySelector('[role="alertdialog"]');
        if (card && card.getBoundingClientRect().height > 0) resolve(performance.timeOrigin + now);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  });
}

/** Arms Bob's page: the first presented frame of the remote video of `peer` after now. */
async function armFirstFrame(page: Page, peer: string): Promise<void> {
  await page.evaluate((peer) => {
    const w = window as unknown as { __firstFrame?: Promise<number>; __firstDecoded?: Promise<number> };
    // The decoder's first frame, whether or not the element is on show yet (polled each animation frame).
    w.__firstDecoded = new Promise((resolve) => {
      const poll = (now: number) => {
        const video = document.querySelector<HTMLVideoElement>(`video[data-peer="${peer}"]`);
        if (video && video.getVideoPlaybackQuality().totalVideoFrames > 0) resolve(performance.timeOrigin + now);
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    w.__firstFrame = new Promise((resolve) => {
      let watched: HTMLVideoElement | null = null;
      const look = () => {
        const video = document.querySelector<HTMLVideoElement>(`video[data-peer="${peer}"]`);
        if (video && video !== watched) {
          watched = video;
          if (typeof video.requestVideoFrameCallback === 'function') {
            video.requestVideoFrameCallback((now) => resolve(performance.timeOrigin + now));
          }
        }
        if (video && video.getVideoPlaybackQuality().totalVideoFrames > 0 && typeof video.requestVideoFrameCallback !== 'function') {
          resolve(performance.timeOrigin + performance.now());
          return;
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
  }, peer);
}

async function awaitStamp(page: Page, name: '__incoming' | '__firstFrame' | '__firstDecoded', timeoutMs: number): Promise<Stamp> {
  return page.evaluate(
    ({ name, timeoutMs }) =>
      Promise.race([
        (window as unknown as Record<string, Promise<number>>)[name] as Promise<number>,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`${name} did not happen in ${timeoutMs} ms`)), timeoutMs)),
      ]),
    { name, timeoutMs },
  );
}

export async function runCallBench(options: { quick: boolean; rendererDir?: string }): Promise<BenchRow[]> {
  const calls = options.quick ? 6 : 20;
  const warmUp = 2;
  const rendererDir = options.rendererDir ?? process.env.BENCH_RENDERER_DIR;
  const server = await startTestServer();
  const browser = await launchBrowser();
  const people: Person[] = [];
  try {
    const [aliceHost, bobHost] = await Promise.all([startPerson({ serverUrl: server.url, name: 'alice', rendererDir }), startPerson({ serverUrl: server.url, name: 'bob', rendererDir })]);
    people.push(aliceHost, bobHost);
    const ui = async (host: Person) => {
      const context = await newPersonContext(browser);
      // tsx (esbuild keepNames) wraps named functions in __name(), which the page does not have.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const chat = new ChatUi(await context.newPage());
      await chat.page.goto(host.url);
      return chat;
    };
    const [a, b] = await Promise.all([ui(aliceHost), ui(bobHost)]);
    await Promise.all([a.signUp('alice', 'Alice', PASSWORD, server.url), b.signUp('bob', 'Bob', PASSWORD, server.url)]);
    await importFriends(server, 'alice', ['bob']);
    await gone(await a.startChat('bob'));
    await visible(a.composer('Bob'));

    const ring: number[] = [];
    const media: number[] = [];
    const decodedAt: number[] = [];
    const videoCall = a.page.getByRole('main').getByRole('button', { name: 'Video call', exact: true });
    const incoming = b.page.getByRole('alertdialog');
    const accept = incoming.getByRole('button', { name: 'Accept', exact: true });
    const aliceCall = a.page.getByRole('region', { name: 'Call with Bob' });
    const bobCall = b.page.getByRole('region', { name: 'Call with Alice' });
    for (let i = 0; i < warmUp + calls; i++) {
      await armClick(a.page, 'Video call');
      await armIncoming(b.page);
      await videoCall.click();
      const clicked = await clickStamp(a.page);
      const shown = await awaitStamp(b.page, '__incoming', 15_000);

      await armClick(b.page, 'Accept');
      await armFirstFrame(b.page, 'alice');
      await accept.click();
      const accepted = await clickStamp(b.page);
      const frame = await awaitStamp(b.page, '__firstFrame', 20_000);
      const decoded = await awaitStamp(b.page, '__firstDecoded', 5_000);
      if (i >= warmUp) {
        ring.push(shown - clicked);
        media.push(frame - accepted);
        decodedAt.push(decoded - accepted);
      }
      await aliceCall.getByRole('button', { name: 'Hang up', exact: true }).click();
      await gone(aliceCall);
      await gone(bobCall);
      // Let the ended call's record and notices settle before the next ring.
      await new Promise((r) => setTimeout(r, 300));
    }
    if (process.env.BENCH_VERBOSE) console.error(`calls: ring ms ${ring.map((v) => v.toFixed(0)).join(' ')}; media ms ${media.map((v) => v.toFixed(0)).join(' ')}; decoded ms ${decodedAt.map((v) => v.toFixed(0)).join(' ')}`);
    const name = `1:1 video call, ${calls} calls (loopback, fake camera)`;
    const ringP99 = percentile(ring, 99);
    const mediaP99 = percentile(media, 99);
    return [
      { benchmark: name, metric: 'click "Video call" → callee ring UI, p50', value: `${fmt(percentile(ring, 50), 0)} ms`, reference: '', target: '', verdict: 'info' },
      { benchmark: name, metric: 'click "Video call" → callee ring UI, p99', value: `${fmt(ringP99, 0)} ms`, reference: '', target: `≤ ${RING_TARGET_MS} ms`, verdict: ringP99 <= RING_TARGET_MS ? 'met' : 'missed' },
      { benchmark: name, metric: 'click "Accept" → first remote frame, p50', value: `${fmt(percentile(media, 50), 0)} ms`, reference: '', target: '', verdict: 'info' },
      { benchmark: name, metric: 'click "Accept" → first remote frame, p99', value: `${fmt(mediaP99, 0)} ms`, reference: '', target: `≤ ${MEDIA_TARGET_MS} ms`, verdict: mediaP99 <= MEDIA_TARGET_MS ? 'met' : 'missed' },
      {
        benchmark: name,
        metric: 'click "Accept" → first decoded frame (polled), p50 / p99',
        value: `${fmt(percentile(decodedAt, 50), 0)} / ${fmt(percentile(decodedAt, 99), 0)} ms`,
        reference: 'presented frame, above',
        target: '',
        verdict: 'info',
      },
    ];
  } finally {
    await browser.close();
    await Promise.all(people.map((p) => p.dispose()));
    await server.stop({ removeData: true });
  }
}
