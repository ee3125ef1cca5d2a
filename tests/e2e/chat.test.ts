import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectTestClient, mintTestUserSig, registerUser, startTestServer, type TestServer } from '../support/server';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';
import { InputMethod } from './ime';

/**
 * Two people chat through their own web hosts against one real server, in
 * English and light mode. The tests build on each other, in order, like a
 * real conversation.
 */
let server: TestServer;
let browser: Browser;
let alice: Person;
let bob: Person;
let aliceContext: BrowserContext;
let bobContext: BrowserContext;
let a: ChatUi;
let b: ChatUi;

const PASSWORD = 'correct horse battery';
// Each helper builds its own renderer copy (E2E_RENDERER_DIR) so parallel builds do not clobber out/renderer.
const rendererDir = process.env.E2E_RENDERER_DIR;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  [alice, bob] = await Promise.all([startPerson({ serverUrl: server.url, name: 'alice', rendererDir }), startPerson({ serverUrl: server.url, name: 'bob', rendererDir })]);
  [aliceContext, bobContext] = await Promise.all([newPersonContext(browser), newPersonContext(browser)]);
  a = new ChatUi(await aliceContext.newPage(), english);
  b = new ChatUi(await bobContext.newPage(), english);
  await Promise.all([a.page.goto(alice.url), b.page.goto(bob.url)]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([alice?.dispose(), bob?.dispose()]);
  await server?.stop({ removeData: true });
});

async function noErrorsIn(page: Page) {
  // A failed render would leave an empty root; the app shell or sign-in is always there.
  expect(await page.locator('#root').innerHTML()).not.toBe('');
}

