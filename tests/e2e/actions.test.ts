import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectTestClient, registerUser, startTestServer, type TestServer } from '../support/server';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible } from './chatUi';

/**
 * Message actions and the conversation list as two people use them, in
 * Chromium through their own web hosts against one real server: reactions,
 * edits, replies, recall, multi-select and combined forwarding, pin / mute /
 * mark read, drafts across a restart. The tests build on each other.
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
/** Short, so "after the window" does not take two minutes. */
const RECALL_WINDOW_SECONDS = 8;
const rendererDir = process.env.E2E_RENDERER_DIR;

const text = (value: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: value } }];

/** A message row by the text of its own bubble (a reply's row also shows the text it quotes). */
function bubble(ui: ChatUi, name: string, content: string): Locator {
  return ui.timeline(name).locator('[data-message-id]').filter({ has: ui.page.locator('.bubble').filter({ hasText: content }) });
}

/** Scrolls a chat down to its newest message. */
async function toLatest(ui: ChatUi, name: string): Promise<void> {
  const jump = ui.page.getByRole('button', { name: /^Jump to the latest messages/ });
  // Clicked where it is, as a mouse does: Playwright's scroll-into-view before a click moves the list, which
  // settles at the bottom and takes the button away, over and over (seen as a 15 s "detached, retrying").
  const box = (await jump.isVisible()) ? await jump.boundingBox() : null;
  if (box) await ui.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await ui.timeline(name).hover();
  for (let i = 0; i < 5; i++) await ui.page.mouse.wheel(0, 5000);
}

/** Opens a message's action menu the way a mouse user does: hover, then "More actions". */
async function messageMenu(ui: ChatUi, message: Locator): Promise<Locator> {
  // The bubble, not the row: a row may also hold a day separator above the message.
  await message.locator('.bubble').first().hover();
  await message.getByRole('button', { name: 'More actions' }).click();
  const menu = ui.page.getByRole('menu', { name: 'Actions for this message' });
  await visible(menu);
  return menu;
}

beforeAll(async () => {
  server = await startTestServer({ recallWindowSeconds: RECALL_WINDOW_SECONDS });
  browser = await launchBrowser();
  [alice, bob] = await Promise.all([
    startPerson({ serverUrl: server.url, name: 'alice', rendererDir }),
    startPerson({ serverUrl: server.url, name: 'bob', rendererDir }),
  ]);
  [aliceContext, bobContext] = await Promise.all([newPersonContext(browser), newPersonContext(browser)]);
  await aliceContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  a = new ChatUi(await aliceContext.newPage(), english);
  b = new ChatUi(await bobContext.newPage(), english);
  await Promise.all([a.page.goto(alice.url), b.page.goto(bob.url)]);
  await a.signUp('alice', 'Alice', PASSWORD, server.url);
  await b.signUp('bob', 'Bob', PASSWORD, server.url);
  await registerUser(server, 'carol', PASSWORD, 'Carol');
  await registerUser(server, 'erin', PASSWORD, 'Erin');
  await gone(await a.startChat('bob'));
  await a.send('Bob', 'Morning Bob!');
  await b.open('Alice');
  await visible(b.message('Alice', 'Morning Bob!'));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([alice?.dispose(), bob?.dispose()]);
  await server?.stop({ removeData: true });
});

