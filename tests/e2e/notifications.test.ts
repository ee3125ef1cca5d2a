import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callV4, importFriends } from '../../server/src/testing/v4Client';
import { launchBrowser, screenshot } from '../support/browser';
import { registerUser, startTestServer, type TestServer } from '../support/server';
import { gone, visible, type ChatUi } from './chatUi';
import { type Crowd, closeCrowd, openPerson } from './people';

/**
 * System notifications for new messages while the app is in the background (M12, G4 receive options). The
 * operating system's notification is outside the page, so Bob's page records each one the app asks for (title,
 * body) while still creating the real one; a person "switching to another app" is the window losing focus.
 */
let server: TestServer;
let crowd: Crowd | null = null;
let a: ChatUi;
let b: ChatUi;
let weekend = '';
let random = 0;

const PASSWORD = 'correct horse battery';
const GROUP = 'Weekend plans';

/** Records every notification the page creates; `__notificationClicked(i)` is the person clicking the i-th. */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  const shown = (window.__notifications = []);
  const instances = [];
  class Recorded {
    static get permission() { return Real.permission; }
    static requestPermission() { return Real.requestPermission(); }
    constructor(title, options = {}) {
      this.title = title;
      this.body = options.body ?? '';
      this.tag = options.tag ?? '';
      this.onclick = null;
      this.onclose = null;
      try { this.real = new Real(title, options); } catch { this.real = null; }
      shown.push({ title: this.title, body: this.body, tag: this.tag });
      instances.push(this);
    }
    close() { this.real?.close(); this.onclose?.(); }
  }
  window.Notification = Recorded;
  window.__notificationClicked = (i) => instances[i]?.onclick?.();
})();`;

interface Shown {
  title: string;
  body: string;
  tag: string;
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: Shown[] }).__notifications);
const toBackground = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('blur')));
const toForeground = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

async function sendToGroup(from: string, text: string, atBob = false): Promise<void> {
  const reply = await callV4(server, 'group_open_http_svc/send_group_msg', {
    GroupId: weekend,
    From_Account: from,
    Random: (random += 1),
    MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
    ...(atBob ? { GroupAtInfo: [{ GroupAtAllFlag: 0, GroupAt_Account: 'bob' }] } : {}),
  });
  expect(reply.ActionStatus, reply.ErrorInfo).toBe('OK');
}

beforeAll(async () => {
  server = await startTestServer();
  const people: Crowd = { browser: await launchBrowser(), serverUrl: server.url, hosts: [], contexts: [] };
  crowd = people;
  // Bob's page may notify, and records what it is asked to show.
  const recording = async (context: BrowserContext, origin: string) => {
    await context.grantPermissions(['notifications'], { origin });
    await context.addInitScript(RECORD_NOTIFICATIONS);
  };
  [a, b] = await Promise.all([openPerson(people, 'alice'), openPerson(people, 'bob', { prepare: recording })]);
  await Promise.all([a.signUp('alice', 'Alice', PASSWORD, server.url), b.signUp('bob', 'Bob', PASSWORD, server.url)]);
  await importFriends(server, 'alice', ['bob']);
  // Carol writes in the group (over REST), so that the group's row never reads like Alice's chat.
  await registerUser(server, 'carol', PASSWORD, 'Carol');
  const created = await callV4(server, 'group_open_http_svc/create_group', { Owner_Account: 'alice', Type: 'Work', Name: GROUP, MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }] });
  expect(created.ActionStatus, created.ErrorInfo).toBe('OK');
  weekend = created.GroupId as string;
  // A Work group comes to life with its first message (G1); the owner's, then Carol's.
  await sendToGroup('alice', 'Welcome!');
  await sendToGroup('carol', 'Who is around on Saturday?');
  await gone(await a.startChat('bob'));
  await a.send('Bob', 'Hi Bob');
  await visible(b.row(GROUP).getByText('Carol: Who is around on Saturday?'));
  await visible(b.row('Alice'));
});

afterAll(async () => {
  await closeCrowd(crowd);
  await server?.stop({ removeData: true });
});

describe('new-message notifications', () => {
  it('M12 in the background a new message notifies with who wrote it and what; clicking opens that chat', async () => {
    const settingsButton = b.nav.getByRole('button', { name: 'Settings' });
    await settingsButton.click();
    const settings = b.page.getByRole('dialog', { name: 'Settings' });
    expect(await settings.getByRole('switch', { name: 'New message notifications' }).isChecked()).toBe(true);
    expect(await settings.getByRole('switch', { name: 'Show message text' }).isChecked()).toBe(true);
    await screenshot(b.page, 'notifications-settings');
    await settings.getByRole('button', { name: 'Close' }).click();
    await gone(settings);

    await toBackground(b.page);
    await a.send('Bob', 'Lunch at noon?');
    await expect.poll(() => shown(b.page), { timeout: 15_000 }).toEqual([{ title: 'Alice', body: 'Lunch at noon?', tag: 'c2c_alice' }]);

    await b.page.evaluate(() => (window as unknown as { __notificationClicked(i: number): void }).__notificationClicked(0));
    await visible(b.message('Alice', 'Lunch at noon?'));
  });

  it('G4 a group set to "only when I’m @mentioned" stays quiet for ordinary messages and speaks for a mention', async () => {
    await toForeground(b.page);
    await b.open(GROUP);
    await b.page.getByRole('main').getByRole('button', { name: 'Group info' }).click();
    const panel = b.page.getByRole('dialog', { name: 'Group info' });
    await panel.getByLabel('Messages').selectOption({ label: 'Notify only when I’m @mentioned' });
    await expect.poll(() => panel.getByLabel('Messages').inputValue()).toBe('AcceptNotNotifyExceptAt');
    await panel.getByRole('button', { name: 'Close' }).click();
    await b.open('Alice');

    await toBackground(b.page);
    const before = (await shown(b.page)).length;
    await sendToGroup('carol', 'Plain note about the picnic');
    await sendToGroup('carol', '@Bob can you bring the blanket?', true);
    await expect.poll(async () => (await shown(b.page)).slice(before), { timeout: 15_000 }).toEqual([
      { title: GROUP, body: '[@me] Carol: @Bob can you bring the blanket?', tag: `group_${weekend}` },
    ]);
  });

  it('M12 with message text hidden only the sender is shown; in the foreground nothing is', async () => {
    await toForeground(b.page);
    await b.nav.getByRole('button', { name: 'Settings' }).click();
    const settings = b.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('switch', { name: 'Show message text' }).click();
    expect(await settings.getByRole('switch', { name: 'Show message text' }).isChecked()).toBe(false);
    await settings.getByRole('button', { name: 'Close' }).click();
    await b.open(GROUP);

    await toBackground(b.page);
    const before = (await shown(b.page)).length;
    await a.send('Bob', 'The secret plan');
    await expect.poll(async () => (await shown(b.page)).slice(before), { timeout: 15_000 }).toEqual([{ title: 'Alice', body: 'New message', tag: 'c2c_alice' }]);

    await toForeground(b.page);
    await a.send('Bob', 'Seen while you look');
    await visible(b.row('Alice').getByText('Seen while you look'));
    expect((await shown(b.page)).slice(before)).toHaveLength(1);
  });
});
