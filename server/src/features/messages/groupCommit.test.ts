import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './groupCommit';

describe('M3 group commit', () => {
  it('M3 commits everything enqueued in one event-loop turn as one batch, in order', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<number, string>(async (items) => {
      batches.push(items);
      return items.map((n) => `ok ${n}`);
    });
    const results = await Promise.all([1, 2, 3].map((n) => queue.enqueue(n)));
    expect(results).toEqual(['ok 1', 'ok 2', 'ok 3']);
    expect(batches).toEqual([[1, 2, 3]]);
    await queue.enqueue(4);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('settles nothing before the commit finishes, and never runs two commits at once', async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`committed ${items.join(',')}`);
      active -= 1;
      return items;
    });
    const first = queue.enqueue(1).then((n) => order.push(`acked ${n}`));
    await new Promise((resolve) => setImmediate(resolve));
    const second = queue.enqueue(2).then((n) => order.push(`acked ${n}`));
    await Promise.all([first, second]);
    expect(maxActive).toBe(1);
    expect(order).toEqual(['committed 1', 'acked 1', 'committed 2', 'acked 2']);
  });

  it('splits very large bursts into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      sizes.push(items.length);
      return items;
    }, 10);
    await Promise.all(Array.from({ length: 25 }, (_, i) => queue.enqueue(i)));
    expect(sizes).toEqual([10, 10, 5]);
  });

  it('a failed commit rejects its whole batch and the queue keeps working', async () => {
    let fail = true;
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    await expect(queue.enqueue(1)).rejects.toThrow('disk full');
    fail = false;
    await expect(queue.enqueue(2)).resolves.toBe(2);
  });

  it('drain waits for queued work', async () => {
    const done: number[] = [];
    const queue = new GroupCommitQueue<number, number>(async (items) => {
      done.push(...items);
      return items;
    });
    void queue.enqueue(1);
    void queue.enqueue(2);
    await queue.drain();
    expect(done).toEqual([1, 2]);
  });
});
