// The membership state machine on a simulated network with a virtual clock: no sockets, no time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, MembershipState, type Send } from './state';

/** Deterministic randomness for probe order and helper choice. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

class SimNet {
  readonly nodes = new Map<string, MembershipState>();
  now = 0;
  /** Links that lose every datagram, as "a>b". */
  readonly cut = new Set<string>();
  readonly down = new Set<string>();
  private queue: { from: string; to: string; s: Send }[] = [];

  add(name: string, incarnation = 0): MembershipState {
    const m = new MembershipState(
      { name, address: name, port: 7946 },
      DEFAULT_TIMING,
      seeded(name.charCodeAt(name.length - 1)),
      incarnation,
    );
    this.nodes.set(name, m);
    return m;
  }

  join(name: string, seeds: string[]): void {
    this.post(
      name,
      this.nodes.get(name)!.join(
        seeds.map((address) => ({ address, port: 7946 })),
        this.now,
      ),
    );
  }

  post(from: string, sends: Send[]): void {
    for (const s of sends) this.queue.push({ from, to: s.to.address, s });
  }

  /** Advances the clock in 10 ms steps, delivering each step's datagrams (1 step of latency). */
  run(ms: number): void {
    for (let t = 0; t < ms; t += 10) {
      this.now += 10;
      const batch = this.queue;
      this.queue = [];
      for (const d of batch) {
        const to = this.nodes.get(d.to);
        if (!to || this.down.has(d.to) || this.down.has(d.from) || this.cut.has(`${d.from}>${d.to}`))
          continue;
        this.post(d.to, to.receive(d.s.message, { address: d.from, port: 7946 }, this.now));
      }
      for (const [name, n] of this.nodes) if (!this.down.has(name)) this.post(name, n.tick(this.now));
    }
  }

  live(name: string): string[] {
    return [...this.nodes.get(name)!.liveMembers()].sort();
  }

  partition(a: string[], b: string[], cut: boolean): void {
    for (const x of a)
      for (const y of b)
        for (const k of [`${x}>${y}`, `${y}>${x}`]) {
          if (cut) this.cut.add(k);
          else this.cut.delete(k);
        }
  }
}

function cluster(names: string[]): SimNet {
  const net = new SimNet();
  for (const n of names) net.add(n);
  for (const n of names.slice(1)) net.join(n, [names[0]!]);
  net.run(1_000);
  return net;
}

/** Virtual ms until every other member no longer counts `victim` as live. */
function detection(net: SimNet, victim: string, limitMs = 10_000): number {
  const t0 = net.now;
  while (net.now - t0 < limitMs) {
    net.run(10);
    const others = [...net.nodes.keys()].filter((n) => n !== victim && !net.down.has(n));
    if (others.every((n) => !net.live(n).includes(victim))) return net.now - t0;
  }
  throw new Error(`${victim} still counted live after ${limitMs} ms`);
}

describe('MembershipState', () => {
  it('joins every member through one seed', () => {
    const net = cluster(['a', 'b', 'c', 'd', 'e']);
    for (const n of net.nodes.keys()) expect(net.live(n)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('declares a silent member dead in well under a second with the default timing', () => {
    const times: number[] = [];
    for (const victim of ['a', 'b', 'c']) {
      const net = cluster(['a', 'b', 'c', 'd']);
      net.down.add(victim);
      times.push(detection(net, victim));
      expect(net.nodes.get('d')!.stateOf(victim)).toBe('dead');
    }
    expect(Math.max(...times)).toBeLessThan(1_000);
  });

  it('keeps a member whose direct probes are lost alive through indirect probes', () => {
    const net = cluster(['a', 'b', 'c']);
    net.cut.add('a>b');
    net.cut.add('b>a');
    net.run(3_000);
    expect(net.live('a')).toEqual(['a', 'b', 'c']);
    expect(net.live('b')).toEqual(['a', 'b', 'c']);
  });

  it('lets a suspected member refute the suspicion with a higher incarnation', () => {
    const net = cluster(['a', 'b', 'c']);
    const before = net.nodes.get('c')!.self().incarnation;
    net.down.add('c');
    net.run(200); // long enough to be suspected, not declared dead
    net.down.delete('c');
    net.run(1_000);
    expect(net.nodes.get('c')!.self().incarnation).toBeGreaterThan(before);
    expect(net.nodes.get('c')!.refutations).toBeGreaterThan(0);
    expect(net.live('a')).toEqual(['a', 'b', 'c']);
  });

  it('takes a dead member back when it returns, and keeps it', () => {
    const net = cluster(['a', 'b', 'c']);
    net.down.add('c');
    detection(net, 'c');
    net.down.delete('c');
    net.run(3_000);
    expect(net.live('a')).toEqual(['a', 'b', 'c']);
    net.run(5_000);
    expect(net.live('b')).toEqual(['a', 'b', 'c']);
  });

  it('takes back a restarted member (new process, state lost) through its seed', () => {
    const net = cluster(['a', 'b', 'c']);
    net.down.add('c');
    detection(net, 'c');
    net.down.delete('c');
    net.nodes.delete('c');
    net.add('c');
    net.join('c', ['a']);
    net.run(2_000);
    for (const n of ['a', 'b', 'c']) expect(net.live(n)).toEqual(['a', 'b', 'c']);
  });

  it('splits on a partition, each side declaring the other dead, and converges after healing', () => {
    const net = cluster(['a', 'b', 'c']);
    net.partition(['a', 'b'], ['c'], true);
    net.run(2_000);
    expect(net.live('a')).toEqual(['a', 'b']);
    expect(net.live('c')).toEqual(['c']);
    net.partition(['a', 'b'], ['c'], false);
    net.run(6_000);
    for (const n of ['a', 'b', 'c']) expect(net.live(n)).toEqual(['a', 'b', 'c']);
  });

  it('does not declare everyone dead after a clock jump, nor when time goes backwards', () => {
    const net = cluster(['a', 'b', 'c']);
    net.now += 60_000; // the process was paused for a minute
    net.run(2_000);
    expect(net.live('a')).toEqual(['a', 'b', 'c']);
    const a = net.nodes.get('a')!;
    expect(() => a.tick(net.now - 30_000)).not.toThrow();
    net.run(1_000);
    expect(net.live('a')).toEqual(['a', 'b', 'c']);
  });

  it('sees a graceful leave at once, without suspicion', () => {
    const net = cluster(['a', 'b', 'c']);
    net.post('c', net.nodes.get('c')!.leave(net.now));
    net.run(30);
    expect(net.live('a')).toEqual(['a', 'b']);
    expect(net.nodes.get('a')!.stateOf('c')).toBe('left');
  });

  it('ignores news about a member older than what it knows', () => {
    const net = cluster(['a', 'b']);
    const a = net.nodes.get('a')!;
    a.receive(
      {
        t: 'sync',
        from: 'x',
        reply: true,
        updates: [{ name: 'b', address: 'b', port: 7946, state: 'alive', incarnation: 5 }],
      },
      { address: 'x', port: 1 },
      net.now,
    );
    a.receive(
      {
        t: 'sync',
        from: 'x',
        reply: true,
        updates: [{ name: 'b', address: 'b', port: 7946, state: 'dead', incarnation: 4 }],
      },
      { address: 'x', port: 1 },
      net.now,
    );
    expect(a.stateOf('b')).toBe('alive');
  });
});
