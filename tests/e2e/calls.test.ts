import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callV4 } from '../../server/src/testing/v4Client';
import { launchBrowser, newPersonContext, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';
import { startPerson, type Person } from '../support/webHost';
import { ChatUi, english, gone, visible, type Labels } from './chatUi';

/**
 * Issue 6 (C1–C4) in Chromium with a fake camera and microphone: five pages on their own web hosts — Alice
 * (light), Bob on two devices (dark), Carol (Simplified Chinese) and Dave. Real WebRTC media between the pages is
 * proven with the engine's byte counters (`window.__openchatCalls`, present only with the debug flag in
 * localStorage) and with the frames the <video> elements render. The tests build on each other, in order.
 */
let server: TestServer;
let browser: Browser;
const people: Person[] = [];
const contexts: BrowserContext[] = [];
let a: ChatUi;
let b: ChatUi;
let b2: ChatUi;
let c: ChatUi;
let d: ChatUi;
let climbers = '';

const PASSWORD = 'correct horse battery';
const RING_SECONDS = 8;
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

async function page(name: string, options: { colorScheme?: 'light' | 'dark'; chinese?: boolean; host?: Person } = {}): Promise<ChatUi> {
  const host = options.host ?? (await startPerson({ serverUrl: server.url, name, rendererDir }));
  if (!options.host) people.push(host);
  const context = await newPersonContext(browser, { colorScheme: options.colorScheme ?? 'light', locale: options.chinese ? 'zh-CN' : 'en-US' });
  contexts.push(context);
  await context.addInitScript(() => localStorage.setItem('openchat.debugCalls', '1'));
  const ui = new ChatUi(await context.newPage(), options.chinese ? chinese : english);
  await ui.page.goto(host.url);
  return ui;
}

beforeAll(async () => {
  server = await startTestServer({ calls: { ringSeconds: RING_SECONDS } });
  browser = await launchBrowser();
  [a, b, c, d] = await Promise.all([page('alice'), page('bob', { colorScheme: 'dark' }), page('carol', { chinese: true }), page('dave')]);
  await Promise.all([
    a.signUp('alice', 'Alice', PASSWORD, server.url),
    b.signUp('bob', 'Bob', PASSWORD, server.url),
    c.signUp('carol', 'Carol', PASSWORD, server.url),
    d.signUp('dave', 'Dave', PASSWORD, server.url),
  ]);
  // C4: Bob's second device, signed in on its own web host.
  b2 = await page('bob-laptop', { colorScheme: 'dark' });
  await visible(b2.page.getByRole('heading', { name: 'Welcome back' }));
  await b2.page.getByLabel('UserID', { exact: true }).fill('bob');
  await b2.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await b2.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(b2.nav);
  for (const [from, to] of [
    ['alice', ['bob', 'carol', 'dave']],
    ['bob', ['alice']],
    ['carol', ['alice', 'dave']],
    ['dave', ['alice', 'carol']],
  ] as const) {
    const AddFriendItem = to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Import' }));
    expect((await callV4(server, 'sns/friend_import', { From_Account: from, AddFriendItem })).ActionStatus).toBe('OK');
  }
  const created = await callV4(server, 'group_open_http_svc/create_group', {
    Owner_Account: 'alice',
    Type: 'Work',
    Name: 'Climbers',
    MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'carol' }, { Member_Account: 'dave' }],
  });
  expect(created.ActionStatus, created.ErrorInfo).toBe('OK');
  climbers = created.GroupId as string;
  const sent = await callV4(server, 'group_open_http_svc/send_group_msg', { GroupId: climbers, From_Account: 'alice', Random: 7, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Wall at six?' } }] });
  expect(sent.ActionStatus, sent.ErrorInfo).toBe('OK');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(people.map((p) => p.dispose()));
  await server?.stop({ removeData: true });
});

interface PeerStats {
  inboundAudioBytes: number;
  inboundVideoBytes: number;
  outboundAudioBytes: number;
  outboundVideoBytes: number;
  framesDecoded: number;
  connection: string;
}

/** The engine's per-peer counters (debug flag only). */
async function stats(ui: ChatUi): Promise<PeerStats[]> {
  const all = await ui.page.evaluate(async () => {
    const debug = (window as unknown as { __openchatCalls?: { stats(): Promise<Record<string, unknown>> } }).__openchatCalls;
    return debug ? await debug.stats() : {};
  });
  return Object.values(all) as PeerStats[];
}

const sum = (rows: PeerStats[], key: keyof PeerStats) => rows.reduce((total, row) => total + Number(row[key]), 0);

async function until(what: string, check: () => Promise<boolean>, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 400));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Every one of `peers` remote devices sends this page audio and video that keep arriving. */
async function mediaFlows(ui: ChatUi, peers: number, video = true): Promise<void> {
  let before: PeerStats[] = [];
  await until(`${peers} connected peers`, async () => {
    before = await stats(ui);
    return before.length === peers && before.every((p) => p.connection === 'connected' && p.inboundAudioBytes > 0 && (!video || p.framesDecoded > 0));
  });
  await until('bytes still growing', async () => {
    const after = await stats(ui);
    return after.length === peers && after.every((p, i) => p.inboundAudioBytes > (before[i]?.inboundAudioBytes ?? 0) && (!video || p.framesDecoded > (before[i]?.framesDecoded ?? 0)));
  });
}

