import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectTestClient, registerUser, startTestServer, type TestServer } from '../support/server';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, gone, visible } from './chatUi';
import { chinese } from './people';

/**
 * M11 in Chinese and dark mode: a person searches the messages on their own
 * device with the server down, finds a Chinese two-character word inside a
 * sentence, narrows by sender and type, and jumps to the hit in context.
 */

const PASSWORD = 'correct horse battery';
/**
 * Mei's later messages by their IDs: a text match takes the time after the text too, so "后来的消息 3" also
 * matches "后来的消息 36" sent at 9:01, and "后来的消息 60" matches "后来的消息 6" sent at 0:13.
 */
const later = (n: number) => l.timeline('梅').locator(`[data-message-id="mei:mei-later-${String(n).padStart(5, '0')}"]`);
const INVOICE = '请把上个月的发票发给我，谢谢';
const text = (value: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: value } }];

let server: TestServer;
let browser: Browser;
let lei: Person;
let l: ChatUi;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  lei = await startPerson({ serverUrl: server.url, name: 'lei', rendererDir: process.env.E2E_RENDERER_DIR });
  const context = await newPersonContext(browser, { locale: 'zh-CN', colorScheme: 'dark' });
  l = new ChatUi(await context.newPage(), chinese);
  await l.page.goto(lei.url);
  await l.signUp('lei', '雷', PASSWORD, server.url);

  // 梅 writes from a plain socket client: the invoice request, an English one, then enough to push both off screen.
  await registerUser(server, 'mei', PASSWORD, '梅');
  const mei = await connectTestClient(server, 'mei');
  try {
    await call(mei, 'message:send', { clientMsgId: 'mei-invoice-0001', to: 'lei', body: text(INVOICE) });
    await call(mei, 'message:send', { clientMsgId: 'mei-invoice-0002', to: 'lei', body: text('Invoice INV-2026-03 is attached') });
    for (let i = 1; i <= 60; i++) {
      await call(mei, 'message:send', { clientMsgId: `mei-later-${String(i).padStart(5, '0')}`, to: 'lei', body: text(`后来的消息 ${i}`) });
    }
  } finally {
    mei.close();
  }
  await visible(l.row('梅').getByText('后来的消息 60'));
});

afterAll(async () => {
  await browser?.close();
  await lei?.dispose();
  await server?.stop({ removeData: true });
});

describe('local search', () => {
  it('M11 a Chinese substring is found offline, filters narrow it, and the hit opens the chat at the message', async () => {
    const port = server.port;
    await server.stop();
    try {
      await visible(l.page.getByRole('status').filter({ hasText: /无法连接|离线|正在连接/ }));
      await l.page.keyboard.press('Control+f');
      const panel = l.page.getByRole('dialog', { name: '搜索消息' });
      await visible(panel);
      await panel.getByLabel('关键词').fill('发票');
      const group = panel.getByRole('region', { name: '梅：1 条结果' });
      await visible(group);
      const hit = group.getByRole('button', { name: new RegExp(`^梅，.+：${INVOICE}$`) });
      await visible(hit);
      expect(await hit.locator('mark').allTextContents()).toEqual(['发票']);
      await screenshot(l.page, 'zh-dark-search');

      // Type and sender filters: nothing of the kind "image", nothing from me.
      await panel.getByLabel('类型').selectOption({ label: '图片' });
      await visible(panel.getByText('没有与“发票”匹配的消息。'));
      await panel.getByLabel('类型').selectOption({ label: '所有类型' });
      await panel.getByLabel('发送者').selectOption({ label: '我' });
      await visible(panel.getByText('没有与“发票”匹配的消息。'));
      await panel.getByLabel('发送者').selectOption({ label: '梅' });
      await visible(hit);

      // Latin words too, whatever their case.
      await panel.getByLabel('关键词').fill('invoice');
      await visible(panel.getByRole('button', { name: /Invoice INV-2026-03 is attached$/ }));

      await panel.getByLabel('关键词').fill('发票');
      await hit.click();
      await gone(panel);
      await visible(l.composer('梅'));
      await visible(l.message('梅', INVOICE));
      await screenshot(l.page, 'zh-dark-search-jumped');
    } finally {
      server = await startTestServer({ port, dataDir: server.dataDir });
    }
    await gone(l.page.getByRole('status').filter({ hasText: /无法连接|离线|正在连接/ }), 60_000);
    // Only the page around the hit was on screen: Esc marks the open chat read, all of it.
    await visible(l.row('梅').getByText(/条未读消息/));
    await l.page.keyboard.press('Escape');
    await gone(l.row('梅').getByText(/条未读消息/));
  });

  it('M11 a hit already loaded but scrolled away is brought back into view, from the chat header\'s search', async () => {
    await l.timeline('梅').hover();
    // Scroll like a person until the newest message shows (slower steps leave a busy machine time to render).
    for (let i = 0; i < 60 && !(await later(60).isVisible()); i++) {
      await l.page.mouse.wheel(0, 3000);
      await l.page.waitForTimeout(200);
    }
    await visible(later(60));
    const third = later(3);
    expect(await third.isVisible()).toBe(false);

    await l.page.getByRole('button', { name: '在此会话中搜索' }).click();
    const panel = l.page.getByRole('dialog', { name: '搜索消息' });
    expect(await panel.getByLabel('会话').inputValue()).toBe('c2c_mei');
    await panel.getByLabel('关键词').fill('后来的消息 3');
    await panel.getByRole('button', { name: /：后来的消息 3$/ }).click();
    await gone(panel);
    await visible(third);
  });

  it('menus speak Chinese: the conversation menu and a message menu with its reactions', async () => {
    await l.row('梅').getByRole('button').click({ button: 'right' });
    const rowMenu = l.page.getByRole('menu', { name: '梅 的选项' });
    await visible(rowMenu);
    await visible(rowMenu.getByRole('menuitem', { name: '置顶' }));
    await visible(rowMenu.getByRole('menuitem', { name: '消息免打扰' }));
    await screenshot(l.page, 'zh-dark-conversation-menu');
    await l.page.keyboard.press('Escape');
    await gone(rowMenu);

    const message = later(60);
    await l.timeline('梅').hover();
    for (let i = 0; i < 30 && !(await message.isVisible()); i++) {
      await l.page.mouse.wheel(0, 3000);
      await l.page.waitForTimeout(100);
    }
    await message.locator('.bubble').first().hover();
    await message.getByRole('button', { name: '更多操作' }).click();
    const menu = l.page.getByRole('menu', { name: '此消息的操作' });
    await visible(menu.getByRole('menuitem', { name: '举报' }));
    expect(await menu.getByRole('menuitem', { name: '撤回' }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: '回应' }).click();
    await l.page.getByRole('dialog', { name: '选择表情回应' }).getByRole('button', { name: '用 🎉 回应' }).click();
    const chip = message.getByRole('button', { name: /^🎉 1，来自 你$/ });
    await visible(chip);
    // The newest message grew at the bottom of the list: the list keeps it in view, above the composer.
    const composerTop = (await l.composer('梅').boundingBox())?.y ?? 0;
    await expect.poll(async () => ((await chip.boundingBox())?.y ?? Infinity) + ((await chip.boundingBox())?.height ?? 0)).toBeLessThan(composerTop);
    await screenshot(l.page, 'zh-dark-reaction');
  });
});