describe('two people chatting in Chromium through web hosts', () => {
  it('A1 two people sign up through the UI', async () => {
    await visible(a.page.getByRole('heading', { name: 'Welcome back' }));
    await screenshot(a.page, 'en-light-sign-in');
    await a.page.getByRole('button', { name: 'Create an account' }).click();
    await a.page.getByRole('button', { name: 'Create account', exact: true }).click();
    // Empty fields are named, not sent.
    await visible(a.page.getByText('A UserID is 1–32 letters, digits, “_” or “-”.'));
    await visible(a.page.getByText('A password has at least 8 characters.'));
    await screenshot(a.page, 'en-light-sign-up-errors');
    // The server address opens for editing, and a bad one is named before anything is sent.
    await a.page.getByRole('button', { name: 'Change the server address' }).click();
    await a.page.getByLabel('Server address').fill('not a url');
    await a.page.getByRole('button', { name: 'Create account', exact: true }).click();
    await visible(a.page.getByText('Enter a server address such as http://localhost:8080.'));
    await a.page.getByLabel('Server address').fill(server.url);
    await a.page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await a.signUp('alice', 'Alice', PASSWORD, server.url);
    await b.signUp('bob', 'Bob', PASSWORD, server.url);
    await visible(a.page.getByRole('heading', { name: 'No conversations yet' }));
    await screenshot(a.page, 'en-light-empty-list');
    await noErrorsIn(b.page);
  });

  it('A1 a taken UserID is refused with a clear message', async () => {
    const context = await newPersonContext(browser);
    const mallory = await startPerson({ serverUrl: server.url, name: 'mallory', rendererDir });
    try {
      const m = new ChatUi(await context.newPage());
      await m.page.goto(mallory.url);
      await m.page.getByRole('button', { name: 'Create an account' }).click();
      await m.page.getByLabel('UserID', { exact: true }).fill('alice');
      await m.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await m.page.getByRole('button', { name: 'Create account', exact: true }).click();
      await visible(m.page.getByRole('alert').filter({ hasText: 'That UserID is already taken. Try another one.' }));
      await screenshot(m.page, 'en-light-sign-up-taken');
    } finally {
      await context.close();
      await mallory.dispose();
    }
  });

  it('R1 starting a chat with an unknown UserID says so and opens nothing', async () => {
    const dialog = await a.startChat('nobody_here');
    await visible(dialog.getByText('Nobody on this server has the UserID “nobody_here”. Check the spelling.'));
    await screenshot(a.page, 'en-light-new-chat-unknown');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await gone(dialog);
    expect(await a.nav.getByRole('listitem').count()).toBe(0);
  });

  it('M3 one person starts a chat by UserID; messages flow both ways; unread badge and read state', async () => {
    const dialog = await a.startChat('bob');
    await gone(dialog);
    await visible(a.page.getByRole('heading', { name: 'Say hello to Bob' }));
    await a.send('Bob', 'Hi Bob! Lunch today?');

    // Bob has not opened the chat: the badge says one unread message.
    const bobsRow = b.row('Alice');
    await visible(bobsRow.getByText('1 unread message'));
    await visible(bobsRow.getByText('Hi Bob! Lunch today?'));
    await screenshot(b.page, 'en-light-unread-badge');
    // Alice sees it delivered, not read.
    await visible(a.message('Bob', 'Hi Bob! Lunch today?').getByRole('img', { name: 'Sent' }));

    await b.open('Alice');
    await visible(b.message('Alice', 'Hi Bob! Lunch today?'));
    await gone(bobsRow.getByText('1 unread message'));
    // M6: opening it marks it read, and Alice's tick turns into "Read".
    await visible(a.message('Bob', 'Hi Bob! Lunch today?').getByRole('img', { name: 'Read' }));

    await b.send('Alice', 'Sure, 12:30 at the usual place.');
    await visible(a.message('Bob', 'Sure, 12:30 at the usual place.'));
    expect(await a.messageTexts('Bob')).toEqual(['Hi Bob! Lunch today?', 'Sure, 12:30 at the usual place.']);
    await screenshot(a.page, 'en-light-chat');
  });

  it('M9 the typing indicator stays while the other person keeps typing, and goes when they stop or send', async () => {
    const indicator = a.page.getByRole('main').getByText('Bob is typing…');
    // Key by key for about 9 s, as a person would: longer than one notice lasts, so it holds only if renewals keep it.
    const typed = 'Let me check my calendar first, I think I have a meeting at noon, maybe not.';
    let typingDone = false;
    const typing = b.composer('Alice').pressSequentially(typed, { delay: 120 }).finally(() => (typingDone = true));
    await visible(indicator);
    await visible(a.row('Bob').getByText('Bob is typing…'));
    await screenshot(a.page, 'en-light-typing');
    const shownAt = Date.now();
    const gaps: number[] = [];
    while (!typingDone) {
      if (!(await indicator.isVisible())) gaps.push(Date.now() - shownAt);
      await a.page.waitForTimeout(200);
    }
    await typing;
    expect(Date.now() - shownAt).toBeGreaterThan(7000);
    expect(gaps).toEqual([]);

    // Bob stops typing: the notice lapses (the core's call, a few seconds later).
    await gone(indicator, 15_000);

    // Bob types again and sends: his message ends the indicator at once, without waiting for the lapse.
    await b.composer('Alice').press('Backspace');
    await visible(indicator);
    const sentAt = Date.now();
    await b.composer('Alice').press('Enter');
    await visible(a.message('Bob', 'I think I have a meeting at noon'));
    await gone(indicator, 3000);
    expect(Date.now() - sentAt).toBeLessThan(4000);
  });

  it('D4 Enter that confirms an IME candidate never sends; a plain Enter does; Shift+Enter is a new line', async () => {
    const composer = a.composer('Bob');
    await composer.fill('');
    await composer.focus();
    const ime = await InputMethod.attach(a.page);
    try {
      // Chromium's own composition, then a real Enter while it is open (the browser sets isComposing).
      await ime.compose('ni', 'nihao', '你好');
      await ime.pressEnterWhileComposing();
      await ime.commit('你好');
      // Safari's shape of the same Enter: keyCode 229, composition already over.
      await ime.pressEnterAsProcessKey();
    } finally {
      await ime.detach();
    }
    await a.page.waitForTimeout(500);
    // The browser lets the composing Enter through (a real IME swallows it), hence a trailing line break at most.
    expect((await composer.inputValue()).trimEnd()).toBe('你好');
    expect(await a.message('Bob', '你好').count()).toBe(0);

    await composer.fill('你好');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('世界');
    expect(await composer.inputValue()).toBe('你好\n世界');
    await composer.press('Enter');
    await visible(a.message('Bob', '你好'));
    expect(await composer.inputValue()).toBe('');
    await visible(b.message('Alice', '世界'));
  });

  it('M4 messages sent while the other person is offline arrive in order when they come back', async () => {
    await bob.close();
    await visible(b.page.getByRole('heading', { name: 'Lost touch with the app' }));
    for (const text of ['one', 'two', 'three']) await a.send('Bob', text);
    for (const text of ['one', 'two', 'three']) {
      // Stored by the server, but nobody has read them.
      await visible(a.message('Bob', text).getByRole('img', { name: 'Sent' }));
    }
    await screenshot(a.page, 'en-light-sent-while-peer-offline');

    await bob.restart();
    await b.page.goto(bob.url);
    await visible(b.row('Alice').getByText('3 unread messages'));
    await b.open('Alice');
    await visible(b.message('Alice', 'three'));
    expect((await b.messageTexts('Alice')).slice(-3)).toEqual(['one', 'two', 'three']);
    await visible(a.message('Bob', 'three').getByRole('img', { name: 'Read' }));
  });

  it('M4 a restarted web host shows history before the network returns, queues sends, and recovers', async () => {
    // Erin has an account, but Alice's device has never heard of her.
    await registerUser(server, 'erin', PASSWORD, 'Erin');
    const port = server.port;
    await server.stop();
    await alice.restart();
    await a.page.goto(alice.url);

    // History comes from the local store, with the server still down.
    await a.open('Bob');
    await visible(a.message('Bob', 'Sure, 12:30 at the usual place.'));
    const banner = a.page.getByRole('status').filter({ hasText: /Cannot reach the server|offline|Connecting/ });
    await visible(banner);
    // While the countdown ticks on screen, a screen reader hears the state only, not a number every second.
    const slot = a.page.locator('.connection-banner-slot');
    const heardDuringCountdown: string[] = [];
    for (let i = 0; i < 100 && heardDuringCountdown.length < 3; i++) {
      const [shown, heard] = await Promise.all([slot.innerText(), slot.ariaSnapshot()]);
      if (/Reconnecting in \d+ s/.test(shown)) heardDuringCountdown.push(heard);
      await a.page.waitForTimeout(300);
    }
    expect(heardDuringCountdown.length).toBeGreaterThan(0);
    // The two reads are not atomic: a retry may start between them, so "Connecting" may be heard too — never a number.
    for (const heard of heardDuringCountdown) expect(heard).toMatch(/^- status: (Cannot reach the server\.|Connecting to the server…)$/);
    await a.send('Bob', 'Written while the server was down');
    await visible(a.message('Bob', 'Written while the server was down').getByRole('img', { name: 'Sending' }));
    await screenshot(a.page, 'en-light-offline-pending');

    // R1 offline: a chat with someone never seen opens on trust, never "Nobody on this server has that UserID".
    const dialog = await a.startChat('erin');
    await gone(dialog);
    await a.send('erin', 'Hi Erin, written while offline');
    await a.open('Bob');

    server = await startTestServer({ port, dataDir: server.dataDir });
    await gone(banner, 60_000);
    await visible(a.message('Bob', 'Written while the server was down').getByRole('img', { name: /Sent|Read/ }), 60_000);
    await visible(b.message('Alice', 'Written while the server was down'), 60_000);
    await a.open('Erin');
    await visible(a.message('Erin', 'Hi Erin, written while offline').getByRole('img', { name: /Sent|Read/ }), 60_000);
  });

  it('M4 older messages load as the person scrolls up, in order, down to the beginning', async () => {
    // Carol writes from a plain socket client: 120 messages, more than two pages.
    await registerUser(server, 'carol', PASSWORD, 'Carol');
    const carol = await connectTestClient(server, 'carol');
    const texts = Array.from({ length: 120 }, (_, i) => `Carol's note ${String(i + 1).padStart(3, '0')}`);
    try {
      for (const [i, text] of texts.entries()) {
        await call(carol, 'message:send', { clientMsgId: `carol-note-${String(i).padStart(4, '0')}`, to: 'alice', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] });
      }
    } finally {
      carol.close();
    }
    await visible(a.row('Carol').getByText("Carol's note 120"));
    await a.open('Carol');
    await visible(a.message('Carol', "Carol's note 120"));
    expect(await a.message('Carol', "Carol's note 001").count()).toBe(0);

    const timeline = a.timeline('Carol');
    const beginning = a.page.getByText('This is the beginning of your conversation with Carol.');
    await timeline.hover();
    for (let i = 0; i < 60 && !(await beginning.isVisible()); i++) {
      await a.page.mouse.wheel(0, -2500);
      await a.page.waitForTimeout(150);
    }
    await visible(beginning);
    await visible(a.message('Carol', "Carol's note 001"));
    const top = (await a.messageTexts('Carol')).slice(0, 3);
    expect(top).toEqual(["Carol's note 001", "Carol's note 002", "Carol's note 003"]);
    await screenshot(a.page, 'en-light-history-beginning');
  });

  it('M6 someone scrolled up reading history sends no read receipt for new messages until they scroll down to them', async () => {
    // Bob's phone (a second device) fills the chat, so Alice has a long history to read back through.
    const bobsPhone = await connectTestClient(server, 'bob');
    try {
      for (let i = 1; i <= 80; i++) {
        const text = `Bob's old note ${String(i).padStart(3, '0')}`;
        await call(bobsPhone, 'message:send', { clientMsgId: `bob-phone-${String(i).padStart(4, '0')}`, to: 'alice', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }] });
      }
    } finally {
      bobsPhone.close();
    }
    await a.open('Bob');
    await visible(a.message('Bob', "Bob's old note 080"));
    await gone(a.row('Bob').getByText(/unread message/));

    // Alice scrolls up to read older notes.
    await a.timeline('Bob').hover();
    for (let i = 0; i < 40 && !(await a.message('Bob', "Bob's old note 020").isVisible()); i++) {
      await a.page.mouse.wheel(0, -800);
      await a.page.waitForTimeout(100);
    }
    await visible(a.message('Bob', "Bob's old note 020"));

    await b.send('Alice', 'Are you reading all of that?');
    const bobsMessage = b.message('Alice', 'Are you reading all of that?');
    await visible(a.row('Bob').getByText('1 unread message'));
    await visible(bobsMessage.getByRole('img', { name: 'Sent' }));
    // Long enough for a receipt to make the round trip, had one been sent.
    await a.page.waitForTimeout(2000);
    expect(await bobsMessage.getByRole('img', { name: 'Read' }).count()).toBe(0);
    await visible(a.row('Bob').getByText('1 unread message'));
    const jump = a.page.getByRole('button', { name: 'Jump to the latest messages (1 new message)' });
    await visible(jump);
    await screenshot(a.page, 'en-light-scrolled-up-unread');

    // The way back down brings it on screen: only now is it read, and the button goes away.
    await jump.click();
    await visible(a.message('Bob', 'Are you reading all of that?'));
    await visible(bobsMessage.getByRole('img', { name: 'Read' }));
    await gone(a.row('Bob').getByText('1 unread message'));
    await gone(a.page.getByRole('button', { name: /Jump to the latest messages/ }));
  });

  it('M6 a message that arrives while the window is in the background stays unread until the person comes back', async () => {
    // Alice reads to the very end, so new messages come into view as they arrive.
    await a.timeline('Bob').hover();
    for (let i = 0; i < 5; i++) await a.page.mouse.wheel(0, 2000);
    const focus = await aliceContext.newCDPSession(a.page);
    // Playwright makes every page think it has focus; switch that off so another page can take it.
    await focus.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const elsewhere = await aliceContext.newPage();
    try {
      await elsewhere.bringToFront();
      expect(await a.page.evaluate(() => document.hasFocus())).toBe(false);

      await b.send('Alice', 'Ping while you are away');
      // On Alice's screen (she was at the bottom), but she is not looking.
      await visible(a.message('Bob', 'Ping while you are away'));
      await visible(a.row('Bob').getByText('1 unread message'));
      await a.page.waitForTimeout(2000);
      const bobsMessage = b.message('Alice', 'Ping while you are away');
      expect(await bobsMessage.getByRole('img', { name: 'Read' }).count()).toBe(0);

      await a.page.bringToFront();
      await visible(bobsMessage.getByRole('img', { name: 'Read' }));
      await gone(a.row('Bob').getByText('1 unread message'));
    } finally {
      await elsewhere.close();
      await focus.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      await focus.detach();
    }
  });

  it('M3 a send the server refuses for good shows "Not sent" with a retry, and a retry never duplicates it', async () => {
    await registerUser(server, 'dave', PASSWORD, 'Dave');
    await gone(await a.startChat('dave'));
    // An admin deletes Dave's account through the REST API (S1) before Alice writes.
    const query = new URLSearchParams({
      sdkappid: String(server.sdkAppId),
      identifier: 'administrator',
      usersig: mintTestUserSig(server, 'administrator'),
      random: '42',
      contenttype: 'json',
    });
    const reply = await fetch(`${server.url}/v4/im_open_login_svc/account_delete?${query}`, {
      method: 'POST',
      body: JSON.stringify({ DeleteItem: [{ UserID: 'dave' }] }),
    });
    expect(((await reply.json()) as { ActionStatus: string }).ActionStatus).toBe('OK');

    await a.send('Dave', 'Are you still there?');
    const message = a.message('Dave', 'Are you still there?');
    await visible(message.getByRole('img', { name: 'Not sent' }));
    const retry = message.getByRole('button', { name: 'Retry sending this message' });
    await visible(retry);
    await screenshot(a.page, 'en-light-send-failed');
    await retry.click();
    await visible(message.getByRole('img', { name: 'Not sent' }));
    expect(await message.count()).toBe(1);
  });

  it('M12 a long conversation list renders only the rows on screen, and every chat stays reachable', async () => {
    const before = await a.nav.getByRole('listitem').count();
    // 150 pen pals write to Alice through the REST API (S1), each starting a conversation.
    const penPals = Array.from({ length: 150 }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { userId: `penpal_${n}`, nickname: `Pen pal ${n}` };
    });
    await server.app.services.accounts.importAccounts(penPals);
    const query = new URLSearchParams({
      sdkappid: String(server.sdkAppId),
      identifier: 'administrator',
      usersig: mintTestUserSig(server, 'administrator'),
      random: '99',
      contenttype: 'json',
    });
    for (const [i, pal] of penPals.entries()) {
      const body = { From_Account: pal.userId, To_Account: 'alice', MsgRandom: i + 1, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `Hello from ${pal.nickname}` } }] };
      const reply = await fetch(`${server.url}/v4/openim/sendmsg?${query}`, { method: 'POST', body: JSON.stringify(body) });
      expect(((await reply.json()) as { ActionStatus: string }).ActionStatus).toBe('OK');
    }
    await visible(a.row('Pen pal 150'));
    await screenshot(a.page, 'en-light-long-list');

    // One list with every conversation in it, of which only those on screen exist in the page.
    const rows = a.nav.getByRole('listitem');
    expect(await a.nav.getByRole('list').count()).toBe(1);
    expect(await rows.count()).toBeLessThan(40);
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(before + 150));
    expect(await rows.first().getAttribute('aria-posinset')).toBe('1');

    // Bob's chat is older than all of them: scrolling down the list reaches it.
    await rows.first().hover();
    for (let i = 0; i < 60 && !(await a.row('Bob').isVisible()); i++) {
      await a.page.mouse.wheel(0, 1500);
      await a.page.waitForTimeout(100);
    }
    await a.open('Bob');
    await visible(a.message('Bob', 'Ping while you are away'));
    expect(await rows.count()).toBeLessThan(40);
  });

  it('looks right in dark mode too', async () => {
    await a.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(a.page, 'en-dark-chat');
    await a.nav.getByRole('button', { name: 'Settings' }).click();
    await visible(a.page.getByRole('dialog', { name: 'Settings' }));
    await screenshot(a.page, 'en-dark-settings');
    await a.page.keyboard.press('Escape');
    await a.page.emulateMedia({ colorScheme: 'light' });
  });

  it('the web host refuses a WebSocket without its token, or from another page', async () => {
    const origin = alice.host?.origin ?? '';
    const withoutToken = await a.page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onclose = () => resolve('refused');
        }),
      `${origin.replace('http', 'ws')}/bridge`,
    );
    expect(withoutToken).toBe('refused');

    const stranger = await aliceContext.newPage();
    await stranger.goto('data:text/html,<title>elsewhere</title>');
    const fromElsewhere = await stranger.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url);
          socket.onopen = () => resolve('open');
          socket.onclose = () => resolve('refused');
        }),
      `${origin.replace('http', 'ws')}/bridge?token=${alice.host?.token ?? ''}`,
    );
    expect(fromElsewhere).toBe('refused');
    await stranger.close();
  });
});
