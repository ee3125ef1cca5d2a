import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../shared/ipc';
import { dispatchIpc } from '../../shared/ipc/dispatch';
import { createChatCore } from './index';
import type { CoreLogger } from './logger';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function makeCore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'core-api-'));
  dirs.push(dataDir);
  // Hosts pass pino; the core's logger type must accept it as is.
  const logger: CoreLogger = pino({ level: 'silent' });
  return createChatCore({ dataDir, defaultServerUrl: 'http://127.0.0.1:1', host: 'web', appVersion: '1.2.3', platform: 'Web', logger });
}

describe('renderer API', () => {
  it('implements every request channel', () => {
    const core = makeCore();
    expect(Object.keys(core.api).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('answers app:info and session:get while signed out', async () => {
    const core = makeCore();
    await core.start();
    const unexpected: unknown[] = [];
    const onUnexpected = (e: unknown) => unexpected.push(e);
    expect(await dispatchIpc(core.api, 'app:info', {}, onUnexpected)).toEqual({
      ok: true,
      value: { version: '1.2.3', defaultServerUrl: 'http://127.0.0.1:1', host: 'web', mediaBaseUrl: '', canOpenFiles: false },
    });
    expect(await dispatchIpc(core.api, 'session:get', {}, onUnexpected)).toEqual({ ok: true, value: { state: 'signedOut', reason: null } });
    expect(await dispatchIpc(core.api, 'connection:get', {}, onUnexpected)).toEqual({ ok: true, value: { status: 'offline', retryInMs: null } });
    expect(unexpected).toEqual([]);
    await core.stop();
    await core.stop();
  });

  it('refuses account calls while signed out with unauthenticated', async () => {
    const core = makeCore();
    await core.start();
    const onUnexpected = () => {
      throw new Error('no unexpected errors expected');
    };
    for (const [channel, input] of [
      ['conversations:list', {}],
      ['conversations:open', { peer: 'bob' }],
      ['messages:send', { conversationId: 'c2c_bob', text: 'hi' }],
      ['messages:page', { conversationId: 'c2c_bob', limit: 10 }],
      ['typing:notify', { conversationId: 'c2c_bob' }],
    ] as const) {
      expect(await dispatchIpc(core.api, channel, input, onUnexpected)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    await core.stop();
  });

  it('reports an unreachable server as offline on sign-in', async () => {
    const core = makeCore();
    const reply = await dispatchIpc(core.api, 'session:signIn', { serverUrl: 'http://127.0.0.1:1', userId: 'alice', password: 'secret' }, () => {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'offline', message: expect.stringContaining('Cannot reach the server') } });
  });
});
