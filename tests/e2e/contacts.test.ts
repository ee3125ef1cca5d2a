import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { callV4 } from '../../server/src/testing/v4Client';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';

/**
 * Issue 4 in Chromium with three people on their own web hosts: Alice (light),
 * Bob (dark) and Carol, against one server whose multi-device policy allows
 * two web devices at once. The tests build on each other, in order.
 */
let server: TestServer;
let browser: Browser;
const people: Person[] = [];
const contexts: BrowserContext[] = [];
let bob: Person;
let a: ChatUi;
let b: ChatUi;

const PASSWORD = 'correct horse battery';
const rendererDir = process.env.E2E_RENDERER_DIR;

async function person(name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ host: Person; ui: ChatUi }> {
  const host = await startPerson({ serverUrl: server.url, name, rendererDir });
  const context = await newPersonContext(browser, { colorScheme });
  people.push(host);
  contexts.push(context);
  const ui = new ChatUi(await context.newPage(), english);
  await ui.page.goto(host.url);
  return { host, ui };
}

beforeAll(async () => {
  server = await startTestServer({ multiDevice: { mode: 'dual', instancesPerPlatform: 1, webInstances: 2 } });
  browser = await launchBrowser();
  [{ ui: a }, { host: bob, ui: b }] = await Promise.all([person('alice'), person('bob', 'dark')]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(people.map((p) => p.dispose()));
  await server?.stop({ removeData: true });
});

const rail = (page: Page) => page.getByRole('navigation', { name: 'Sections' });
const contactsNav = (page: Page) => page.getByRole('navigation', { name: 'Contacts' });
/** A friend's row in the contacts list, by the name shown. */
const contactRow = (page: Page, name: string): Locator => contactsNav(page).getByRole('button', { name: new RegExp(`^(Online |Offline )?${name}(\\s|$)`) });

async function openContacts(page: Page): Promise<void> {
  await rail(page).getByRole('button', { name: /^Contacts/ }).click();
  await visible(contactsNav(page));
}

async function openChats(page: Page): Promise<void> {
  await rail(page).getByRole('button', { name: /^Chats/ }).click();
}

async function signIn(page: Page, userId: string): Promise<void> {
  await visible(page.getByRole('heading', { name: 'Welcome back' }));
  await page.getByLabel('UserID', { exact: true }).fill(userId);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('contacts, profiles, presence and devices with three people', () => {
  it('R1 R2 a friend request with wording; the new-friends badge; accept with a remark and a list (R4)', async () => {
    await Promise.all([a.signUp('alice', 'Alice', PASSWORD, server.url), b.signUp('bob', 'Bob', PASSWORD, server.url)]);

    await openContacts(a.page);
    await visible(a.page.getByRole('heading', { name: 'No friends yet' }));
    await screenshot(a.page, 'contacts-light-empty');
    await contactsNav(a.page).getByRole('button', { name: 'Add friend' }).first().click();
    const dialog = a.page.getByRole('dialog', { name: 'Add a friend' });
    const query = dialog.getByLabel('UserID or nickname', { exact: true });
    await query.fill('nobody_here');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await visible(dialog.getByText(/^No one found for “nobody_here”/));
    await query.fill('alice');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await visible(dialog.getByText('That is your own UserID. Enter someone else’s.'));
    // R1: Bob has not (yet) let people find him by nickname, so the start of it finds nobody.
    await query.fill('Bo');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await visible(dialog.getByText(/^No one found for “Bo”/));
    await query.fill('bob');
    await dialog.getByRole('button', { name: 'Find' }).click();
    // Bob's card as a stranger sees it, and the request form (Bob reviews requests: NeedConfirm by default).
    const wording = dialog.getByLabel('Message to Bob');
    await visible(wording);
    expect(await wording.inputValue()).toBe('Hi, I’m Alice.');
    await wording.fill('Hi Bob, it’s Alice from the climbing club!');
    await screenshot(a.page, 'contacts-light-add-friend');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await visible(dialog.getByText('Request sent. Bob will see it under New friends.'));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await gone(dialog);
    await contactsNav(a.page).getByRole('button', { name: /^New friends/ }).click();
    await visible(a.page.getByRole('list', { name: 'Sent by you' }).getByText('Waiting for a reply'));

    // Bob: the badge on the rail, the request with its wording and source.
    const badge = rail(b.page).getByRole('button', { name: 'Contacts 1 new friend request' });
    await visible(badge);
    await screenshot(b.page, 'contacts-dark-badge');
    await badge.click();
    await contactsNav(b.page).getByRole('button', { name: /^New friends/ }).click();
    const request = b.page.getByRole('list', { name: 'Requests to you' }).getByRole('listitem', { name: 'Alice' });
    await visible(request.getByText('Hi Bob, it’s Alice from the climbing club!'));
    await visible(request.getByText(/via Search/));
    await gone(rail(b.page).getByRole('button', { name: 'Contacts 1 new friend request' }));
    await screenshot(b.page, 'contacts-dark-new-friends');
    await request.getByRole('button', { name: 'Accept the friend request from Alice' }).click();
    const accept = b.page.getByRole('dialog', { name: 'Accept Alice' });
    await accept.getByLabel('Remark (optional)').fill('Ali (climbing)');
    await accept.getByLabel('Add to list').fill('Climbing');
    await accept.getByRole('button', { name: 'Accept', exact: true }).click();
    await gone(accept);

    // Both have each other; Bob sees his remark, in his list.
    await visible(contactRow(b.page, 'Ali \\(climbing\\)'));
    await contactsNav(b.page).getByRole('radio', { name: 'By list' }).check();
    await visible(contactsNav(b.page).getByRole('heading', { name: 'Climbing: 1' }));
    await contactRow(b.page, 'Ali \\(climbing\\)').click();
    const card = b.page.getByRole('main').getByRole('article', { name: 'Ali (climbing)' });
    await visible(card.getByText('Climbing', { exact: true }));
    await visible(card.getByText('@alice'));
    await screenshot(b.page, 'contacts-dark-profile-card');
    await visible(contactRow(a.page, 'Bob'));
  });

  it('R4 friend lists: create, rename, add and remove a member (a friend in two lists), delete', async () => {
    await contactsNav(b.page).getByRole('button', { name: /^Friend lists/ }).click();
    const pane = b.page.getByRole('main');
    await pane.getByLabel('New list').fill('Family');
    await pane.getByRole('button', { name: 'Create', exact: true }).click();
    const family = pane.getByRole('listitem', { name: 'Family' });
    await visible(family.getByText('Nobody in this list yet.'));
    await family.getByLabel('Add a friend to Family').selectOption('alice');
    await family.getByRole('button', { name: 'Add', exact: true }).click();
    await visible(family.getByRole('button', { name: 'Remove Ali (climbing) from Family' }));
    await pane.getByRole('button', { name: 'Rename Climbing' }).click();
    await pane.getByLabel('Rename Climbing').fill('Climbing club');
    await pane.getByRole('button', { name: 'Save' }).click();
    await visible(pane.getByRole('listitem', { name: 'Climbing club' }));
    // By list, Ali shows under both lists.
    await visible(contactsNav(b.page).getByRole('heading', { name: 'Climbing club: 1' }));
    await visible(contactsNav(b.page).getByRole('heading', { name: 'Family: 1' }));
    await screenshot(b.page, 'contacts-dark-friend-lists');
    await family.getByRole('button', { name: 'Remove Ali (climbing) from Family' }).click();
    await visible(family.getByText('Nobody in this list yet.'));
    await family.getByRole('button', { name: 'Delete the list Family' }).click();
    await b.page.getByRole('dialog', { name: 'Delete the list “Family”?' }).getByRole('button', { name: 'Delete list' }).click();
    await gone(pane.getByRole('listitem', { name: 'Family' }));
  });

  it('A4 presence dots change when a friend closes their web host and comes back', async () => {
    await visible(contactRow(a.page, 'Bob').getByRole('img', { name: 'Online' }));
    await screenshot(a.page, 'contacts-light-list');
    await bob.close();
    await visible(contactRow(a.page, 'Bob').getByRole('img', { name: 'Offline' }), 70_000);
    await screenshot(a.page, 'contacts-light-friend-offline');
    await bob.restart();
    await b.page.goto(bob.url);
    await visible(b.nav);
    await visible(contactRow(a.page, 'Bob').getByRole('img', { name: 'Online' }), 30_000);
  });

  it('P1 P3 A4 a profile change and a custom status appear on the friend’s screen live', async () => {
    await rail(b.page).getByRole('button', { name: 'My profile' }).click();
    const editor = b.page.getByRole('dialog', { name: 'My profile' });
    await editor.getByLabel('Nickname', { exact: true }).fill('Bobby');
    await editor.getByLabel('Status').fill('Out walking the dog');
    await editor.getByLabel('Region').fill('Lisbon');
    await editor.getByRole('radio', { name: 'Anyone, without asking me' }).check();
    await editor.getByRole('checkbox', { name: 'Let people find me by my nickname' }).check();
    await screenshot(b.page, 'contacts-dark-my-profile');

    // A new photo: picked, cropped (zoom and a nudge with the keyboard), uploaded through the core.
    const picture = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2f9e6e' } })
      .composite([{ input: Buffer.from('<svg width="640" height="400"><circle cx="320" cy="200" r="120" fill="#ffd166"/></svg>') }])
      .png()
      .toBuffer();
    await editor.getByLabel('Profile photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
    const crop = b.page.getByRole('dialog', { name: 'Crop your photo' });
    await visible(crop.locator('img'));
    await crop.getByRole('slider', { name: 'Zoom' }).fill('1.6');
    await crop.getByRole('group', { name: 'Photo position' }).press('ArrowLeft');
    await screenshot(b.page, 'contacts-dark-avatar-crop');
    await crop.getByRole('button', { name: 'Use this photo' }).click();
    await gone(crop);
    await expect.poll(() => editor.locator('.avatar__photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(512);
    // Over-long signatures are named before anything is sent.
    await editor.getByLabel('Signature').fill('x'.repeat(501));
    await visible(editor.getByText('At most 500 bytes.'));
    await editor.getByLabel('Signature').fill('Coffee first.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await gone(editor);

    const row = contactRow(a.page, 'Bobby');
    await visible(row);
    await visible(row.getByText('Out walking the dog'));
    await row.click();
    const card = a.page.getByRole('main').getByRole('article', { name: 'Bobby' });
    await visible(card.getByText('Lisbon'));
    await visible(card.getByText('Coffee first.'));
    await screenshot(a.page, 'contacts-light-profile-card');

    // R1: now that Bob allows it, the start of his nickname finds him (lowercase too), marked as already a friend.
    await contactsNav(a.page).getByRole('button', { name: 'Add friend' }).first().click();
    const dialog = a.page.getByRole('dialog', { name: 'Add a friend' });
    await dialog.getByLabel('UserID or nickname', { exact: true }).fill('bobb');
    await dialog.getByRole('button', { name: 'Find' }).click();
    const found = dialog.getByRole('list', { name: /People found/ }).getByRole('button', { name: /Bobby @bob/ });
    await visible(found.getByText('In your contacts'));
    await screenshot(a.page, 'contacts-light-find-by-nickname');
    await found.click();
    await visible(dialog.getByText('Bobby is already in your contacts.'));
    await dialog.getByRole('button', { name: 'Back' }).click();
    await visible(found);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await gone(dialog);
  });

  it('R5 a block stops the blocked person’s messages with a clear reason; unblock restores them', async () => {
    // Alice writes to Bob from his card.
    await a.page.getByRole('main').getByRole('button', { name: 'Message' }).click();
    await visible(a.composer('Bobby'));
    await a.send('Bobby', 'Coffee tomorrow?');
    await openChats(b.page);
    // R4: Bob's remark names Alice in his chats too: the list, the header, the composer, the quick switcher.
    await b.open('Ali (climbing)');
    await visible(b.message('Ali (climbing)', 'Coffee tomorrow?'));
    await visible(b.page.getByRole('heading', { name: 'Ali (climbing)', level: 2 }));
    await b.page.keyboard.press('Control+k');
    const switcher = b.page.getByRole('dialog', { name: 'Jump to a conversation' });
    await switcher.getByRole('combobox', { name: 'Conversation name' }).fill('climbing');
    await visible(switcher.getByRole('option', { name: /Ali \(climbing\)/ }));
    await b.page.keyboard.press('Escape');
    await gone(switcher);

    // The chat header's menu opens Alice's card over the chat (Bob's remark, her lists).
    await b.page.getByRole('button', { name: 'Options for Ali (climbing)' }).click();
    await b.page.getByRole('menuitem', { name: 'View profile' }).click();
    const cardDialog = b.page.getByRole('dialog', { name: 'Profile' });
    await visible(cardDialog.getByRole('article', { name: 'Ali (climbing)' }).getByText('Climbing club'));
    await screenshot(b.page, 'contacts-dark-card-over-chat');
    // A new remark renames her at once, behind the card too.
    await cardDialog.getByRole('button', { name: 'Edit remark' }).click();
    const remark = b.page.getByRole('dialog', { name: 'Remark for Ali (climbing)' });
    await remark.getByLabel('Remark').fill('Alice C.');
    await remark.getByRole('button', { name: 'Save' }).click();
    await gone(remark);
    await visible(cardDialog.getByRole('article', { name: 'Alice C.' }));
    await cardDialog.getByRole('button', { name: 'Close profile' }).click();
    await gone(cardDialog);
    await visible(b.page.getByRole('heading', { name: 'Alice C.', level: 2 }));
    await visible(b.row('Alice C.'));
    await visible(b.composer('Alice C.'));

    // Bob blocks Alice from the chat header's menu.
    await b.page.getByRole('button', { name: 'Options for Alice C.' }).click();
    await b.page.getByRole('menuitem', { name: 'Block' }).click();
    const confirm = b.page.getByRole('dialog', { name: 'Block Alice C.?' });
    await confirm.getByRole('button', { name: 'Block', exact: true }).click();
    await gone(confirm);

    await a.composer('Bobby').fill('Hello?');
    await a.page.getByRole('button', { name: 'Send', exact: true }).click();
    const refused = a.message('Bobby', 'Hello?');
    await visible(refused.getByText('Not delivered: this person has blocked you.'));
    await screenshot(a.page, 'contacts-light-blocked-send');
    expect(await b.messageTexts('Alice')).toEqual(['Coffee tomorrow?']);

    // Blocking unfriended both ways: Bob's blocklist has Alice, and Bob left Alice's contacts.
    await openContacts(b.page);
    await contactsNav(b.page).getByRole('button', { name: /^Blocked/ }).click();
    const blockedList = b.page.getByRole('list', { name: 'Blocked' });
    await visible(blockedList.getByRole('listitem', { name: 'Alice' }));
    await screenshot(b.page, 'contacts-dark-blocklist');
    await openContacts(a.page);
    await gone(contactRow(a.page, 'Bobby'));

    await blockedList.getByRole('button', { name: 'Unblock Alice' }).click();
    await gone(blockedList);
    await openChats(a.page);
    await a.open('Bobby');
    await a.send('Bobby', 'Unblocked, yay');
    await openChats(b.page);
    await b.open('Alice');
    await visible(b.message('Alice', 'Unblocked, yay'));
  });

  it('A5 a third web device beyond the policy pushes the oldest out with a visible reason; Settings → Devices signs one out', async () => {
    const first = await person('carol-1');
    await first.ui.signUp('carol', 'Carol', PASSWORD, server.url);
    const second = await person('carol-2', 'dark');
    await signIn(second.ui.page, 'carol');
    await visible(second.ui.nav);
    await visible(first.ui.nav);

    const third = await person('carol-3');
    await signIn(third.ui.page, 'carol');
    await visible(third.ui.nav);
    // The oldest web device was pushed out: it says why and does not come back by itself.
    await visible(first.ui.page.getByText('You were signed out: This account signed in on another device, and this server allows only so many devices at once.'));
    await screenshot(first.ui.page, 'contacts-light-kicked');
    await first.ui.page.waitForTimeout(3000);
    await visible(first.ui.page.getByRole('heading', { name: 'Welcome back' }));

    await second.ui.nav.getByRole('button', { name: 'Settings' }).click();
    const settings = second.ui.page.getByRole('dialog', { name: 'Settings' });
    const devices = settings.getByRole('list', { name: 'Devices' });
    await visible(devices.getByText('This device'));
    expect(await devices.getByRole('listitem').count()).toBe(2);
    await screenshot(second.ui.page, 'contacts-dark-devices');
    await devices.getByRole('button', { name: 'Sign out the Web browser device' }).click();
    await visible(third.ui.page.getByText('You were signed out: This device was signed out from another of your devices.'));
    await visible(settings.getByText('No other device is signed in.'));
  });

  it('zh-CN: adding a friend, the contacts screen, a profile card and my profile read in Chinese, light and dark', async () => {
    for (const ui of [a, b]) {
      await openChats(ui.page);
      await ui.nav.getByRole('button', { name: 'Settings' }).click();
      await ui.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Language').selectOption('zh-CN');
      const settings = ui.page.getByRole('dialog', { name: '设置' });
      await settings.getByRole('button', { name: '关闭' }).click();
      await gone(settings);
    }
    const railZh = (page: Page) => page.getByRole('navigation', { name: '分区' });
    const navZh = (page: Page) => page.getByRole('navigation', { name: '通讯录' });
    // Bob lets anyone add him (P1 above): Alice finds him by the start of his nickname and adds him at once.
    await railZh(a.page).getByRole('button', { name: /^通讯录/ }).click();
    await navZh(a.page).getByRole('button', { name: '添加好友' }).first().click();
    const dialog = a.page.getByRole('dialog', { name: '添加好友' });
    await dialog.getByLabel('UserID 或昵称', { exact: true }).fill('Bob');
    await dialog.getByRole('button', { name: '查找' }).click();
    await dialog.getByRole('list', { name: /查找结果/ }).getByRole('button', { name: /@bob/ }).click();
    await dialog.getByLabel('备注（可选）').fill('鲍勃');
    await screenshot(a.page, 'contacts-zh-light-add-friend');
    await dialog.getByRole('button', { name: '添加到通讯录' }).click();
    await visible(dialog.getByText('Bobby 已添加到你的通讯录。'));
    await dialog.getByRole('button', { name: '完成' }).click();
    await navZh(a.page).getByRole('button', { name: /鲍勃/ }).click();
    await visible(a.page.getByRole('main').getByRole('article', { name: '鲍勃' }).getByText('Lisbon'));
    await screenshot(a.page, 'contacts-zh-light-profile-card');

    await railZh(b.page).getByRole('button', { name: /^通讯录/ }).click();
    await navZh(b.page).getByRole('button', { name: /Alice/ }).click();
    await visible(b.page.getByRole('main').getByRole('article', { name: 'Alice' }));
    await screenshot(b.page, 'contacts-zh-dark-profile-card');
    await railZh(b.page).getByRole('button', { name: '我的资料' }).click();
    const editor = b.page.getByRole('dialog', { name: '我的资料' });
    await visible(editor.getByRole('checkbox', { name: '允许别人通过昵称找到我' }));
    expect(await editor.getByRole('checkbox', { name: '允许别人通过昵称找到我' }).isChecked()).toBe(true);
    await screenshot(b.page, 'contacts-zh-dark-my-profile');
    await editor.getByRole('button', { name: '取消' }).click();
    await gone(editor);
    for (const ui of [a, b]) {
      await railZh(ui.page).getByRole('button', { name: /^聊天/ }).click();
      await ui.page.getByRole('navigation', { name: '会话' }).getByRole('button', { name: '设置' }).click();
      await ui.page.getByRole('dialog', { name: '设置' }).getByLabel('语言').selectOption('en');
      await ui.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
    }
  });

  it('Benchmark: 3,000 friends (Latin and Chinese names) open in the contacts screen, grouped by pinyin initial', async () => {
    const erin = await person('erin');
    await erin.ui.signUp('erin', 'Erin', PASSWORD, server.url);
    const surnames = '张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜欧阳';
    const names = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `${surnames[i % surnames.length]}${surnames[(i * 7) % surnames.length]}${i}` : `Friend ${String(i).padStart(4, '0')}`));
    for (let start = 0; start < names.length; start += 100) {
      const AccountList = names.slice(start, start + 100).map((Nick, i) => ({ UserID: `f${start + i}`, Nick }));
      expect((await callV4(server, 'im_open_login_svc/multiaccount_import', { AccountList })).ActionStatus).toBe('OK');
      const AddFriendItem = AccountList.map((a) => ({ To_Account: a.UserID, AddSource: 'AddSource_Type_Import' }));
      expect((await callV4(server, 'sns/friend_import', { From_Account: 'erin', AddFriendItem })).ActionStatus).toBe('OK');
    }
    // The core has them all (pushed or synced); then the screen is opened cold, after a reload.
    await erin.ui.page.reload();
    await visible(erin.ui.nav);
    await openContacts(erin.ui.page);
    await visible(contactsNav(erin.ui.page).getByText('3,000 friends'), 60_000);
    await openChats(erin.ui.page);
    const started = Date.now();
    await openContacts(erin.ui.page);
    await visible(contactsNav(erin.ui.page).locator('.contact-row').first());
    const openMs = Date.now() - started;
    // Typing into the search filters 3,000 friends.
    const searchStarted = Date.now();
    await contactsNav(erin.ui.page).getByRole('searchbox', { name: 'Search contacts' }).fill('Friend 2998');
    await visible(contactRow(erin.ui.page, 'Friend 2998'));
    const searchMs = Date.now() - searchStarted;
    console.log(`[bench] contacts screen with 3,000 friends: opened in ${openMs} ms, search answered in ${searchMs} ms (Playwright round trips included)`);
    await contactsNav(erin.ui.page).getByRole('searchbox', { name: 'Search contacts' }).fill('');
    await visible(contactsNav(erin.ui.page).getByRole('heading', { name: /^C: / }));
    await screenshot(erin.ui.page, 'contacts-light-3000-friends');
    expect(openMs).toBeLessThan(1000);
  }, 180_000);
});
