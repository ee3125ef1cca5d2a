import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_PERMISSION } from '../../shared/domain';
import { callV4 } from '../../server/src/testing/v4Client';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible, type Labels } from './chatUi';

/**
 * E5 (ADR 0004 §7, issue 5 G7): a community with two topics and a permission group that may send in one of
 * them, seen by four people on their own web hosts: Alice (owner, light), Bob (a "Speaker", dark), Carol
 * (Simplified Chinese) and Dave. The community and its topics are made through the UI; the permission bits
 * (which the management UI's own e2e covers) are seeded by a second device of Alice's to save time. The tests
 * build on each other, in order.
 */
let server: TestServer;
let browser: Browser;
let aliceDevice: TestCore | null = null;
const people: Person[] = [];
const contexts: BrowserContext[] = [];
let a: ChatUi;
let b: ChatUi;
let c: ChatUi;
let d: ChatUi;
let communityId = '';

const PASSWORD = 'correct horse battery';
const rendererDir = process.env.E2E_RENDERER_DIR;

const chinese: Labels = {
  ...english,
  createAccountLink: '注册新账号',
  createAccountButton: '创建账号',
  displayName: '显示名称',
  password: '密码',
  serverAddress: '服务器地址',
  conversations: '会话',
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

beforeAll(async () => {
  server = await startTestServer({ multiDevice: { mode: 'dual', instancesPerPlatform: 1, webInstances: 2 } });
  browser = await launchBrowser();
  [a, b, c, d] = await Promise.all([person('alice'), person('bob', { colorScheme: 'dark' }), person('carol', { chinese: true }), person('dave')]);
  await Promise.all([
    a.signUp('alice', 'Alice', PASSWORD, server.url),
    b.signUp('bob', 'Bob', PASSWORD, server.url),
    c.signUp('carol', 'Carol', PASSWORD, server.url),
    d.signUp('dave', 'Dave', PASSWORD, server.url),
  ]);
});

afterAll(async () => {
  await aliceDevice?.dispose();
  await browser?.close();
  await Promise.all(people.map((p) => p.dispose()));
  await server?.stop({ removeData: true });
});

const rail = (page: Page, label = 'Sections') => page.getByRole('navigation', { name: label });
const main = (page: Page) => page.getByRole('main');
const communityIcon = (page: Page, name: RegExp, label = 'Sections') => rail(page, label).getByRole('button', { name });
const topics = (page: Page, label = 'Topics of Makers') => page.getByRole('navigation', { name: label });

async function newTopic(page: Page, name: string, from: Locator): Promise<void> {
  await from.click();
  const dialog = page.getByRole('dialog', { name: 'New topic' });
  await dialog.getByLabel('Topic name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await gone(dialog);
}

describe('E5 a community with two topics and a permission group that may send in one', () => {
  it('Alice creates a community from Groups; the rail shows it and its empty topic list offers the first topic', async () => {
    await rail(a.page).getByRole('button', { name: /^Contacts/ }).click();
    await a.page.getByRole('navigation', { name: 'Contacts' }).getByRole('button', { name: /^Groups/ }).click();
    await main(a.page).getByRole('button', { name: 'Create group' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Create a group' });
    await dialog.getByRole('radio', { name: /^Community/ }).check();
    await dialog.getByLabel('Group name', { exact: true }).fill('Makers');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await gone(dialog);
    const profile = main(a.page).getByRole('article', { name: 'Makers' });
    communityId = (await profile.locator('.group-profile__id code').textContent()) ?? '';
    expect(communityId).toMatch(/^@TGS#_/);

    await communityIcon(a.page, /^Makers$/).click();
    await visible(main(a.page).getByRole('heading', { name: 'No topics yet' }));
    await visible(a.page.getByRole('complementary', { name: 'Makers' }).getByText('1 member'));
    await screenshot(a.page, 'community-light-empty');
    await newTopic(a.page, 'announcements', main(a.page).getByRole('button', { name: 'New topic' }));
    // The first topic opens by itself; the header's + makes the second.
    await visible(a.page.getByRole('textbox', { name: 'Message to announcements' }));
    await newTopic(a.page, 'general', a.page.getByRole('complementary', { name: 'Makers' }).getByRole('button', { name: 'New topic' }));
    await visible(topics(a.page).getByRole('button', { name: 'general' }));
    await a.send('announcements', 'Welcome to Makers! Say hi in general.');
  });

  it('Bob, Carol and Dave join; "Speakers" (Bob) may send in general, nobody else but the owner may send in either', async () => {
    const MemberList = ['bob', 'carol', 'dave'].map((Member_Account) => ({ Member_Account }));
    expect((await callV4(server, 'group_open_http_svc/add_group_member', { GroupId: communityId, MemberList })).ActionStatus).toBe('OK');

    aliceDevice = await startTestCore({ serverUrl: server.url, name: 'alice-2' });
    await aliceDevice.call('session:signIn', { serverUrl: server.url, userId: 'alice', password: PASSWORD });
    const { topics: list } = await aliceDevice.waitFor(async () => {
      const listed = await aliceDevice?.call('topics:list', { groupId: communityId });
      return listed && listed.topics.length === 2 ? listed : null;
    });
    const topicOf = (name: string) => list.find((topic) => topic.name === name)?.topicId ?? '';
    const readOnly = TOPIC_PERMISSION.GetTopicHistoryMessage;
    for (const topic of list) await aliceDevice.call('topics:update', { topicId: topic.topicId, defaultPermissions: readOnly });
    const { permissionGroup } = await aliceDevice.call('permissionGroups:create', { groupId: communityId, name: 'Speakers', permissions: 0 });
    await aliceDevice.call('permissionGroups:addMembers', { groupId: communityId, permissionGroupId: permissionGroup.permissionGroupId, userIds: ['bob'] });
    await aliceDevice.call('permissionGroups:setTopicPermissions', {
      topicId: topicOf('general'),
      permissionGroupId: permissionGroup.permissionGroupId,
      permissions: readOnly | TOPIC_PERMISSION.SendTopicMessage,
    });
  });

  it('Bob opens the community from the rail: announcements says why he cannot send, general lets him', async () => {
    // Alice's welcome came before Bob joined: never unread for him (ADR 0004 §3).
    const makers = communityIcon(b.page, /^Makers$/);
    await visible(makers);
    await makers.click();
    // The first topic on screen opens: announcements, with the reason in place of the box.
    await visible(topics(b.page).getByRole('button', { name: 'announcements' }));
    await visible(main(b.page).getByRole('status').filter({ hasText: 'You don’t have permission to send messages in this topic.' }));
    expect(await b.page.getByRole('textbox', { name: 'Message to announcements' }).count()).toBe(0);
    await screenshot(b.page, 'community-dark-refused');

    // ↓ from the open topic moves to general and opens it.
    await topics(b.page).getByRole('button', { name: 'announcements' }).focus();
    await b.page.keyboard.press('ArrowDown');
    const composer = b.page.getByRole('textbox', { name: 'Message to general' });
    await visible(composer);
    await composer.fill('Hi all, Bob here from the speakers.');
    await b.page.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(main(b.page).locator('[data-message-id]').filter({ hasText: 'Hi all, Bob here from the speakers.' }));
    await screenshot(b.page, 'community-dark-general');
  });

  it('Carol sees the unread on the rail and on general before she reads it; reading clears both', async () => {
    const makers = communityIcon(c.page, /^Makers, 1 条未读消息$/, '分区');
    await visible(makers);
    await makers.click();
    const list = topics(c.page, 'Makers 的话题');
    // announcements opens first; general still shows Bob's message as unread.
    await visible(list.getByRole('button', { name: 'general, 1 条未读' }));
    await visible(main(c.page).getByRole('status').filter({ hasText: '你没有在此话题中发言的权限。' }));
    await screenshot(c.page, 'community-zh-unread');
    await list.getByRole('button', { name: 'general, 1 条未读' }).click();
    await visible(main(c.page).getByText('Hi all, Bob here from the speakers.'));
    await visible(list.getByRole('button', { name: 'general' }));
    await visible(communityIcon(c.page, /^Makers$/, '分区'));
    // Carol is not a Speaker: general refuses her too.
    await visible(main(c.page).getByRole('status').filter({ hasText: '你没有在此话题中发言的权限。' }));
    await screenshot(c.page, 'community-zh-general');
  });

  it('the rail remembers each community’s topic, and Chats gets back its own conversation', async () => {
    await rail(c.page, '分区').getByRole('button', { name: /^聊天/ }).click();
    await gone(topics(c.page, 'Makers 的话题'));
    await communityIcon(c.page, /^Makers$/, '分区').click();
    await visible(c.page.getByRole('log').filter({ hasText: 'Hi all, Bob here from the speakers.' }));
    // A topic's own menu mutes it, as a Chats row's does.
    await topics(c.page, 'Makers 的话题').getByRole('button', { name: 'announcements' }).click({ button: 'right' });
    await c.page.getByRole('menu').getByRole('menuitem', { name: '消息免打扰' }).click();
    await visible(topics(c.page, 'Makers 的话题').getByRole('button', { name: 'announcements, 已免打扰' }));
    // Dave, who did nothing, still has Bob's message waiting on his rail; Alice sees it in general.
    await visible(communityIcon(d.page, /^Makers, 1 unread message$/));
    await topics(a.page).getByRole('button', { name: /^general/ }).click();
    await visible(main(a.page).getByText('Hi all, Bob here from the speakers.'));
    await screenshot(a.page, 'community-light-general');
  });

  it('an @mention in a topic puts "@" on the community icon and on the topic until it is read', async () => {
    const composer = a.page.getByRole('textbox', { name: 'Message to general' });
    await composer.click();
    await composer.pressSequentially('@Dav');
    const option = a.page.getByRole('option', { name: /Dave/ });
    await visible(option);
    await option.click();
    await composer.pressSequentially('the workshop is on Friday.');
    await a.page.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(main(a.page).locator('[data-message-id]').filter({ hasText: 'the workshop is on Friday.' }));

    const makers = communityIcon(d.page, /^Makers, 2 unread messages, you were mentioned$/);
    await visible(makers);
    await screenshot(d.page, 'community-light-mention-rail');
    await makers.click();
    const general = topics(d.page).getByRole('button', { name: 'general, 2 unread, mentions you' });
    await visible(general);
    await general.click();
    await visible(main(d.page).getByText('the workshop is on Friday.'));
    await visible(communityIcon(d.page, /^Makers$/));
    await screenshot(d.page, 'community-light-mention-read');
  });
});
