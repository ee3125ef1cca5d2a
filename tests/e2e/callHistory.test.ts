import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFriends } from '../../server/src/testing/v4Client';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';

/**
 * Issue 6, C5: the records calls leave in both chats (declined, cancelled, missed after the server's short ring
 * time, completed with a duration), the conversation-list previews, and the Calls section (All / Missed, opening
 * the chat, calling back). Alice (light) calls Bob (dark) through the in-call UI, by accessible names; Bob also
 * has a Simplified Chinese window for the screenshot.
 */
let server: TestServer;
let browser: Browser;
const people: Person[] = [];
const contexts: BrowserContext[] = [];
let a: ChatUi;
let b: ChatUi;
let bobHost: Person;

const PASSWORD = 'correct horse battery';
const RING_SECONDS = 5;
const rendererDir = process.env.E2E_RENDERER_DIR;

async function page(host: Person, options: { colorScheme: 'light' | 'dark'; locale?: 'en-US' | 'zh-CN' }): Promise<ChatUi> {
  const context = await newPersonContext(browser, { colorScheme: options.colorScheme, locale: options.locale ?? 'en-US' });
  contexts.push(context);
  const ui = new ChatUi(await context.newPage(), english);
  await ui.page.goto(host.url);
  return ui;
}

beforeAll(async () => {
  server = await startTestServer({ calls: { ringSeconds: RING_SECONDS } });
  browser = await launchBrowser();
  const [aliceHost, bobsHost] = await Promise.all([startPerson({ serverUrl: server.url, name: 'alice', rendererDir }), startPerson({ serverUrl: server.url, name: 'bob', rendererDir })]);
  bobHost = bobsHost;
  people.push(aliceHost, bobHost);
  [a, b] = await Promise.all([page(aliceHost, { colorScheme: 'light' }), page(bobHost, { colorScheme: 'dark' })]);
  await Promise.all([a.signUp('alice', 'Alice', PASSWORD, server.url), b.signUp('bob', 'Bob', PASSWORD, server.url)]);
  await importFriends(server, 'alice', ['bob']);
  await gone(await a.startChat('bob'));
  await visible(a.composer('Bob'));
  await a.send('Bob', 'Call you in a minute');
  await visible(b.row('Alice'));
  await b.open('Alice');
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  await Promise.all(people.map((p) => p.dispose()));
  await server?.stop({ removeData: true });
});

const incoming = (ui: ChatUi) => ui.page.getByRole('alertdialog');
const control = (scope: Locator | Page, name: string) => scope.getByRole('button', { name, exact: true });
const callRegion = (ui: ChatUi, name: string) => ui.page.getByRole('region', { name });
const record = (ui: ChatUi, chat: string, text: string | RegExp) => ui.timeline(chat).locator('.content-call').filter({ hasText: text });
const preview = (ui: ChatUi, name: string) => ui.row(name);
const callsList = (ui: ChatUi) => ui.page.getByRole('list', { name: 'Call history' });
const rail = (ui: ChatUi) => ui.page.getByRole('navigation').first();

async function ended(ui: ChatUi, name: string): Promise<void> {
  await gone(callRegion(ui, name));
}

/** The in-call UI's notices ("Call ended") are closed before a screenshot. */
async function dismissNotices(ui: ChatUi): Promise<void> {
  const close = ui.page.getByRole('button', { name: 'Dismiss', exact: true });
  while (await close.count()) await close.first().click();
}

