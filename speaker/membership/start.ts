// Starting the speaker's gossip: the key from the mounted memberlist Secret, the seeds from the
// Nodes' InternalIPs, the socket in the node's network namespace (--netns) or our own. Without a
// key gossip stays off and, as upstream does, every Node counts as alive; the log says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Node } from '@kubernetes/client-node';
import { KUBE_KINDS, resourcePath } from '../../api/kinds';
import { MEMBERLIST_SECRET_KEY } from '../../api/operand';
import type { ApiClient } from '../../k8s/api-client';
import type { Logger } from '../../k8s/log';
import { openUdpSocket } from '../native';
import type { MemberlistSettings } from '../settings';
import { dgramTransport, Memberlist, type OpenTransport } from './memberlist';
import type { Address } from './updates';

/** A Node's address for gossip: its first InternalIP, IPv4 first. */
export function nodeAddress(node: V1Node): string | undefined {
  const internal = (node.status?.addresses ?? [])
    .filter((a) => a.type === 'InternalIP')
    .map((a) => a.address);
  return internal.find((a) => !a.includes(':')) ?? internal[0];
}

export async function startMemberlist(o: {
  client: ApiClient;
  node: string;
  netns: string | undefined;
  settings: MemberlistSettings;
  log: Logger;
}): Promise<Memberlist | undefined> {
  const keyFile = join(o.settings.secretKeyDir, MEMBERLIST_SECRET_KEY);
  let secret: Buffer;
  try {
    secret = readFileSync(keyFile);
  } catch {
    o.log.warn(
      { keyFile },
      'memberlist disabled: no key; node failures are not detected (every Node counts as alive)',
    );
    return undefined;
  }
  const nodes = (await o.client.list<V1Node>(resourcePath(KUBE_KINDS.Node))).items;
  const me = nodes.find((n) => n.metadata?.name === o.node);
  const address = o.settings.bindAddress ?? (me && nodeAddress(me));
  if (!address) {
    o.log.warn({ node: o.node }, 'memberlist disabled: the Node has no InternalIP to gossip from');
    return undefined;
  }
  const seeds: Address[] = nodes
    .filter((n) => n.metadata?.name !== o.node)
    .map(nodeAddress)
    .filter((a): a is string => !!a)
    .map((a) => ({ address: a, port: o.settings.port }));
  const open: OpenTransport = o.netns
    ? nativeTransport(o.netns, o.settings.port)
    : dgramTransport({ address, port: o.settings.port });
  return new Memberlist({
    name: o.node,
    address,
    port: o.settings.port,
    seeds,
    secret,
    open,
    timing: {
      ...(o.settings.probeIntervalMs ? { probeIntervalMs: o.settings.probeIntervalMs } : {}),
      ...(o.settings.suspicionMs ? { suspicionMs: o.settings.suspicionMs } : {}),
    },
    log: o.log,
  });
}

/** A UDP socket inside the node's network namespace (the native addon), IPv4 and IPv6. */
function nativeTransport(netns: string, port: number): OpenTransport {
  return (onMessage, onError) => {
    const socket = openUdpSocket({ netns, address: '::', port, onMessage, onError });
    return { send: (data, address, p) => socket.send(data, address, p), close: () => socket.close() };
  };
}
