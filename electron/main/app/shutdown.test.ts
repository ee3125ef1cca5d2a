import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShutdown } from './shutdown';

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

afterEach(() => vi.useRealTimers());

describe('createShutdown', () => {
  it('runs the steps once, in order, however often quit is requested', async () => {
    const order: string[] = [];
    const shutdown = createShutdown(
      () => [
        { name: 'core', run: async () => void order.push('core') },
        { name: 'server', run: () => void order.push('server') },
      ],
      { log: log(), stepTimeoutMs: 1_000 },
    );
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(order).toEqual(['core', 'server']);
  });

  it('D2 still stops the server when stopping the core fails', async () => {
    const stopServer = vi.fn();
    const logger = log();
    const shutdown = createShutdown(
      () => [
        { name: 'core', run: () => Promise.reject(new Error('database is locked')) },
        { name: 'server', run: stopServer },
      ],
      { log: logger, stepTimeoutMs: 1_000 },
    );
    await shutdown();
    expect(stopServer).toHaveBeenCalledOnce();
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ step: 'core' }), expect.any(String));
  });

  it('moves on from a step that hangs', async () => {
    vi.useFakeTimers();
    const stopServer = vi.fn();
    const logger = log();
    const shutdown = createShutdown(
      () => [
        { name: 'core', run: () => new Promise<void>(() => {}) },
        { name: 'server', run: stopServer },
      ],
      { log: logger, stepTimeoutMs: 5_000 },
    );
    const done = shutdown();
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(stopServer).toHaveBeenCalledOnce();
    expect(logger.warn).toHaveBeenCalledWith({ step: 'core' }, expect.any(String));
  });

  it('reads the steps when quitting starts, so steps added during start-up are included', async () => {
    const steps: { name: string; run: () => void }[] = [];
    const shutdown = createShutdown(() => steps, { log: log(), stepTimeoutMs: 1_000 });
    const late = vi.fn();
    steps.push({ name: 'late', run: late });
    await shutdown();
    expect(late).toHaveBeenCalledOnce();
  });
});
