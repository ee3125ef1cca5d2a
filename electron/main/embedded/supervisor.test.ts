import { describe, expect, it } from 'vitest';
import { RestartPolicy, superviseServer, type ServerRun } from './supervisor';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** A server run whose crash the test triggers. */
function fakeRun(url = 'http://127.0.0.1:4000') {
  let exit: (code: number | null) => void = () => {};
  const run: ServerRun & { stopped: number; crash(code?: number): void } = {
    url,
    stopped: 0,
    onUnexpectedExit: (listener) => (exit = listener),
    stop: async () => {
      run.stopped += 1;
    },
    crash: (code = 1) => exit(code),
  };
  return run;
}

/** Timers run by hand: `fire()` runs the pending one. */
function manualTimers() {
  const pending: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    setTimer(callback: () => void, ms: number) {
      const timer = { callback, ms, cancelled: false };
      pending.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    async fire() {
      const timer = pending.shift();
      if (!timer || timer.cancelled) throw new Error('no timer pending');
      timer.callback();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('RestartPolicy', () => {
  it('D2 backs off per consecutive failure, gives up after the last, and forgives a long healthy run', () => {
    const policy = new RestartPolicy({ minMs: 500, maxMs: 4_000, maxFailures: 5, stableMs: 60_000 });
    expect([0, 0, 0, 0, 0].map(() => policy.failed(0))).toEqual([
      { kind: 'restart', delayMs: 500 },
      { kind: 'restart', delayMs: 1_000 },
      { kind: 'restart', delayMs: 2_000 },
      { kind: 'restart', delayMs: 4_000 },
      { kind: 'restart', delayMs: 4_000 },
    ]);
    expect(policy.failed(10)).toEqual({ kind: 'giveUp' });
    expect(policy.failed(60_000)).toEqual({ kind: 'restart', delayMs: 500 });
  });
});

describe('superviseServer', () => {
  it('D2 restarts a crashed server after the back-off and watches the new one', async () => {
    const timers = manualTimers();
    const first = fakeRun();
    const second = fakeRun();
    const restarts: ServerRun[] = [second];
    const gaveUp: string[] = [];
    const server = superviseServer(first, {
      restart: async () => restarts.shift() ?? fakeRun(),
      log: silent,
      onGaveUp: (reason) => gaveUp.push(reason),
      setTimer: timers.setTimer,
    });
    expect(server.url).toBe('http://127.0.0.1:4000');
    first.crash(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([500]);
    await timers.fire();
    second.crash(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([1_000]);
    await server.stop();
    expect(timers.pending[0]?.cancelled).toBe(true);
    expect(gaveUp).toEqual([]);
  });

  it('D2 tells the user once it keeps failing, and stops trying', async () => {
    const timers = manualTimers();
    const gaveUp: string[] = [];
    let starts = 0;
    superviseServer(
      (() => {
        const run = fakeRun();
        queueMicrotask(() => run.crash(9));
        return run;
      })(),
      {
        restart: async () => {
          starts += 1;
          throw new Error('port 4000 is taken');
        },
        policy: new RestartPolicy({ minMs: 10, maxMs: 10, maxFailures: 3, stableMs: 60_000 }),
        log: silent,
        onGaveUp: (reason) => gaveUp.push(reason),
        setTimer: timers.setTimer,
      },
    );
    await new Promise((r) => setTimeout(r, 0));
    await timers.fire();
    await timers.fire();
    await timers.fire();
    expect(starts).toBe(3);
    expect(gaveUp).toEqual(['port 4000 is taken']);
    expect(timers.pending).toEqual([]);
  });

  it('stops a server that came back after stop() was called, and ignores exits it asked for', async () => {
    const timers = manualTimers();
    const first = fakeRun();
    const late = fakeRun();
    const server = superviseServer(first, { restart: async () => late, log: silent, onGaveUp: () => {}, setTimer: timers.setTimer });
    first.crash();
    const firing = timers.fire();
    await server.stop();
    await firing;
    expect(late.stopped).toBe(1);
    late.crash();
    expect(timers.pending).toEqual([]);
  });
});
