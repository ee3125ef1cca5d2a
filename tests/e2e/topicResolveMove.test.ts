import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callV4 } from '../../server/src/testing/v4Client';
import { launchBrowser, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { english, gone, visible, type ChatUi } from './chatUi';
import { type Crowd, closeCrowd, openPerson } from './people';

/**
 * ADR 0005 (issue 5, beyond the seed): Zulip-style resolving of community topics and moving their messages, as
 * three people meet it on their own web hosts: Alice (owner, light), Bob (member, dark), Carol (member, Simplified
 * Chinese). The community and its two topics are made over REST (the community e2e covers making them in the UI).
 * The tests build on each other, in order.
 */
let server: TestServer;
let crowd: Crowd | null = null;
let a: ChatUi;
let b: ChatUi;
let c: ChatUi;

const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  server = await startTestServer();
  const people: Crowd = { browser: await launchBrowser(), serverUrl: server.url, hosts: [], contexts: [] };
  crowd = people;
  [a, b, c] = await Promise.all([
    openPerson(people, 'alice'),
    openPerson(people, 'bob', { colorScheme: 'dark' }),
    openPerson(people, 'carol', { chinese: true }),
  ]);
  await Promise.all([
    a.signUp('alice', 'Alice', PASSWORD, server.url),
    b.signUp('bob', 'Bob', PASSWORD, server.url),
    c.signUp('carol', 'Carol', PASSWORD, server.url),
  ]);
  const created = await callV4(server, 'group_open_http_svc/create_group', {
    Owner_Account: 'alice',
    Type: 'Community',
    Name: 'Makers',
    MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }],
  });
  const groupId = String(created.GroupId);
  for (const name of ['general', 'events']) {
    const topic = await callV4(server, 'million_group_open_http_svc/create_topic', { GroupId: groupId, TopicName: name, From_Account: 'alice' });
    expect(topic.ActionStatus).toBe('OK');
  }
});

afterAll(async () => {
  await closeCrowd(crowd);
  await server?.stop({ removeData: true });
});

const rail = (page: Page, label = 'Sections') => page.getByRole('navigation', { name: label });
const topics = (page: Page, label = 'Topics of Makers') => page.getByRole('navigation', { name: label });
const header = (page: Page) => page.locator('.chat-header');

async function openTopic(ui: ChatUi, topic: RegExp, labels: { rail?: string; topics?: string } = {}): Promise<void> {
  const makers = rail(ui.page, labels.rail).getByRole('button', { name: /^Makers/ });
  await visible(makers);
  await makers.click();
  const button = topics(ui.page, labels.topics).getByRole('button', { name: topic });
  await visible(button);
  await button.click();
}

async function messageMenu(ui: ChatUi, message: Locator): Promise<Locator> {
  await message.locator('.bubble').first().hover();
  await message.getByRole('button', { name: ui.labels === english ? 'More actions' : '更多操作' }).click();
  const menu = ui.page.getByRole('menu');
  await visible(menu);
  return menu;
}

