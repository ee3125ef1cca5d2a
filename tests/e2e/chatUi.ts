import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What a person does in the app, said the way a screen reader user would
 * find it: by role and accessible name. English labels; the Chinese flow
 * passes its own.
 */
export interface Labels {
  createAccountLink: string;
  createAccountButton: string;
  userId: string;
  displayName: string;
  password: string;
  serverAddress: string;
  conversations: string;
  newChat: string;
  newChatDialog: string;
  startChat: string;
  send: string;
  messageTo: (name: string) => string;
  messagesWith: (name: string) => string;
  unread: (count: number) => string;
  typing: (name: string) => string;
  read: string;
  sent: string;
  sending: string;
  settings: string;
  language: string;
}

export const english: Labels = {
  createAccountLink: 'Create an account',
  createAccountButton: 'Create account',
  userId: 'UserID',
  displayName: 'Display name',
  password: 'Password',
  serverAddress: 'Server address',
  conversations: 'Conversations',
  newChat: 'New chat',
  newChatDialog: 'Start a new chat',
  startChat: 'Start chat',
  send: 'Send',
  messageTo: (name) => `Message to ${name}`,
  messagesWith: (name) => `Messages with ${name}`,
  unread: (count) => `${count} unread message${count === 1 ? '' : 's'}`,
  typing: (name) => `${name} is typing…`,
  read: 'Read',
  sent: 'Sent',
  sending: 'Sending',
  settings: 'Settings',
  language: 'Language',
};

export async function visible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function gone(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class ChatUi {
  constructor(
    readonly page: Page,
    readonly labels: Labels = english,
  ) {}

  /** Matches `label(name)` exactly: people are always shown by their display name, never their UserID. */
  private named(label: (name: string) => string, name: string): RegExp {
    return new RegExp(`^${escapeRegExp(label(name))}$`, 'i');
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.labels.conversations });
  }

  async signUp(userId: string, nickname: string, password: string, expectedServerUrl: string): Promise<void> {
    const { page, labels } = this;
    await page.getByRole('button', { name: labels.createAccountLink }).click();
    await page.getByLabel(labels.userId, { exact: true }).fill(userId);
    await page.getByLabel(labels.displayName, { exact: true }).fill(nickname);
    await page.getByLabel(labels.password, { exact: true }).fill(password);
    // The server defaults to the host's server (app:info defaultServerUrl), shown as one line until changed.
    const field = page.getByLabel(labels.serverAddress, { exact: true });
    if (await field.count()) expect(await field.inputValue()).toBe(expectedServerUrl);
    else await visible(page.getByText(expectedServerUrl, { exact: true }));
    await page.getByRole('button', { name: labels.createAccountButton, exact: true }).click();
    await visible(this.nav);
  }

  async startChat(userId: string): Promise<Locator> {
    const { page, labels } = this;
    await this.nav.getByRole('button', { name: labels.newChat, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: labels.newChatDialog });
    await dialog.getByLabel(labels.userId, { exact: true }).fill(userId);
    await dialog.getByRole('button', { name: labels.startChat, exact: true }).click();
    return dialog;
  }

  row(name: string): Locator {
    return this.nav.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: new RegExp(escapeRegExp(name), 'i') }) });
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByRole('button').click();
    await visible(this.composer(name));
  }

  composer(name: string): Locator {
    return this.page.getByRole('textbox', { name: this.named(this.labels.messageTo, name) });
  }

  timeline(name: string): Locator {
    return this.page.getByRole('log', { name: this.named(this.labels.messagesWith, name) });
  }

  /** One message row in the open conversation, by its text. */
  message(name: string, text: string): Locator {
    return this.timeline(name).locator('[data-message-id]').filter({ hasText: text });
  }

  async send(name: string, text: string): Promise<void> {
    await this.composer(name).fill(text);
    await this.page.getByRole('button', { name: this.labels.send, exact: true }).click();
    await visible(this.message(name, text));
  }

  /** Texts of the bubbles in the open conversation, top to bottom. */
  async messageTexts(name: string): Promise<string[]> {
    return this.timeline(name).locator('.bubble__text').allTextContents();
  }
}
