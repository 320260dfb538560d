// The native addon (speaker/native) on real links, used from the root namespace as the speaker
// uses it: interfaces of a node namespace, ARP requests and neighbour solicitations from a client
// on the same bridge arriving at a packet socket inside the node namespace, hand-built replies
// that arping and ndisc6 accept, and UDP between two namespaces. Then TCP between two namespaces
// (TCP-MD5 keys matching, mismatched, per peer; TTL and GTSM minimum TTL, inherited by accepted
// sockets), UDP TTL and destination reporting for BFD, and TCP-MD5 against FRR's bgpd.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArp, ARP_OP_REPLY, ARP_OP_REQUEST } from '../../speaker/l2/arp';
import { decodeEthernet, ETHERTYPE_ARP, ETHERTYPE_IPV6, formatMac } from '../../speaker/l2/ethernet';
import { formatIPv6Bytes, ownedIPSet } from '../../speaker/l2/ip-bytes';
import { decodeIPv6, decodeNeighborMessage } from '../../speaker/l2/ndp';
import { respond } from '../../speaker/l2/responder';
import {
  listInterfaces,
  nativeStatus,
  openPacketSocket,
  openUdpSocket,
  type PacketSocket,
} from '../../speaker/native';
import { ownNetns, run, skipReason, until } from './native-fixtures';
import { sweepStale, Testbed } from './netns';

const VIP4 = '192.0.2.50';
const VIP6 = '2001:db8::50';
const repo = path.resolve(import.meta.dirname, '../..');
const unavailable = skipReason();

