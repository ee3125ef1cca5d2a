import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedServerError, parseListeningMessage, stopServerProcess, waitForListening } from './serverProcess';

/** An EventEmitter standing in for Electron's UtilityProcess. */
class FakeProcess extends EventEmitter {
  alive = true;
  killSignals = 0;
  messages: unknown[] = [];
  exitOnShutdownMessage = true;
  exitOnKill = true;
  get pid(): number | undefined {
    return this.alive ? 4242 : undefined;
  }
  postMessage(message: unknown): void {
    if (!this.alive) throw new Error('the process is gone');
    this.messages.push(message);
    if (this.exitOnShutdownMessage && (message as { type?: string }).type === 'shutdown') queueMicrotask(() => this.exit(0));
  }
  kill(): boolean {
    if (!this.alive) return false;
    this.killSignals += 1;
    if (this.exitOnKill) queueMicrotask(() => this.exit(143));
    return true;
  }
  exit(code: number) {
    this.alive = false;
    this.emit('exit', code);
  }
}

afterEach(() => vi.useRealTimers());

describe('parseListeningMessage', () => {
  it('D2 reads the server URL from its listening report', () => {
    expect(parseListeningMessage({ type: 'listening', url: 'http://127.0.0.1:43123' })).toBe('http://127.0.0.1:43123');
    expect(parseListeningMessage({ type: 'listening', url: 'http://127.0.0.1:43123/' })).toBe('http://127.0.0.1:43123');
  });

  it('ignores anything else', () => {
    for (const message of [null, 'listening', { type: 'log', url: 'http://x' }, { type: 'listening' }, { type: 'listening', url: 'ftp://x' }, { type: 'listening', url: 'nope' }]) {
      expect(parseListeningMessage(message)).toBeNull();
    }
  });
});

describe('waitForListening', () => {
  it('D2 resolves with the URL once the server reports it, ignoring other messages first', async () => {
    const child = new FakeProcess();
    const waiting = waitForListening(child, 1_000);
    child.emit('message', { type: 'progress' });
    child.emit('message', { type: 'listening', url: 'http://127.0.0.1:5000' });
    await expect(waiting).resolves.toBe('http://127.0.0.1:5000');
    expect(child.listenerCount('message')).toBe(0);
    expect(child.listenerCount('exit')).toBe(0);
  });

  it('D2 fails clearly when the server exits before listening', async () => {
    const child = new FakeProcess();
    const waiting = waitForListening(child, 1_000);
    child.exit(1);
    await expect(waiting).rejects.toThrow(EmbeddedServerError);
    await expect(waiting).rejects.toThrow(/exit code 1\) before it was ready/);
    expect(child.listenerCount('message')).toBe(0);
  });

  it('D2 fails clearly when the server stays silent past the timeout', async () => {
    vi.useFakeTimers();
    const child = new FakeProcess();
    const waiting = waitForListening(child, 20_000);
    const assertion = expect(waiting).rejects.toThrow(/did not report that it was listening within 20 s/);
    await vi.advanceTimersByTimeAsync(20_000);
    await assertion;
    expect(child.listenerCount('message')).toBe(0);
  });
});

describe('stopServerProcess', () => {
  const timing = { graceMs: 3_000, killMs: 2_000 };

  it('D2 asks the server to shut down gracefully and waits for it to exit, without killing it', async () => {
    const child = new FakeProcess();
    await expect(stopServerProcess(child, timing)).resolves.toBe('exited');
    expect(child.messages).toEqual([{ type: 'shutdown' }]);
    expect(child.killSignals).toBe(0);
    expect(child.listenerCount('exit')).toBe(0);
  });

  it('D2 kills a server that ignores the shutdown message after the grace period', async () => {
    vi.useFakeTimers();
    const child = new FakeProcess();
    child.exitOnShutdownMessage = false;
    const stopping = stopServerProcess(child, timing);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(child.killSignals).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(stopping).resolves.toBe('killed');
    expect(child.alive).toBe(false);
  });

  it('returns at once for a process that is already gone', async () => {
    const child = new FakeProcess();
    child.exit(0);
    await expect(stopServerProcess(child, timing)).resolves.toBe('exited');
    expect(child.messages).toEqual([]);
    expect(child.listenerCount('exit')).toBe(0);
  });

  it('gives up after kill plus the timeout so quitting never hangs', async () => {
    vi.useFakeTimers();
    const child = new FakeProcess();
    child.exitOnShutdownMessage = false;
    child.exitOnKill = false;
    const stopping = stopServerProcess(child, timing);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(stopping).resolves.toBe('timed-out');
    expect(child.killSignals).toBe(1);
    expect(child.listenerCount('exit')).toBe(0);
  });
});
