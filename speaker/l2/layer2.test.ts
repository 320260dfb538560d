// Layer2 with fake sockets and a fake clock: which interfaces open, what is announced and
// answered, and for how long after a release.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXCLUDED_L2_INTERFACES } from '../../api/operand';
import type { L2Announcement } from '../../api/announce/l2';
import { GRATUITOUS_INTERVAL_MS } from './announcer';
import { arpRequestFrame, decodeArp, ARP_OP_REPLY } from './arp';
import { decodeEthernet } from './ethernet';
import { compilePatterns, type InterfaceInfo } from './interfaces';
import { Layer2 } from './layer2';

const mac = (n: number) => Uint8Array.of(2, 0, 0, 0, 0, n);
const CLIENT = Uint8Array.of(2, 0, 0, 0, 9, 9);
const nic = (name: string, n: number, over: Partial<InterfaceInfo> = {}): InterfaceInfo => ({
  name,
  up: true,
  loopback: false,
  noarp: false,
  master: null,
  mac: mac(n),
  addresses: [],
  ...over,
});
const svc = (key: string, ips: string[], interfaces: string[] | 'all' = 'all'): L2Announcement => ({
  key,
  service: { namespace: key.split('/')[0]!, name: key.split('/')[1]! },
  ips,
  interfaces,
});

interface FakeSocket {
  sent: Uint8Array[];
  closed: boolean;
  deliver: (f: Uint8Array) => void;
  fail: (e: Error) => void;
}

function setup(list: InterfaceInfo[], failOpen: string[] = [], failSend: string[] = []) {
  let now = 1_000_000;
  const sockets = new Map<string, FakeSocket>();
  const onChange = vi.fn();
  const l2 = new Layer2({
    interfaces: () => list,
    excluded: () => compilePatterns(DEFAULT_EXCLUDED_L2_INTERFACES).patterns,
    open: (ifname, onFrame, onError) => {
      if (failOpen.includes(ifname)) throw new Error(`no ${ifname}`);
      const s: FakeSocket = { sent: [], closed: false, deliver: onFrame, fail: onError };
      sockets.set(ifname, s);
      return {
        send: (f) => {
          if (failSend.includes(ifname)) throw new Error('ENOBUFS');
          s.sent.push(f);
        },
        close: () => (s.closed = true),
      };
    },
    graceMs: 10_000,
    now: () => now,
    onChange,
  });
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { l2, sockets, onChange, advance };
}

const replies = (s: FakeSocket) =>
  s.sent.map((f) => decodeArp(decodeEthernet(f)!.payload)).filter((p) => p?.operation === ARP_OP_REPLY);

afterEach(() => vi.useRealTimers());

describe('Layer2', () => {
  it('answers on every eligible interface and announces at once', () => {
    vi.useFakeTimers();
    const { l2, sockets } = setup([
      nic('eth0', 1),
      nic('eth1', 2),
      nic('veth0', 3),
      nic('lo', 4, { loopback: true }),
    ]);
    const answering = l2.update([svc('ns/web', ['192.0.2.10'])]);
    expect(answering).toEqual(new Map([['ns/web', ['eth0', 'eth1']]]));
    expect([...sockets.keys()].sort()).toEqual(['eth0', 'eth1']);
    // An RFC 5227 announcement and a gratuitous reply, each from the interface's own MAC.
    expect(sockets.get('eth0')!.sent).toHaveLength(2);
    expect(decodeEthernet(sockets.get('eth1')!.sent[0]!)!.src).toEqual(mac(2));
    l2.stop();
  });

  it('replies to a request for an owned IP with its MAC, and to nothing else', () => {
    vi.useFakeTimers();
    const { l2, sockets } = setup([nic('eth0', 1)]);
    l2.update([svc('ns/web', ['192.0.2.10'])]);
    const s = sockets.get('eth0')!;
    s.sent.length = 0;
    s.deliver(arpRequestFrame(CLIENT, '192.0.2.99', '192.0.2.10'));
    s.deliver(arpRequestFrame(CLIENT, '192.0.2.99', '192.0.2.11'));
    s.deliver(Uint8Array.of(1, 2, 3)); // garbage is dropped
    expect(replies(s)).toHaveLength(1);
    expect(replies(s)[0]).toMatchObject({
      senderMac: mac(1),
      senderIp: '192.0.2.10',
      targetIp: '192.0.2.99',
    });
    l2.stop();
  });

  it('keeps to the interfaces the advertisement lists', () => {
    vi.useFakeTimers();
    const { l2, sockets } = setup([nic('eth0', 1), nic('eth1', 2)]);
    expect(l2.update([svc('ns/web', ['192.0.2.10'], ['eth1', 'eth7'])])).toEqual(
      new Map([['ns/web', ['eth1']]]),
    );
    expect([...sockets.keys()]).toEqual(['eth1']);
    l2.stop();
  });

  it('re-announces within the window, then stops', () => {
    vi.useFakeTimers();
    const { l2, sockets, advance } = setup([nic('eth0', 1)]);
    l2.update([svc('ns/web', ['192.0.2.10'])]);
    const s = sockets.get('eth0')!;
    advance(GRATUITOUS_INTERVAL_MS);
    expect(s.sent).toHaveLength(4);
    advance(30_000);
    const after = s.sent.length;
    advance(30_000);
    expect(s.sent.length).toBe(after);
    l2.stop();
  });

  it('answers a released IP during the grace period to clients still sending to its MAC, then closes the socket', () => {
    vi.useFakeTimers();
    const { l2, sockets, advance } = setup([nic('eth0', 1)]);
    l2.update([svc('ns/web', ['192.0.2.10'])]);
    const s = sockets.get('eth0')!;
    expect(l2.update([])).toEqual(new Map());
    s.sent.length = 0;
    advance(5_000);
    // A broadcast request comes from a client without an entry: only the new owner answers it.
    s.deliver(arpRequestFrame(CLIENT, '192.0.2.99', '192.0.2.10'));
    expect(replies(s)).toHaveLength(0);
    // A unicast re-probe to our MAC comes from a client that has not followed yet: answered.
    const reprobe = arpRequestFrame(CLIENT, '192.0.2.99', '192.0.2.10');
    reprobe.set(mac(1), 0);
    s.deliver(reprobe);
    expect(replies(s)).toHaveLength(1);
    advance(6_000);
    expect(s.closed).toBe(true);
    l2.stop();
  });

  it('reports nothing for an interface whose socket cannot open, and replans when a socket fails', () => {
    vi.useFakeTimers();
    const { l2, sockets, onChange } = setup([nic('eth0', 1), nic('eth1', 2)], ['eth1']);
    expect(l2.update([svc('ns/web', ['192.0.2.10'])])).toEqual(new Map([['ns/web', ['eth0']]]));
    sockets.get('eth0')!.fail(new Error('ENETDOWN'));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(sockets.get('eth0')!.closed).toBe(true);
    l2.stop();
  });

  it('survives a failing send: the socket is dropped and a new plan asked for, nothing thrown', () => {
    vi.useFakeTimers();
    const { l2, sockets, onChange } = setup([nic('eth0', 1), nic('eth1', 2)], [], ['eth1']);
    expect(() => l2.update([svc('ns/web', ['192.0.2.10'])])).not.toThrow();
    expect(sockets.get('eth1')!.closed).toBe(true);
    expect(onChange).toHaveBeenCalled();
    expect(sockets.get('eth0')!.sent).toHaveLength(2);
    l2.stop();
  });
});