describe('call records and history (C5)', () => {
  it('a declined call leaves "Call declined" for Alice and "You declined the call" for Bob', async () => {
    await control(a.page.getByRole('main'), 'Video call').click();
    await visible(incoming(b));
    await control(incoming(b), 'Decline').click();
    await ended(a, 'Call with Bob');
    await visible(record(a, 'Bob', 'Call declined'));
    await visible(record(b, 'Alice', 'You declined the call'));
    await visible(preview(a, 'Bob').getByText('[Call declined]'));
  });

  it('a call Alice cancels while it rings is "Call cancelled" for her and a missed call for Bob', async () => {
    await control(a.page.getByRole('main'), 'Voice call').click();
    await visible(incoming(b));
    await control(callRegion(a, 'Call with Bob'), 'Cancel').click();
    await gone(incoming(b));
    await visible(record(a, 'Bob', 'Call cancelled'));
    await visible(record(b, 'Alice', 'Missed voice call'));
    expect(await record(b, 'Alice', 'Missed voice call').evaluate((el) => el.classList.contains('content-call--missed'))).toBe(true);
  });

  it(`a call nobody answers for ${RING_SECONDS} s is "No answer" for Alice and "Missed video call" for Bob`, async () => {
    await control(a.page.getByRole('main'), 'Video call').click();
    await visible(incoming(b));
    await gone(incoming(b), (RING_SECONDS + 15) * 1000);
    await visible(record(a, 'Bob', 'No answer'));
    await visible(record(b, 'Alice', 'Missed video call'));
    await visible(preview(b, 'Alice').getByText('[Missed call]'));
    await visible(preview(a, 'Bob').getByText('[No answer]'));
  });

  it('an answered call leaves its duration in both chats and previews', async () => {
    await control(a.page.getByRole('main'), 'Video call').click();
    await visible(incoming(b));
    await control(incoming(b), 'Accept').click();
    await visible(callRegion(a, 'Call with Bob').getByRole('timer', { name: 'Call duration' }));
    await new Promise((r) => setTimeout(r, 2_500));
    await control(callRegion(a, 'Call with Bob'), 'Hang up').click();
    await ended(a, 'Call with Bob');
    await ended(b, 'Call with Alice');
    await visible(record(a, 'Bob', /^Video call · 00:0\d$/));
    await visible(record(b, 'Alice', /^Video call · 00:0\d$/));
    const text = await record(b, 'Alice', /Video call ·/).textContent();
    expect(Number(text?.slice(-2))).toBeGreaterThanOrEqual(1);
    await visible(preview(a, 'Bob').getByText(/^\[Video call\] 00:0\d$/));
    await visible(preview(b, 'Alice').getByText(/^\[Video call\] 00:0\d$/));
    await dismissNotices(b);
    await screenshot(b.page, 'call-history-records-dark');
  });

  it('the Calls tab counts the two calls Bob missed until he looks; the section lists them newest first; Missed keeps those two; a row opens the chat', async () => {
    const callsTab = control(rail(b), 'Calls 2 missed calls');
    await visible(callsTab);
    await visible(callsTab.getByText('2', { exact: true }));
    await dismissNotices(b);
    await screenshot(b.page, 'call-history-missed-badge-dark');
    await callsTab.click();
    await visible(control(rail(b), 'Calls'));
    const list = callsList(b);
    await visible(list);
    const rows = list.getByRole('listitem');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    expect(await rows.nth(0).getByRole('button').first().getAttribute('aria-label')).toMatch(/^Open chat with Alice: Incoming Video call/);
    await visible(rows.nth(1).getByText('Missed · Video'));
    await visible(rows.nth(2).getByText('Missed · Voice'));
    await visible(rows.nth(3).getByText('Declined · Video'));
    await visible(rows.nth(0).getByText(/^00:0\d$/));
    await visible(rows.nth(1).getByText('Not connected'));

    await control(b.page, 'Missed').click();
    await expect.poll(() => rows.count()).toBe(2);
    await dismissNotices(b);
    await screenshot(b.page, 'call-history-missed-dark');
    await control(b.page, 'All').click();
    await expect.poll(() => rows.count()).toBe(4);
    // Seen: back in Chats, the tab has no count (the two are remembered as seen on this device).
    await rail(b).getByRole('button', { name: /^Chats/ }).click();
    await visible(control(rail(b), 'Calls'));
    await control(rail(b), 'Calls').click();

    await control(rail(a), 'Calls').click();
    await expect.poll(() => callsList(a).getByRole('listitem').count(), { timeout: 10_000 }).toBe(4);
    await visible(callsList(a).getByRole('listitem').first().getByText('Outgoing · Video'));
    await dismissNotices(a);
    await screenshot(a.page, 'call-history-light');
    await control(a.page, 'Missed').click();
    await visible(a.page.getByRole('heading', { name: 'No missed calls' }));
    await control(a.page, 'All').click();

    await callsList(a).getByRole('listitem').first().getByRole('button').first().click();
    await visible(a.composer('Bob'));
  });

  it('Bob calls back from his history; the list shows the new call once it ends', async () => {
    const rows = callsList(b).getByRole('listitem');
    await control(rows.first(), 'Voice call Alice').click();
    await visible(incoming(a));
    await control(incoming(a), 'Decline').click();
    await gone(incoming(a));
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(5);
    await visible(rows.first().getByText('Outgoing · Voice'));
  });

  it('reads in Simplified Chinese', async () => {
    const zh = await page(bobHost, { colorScheme: 'light', locale: 'zh-CN' });
    await visible(zh.page.getByRole('navigation', { name: '会话' }));
    await control(zh.page, '通话').click();
    const list = zh.page.getByRole('list', { name: '通话记录' });
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(5);
    await visible(list.getByText('未接 · 视频'));
    await screenshot(zh.page, 'call-history-zh-CN');
    await control(zh.page, '未接').click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
  });
});
