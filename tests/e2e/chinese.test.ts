import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectTestClient, mintTestUserSig, startTestServer, type TestServer } from '../support/server';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, gone, visible } from './chatUi';
import { chinese } from './people';
import { InputMethod } from './ime';

/** The same product in Simplified Chinese and dark mode, as a browser set to zh-CN gets it. */

let server: TestServer;
let browser: Browser;
let lei: Person;
let mei: Person;
let l: ChatUi;
let m: ChatUi;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  [lei, mei] = await Promise.all([startPerson({ serverUrl: server.url, name: 'lilei' }), startPerson({ serverUrl: server.url, name: 'hanmeimei' })]);
  const contexts = await Promise.all([
    newPersonContext(browser, { locale: 'zh-CN', colorScheme: 'dark' }),
    newPersonContext(browser, { locale: 'zh-CN', colorScheme: 'dark' }),
  ]);
  l = new ChatUi(await contexts[0].newPage(), chinese);
  m = new ChatUi(await contexts[1].newPage(), chinese);
  await Promise.all([l.page.goto(lei.url), m.page.goto(mei.url)]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([lei?.dispose(), mei?.dispose()]);
  await server?.stop({ removeData: true });
});

describe('聊天 in Simplified Chinese', () => {
  it('D5 starts in Simplified Chinese when the browser prefers it, and signs two people up', async () => {
    await visible(l.page.getByRole('heading', { name: '欢迎回来' }));
    expect(await l.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(l.page, 'zh-dark-sign-in');
    await l.signUp('lilei', '李雷', 'mima-12345678', server.url);
    await m.signUp('hanmeimei', '韩梅梅', 'mima-12345678', server.url);
    await visible(l.page.getByRole('heading', { name: '还没有会话' }));
    await screenshot(l.page, 'zh-dark-empty-list');
  });

  it('M3 M6 M9 chat, unread badge, typing and read state, all in Chinese', async () => {
    const dialog = await l.startChat('nobody');
    await visible(dialog.getByText('此服务器上没有 UserID 为“nobody”的用户，请检查拼写。'));
    await screenshot(l.page, 'zh-dark-new-chat-unknown');
    await dialog.getByLabel('UserID', { exact: true }).fill('hanmeimei');
    await dialog.getByRole('button', { name: '开始聊天', exact: true }).click();
    await gone(dialog);

    await l.send('韩梅梅', '你好，梅梅！周末一起去爬山吗？');
    await visible(m.row('李雷').getByText('1 条未读消息'));
    await screenshot(m.page, 'zh-dark-unread');
    await m.open('李雷');
    await visible(l.message('韩梅梅', '周末一起去爬山吗').getByRole('img', { name: '已读' }));

    const typing = m.composer('李雷').pressSequentially('好啊，几点出发', { delay: 150 });
    await visible(l.page.getByRole('main').getByText('韩梅梅 正在输入…'));
    await typing;
    await m.composer('李雷').press('Enter');
    await visible(l.message('韩梅梅', '好啊，几点出发'));
    await screenshot(l.page, 'zh-dark-chat');
  });

  it('D4 a pinyin candidate confirmed with Enter stays in the composer', async () => {
    const composer = l.composer('韩梅梅');
    await composer.fill('早上');
    await composer.press('End');
    const ime = await InputMethod.attach(l.page);
    try {
      // "badian" in a pinyin input method: the letters as they are typed, the candidate, then Enter to confirm it.
      await ime.compose('b', 'ba', 'badian', '八点');
      await ime.pressEnterWhileComposing();
      await ime.commit('八点');
    } finally {
      await ime.detach();
    }
    await l.page.waitForTimeout(500);
    expect((await composer.inputValue()).trimEnd()).toBe('早上八点');
    expect(await l.message('韩梅梅', '早上八点').count()).toBe(0);
    expect(await m.message('李雷', '早上八点').count()).toBe(0);
    await composer.fill('早上八点');
    await composer.press('Enter');
    await visible(m.message('李雷', '早上八点'));
  });

  it('M6 scrolled up in Chinese, a button says how many new messages wait below and goes back to them', async () => {
    // Han Meimei's phone (a second device) fills the chat, so Li Lei has history to scroll up through.
    const phone = await connectTestClient(server, 'hanmeimei', { userSig: mintTestUserSig(server, 'hanmeimei') });
    try {
      for (let i = 1; i <= 40; i++) {
        await call(phone, 'message:send', { clientMsgId: `mei-phone-${String(i).padStart(4, '0')}`, to: 'lilei', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `旧消息 ${i}` } }] });
      }
    } finally {
      phone.close();
    }
    await visible(l.row('韩梅梅').getByText('旧消息 40'));
    await l.timeline('韩梅梅').hover();
    for (let i = 0; i < 20 && !(await l.message('韩梅梅', '旧消息 5').isVisible()); i++) {
      await l.page.mouse.wheel(0, -800);
      await l.page.waitForTimeout(100);
    }
    await m.send('李雷', '还在看吗？');
    // How many wait below depends on how far the burst was followed before the person scrolled up.
    const jump = l.page.getByRole('button', { name: /^跳到最新消息 \(\d+ 条新消息\)$/ });
    await visible(jump);
    await visible(jump.getByText(/条新消息/));
    await screenshot(l.page, 'zh-dark-jump-to-latest');
    await jump.click();
    await visible(l.message('韩梅梅', '还在看吗？'));
    await gone(l.page.getByRole('button', { name: /跳到最新消息/ }));
    await visible(m.message('李雷', '还在看吗？').getByRole('img', { name: '已读' }));
  });

  it('D5 the language and theme switches apply at once and survive a reload', async () => {
    await l.nav.getByRole('button', { name: '设置' }).click();
    const settings = l.page.getByRole('dialog', { name: '设置' });
    await visible(settings);
    await screenshot(l.page, 'zh-dark-settings');
    await settings.getByRole('radio', { name: '浅色' }).check();
    expect(await l.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await settings.getByRole('button', { name: '关闭' }).click();
    await screenshot(l.page, 'zh-light-chat');

    await l.nav.getByRole('button', { name: '设置' }).click();
    await l.page.getByLabel('语言').selectOption('en');
    await visible(l.page.getByRole('dialog', { name: 'Settings' }));
    await l.page.getByRole('button', { name: 'Close' }).click();

    // The person's choice beats the browser's zh-CN preference after a reload.
    await l.page.reload();
    await visible(l.page.getByRole('navigation', { name: 'Conversations' }));
    expect(await l.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await l.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await screenshot(l.page, 'en-light-after-switch');

    await l.page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: 'Settings' }).click();
    await l.page.getByLabel('Language').selectOption('zh-CN');
    await l.page.getByRole('radio', { name: '跟随系统' }).check();
    await visible(l.page.getByRole('dialog', { name: '设置' }));
    expect(await l.page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    await l.page.keyboard.press('Escape');
    await gone(l.page.getByRole('dialog', { name: '设置' }));
  });

  it('A2 signs out, is refused a wrong password with a clear message, signs back in and finds the history', async () => {
    await l.nav.getByRole('button', { name: '设置' }).click();
    await l.page.getByRole('dialog', { name: '设置' }).getByRole('button', { name: '退出登录' }).click();
    await visible(l.page.getByRole('heading', { name: '欢迎回来' }));

    await l.page.getByLabel('UserID', { exact: true }).fill('lilei');
    await l.page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await l.page.getByRole('button', { name: '登录', exact: true }).click();
    await visible(l.page.getByRole('alert').filter({ hasText: 'UserID 或密码错误。' }));
    await screenshot(l.page, 'zh-dark-sign-in-wrong-password');

    await l.page.getByLabel('密码', { exact: true }).fill('mima-12345678');
    await l.page.getByRole('button', { name: '登录', exact: true }).click();
    await l.open('韩梅梅');
    await visible(l.message('韩梅梅', '还在看吗？'));
    expect(await l.messageTexts('韩梅梅')).toContain('旧消息 40');
  });

  it('A2 signed out by an administrator, the reason is said in Chinese', async () => {
    const query = new URLSearchParams({
      sdkappid: String(server.sdkAppId),
      identifier: 'administrator',
      usersig: mintTestUserSig(server, 'administrator'),
      random: '7',
      contenttype: 'json',
    });
    const reply = await fetch(`${server.url}/v4/im_open_login_svc/kick?${query}`, { method: 'POST', body: JSON.stringify({ UserID: 'hanmeimei' }) });
    expect(((await reply.json()) as { ActionStatus: string }).ActionStatus).toBe('OK');
    await visible(m.page.getByRole('heading', { name: '欢迎回来' }));
    // Translated by its code: before, the core's English words were shown as they came.
    // A5: the kick's code (admin_kick → kicked_by_admin) says who signed them out.
    await visible(m.page.getByText('你已被登出：管理员已将此账号登出。'));
    expect(await m.page.getByText(/signed out/i).count()).toBe(0);
    await screenshot(m.page, 'zh-dark-signed-out-kicked');
  });
});
