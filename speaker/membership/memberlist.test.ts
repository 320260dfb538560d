// Three Memberlists over real UDP on loopback: they find each other, a crashed one (socket closed
// without a word) is noticed in well under a second of real time, a graceful one at once.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dgramTransport, Memberlist, type OpenTransport } from './memberlist';

const secret = randomBytes(128);
const BASE = 20_000 + Math.floor(Math.random() * 20_000);
let running: Memberlist[] = [];

function start(i: number, opts: { open?: OpenTransport; secret?: Buffer } = {}): Memberlist {
  const port = BASE + i;
  const m = new Memberlist({
    name: `node-${i}`,
    address: '127.0.0.1',
    port,
    seeds: [0, 1, 2].filter((j) => j !== i).map((j) => ({ address: '127.0.0.1', port: BASE + j })),
    secret: opts.secret ?? secret,
    open: opts.open ?? dgramTransport({ address: '127.0.0.1', port }),
  });
  running.push(m);
  return m;
}

async function until(f: () => boolean, ms = 5_000): Promise<number> {
  const t0 = performance.now();
  while (!f()) {
    if (performance.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - t0;
}

const names = (m: Memberlist) => [...(m.members() ?? [])].sort().join(',');

afterEach(() => {
  for (const m of running) m.stop();
  running = [];
});

describe('Memberlist over UDP', () => {
  it('finds the others, notices a crash within a second, and a graceful leave at once', async () => {
    let crash: (() => void) | undefined;
    const crashable: OpenTransport = (onMessage, onError) => {
      const t = dgramTransport({ address: '127.0.0.1', port: BASE + 2 })(onMessage, onError);
      let dead = false;
      crash = () => {
        dead = true;
        t.close();
      };
      return { send: (d, a, p) => !dead && t.send(d, a, p), close: () => !dead && t.close() };
    };
    const [a, b] = [start(0), start(1)];
    start(2, { open: crashable });
    await until(() => names(a) === 'node-0,node-1,node-2' && names(b) === 'node-0,node-1,node-2');
    let changes = 0;
    a.onChange(() => changes++);
    crash!();
    const detectMs = await until(() => names(a) === 'node-0,node-1' && names(b) === 'node-0,node-1');
    expect(detectMs).toBeLessThan(1_000);
    expect(changes).toBeGreaterThan(0);
    b.stop();
    const leaveMs = await until(() => names(a) === 'node-0');
    expect(leaveMs).toBeLessThan(150);
  });

  it('ignores a member with another key', async () => {
    const a = start(0);
    const stranger = start(1, { secret: randomBytes(128) });
    await new Promise((r) => setTimeout(r, 500));
    // No seed answered (wrong key): neither knows the membership yet (then, after the join
    // timeout, each counts only itself).
    expect(a.members()).toBeNull();
    expect(stranger.members()).toBeNull();
    expect(a.dropped.auth).toBeGreaterThan(0);
  });
});
