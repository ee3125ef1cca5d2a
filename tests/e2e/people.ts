import type { Browser, BrowserContext } from 'playwright-core';
import { newPersonContext } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, type Labels } from './chatUi';

/** The labels a browser set to zh-CN meets (the app's Simplified Chinese catalogue). */
export const chinese: Labels = {
  createAccountLink: '注册新账号',
  createAccountButton: '创建账号',
  userId: 'UserID',
  displayName: '显示名称',
  password: '密码',
  serverAddress: '服务器地址',
  conversations: '会话',
  newChat: '发起聊天',
  newChatDialog: '发起新的聊天',
  startChat: '开始聊天',
  send: '发送',
  messageTo: (name) => `发给 ${name} 的消息`,
  messagesWith: (name) => `与 ${name} 的消息`,
  unread: (count) => `${count} 条未读消息`,
  typing: (name) => `${name} 正在输入…`,
  read: '已读',
  sent: '已发送',
  sending: '发送中',
  settings: '设置',
  language: '语言',
};

/** Everything the people of one test file started, for afterAll to dispose of ({@link closeCrowd}). */
export interface Crowd {
  browser: Browser;
  serverUrl: string;
  hosts: Person[];
  contexts: BrowserContext[];
}

/**
 * One person on their own web host and browser context (light or dark, English or Chinese), on the app's first
 * screen; `rendererDir` as E2E_RENDERER_DIR says.
 */
export async function openPerson(
  crowd: Crowd,
  name: string,
  options: {
    colorScheme?: 'light' | 'dark';
    chinese?: boolean;
    /** Before the page loads: permissions, init scripts (the host's origin given). */
    prepare?: (context: BrowserContext, origin: string) => Promise<void>;
  } = {},
): Promise<ChatUi> {
  const host = await startPerson({ serverUrl: crowd.serverUrl, name, rendererDir: process.env.E2E_RENDERER_DIR });
  const context = await newPersonContext(crowd.browser, { colorScheme: options.colorScheme ?? 'light', locale: options.chinese ? 'zh-CN' : 'en-US' });
  crowd.hosts.push(host);
  crowd.contexts.push(context);
  await options.prepare?.(context, new URL(host.url).origin);
  const ui = new ChatUi(await context.newPage(), options.chinese ? chinese : english);
  await ui.page.goto(host.url);
  return ui;
}

/** Closes what {@link openPerson} started: contexts, the browser, the web hosts. */
export async function closeCrowd(crowd: Crowd | null): Promise<void> {
  if (!crowd) return;
  await Promise.all(crowd.contexts.map((c) => c.close().catch(() => undefined)));
  await crowd.browser.close();
  await Promise.all(crowd.hosts.map((p) => p.dispose()));
}