describe('ADR 0005 resolving a topic and moving its messages', () => {
  it('G7 Bob marks general resolved from its header; everyone sees it resolved, and Carol finds it folded under "resolved"', async () => {
    await openTopic(a, /^general$/);
    for (const text of ['Hi all', 'Trip on Saturday?', 'The lake would be nice', 'I’ll bring snacks']) await a.send('general', text);

    await openTopic(b, /^general/);
    await visible(b.message('general', 'I’ll bring snacks'));
    await header(b.page).getByRole('button', { name: 'Mark as resolved' }).click();
    await visible(header(b.page).getByRole('button', { name: 'Reopen topic' }));
    await visible(header(b.page).getByText('Resolved'));
    await visible(b.timeline('general').getByText('You marked this topic as resolved'));
    await screenshot(b.page, 'topic-resolved-dark');

    // Alice has general open: it stays on screen under its fold, marked resolved.
    await visible(topics(a.page).getByRole('button', { name: 'general, resolved' }));
    await visible(a.timeline('general').getByText('Bob marked this topic as resolved', { exact: true }));
    await visible(header(a.page).getByRole('button', { name: 'Reopen topic' }));

    // Carol opens the community on events: general is folded away until she asks for it.
    await openTopic(c, /^events/, { rail: '分区', topics: 'Makers 的话题' });
    const list = topics(c.page, 'Makers 的话题');
    const fold = list.getByRole('button', { name: '1 个已解决的话题' });
    await visible(fold);
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await list.getByRole('button', { name: /^general/ }).count()).toBe(0);
    await screenshot(c.page, 'topic-resolved-folded-zh');
    await fold.click();
    await visible(list.getByRole('button', { name: /^general, 已解决/ }));
  });

  it('G7 a message sent into a resolved topic reopens it, for everyone', async () => {
    await topics(c.page, 'Makers 的话题').getByRole('button', { name: /^general, 已解决/ }).click();
    await visible(header(c.page).getByRole('button', { name: '重新打开话题' }));
    await c.send('general', '我还有一个问题');
    await visible(header(c.page).getByRole('button', { name: '标记为已解决' }));
    await visible(c.timeline('general').getByText('你 重新打开了此话题'));
    await visible(header(b.page).getByRole('button', { name: 'Mark as resolved' }));
    await visible(b.timeline('general').getByText('Carol reopened this topic', { exact: true }));
    await visible(topics(a.page).getByRole('button', { name: /^general$/ }));
    await gone(topics(a.page).getByRole('button', { name: /resolved topic/ }));
  });

  it('G7 Alice moves "Trip on Saturday?" and everything after it to a new topic; general keeps a tip that links to them', async () => {
    // Bob may not move messages: the item is not offered to him.
    const bobMenu = await messageMenu(b, b.message('general', 'Trip on Saturday?'));
    await visible(bobMenu.getByRole('menuitem', { name: 'Reply' }));
    expect(await bobMenu.getByRole('menuitem', { name: 'Move to another topic…' }).count()).toBe(0);
    await b.page.keyboard.press('Escape');

    const menu = await messageMenu(a, a.message('general', 'Trip on Saturday?'));
    await menu.getByRole('menuitem', { name: 'Move to another topic…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Move messages' });
    await visible(dialog);
    expect(await dialog.getByRole('radio', { name: 'This message and everything after it' }).isChecked()).toBe(true);
    await dialog.getByLabel('Move to', { exact: true }).selectOption({ label: 'A new topic…' });
    await dialog.getByLabel('Name of the new topic').fill('trip');
    await screenshot(a.page, 'topic-move-dialog-light');
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await visible(dialog.getByText('Moved 4 messages to #trip.'));
    await dialog.getByRole('button', { name: 'Go to #trip' }).click();
    await gone(dialog);

    // The new topic holds the messages in their order, each saying where it came from, after the tip.
    await visible(a.composer('trip'));
    await visible(a.timeline('trip').getByText('You moved 4 messages from #general to #trip'));
    expect(await a.messageTexts('trip')).toEqual(['Trip on Saturday?', 'The lake would be nice', 'I’ll bring snacks', '我还有一个问题']);
    expect(await a.timeline('trip').getByRole('button', { name: 'Moved from #general' }).count()).toBe(4);
    await screenshot(a.page, 'topic-moved-target-light');

    // Bob, in general: what moved has left it; the tip links to where it went. "Hi all" stays.
    const movedTip = b.timeline('general').getByRole('note').filter({ hasText: /Alice moved 4 messages from #general to #trip/ });
    await visible(movedTip);
    expect(await b.messageTexts('general')).toEqual(['Hi all']);
    await screenshot(b.page, 'topic-moved-source-dark');
    await movedTip.getByRole('button', { name: 'Show in #trip' }).click();
    await visible(b.composer('trip'));
    await visible(b.message('trip', 'Trip on Saturday?'));
    await screenshot(b.page, 'topic-moved-target-dark');

    // Carol, in Chinese, sees the new topic in the list and the tip in general.
    await visible(topics(c.page, 'Makers 的话题').getByRole('button', { name: /^trip/ }));
    await visible(c.timeline('general').getByText(/Alice 将 4 条消息从 #general 移到了 #trip/));
    await screenshot(c.page, 'topic-moved-source-zh');
  });
});