describe.skipIf(unavailable !== undefined)('native addon: packet and UDP sockets inside a namespace', () => {
  let tb: Testbed;
  let nodeNs: string;
  let clientNs: string;
  let nodeMac: Uint8Array;
  const sockets: { close(): void }[] = [];

  beforeAll(() => {
    sweepStale();
    tb = new Testbed();
    nodeNs = tb.addNamespace('node');
    clientNs = tb.addNamespace('client');
    tb.attach('node', { ipv4: '192.0.2.10/24', ipv6: '2001:db8::10/64' });
    tb.attach('client', { ipv4: '192.0.2.20/24', ipv6: '2001:db8::20/64' });
    // A bridge with an enslaved veth inside the node namespace, for `master`.
    tb.exec('node', 'ip', ['link', 'add', 'mbr0', 'type', 'bridge']);
    tb.exec('node', 'ip', ['link', 'add', 'mport0', 'type', 'veth', 'peer', 'name', 'mport1']);
    tb.exec('node', 'ip', ['link', 'set', 'mport0', 'master', 'mbr0']);
  });

  afterAll(() => {
    for (const s of sockets.splice(0)) s.close();
    tb?.destroy();
  });

  it('has the addon loaded with raw sockets permitted', () => {
    expect(nativeStatus()).toEqual({ ok: true });
  });

  it('lists the node namespace interfaces from the root namespace, and stays there', () => {
    const before = ownNetns();
    const ifs = listInterfaces(nodeNs);
    expect(ownNetns()).toBe(before);
    const byName = new Map(ifs.map((i) => [i.name, i]));
    const eth0 = byName.get('eth0')!;
    const mac = tb.exec('node', 'cat', ['/sys/class/net/eth0/address']).trim();
    expect(eth0).toMatchObject({ up: true, running: true, loopback: false, noarp: false, multicast: true });
    expect(eth0.master).toBeNull();
    expect(formatMac(eth0.mac!)).toBe(mac);
    expect(eth0.index).toBe(Number(tb.exec('node', 'cat', ['/sys/class/net/eth0/ifindex'])));
    expect(eth0.addresses).toEqual(expect.arrayContaining(['192.0.2.10', '2001:db8::10']));
    expect(byName.get('lo')).toMatchObject({ loopback: true, up: true, mac: null });
    expect(byName.get('lo')!.addresses).toEqual(expect.arrayContaining(['127.0.0.1', '::1']));
    expect(byName.get('mport0')?.master).toBe('mbr0');
    expect(byName.get('mbr0')?.master).toBeNull();
    // The root namespace is not the node's.
    expect(listInterfaces().some((i) => i.name === 'mbr0' || i.name === 'mport0')).toBe(false);
    nodeMac = eth0.mac!;
  });

  it('reports a missing namespace or interface as an error naming it, and stays in the root namespace', () => {
    const before = ownNetns();
    expect(() => listInterfaces(tb.ns('missing'))).toThrow(
      new RegExp(
        `list interfaces in netns ${tb.ns('missing')}: open /var/run/netns/.*no such network namespace`,
      ),
    );
    expect(() => openPacketSocket({ netns: nodeNs, ifname: 'nope0', onFrame: () => undefined })).toThrow(
      `open AF_PACKET socket on nope0 in netns ${nodeNs}: find interface: No such device (ENODEV): no such interface`,
    );
    expect(() =>
      openUdpSocket({ netns: nodeNs, address: '198.51.100.1', port: 0, onMessage: () => undefined }),
    ).toThrow(/EADDRNOTAVAIL.*not on an interface of that namespace/);
    expect(ownNetns()).toBe(before);
  });

  it('receives ARP requests and neighbour solicitations; replies built by the responder are accepted', async () => {
    const frames: Uint8Array[] = [];
    const errors: Error[] = [];
    const owned = ownedIPSet([VIP4, VIP6]);
    const sock: PacketSocket = openPacketSocket({
      netns: nodeNs,
      ifname: 'eth0',
      onFrame: (frame) => {
        frames.push(frame);
        const reply = respond(frame, nodeMac, owned);
        if (reply) sock.send(reply.frame);
      },
      onError: (err) => errors.push(err),
    });
    sockets.push(sock);
    expect(sock.ifname).toBe('eth0');
    expect(sock.ifindex).toBe(listInterfaces(nodeNs).find((i) => i.name === 'eth0')!.index);

    const arp = await run(tb, 'client', 'arping', ['-c', '1', '-w', '3', '-I', 'eth0', VIP4]);
    expect(arp.out.toLowerCase()).toContain(formatMac(nodeMac));
    expect(arp.code).toBe(0);
    const ndisc = await run(tb, 'client', 'ndisc6', ['-1', '-r', '3', '-w', '1000', VIP6, 'eth0']);
    expect(ndisc.out.toLowerCase()).toContain(formatMac(nodeMac));
    expect(ndisc.code).toBe(0);

    const decoded = frames.map((f) => decodeEthernet(f)!);
    const arps = decoded.filter((e) => e.etherType === ETHERTYPE_ARP).map((e) => decodeArp(e.payload));
    expect(arps).toContainEqual(expect.objectContaining({ operation: ARP_OP_REQUEST, targetIp: VIP4 }));
    // Our own replies are outgoing frames: not delivered.
    expect(
      arps.some((a) => a?.operation === ARP_OP_REPLY && formatMac(a.senderMac) === formatMac(nodeMac)),
    ).toBe(false);
    const nds = decoded
      .filter((e) => e.etherType === ETHERTYPE_IPV6)
      .map((e) => decodeIPv6(e.payload))
      .map((ip) => ip && decodeNeighborMessage(ip));
    expect(nds.some((m) => m?.type === 'ns' && formatIPv6Bytes(m.target) === VIP6)).toBe(true);
    expect(nds.some((m) => m?.type === 'na')).toBe(false);
    expect(decoded.every((e) => e.etherType === ETHERTYPE_ARP || e.etherType === ETHERTYPE_IPV6)).toBe(true);
    expect(decoded.some((e) => formatMac(e.src) === formatMac(nodeMac))).toBe(false);
    expect(errors).toEqual([]);

    sock.close();
    sock.close();
    expect(() => sock.send(new Uint8Array(60))).toThrow(/send on closed AF_PACKET socket on eth0/);
  });

  it('exchanges UDP datagrams between two namespaces over IPv4 and IPv6', async () => {
    type Got = { socket: string; text: string; from: { address: string; port: number } };
    const got: Got[] = [];
    const on = (socket: string) => (data: Uint8Array, from: Got['from']) =>
      got.push({ socket, text: Buffer.from(data).toString(), from });
    const node4 = openUdpSocket({ netns: nodeNs, address: '0.0.0.0', port: 0, onMessage: on('node4') });
    sockets.push(node4);
    const node6 = openUdpSocket({ netns: nodeNs, address: '2001:db8::10', port: 0, onMessage: on('node6') });
    sockets.push(node6);
    const client = openUdpSocket({
      netns: clientNs,
      address: '::',
      port: 0,
      onMessage: (data, from) => {
        on('client')(data, from);
        if (got.filter((g) => g.socket === 'client').length === 2) client.close(); // inside its callback
      },
    });
    sockets.push(client);
    expect(node4.port).toBeGreaterThan(0);

    client.send(Buffer.from('hello v4'), '192.0.2.10', node4.port);
    const first = await until('the IPv4 datagram', () => got.find((g) => g.socket === 'node4'));
    expect(first).toEqual({
      socket: 'node4',
      text: 'hello v4',
      from: { address: '192.0.2.20', port: client.port },
    });
    node4.send(Buffer.from('reply v4'), first.from.address, first.from.port);
    client.send(Buffer.from('hello v6'), '2001:db8::10', node6.port);
    const second = await until('the IPv6 datagram', () => got.find((g) => g.socket === 'node6'));
    expect(second.from).toEqual({ address: '2001:db8::20', port: client.port });
    node6.send(Buffer.from('reply v6'), second.from.address, second.from.port);
    await until('both replies', () => got.filter((g) => g.socket === 'client').length === 2);
    expect(got.filter((g) => g.socket === 'client')).toEqual(
      expect.arrayContaining([
        { socket: 'client', text: 'reply v4', from: { address: '192.0.2.10', port: node4.port } },
        { socket: 'client', text: 'reply v6', from: { address: '2001:db8::10', port: node6.port } },
      ]),
    );
    node4.close();
    node6.close();
  });

  it('lets a process exit once its sockets are closed', async () => {
    const dir = tb.tempDir('exit');
    const script = path.join(dir, 'child.ts');
    writeFileSync(
      script,
      `import { listInterfaces, openPacketSocket, openUdpSocket } from ${JSON.stringify(path.join(repo, 'speaker/native/index.ts'))};
const ns = ${JSON.stringify(nodeNs)};
const p = openPacketSocket({ netns: ns, ifname: 'eth0', onFrame: () => undefined });
const u = openUdpSocket({ netns: ns, address: '::', port: 0, onMessage: () => undefined });
setTimeout(() => { p.close(); u.close(); console.log('closed', listInterfaces(ns).length > 0); }, 200);
`,
    );
    const t0 = Date.now();
    const out = execFileSync(path.join(repo, 'node_modules/.bin/tsx'), [script], {
      encoding: 'utf8',
      timeout: 20_000,
      cwd: repo,
    });
    expect(out.trim()).toBe('closed true');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
