import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callV4 } from '../../server/src/testing/v4Client';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible, type Labels } from './chatUi';

/**
 * ADR 0004 WP8 in Chromium with four people on their own web hosts, in a Public group "Hikers" set up over
 * REST (group management has its own e2e): Alice owns it (light), Bob (dark), Carol (Simplified Chinese) and
 * Dave, an admin (dark). E2: Dave mutes Bob from the group info panel; Bob's composer becomes the reason and
 * comes back when unmuted. E3: Carol @-mentions Bob with the picker; Bob, in another chat, sees "[@me]" and
 * the highlighted message when he opens the group. The tests build on each other, in order.
 */
let server: TestServer;
let browser: Browser;
const people: Person[] = [];
const contexts: BrowserContext[] = [];
let a: ChatUi;
let b: ChatUi;
let c: ChatUi;
let d: ChatUi;
let groupId = '';
let random = 1;

const PASSWORD = 'correct horse battery';
const GROUP = 'Hikers';
const rendererDir = process.env.E2E_RENDERER_DIR;

const chinese: Labels = {
  ...english,
  createAccountLink: '注册新账号',
  createAccountButton: '创建账号',
  displayName: '显示名称',
  password: '密码',
  serverAddress: '服务器地址',
  conversations: '会话',
  send: '发送',
  messageTo: (name) => `发给 ${name} 的消息`,
  messagesWith: (name) => `与 ${name} 的消息`,
};

async function person(name: string, options: { colorScheme?: 'light' | 'dark'; chinese?: boolean } = {}): Promise<ChatUi> {
  const host = await startPerson({ serverUrl: server.url, name, rendererDir });
  const context = await newPersonContext(browser, { colorScheme: options.colorScheme ?? 'light', locale: options.chinese ? 'zh-CN' : 'en-US' });
  people.push(host);
  contexts.push(context);
  const ui = new ChatUi(await context.newPage(), options.chinese ? chinese : english);
  await ui.page.goto(host.url);
  return ui;
}

const text = (value: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: value } }];

async function sendOverRest(from: string, value: string): Promise<void> {
  const reply = await callV4(server, 'group_open_http_svc/send_group_msg', { GroupId: groupId, From_Account: from, Random: (random += 1), MsgBody: text(value) });
  expect(reply.ActionStatus, reply.ErrorInfo).toBe('OK');
}

beforeAll(async () => {
  server = await startTestServer({ multiDevice: { mode: 'dual', instancesPerPlatform: 1, webInstances: 2 } });
  browser = await launchBrowser();
  [a, b, c, d] = await Promise.all([
    person('alice'),
    person('bob', { colorScheme: 'dark' }),
    person('carol', { chinese: true }),
    person('dave', { colorScheme: 'dark' }),
  ]);
  await Promise.all([
    a.signUp('alice', 'Alice', PASSWORD, server.url),
    b.signUp('bob', 'Bob', PASSWORD, server.url),
    c.signUp('carol', 'Carol', PASSWORD, server.url),
    d.signUp('dave', 'Dave', PASSWORD, server.url),
  ]);
  const created = await callV4(server, 'group_open_http_svc/create_group', {
    Owner_Account: 'alice',
    Type: 'Public',
    Name: GROUP,
    Introduction: 'Sunday walks in the hills.',
    Notification: 'Meet at the station at 8.',
    MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }, { Member_Account: 'dave', Role: 'Admin' }],
  });
  expect(created.ActionStatus, created.ErrorInfo).toBe('OK');
  groupId = created.GroupId as string;
  // The first message lists the group conversation for everyone.
  await sendOverRest('alice', 'Welcome to Hikers!');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(people.map((p) => p.dispose()));
  await server?.stop({ removeData: true });
});

const main = (page: Page) => page.getByRole('main');

function infoPanel(page: Page, title = 'Group info'): Locator {
  return page.getByRole('dialog', { name: title });
}