/** Frames a page's <video> of this person has rendered (the UI itself shows moving video). */
async function framesShown(ui: ChatUi, userId: string): Promise<number> {
  return ui.page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`video[data-peer="${id}"]`);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
  }, userId);
}

const callRegion = (ui: ChatUi, name: RegExp | string) => ui.page.getByRole('region', { name });
const incoming = (ui: ChatUi) => ui.page.getByRole('alertdialog');
const notice = (ui: ChatUi, text: string | RegExp) => ui.page.getByRole('status').filter({ hasText: text });
const control = (scope: Locator | Page, name: string) => scope.getByRole('button', { name, exact: true });

async function openChat(ui: ChatUi, userId: string, name: string): Promise<void> {
  if (await ui.row(name).count()) await ui.open(name);
  else {
    await gone(await ui.startChat(userId));
    await visible(ui.composer(name));
  }
}

describe('calls (issue 6)', () => {
  it('C1 C4 Alice video-calls Bob; both his devices ring; he answers on one, the other says so; real media flows', async () => {
    await openChat(a, 'bob', 'Bob');
    await control(a.page.getByRole('main'), 'Video call').click();
    await visible(a.page.getByText('Calling Bob…'));
    await screenshot(a.page, 'calls-outgoing-light');

    for (const device of [b, b2]) {
      await visible(incoming(device));
      await visible(incoming(device).getByRole('heading', { name: 'Alice' }));
      await visible(incoming(device).getByText('Video call'));
    }
    await screenshot(b.page, 'calls-incoming-dark');
    await control(incoming(b), 'Accept').click();

    // C4: the laptop stops ringing and says where the call went.
    await gone(incoming(b2));
    await visible(notice(b2, 'Answered on another device'));

    const aCall = callRegion(a, 'Call with Bob');
    const bCall = callRegion(b, 'Call with Alice');
    await visible(aCall);
    await visible(bCall);
    await visible(aCall.getByRole('timer', { name: 'Call duration' }));
    await mediaFlows(a, 1);
    await mediaFlows(b, 1);
    // The video element on screen renders Bob's frames.
    const shown = await framesShown(a, 'bob');
    await until('frames rendered', async () => (await framesShown(a, 'bob')) > shown);
    expect(await stats(b2)).toEqual([]);
    await screenshot(a.page, 'calls-1to1-video-light');

    // Device pickers list the fake devices.
    await control(aCall, 'Devices').click();
    const pickers = aCall.getByRole('group', { name: 'Devices' });
    await visible(pickers.getByRole('combobox', { name: 'Microphone' }));
    await visible(pickers.getByRole('combobox', { name: 'Camera' }));
    expect(await pickers.getByRole('combobox', { name: 'Camera' }).locator('option').count()).toBeGreaterThan(0);
    await control(aCall, 'Devices').click();
    await gone(pickers);
  });

  it('C1 mute stops outbound audio; unmute brings it back; the other side sees the microphone off', async () => {
    const aCall = callRegion(a, 'Call with Bob');
    await control(aCall, 'Mute microphone').click();
    await visible(control(aCall, 'Unmute microphone'));
    await new Promise((r) => setTimeout(r, 600));
    const muted = sum(await stats(a), 'outboundAudioBytes');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sum(await stats(a), 'outboundAudioBytes')).toBe(muted);
    await visible(callRegion(b, 'Call with Alice').getByRole('img', { name: 'Microphone off' }));

    await control(aCall, 'Unmute microphone').click();
    await until('audio sent again', async () => sum(await stats(a), 'outboundAudioBytes') > muted);
    await gone(callRegion(b, 'Call with Alice').getByRole('img', { name: 'Microphone off' }));
  });

  it('C3 Minimise keeps the call in a floating tile while the chat stays usable; one click restores it', async () => {
    await control(callRegion(a, 'Call with Bob'), 'Minimise').click();
    await gone(callRegion(a, 'Call with Bob'));
    const tile = a.page.getByRole('complementary', { name: 'Return to call' });
    await visible(tile);
    await a.send('Bob', 'Sending the topo while we talk');
    await screenshot(a.page, 'calls-floating-light');
    await control(tile, 'Return to call').click();
    await visible(callRegion(a, 'Call with Bob'));
  });

  it('C1 Bob turns his camera off and on, then switches video to audio: his video stops reaching Alice; hanging up takes both back to the chat', async () => {
    const bCall = callRegion(b, 'Call with Alice');
    // Camera off: no frames reach Alice, who sees Bob's avatar; back on, they flow again.
    await control(bCall, 'Turn camera off').click();
    await visible(control(bCall, 'Turn camera on'));
    await new Promise((r) => setTimeout(r, 800));
    const paused = sum(await stats(a), 'framesDecoded');
    await new Promise((r) => setTimeout(r, 1200));
    expect(sum(await stats(a), 'framesDecoded')).toBe(paused);
    await until('Bob’s video hidden for Alice', async () => (await a.page.locator('video[data-peer="bob"]').isHidden()));
    await control(bCall, 'Turn camera on').click();
    await until('Bob’s frames again', async () => sum(await stats(a), 'framesDecoded') > paused);

    await control(bCall, 'Switch to audio').click();
    await gone(control(bCall, 'Turn camera off'));
    await new Promise((r) => setTimeout(r, 800));
    const frames = sum(await stats(a), 'framesDecoded');
    const sent = sum(await stats(b), 'outboundVideoBytes');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sum(await stats(a), 'framesDecoded')).toBe(frames);
    expect(sum(await stats(b), 'outboundVideoBytes')).toBe(sent);
    // Audio goes on; Alice's video still reaches Bob.
    await mediaFlows(b, 1);
    expect((await stats(b)).every((p) => p.inboundAudioBytes > 0)).toBe(true);

    await control(callRegion(a, 'Call with Bob'), 'Hang up').click();
    await gone(callRegion(a, 'Call with Bob'));
    await gone(callRegion(b, 'Call with Alice'));
    await visible(a.composer('Bob'));
    expect(await stats(a)).toEqual([]);
    expect(await stats(b)).toEqual([]);
  });

  it('C1 Bob answers a video call as audio: he sees Alice, she sees his avatar and gets no video from him', async () => {
    await control(a.page.getByRole('main'), 'Video call').click();
    await visible(incoming(b));
    await control(incoming(b), 'Accept as audio').click();
    const bCall = callRegion(b, 'Call with Alice');
    await visible(bCall);
    expect(await control(bCall, 'Turn camera off').count()).toBe(0);
    await mediaFlows(b, 1);
    await mediaFlows(a, 1, false);
    expect(sum(await stats(a), 'framesDecoded')).toBe(0);
    await until('Bob’s avatar at Alice', async () => a.page.locator('video[data-peer="bob"]').isHidden());
    await control(bCall, 'Hang up').click();
    await gone(callRegion(a, 'Call with Bob'));
  });

  it('C1 decline, cancel and timeout: the caller is told what happened', async () => {
    const main = a.page.getByRole('main');
    // Decline.
    await control(main, 'Voice call').click();
    await visible(incoming(b));
    await visible(incoming(b).getByText('Voice call'));
    await control(incoming(b), 'Decline').click();
    await visible(notice(a, 'Bob declined'));
    await gone(incoming(b2));
    await gone(callRegion(a, 'Call with Bob'));

    // Cancel.
    await control(main, 'Voice call').click();
    await visible(incoming(b));
    await control(callRegion(a, 'Call with Bob'), 'Cancel').click();
    await visible(notice(a, 'Call cancelled'));
    await gone(incoming(b));
    await gone(incoming(b2));

    // Nobody answers.
    await control(main, 'Voice call').click();
    await visible(incoming(b2));
    await visible(notice(a, 'No answer'), (RING_SECONDS + 10) * 1000);
    await gone(incoming(b));
    await gone(incoming(b2));
  });

  it('C1 busy: Carol is in a call with Dave, so Alice hears that she is busy', async () => {
    await openChat(d, 'carol', 'Carol');
    await control(d.page.getByRole('main'), 'Voice call').click();
    await visible(incoming(c));
    await visible(incoming(c).getByText('邀请你语音通话'));
    await screenshot(c.page, 'calls-incoming-zh-CN');
    await control(incoming(c), '接听').click();
    await visible(callRegion(c, '与 Dave 通话中'));
    await mediaFlows(c, 1, false);

    await openChat(a, 'carol', 'Carol');
    await control(a.page.getByRole('main'), 'Voice call').click();
    await visible(notice(a, 'Carol is busy'));
    await control(callRegion(c, '与 Dave 通话中'), '挂断').click();
    await gone(callRegion(d, 'Call with Carol'));
  });

  it('C2 a group video call: Alice rings Bob, invites Carol during the call, every pair gets media; Dave joins from the bar', async () => {
    for (const ui of [a, b, c, d]) await visible(ui.row('Climbers'));
    await a.open('Climbers');
    await control(a.page.getByRole('main'), 'Video call').click();
    const chooser = a.page.getByRole('dialog', { name: 'Start a group video call' });
    await visible(chooser);
    await chooser.getByRole('checkbox', { name: 'Bob' }).check();
    await control(chooser, 'Ring').click();

    await visible(incoming(b));
    await visible(incoming(b2));
    await control(incoming(b), 'Accept').click();
    await gone(incoming(b2));
    const group = /Group call · Climbers|群通话 · Climbers/;
    await visible(callRegion(a, group));

    // During the call Alice rings Carol too.
    await control(callRegion(a, group), 'Invite members').click();
    const invite = a.page.getByRole('dialog', { name: 'Invite to the call' });
    expect(await invite.getByRole('checkbox', { name: 'Bob' }).count()).toBe(0);
    await invite.getByRole('checkbox', { name: 'Carol' }).check();
    await control(invite, 'Ring').click();
    await visible(incoming(c));
    await control(incoming(c), '接听').click();

    for (const ui of [a, b, c]) await visible(callRegion(ui, group));
    await Promise.all([mediaFlows(a, 2), mediaFlows(b, 2), mediaFlows(c, 2)]);
    await screenshot(b.page, 'calls-group-grid-dark');

    // Dave was not rung: the group's chat offers the call in progress.
    await d.open('Climbers');
    const bar = d.page.getByRole('region', { name: 'Call in progress' });
    await visible(bar);
    await visible(bar.getByText('3 people'));
    await bar.getByRole('button', { name: /Join/ }).click();
    await visible(callRegion(d, group));
    await Promise.all([mediaFlows(d, 3), mediaFlows(a, 3), mediaFlows(c, 3)]);
    await visible(callRegion(a, group).getByText('4 people'));
    await screenshot(c.page, 'calls-group-grid-zh-CN');

    for (const ui of [d, c, b]) await control(callRegion(ui, group), ui === c ? '挂断' : 'Hang up').click();
    await gone(callRegion(a, group));
    await visible(a.composer('Climbers'));
  });
});
