import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue';

describe('WorkQueue', () => {
  it('hands out keys in FIFO order, each queued at most once', async () => {
    const q = new WorkQueue();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.length).toBe(3);
    expect([await q.get(), await q.get(), await q.get()]).toEqual(['a', 'b', 'c']);
  });

  it('never gives a key to two workers: re-added in flight, it comes back after done()', async () => {
    const q = new WorkQueue();
    q.add('a');
    const k = await q.get();
    q.add('a');
    expect(q.length).toBe(0);
    q.done(k!);
    expect(q.length).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it('wakes a waiting worker on add, and every worker on shutdown', async () => {
    const q = new WorkQueue();
    const w1 = q.get();
    const w2 = q.get();
    q.add('x');
    expect(await w1).toBe('x');
    q.shutdown();
    expect(await w2).toBeUndefined();
    q.add('y');
    expect(await q.get()).toBeUndefined();
  });

  it('retries after a backoff that doubles per failure and resets on forget()', async () => {
    const q = new WorkQueue();
    const t0 = Date.now();
    q.retry('a');
    expect(await q.get()).toBe('a');
    q.done('a');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    const t1 = Date.now();
    q.retry('a');
    expect(await q.get()).toBe('a');
    q.done('a');
    expect(Date.now() - t1).toBeGreaterThanOrEqual(90);
    q.forget('a');
    const t2 = Date.now();
    q.retry('a');
    await q.get();
    expect(Date.now() - t2).toBeLessThan(90);
    q.shutdown();
  });

  it('idle() resolves once nothing is queued or in flight; clear() drops the backlog', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    const k = await q.get();
    let idle = false;
    const p = q.idle().then(() => (idle = true));
    q.clear();
    await Promise.resolve();
    expect(idle).toBe(false);
    q.done(k!);
    await p;
    expect(idle).toBe(true);
    expect(q.length).toBe(0);
  });
});