function memberRow(panel: Locator, name: string): Locator {
  return panel.getByRole('list', { name: `Members of ${GROUP}` }).getByRole('button', { name: new RegExp(`^Manage ${name}`) });
}

async function openGroup(ui: ChatUi): Promise<void> {
  await visible(ui.row(GROUP));
  await ui.open(GROUP);
}

describe('group chat actions with four people (ADR 0004 E2, E3)', () => {
  it('E2 an admin mutes Bob from the group info panel: Bob sees why he cannot send, and can again when unmuted', async () => {
    await Promise.all([openGroup(b), openGroup(d)]);
    await main(d.page).getByRole('button', { name: 'Group info' }).click();
    const panel = infoPanel(d.page);
    await visible(panel.getByText('Sunday walks in the hills.'));
    await visible(panel.getByText('People find it and apply; an admin approves.'));
    await visible(memberRow(panel, 'Bob'));
    await screenshot(d.page, 'group-chat-dark-info-panel');

    await memberRow(panel, 'Bob').click();
    const card = d.page.getByRole('dialog', { name: 'Bob' });
    await card.getByLabel('Mute for').selectOption({ label: '10 minutes' });
    await card.getByRole('button', { name: 'Mute', exact: true }).click();
    await visible(card.getByRole('button', { name: 'Unmute' }));

    // Bob's composer is replaced by the reason, with the time the mute ends.
    const banner = main(b.page).getByRole('status').filter({ hasText: /You’re muted in this group until/ });
    await visible(banner);
    await gone(b.composer(GROUP));
    expect(await main(b.page).getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
    await screenshot(b.page, 'group-chat-dark-muted-banner');

    await card.getByRole('button', { name: 'Unmute' }).click();
    await visible(card.getByRole('button', { name: 'Mute', exact: true }));
    await card.getByRole('button', { name: 'Close' }).click();
    await panel.getByRole('button', { name: 'Close group info' }).click();
    await gone(panel);

    await gone(banner);
    await visible(b.composer(GROUP));
    await b.send(GROUP, 'Thanks, back again');
    await visible(d.message(GROUP, 'Thanks, back again'));
  });

  it('E3 Carol @-mentions Bob with the picker; Bob, in another chat, sees [@me] and the highlighted message', async () => {
    // Bob is elsewhere: a one-to-one chat with Alice.
    const dialog = await b.startChat('alice');
    await gone(dialog);
    await visible(b.composer('Alice'));

    await openGroup(c);
    const composer = c.composer(GROUP);
    await composer.click();
    await composer.pressSequentially('@');
    const picker = c.page.getByRole('listbox', { name: '提及成员' });
    await visible(picker);
    // Ordinary members may @All in a Public group: it comes first, then the members (never Carol herself).
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('@所有人');
    await visible(picker.getByRole('option', { name: /Bob/ }));
    expect(await picker.getByRole('option', { name: /Carol/ }).count()).toBe(0);
    expect(await composer.getAttribute('aria-activedescendant')).toBeTruthy();
    await screenshot(c.page, 'group-chat-zh-mention-picker');
    await composer.press('ArrowDown');
    await expect.poll(() => picker.locator('[aria-selected="true"]').textContent()).not.toContain('@所有人');
    await composer.press('ArrowUp');
    // Typing narrows the list to Bob; Enter picks him (and does not send).
    await composer.pressSequentially('B');
    await expect.poll(() => picker.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Bob')]);
    await composer.press('Enter');
    await gone(picker);
    expect(await composer.inputValue()).toBe('@Bob ');
    await composer.pressSequentially('see the map?');
    await c.page.getByRole('button', { name: '发送', exact: true }).click();
    await visible(c.message(GROUP, '@Bob see the map?'));

    // Bob's list row says he was mentioned; opening it, the message is highlighted.
    await visible(b.row(GROUP).getByText('[@me]'));
    await screenshot(b.page, 'group-chat-dark-mention-row');
    await b.open(GROUP);
    const mentioned = b.message(GROUP, '@Bob see the map?');
    await visible(mentioned);
    await expect.poll(() => mentioned.getAttribute('class')).toContain('timeline-item--mention');
    await screenshot(b.page, 'group-chat-dark-mention-highlight');
  });

  it('M8 with M12: a draft holding a picked mention survives a reload and still mentions Bob when sent', async () => {
    await b.open('Alice');
    const composer = c.composer(GROUP);
    await composer.click();
    await composer.pressSequentially('@Bo');
    await visible(c.page.getByRole('listbox', { name: '提及成员' }).getByRole('option', { name: /Bob/ }));
    await composer.press('Enter');
    await composer.pressSequentially('the draft was kept');
    // The draft is kept shortly after typing stops (DRAFT_SAVE_DELAY_MS), then the page starts afresh.
    await c.page.waitForTimeout(1500);
    await c.page.reload();
    await openGroup(c);
    await expect.poll(() => c.composer(GROUP).inputValue()).toBe('@Bob the draft was kept');
    await c.page.getByRole('button', { name: '发送', exact: true }).click();
    await visible(c.message(GROUP, '@Bob the draft was kept'));
    await visible(b.row(GROUP).getByText('[@me]'));
  });

  it('the picker in English offers @All to the owner first and Esc closes it; the read-receipt toggle asks for receipts on the next sends', async () => {
    await openGroup(a);
    const composer = a.composer(GROUP);
    await composer.click();
    await composer.pressSequentially('@');
    const picker = a.page.getByRole('listbox', { name: 'Mention someone' });
    await visible(picker);
    await visible(picker.getByRole('option').first().filter({ hasText: '@All' }));
    await screenshot(a.page, 'group-chat-light-mention-picker');
    await composer.press('Escape');
    await gone(picker);
    await visible(composer);
    await composer.fill('');

    // M6: the receipt toggle stays on for the next sends, which then show their read counts; off again, none.
    const toggle = main(a.page).getByRole('button', { name: 'Request read receipt' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await visible(main(a.page).getByText('Read receipt requested: members’ reads are counted for your next messages.'));
    await a.send(GROUP, 'Who is coming on Sunday?');
    await visible(a.message(GROUP, 'Who is coming on Sunday?').getByRole('button', { name: /unread|All read/ }));
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await a.send(GROUP, 'No receipt for this one');
    expect(await a.message(GROUP, 'No receipt for this one').getByRole('button', { name: /unread|All read/ }).count()).toBe(0);
  });

  it('the info panel in Chinese', async () => {
    await main(c.page).getByRole('button', { name: '群资料' }).click();
    const panel = infoPanel(c.page, '群资料');
    await visible(panel.getByText('Sunday walks in the hills.'));
    await visible(panel.getByRole('button', { name: '清空聊天记录' }));
    await screenshot(c.page, 'group-chat-zh-info-panel');
    await panel.getByRole('button', { name: '关闭群资料' }).click();
    await gone(panel);
  });

  it('mute-all: Carol (Chinese) sees why at once, Dave the admin still sends, and her composer returns when it is lifted', async () => {
    const muteAll = async (on: boolean) => {
      const reply = await callV4(server, 'group_open_http_svc/modify_group_base_info', { GroupId: groupId, ShutUpAllMember: on ? 'On' : 'Off' });
      expect(reply.ActionStatus, reply.ErrorInfo).toBe('OK');
    };
    await muteAll(true);
    const banner = main(c.page).getByRole('status').filter({ hasText: '全员禁言中，只有群主和管理员可以发言。' });
    await visible(banner);
    await gone(c.composer(GROUP));
    await screenshot(c.page, 'group-chat-zh-muted-all-banner');
    // Admins are not silenced by mute-all.
    await visible(d.composer(GROUP));
    await d.send(GROUP, 'Admins can still post');
    await visible(c.message(GROUP, 'Admins can still post'));
    await muteAll(false);
    await gone(banner);
    await visible(c.composer(GROUP));
  });
});