describe('message actions between two people', () => {
  it('M13 M14 reactions and edits appear live on the other side', async () => {
    await a.send('Bob', 'The meeting moved to 3pm');
    const onBobs = b.message('Alice', 'The meeting moved to 3pm');
    await visible(onBobs);

    // Bob reacts from the hover toolbar's emoji picker.
    await onBobs.hover();
    await onBobs.getByRole('button', { name: 'React', exact: true }).click();
    const picker = b.page.getByRole('dialog', { name: 'Choose a reaction' });
    await visible(picker);
    await screenshot(b.page, 'en-light-emoji-picker');
    await picker.getByRole('group', { name: 'Frequently used' }).getByRole('button', { name: 'React with 👍' }).click();
    await gone(picker);

    // Alice sees it live, with who reacted; adding hers makes two, and hers is pressed.
    const onAlices = a.message('Bob', 'The meeting moved to 3pm');
    const chip = onAlices.getByRole('button', { name: /^👍 1, by Bob$/ });
    await visible(chip);
    expect(await chip.getAttribute('aria-pressed')).toBe('false');
    await chip.click();
    const both = onAlices.getByRole('button', { name: /^👍 2, by / });
    await visible(both);
    expect(await both.getAttribute('aria-pressed')).toBe('true');
    await visible(onBobs.getByRole('button', { name: /^👍 2, by / }));

    // Alice edits her text: the composer shows what is being edited; Esc cancels, then she edits for real.
    await (await messageMenu(a, onAlices)).getByRole('menuitem', { name: 'Edit' }).click();
    const composer = a.composer('Bob');
    await visible(a.page.getByText('Editing your message'));
    expect(await composer.inputValue()).toBe('The meeting moved to 3pm');
    await composer.press('Escape');
    await gone(a.page.getByText('Editing your message'));
    expect(await composer.inputValue()).toBe('');

    await (await messageMenu(a, onAlices)).getByRole('menuitem', { name: 'Edit' }).click();
    await composer.fill('The meeting moved to 4pm');
    await screenshot(a.page, 'en-light-editing');
    await composer.press('Enter');
    const edited = b.message('Alice', 'The meeting moved to 4pm');
    await visible(edited);
    await visible(edited.getByText('edited', { exact: true }));
    // The reactions stay with the edited message.
    await visible(edited.getByRole('button', { name: /^👍 2, by / }));
    await screenshot(b.page, 'en-light-reactions-edited');
  });

  it('M14 a reply shows its quote; the quote jumps to the original, loading it when it is far back', async () => {
    await b.send('Alice', 'Where did you put the contract?');
    const question = a.message('Bob', 'Where did you put the contract?');
    await visible(question);
    await question.hover();
    await question.getByRole('button', { name: 'Reply', exact: true }).click();
    await visible(a.page.getByText('Replying to Bob'));
    await a.composer('Bob').fill('In the shared folder, under 2026.');
    await screenshot(a.page, 'en-light-replying');
    await a.composer('Bob').press('Enter');
    await gone(a.page.getByText('Replying to Bob'));

    // Both see the answer with the quote above it.
    const quoteName = /^Quoted message from Bob: Where did you put the contract\?\. Show the original$/;
    await visible(b.message('Alice', 'In the shared folder').getByRole('button', { name: /^Quoted message from You: Where did you put the contract/ }));
    await visible(a.message('Bob', 'In the shared folder').getByRole('button', { name: quoteName }));

    // Bob's phone quotes an old message of his after a long burst: it is no longer loaded on Alice's screen.
    const phone = await connectTestClient(server, 'bob');
    try {
      await call(phone, 'message:send', { clientMsgId: 'bob-orig-00000001', to: 'alice', body: text('Original: the invoice number is 4711') });
      for (let i = 1; i <= 70; i++) {
        await call(phone, 'message:send', { clientMsgId: `bob-fill-${String(i).padStart(8, '0')}`, to: 'alice', body: text(`Filler ${String(i).padStart(3, '0')}`) });
      }
      await call(phone, 'message:send', { clientMsgId: 'bob-reply-00000001', to: 'alice', body: text('Did you pay that one?'), replyTo: 'bob:bob-orig-00000001' });
    } finally {
      phone.close();
    }
    // A fresh page: only the newest page of history is loaded.
    await a.page.reload();
    await a.open('Bob');
    const reply = a.message('Bob', 'Did you pay that one?');
    await visible(reply);
    const original = bubble(a, 'Bob', 'Original: the invoice number is 4711');
    expect(await original.count()).toBe(0);
    await reply.getByRole('button', { name: /^Quoted message from Bob: Original: the invoice number is 4711/ }).click();
    await visible(original);
    await visible(original.locator('.message-frame--highlight'));
    await screenshot(a.page, 'en-light-jumped-to-quote');
    // Back to the present with the jump button.
    await a.page.getByRole('button', { name: /^Jump to the latest messages/ }).click();
    await visible(a.message('Bob', 'Did you pay that one?'));
  });

  it('M5 recall within the window: the other side sees the tip, the sender re-edits; after the window there is no recall', async () => {
    // Bob's phone filled his chat meanwhile: he goes back down to the newest.
    await toLatest(b, 'Alice');
    await a.send('Bob', 'Sned the fiel please');
    const onBobs = b.message('Alice', 'Sned the fiel please');
    await visible(onBobs);
    const mine = a.message('Bob', 'Sned the fiel please');
    // By keyboard: focus the message and open its menu with Shift+F10.
    await mine.locator('.message-frame').focus();
    await a.page.keyboard.press('Shift+F10');
    const menu = a.page.getByRole('menu', { name: 'Actions for this message' });
    await visible(menu);
    await screenshot(a.page, 'en-light-message-menu');
    await menu.getByRole('menuitem', { name: 'Recall' }).click();

    await visible(a.timeline('Bob').getByText('You recalled a message'));
    await visible(b.timeline('Alice').getByText('Alice recalled a message'));
    await gone(onBobs);
    await screenshot(b.page, 'en-light-recalled-peer');
    await a.page.getByRole('button', { name: 'Re-edit' }).click();
    expect(await a.composer('Bob').inputValue()).toBe('Sned the fiel please');
    await screenshot(a.page, 'en-light-recalled-reedit');
    await a.composer('Bob').fill('Send the file please');
    await a.composer('Bob').press('Enter');
    await visible(b.message('Alice', 'Send the file please'));

    // The window comes from the server (8 s here, not the default two minutes): a menu opened within it offers
    // Recall, and the open menu loses it the moment the window closes; opened afterwards it never offers it.
    const fresh = a.message('Bob', 'Send the file please');
    const open = await messageMenu(a, fresh);
    await visible(open.getByRole('menuitem', { name: 'Recall' }));
    await gone(open.getByRole('menuitem', { name: 'Recall' }), (RECALL_WINDOW_SECONDS + 5) * 1000);
    await visible(open.getByRole('menuitem', { name: 'Edit' }));
    await a.page.keyboard.press('Escape');
    const late = await messageMenu(a, fresh);
    await visible(late.getByRole('menuitem', { name: 'Edit' }));
    expect(await late.getByRole('menuitem', { name: 'Recall' }).count()).toBe(0);
    await a.page.keyboard.press('Escape');
    await visible(b.message('Alice', 'Send the file please'));
  });

  it('M5 a recall made offline that reaches the server after the window is refused: the message comes back and the sender is told why', async () => {
    await a.send('Bob', 'Lunch at one?');
    await visible(b.message('Alice', 'Lunch at one?'));
    const port = server.port;
    const dataDir = server.dataDir;
    await server.stop();
    const banner = a.page.getByRole('status').filter({ hasText: /Cannot reach the server|offline|Connecting/ });
    await visible(banner);
    // Within the window by the clock: the menu offers Recall, and the outbox keeps it while offline.
    const menu = await messageMenu(a, a.message('Bob', 'Lunch at one?'));
    const recallTips = a.timeline('Bob').getByText('You recalled a message');
    const tipsBefore = await recallTips.count();
    await menu.getByRole('menuitem', { name: 'Recall' }).click();
    await expect.poll(() => recallTips.count()).toBe(tipsBefore + 1);
    await gone(a.message('Bob', 'Lunch at one?'));

    await a.page.waitForTimeout((RECALL_WINDOW_SECONDS + 1) * 1000);
    server = await startTestServer({ port, dataDir, recallWindowSeconds: RECALL_WINDOW_SECONDS });
    const toast = a.page.getByRole('alert').filter({ hasText: 'Couldn’t recall the message: It is too late to recall this message.' });
    await visible(toast, 60_000);
    await screenshot(a.page, 'en-light-recall-refused');
    await visible(a.message('Bob', 'Lunch at one?'));
    expect(await recallTips.count()).toBe(tipsBefore);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await gone(toast);
    await gone(banner, 60_000);
    // Bob never saw it recalled.
    await visible(b.message('Alice', 'Lunch at one?'));
    await gone(b.page.getByRole('status').filter({ hasText: /Cannot reach the server|offline|Connecting/ }), 60_000);
  });

  it('M7 select 5 messages and combined-forward them; the other side opens the bundle and nests it once more', async () => {
    const carol = await connectTestClient(server, 'carol');
    try {
      for (let i = 1; i <= 5; i++) {
        await call(carol, 'message:send', { clientMsgId: `carol-item-${String(i).padStart(6, '0')}`, to: 'alice', body: text(`Carol item ${i}`) });
      }
    } finally {
      carol.close();
    }
    await a.open('Carol');
    await visible(a.message('Carol', 'Carol item 5'));

    // Select mode from the first message's menu, then the other four by clicking them.
    await (await messageMenu(a, a.message('Carol', 'Carol item 1'))).getByRole('menuitem', { name: 'Select' }).click();
    const bar = a.page.getByRole('toolbar', { name: 'Selected messages' });
    await visible(bar);
    for (let i = 2; i <= 5; i++) await a.message('Carol', `Carol item ${i}`).locator('.message-frame').click({ position: { x: 4, y: 4 } });
    await visible(bar.getByText('5 messages selected'));
    expect(await a.timeline('Carol').getByRole('checkbox', { checked: true }).count()).toBe(5);
    await screenshot(a.page, 'en-light-select-mode');

    await bar.getByRole('button', { name: 'Combined forward' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Forward' });
    await visible(dialog);
    expect(await dialog.getByLabel('As one combined message').isChecked()).toBe(true);
    expect(await dialog.getByLabel('Title of the combined message').inputValue()).toBe('Chat history of Alice and Carol');
    await dialog.getByLabel('Search conversations').fill('bo');
    await dialog.getByRole('checkbox', { name: 'Bob' }).check();
    await screenshot(a.page, 'en-light-forward-dialog');
    await dialog.getByRole('button', { name: 'Send to 1 conversation' }).click();
    await gone(dialog);
    await gone(bar);

    // Bob opens the bundle: the five messages, signed by the server.
    const bundle = b.page.getByRole('button', { name: /^Open chat history “Chat history of Alice and Carol”/ });
    await visible(bundle);
    await bundle.click();
    const viewer = b.page.getByRole('dialog', { name: 'Chat history: Chat history of Alice and Carol' });
    await visible(viewer);
    for (let i = 1; i <= 5; i++) await visible(viewer.getByText(`Carol item ${i}`, { exact: true }));
    await screenshot(b.page, 'en-light-bundle-opened');
    await viewer.getByRole('button', { name: 'Close chat history' }).click();
    await gone(viewer);

    // Bob forwards it on, combined with one more message: a bundle inside a bundle.
    const bundleRow = b.timeline('Alice').locator('[data-message-id]').filter({ has: bundle });
    await (await messageMenu(b, bundleRow)).getByRole('menuitem', { name: 'Select' }).click();
    await b.message('Alice', 'Send the file please').locator('.message-frame').click({ position: { x: 4, y: 4 } });
    const bobsBar = b.page.getByRole('toolbar', { name: 'Selected messages' });
    await visible(bobsBar.getByText('2 messages selected'));
    await bobsBar.getByRole('button', { name: 'Combined forward' }).click();
    const bobsDialog = b.page.getByRole('dialog', { name: 'Forward' });
    await bobsDialog.getByLabel('Title of the combined message').fill('Nested for Alice');
    await bobsDialog.getByRole('checkbox', { name: 'Alice' }).check();
    await bobsDialog.getByRole('button', { name: 'Send to 1 conversation' }).click();
    await gone(bobsDialog);
    // The confirmation says so briefly, then goes.
    await visible(b.page.getByText('Forwarded.'));
    await gone(b.page.getByText('Forwarded.'), 8000);

    await a.open('Bob');
    await a.page.getByRole('button', { name: /^Open chat history “Nested for Alice”/ }).click();
    const outer = a.page.getByRole('dialog', { name: 'Chat history: Nested for Alice' });
    await visible(outer);
    await visible(outer.getByText('Send the file please'));
    await outer.getByRole('button', { name: /^Open chat history “Chat history of Alice and Carol”/ }).click();
    const inner = a.page.getByRole('dialog', { name: 'Chat history: Chat history of Alice and Carol' });
    await visible(inner);
    await visible(inner.getByText('Carol item 3', { exact: true }));
    await screenshot(a.page, 'en-light-bundle-nested');
    await inner.getByRole('button', { name: 'Back' }).click();
    await visible(a.page.getByRole('dialog', { name: 'Chat history: Nested for Alice' }));
    await a.page.getByRole('button', { name: 'Close chat history' }).click();
  });

  it('M16 report a message with a reason and a note; M10 delete for me after a confirmation', async () => {
    await a.send('Bob', 'Buy cheap watches at example.test');
    const spam = b.message('Alice', 'Buy cheap watches at example.test');
    await toLatest(b, 'Alice');
    await visible(spam);
    await (await messageMenu(b, spam)).getByRole('menuitem', { name: 'Report' }).click();
    const report = b.page.getByRole('dialog', { name: 'Report this message' });
    await visible(report);
    await report.getByLabel('Spam or advertising').check();
    await report.getByLabel('Details (optional)').fill('Third time this week');
    await screenshot(b.page, 'en-light-report-dialog');
    await report.getByRole('button', { name: 'Send report' }).click();
    await gone(report);
    await visible(b.page.getByText('Reported. An administrator will review it.'));
    // Stored for the server's administrators, with the reason, the note and what the message said.
    await expect
      .poll(async () => (await server.app.services.reports.listReports({ limit: 10 })).reports.map((r) => [r.reporter, r.reason, r.note, JSON.stringify(r.message.body)]))
      .toEqual([['bob', 'spam', 'Third time this week', JSON.stringify(text('Buy cheap watches at example.test'))]]);

    // Bob deletes it for himself: asked first, then gone from his view only.
    await (await messageMenu(b, spam)).getByRole('menuitem', { name: 'Delete for me' }).click();
    const confirm = b.page.getByRole('dialog', { name: 'Delete 1 message for you?' });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await gone(spam);
    await visible(a.message('Bob', 'Buy cheap watches at example.test'));
  });

  it('M12 pin, mute, the quick switcher, Alt+arrows and mark all read', async () => {
    await registerUser(server, 'dave', PASSWORD, 'Dave');
    // Right click on a row opens its menu.
    await a.row('Carol').getByRole('button').click({ button: 'right' });
    const menu = a.page.getByRole('menu', { name: 'Options for Carol' });
    await visible(menu);
    await screenshot(a.page, 'en-light-conversation-menu');
    await menu.getByRole('menuitem', { name: 'Pin to top' }).click();
    await visible(a.row('Carol').getByRole('img', { name: 'Pinned' }));
    expect(await a.nav.getByRole('listitem').first().textContent()).toContain('Carol');
    // By keyboard: Shift+F10 on the focused row.
    await a.row('Carol').getByRole('button').focus();
    await a.page.keyboard.press('Shift+F10');
    await a.page.getByRole('menu', { name: 'Options for Carol' }).getByRole('menuitem', { name: 'Mute notifications' }).click();
    await visible(a.row('Carol').getByRole('img', { name: 'Muted' }));

    // Dave's chat is open; Carol and Bob write meanwhile.
    await gone(await a.startChat('dave'));
    const carol = await connectTestClient(server, 'carol');
    try {
      for (const note of ['Muted one', 'Muted two']) {
        await call(carol, 'message:send', { clientMsgId: `carol-muted-${note.replace(' ', '-')}`, to: 'alice', body: text(note) });
      }
    } finally {
      carol.close();
    }
    await b.send('Alice', 'Unmuted ping');
    await visible(a.row('Carol').getByText('2 unread messages'));
    await visible(a.row('Bob').getByText('1 unread message'));
    // Pinned stays first although Bob wrote last.
    expect(await a.nav.getByRole('listitem').first().textContent()).toContain('Carol');
    await screenshot(a.page, 'en-light-list-pinned-muted');

    // Shift+Esc: everything read.
    await a.page.keyboard.press('Shift+Escape');
    await gone(a.row('Carol').getByText('2 unread messages'));
    await gone(a.row('Bob').getByText('1 unread message'));

    // Ctrl+K, type, Enter; then Alt+Down to the next conversation in the list.
    await a.page.keyboard.press('Control+k');
    const switcher = a.page.getByRole('dialog', { name: 'Jump to a conversation' });
    await visible(switcher);
    await switcher.getByRole('combobox', { name: 'Conversation name' }).fill('car');
    await visible(switcher.getByRole('option', { name: /Carol/ }));
    expect(await switcher.getByRole('option').count()).toBe(1);
    await screenshot(a.page, 'en-light-quick-switcher');
    await a.page.keyboard.press('Enter');
    await gone(switcher);
    await visible(a.composer('Carol'));
    await a.page.keyboard.press('Alt+ArrowDown');
    await visible(a.composer('Bob'));
    await a.page.keyboard.press('Alt+ArrowUp');
    await visible(a.composer('Carol'));
  });

  it('M10 delete a conversation after a confirmation', async () => {
    await gone(await a.startChat('erin'));
    await a.row('Erin').getByRole('button').click({ button: 'right' });
    await a.page.getByRole('menu', { name: 'Options for Erin' }).getByRole('menuitem', { name: 'Delete conversation' }).click();
    const confirm = a.page.getByRole('dialog', { name: 'Delete the conversation with Erin?' });
    await visible(confirm);
    await screenshot(a.page, 'en-light-delete-conversation');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await gone(a.row('Erin'));
  });

  it('M12 a draft shows as [Draft] in the list and survives a restart', async () => {
    await a.open('Bob');
    await a.composer('Bob').fill('Half-written thought about the budget');
    await a.open('Dave');
    const bobsRow = a.row('Bob');
    await visible(bobsRow.getByText('[Draft]'));
    await visible(bobsRow.getByText('Half-written thought about the budget'));

    await alice.restart();
    await a.page.goto(alice.url);
    await visible(a.row('Bob').getByText('[Draft]'));
    await screenshot(a.page, 'en-light-draft-in-list');
    await a.open('Bob');
    expect(await a.composer('Bob').inputValue()).toBe('Half-written thought about the budget');
    // Sending clears it.
    await a.composer('Bob').press('Enter');
    await a.open('Dave');
    await visible(a.row('Bob').getByText('You: Half-written thought about the budget'));
    expect(await a.row('Bob').getByText('[Draft]').count()).toBe(0);
  });

  it('looks right in dark mode too', async () => {
    await a.page.emulateMedia({ colorScheme: 'dark' });
    await a.open('Bob');
    await a.composer('Bob').fill('A draft in the dark');
    const message = a.message('Bob', 'Half-written thought about the budget');
    await (await messageMenu(a, message)).getByRole('menuitem', { name: 'Reply' }).click();
    await screenshot(a.page, 'en-dark-replying');
    await a.composer('Bob').press('Escape');
    await message.locator('.bubble').first().hover();
    await message.getByRole('button', { name: 'React', exact: true }).click();
    await screenshot(a.page, 'en-dark-emoji-picker');
    await a.page.keyboard.press('Escape');
    await a.row('Carol').getByRole('button').click({ button: 'right' });
    await screenshot(a.page, 'en-dark-conversation-menu');
    await a.page.keyboard.press('Escape');
    await gone(a.page.getByRole('menu'));
    await a.page.keyboard.press('Control+f');
    await a.page.getByRole('dialog', { name: 'Search messages' }).getByLabel('Keyword').fill('meeting');
    await visible(a.page.getByRole('region', { name: /^Bob: / }));
    await screenshot(a.page, 'en-dark-search');
    await a.page.keyboard.press('Escape');
    await a.page.emulateMedia({ colorScheme: 'light' });
  });
});
