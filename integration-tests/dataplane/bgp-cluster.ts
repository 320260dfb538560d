// A BGP cluster on one machine: the simulated cluster of sim-cluster.ts (control plane, node
// namespaces on one bridge, a real speaker per node), plus a router namespace on the same bridge
// (192.0.2.1, 2001:db8::1) with a second link to a client namespace behind it (198.51.100.0/24,
// 2001:db8:100::/64). The router forwards, so a client's request to a Service IP follows the
// routes the speakers announced. Every node namespace has the test's Service IPs as local
// addresses (what kube-proxy does) and answers HTTP on port 8080 with its name.
import type { Testbed } from './netns';
import { startSimCluster, type SimCluster, type SimClusterOptions, type SimNode } from './sim-cluster';

export const ROUTER_V4 = '192.0.2.1';
export const ROUTER_V6 = '2001:db8::1';
export const FAR_CLIENT_V4 = '198.51.100.10';
export const FAR_CLIENT_V6 = '2001:db8:100::10';

export interface BgpCluster extends SimCluster {
  router: string;
  farClient: string;
  /** Make `ips` local on the nodes (all by default), as kube-proxy does for a LoadBalancer IP. */
  serveOnNodes(ips: string[], nodes?: SimNode[]): void;
  /** curl from the far client; the answering node's name, or throws. */
  curl(ip: string, timeoutS?: number): string;
}

export async function startBgpCluster(
  tb: Testbed,
  count: number,
  o: SimClusterOptions = {},
): Promise<BgpCluster> {
  const c = await startSimCluster(tb, count, o);
  tb.addNamespace('router');
  tb.attach('router', { ipv4: `${ROUTER_V4}/24`, ipv6: `${ROUTER_V6}/64` });
  tb.addNamespace('far');
  tb.link('router', 'far', 'eth1', {
    a: { ipv4: '198.51.100.1/24', ipv6: '2001:db8:100::1/64' },
    b: { ipv4: `${FAR_CLIENT_V4}/24`, ipv6: `${FAR_CLIENT_V6}/64` },
  });
  tb.exec('far', 'ip', ['route', 'add', 'default', 'via', '198.51.100.1']);
  tb.exec('far', 'ip', ['-6', 'route', 'add', 'default', 'via', '2001:db8:100::1']);
  tb.exec('router', 'sysctl', ['-qw', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1']);
  // ECMP by flow (addresses and ports), so different connections may take different nodes.
  tb.exec('router', 'sysctl', ['-qw', 'net.ipv4.fib_multipath_hash_policy=1']);
  for (const n of c.nodes) {
    tb.exec(n.name, 'ip', ['route', 'add', '198.51.100.0/24', 'via', ROUTER_V4]);
    tb.exec(n.name, 'ip', ['-6', 'route', 'add', '2001:db8:100::/64', 'via', ROUTER_V6]);
  }
  const shortName = (n: SimNode) => n.name;
  return {
    ...c,
    router: tb.ns('router'),
    farClient: tb.ns('far'),
    serveOnNodes(ips, nodes = c.nodes) {
      for (const n of nodes) {
        for (const ip of ips) {
          const cidr = ip.includes(':') ? `${ip}/128` : `${ip}/32`;
          tb.exec(shortName(n), 'ip', ['addr', 'replace', cidr, 'dev', 'lo']);
        }
      }
    },
    curl(ip, timeoutS = 3) {
      const host = ip.includes(':') ? `[${ip}]` : ip;
      return tb.exec('far', 'curl', ['-sS', '-m', String(timeoutS), `http://${host}:8080/`]);
    },
  };
}
