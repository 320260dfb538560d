import { describe, expect, it } from 'vitest';
import { makePlan } from './plan';
import { sampleServices } from './sample-config';
import { buildState } from './state';
import { summary } from './summary';

const plan = makePlan({ prefix: 'mlbpg-1-ab', nodes: 2, l2: true, bgp: true, router: true });
const ips = new Map([
  ['demo/web-l2', ['2001:db8::200', '192.0.2.208']],
  ['demo/web-bgp', ['203.0.113.16', '2001:db8:2::10']],
]);
const state = buildState({
  kubeconfig: '/k',
  uiUrl: 'http://127.0.0.1:8080/',
  plan,
  dataplane: true,
  services: sampleServices(plan),
  ips,
});

describe('buildState', () => {
  it('has exactly the contract’s keys, one service entry per IP, IPv4 first', () => {
    expect(state).toEqual({
      kubeconfig: '/k',
      uiUrl: 'http://127.0.0.1:8080/',
      clientNetns: 'mlbpg-1-ab-client',
      routerNetns: 'mlbpg-1-ab-router',
      nodes: [
        { name: 'node-0', netns: 'mlbpg-1-ab-node-0', interface: 'eth0' },
        { name: 'node-1', netns: 'mlbpg-1-ab-node-1', interface: 'eth0' },
      ],
      services: [
        { namespace: 'demo', name: 'web-l2', ip: '192.0.2.208', port: 80, mode: 'l2' },
        { namespace: 'demo', name: 'web-l2', ip: '2001:db8::200', port: 80, mode: 'l2' },
        { namespace: 'demo', name: 'web-bgp', ip: '203.0.113.16', port: 80, mode: 'bgp' },
        { namespace: 'demo', name: 'web-bgp', ip: '2001:db8:2::10', port: 80, mode: 'bgp' },
      ],
    });
  });

  it('names no namespace without a data plane', () => {
    const s = buildState({ kubeconfig: '/k', uiUrl: 'u', plan, dataplane: false, services: [], ips });
    expect(s).toMatchObject({ clientNetns: null, routerNetns: null, nodes: [], services: [] });
  });
});

describe('summary', () => {
  const lines = summary({
    state,
    plan,
    readyMs: 12_345,
    kubectl: '/bin/kubectl',
    frrDir: '/tmp/frr',
    answeredBy: new Map([['192.0.2.208', 'node-1']]),
    speakerPidFile: (n) => `/pg/pids/speaker-${n}.pid`,
    notes: ['something is missing'],
    detached: true,
  });

  it('shows the UI, KUBECONFIG, IPs and commands to try, and ends with the ready line', () => {
    const text = lines.join('\n');
    expect(lines[0]).toBe('MetalLB playground ready in 12.3 s (2 nodes).');
    expect(text).toContain('UI:          http://127.0.0.1:8080/');
    expect(text).toContain('export KUBECONFIG=/k');
    expect(text).toContain('192.0.2.208      answered by node-1');
    expect(text).toContain('ip netns exec mlbpg-1-ab-client curl http://192.0.2.208:80/');
    expect(text).toContain('ip netns exec mlbpg-1-ab-client curl http://203.0.113.16:80/');
    expect(text).toContain(
      "ip netns exec mlbpg-1-ab-router vtysh --vty_socket /tmp/frr -c 'show bgp summary'",
    );
    expect(text).toContain("kill $(cat /pg/pids/speaker-node-1.pid)   # node-1's speaker: 192.0.2.208 moves");
    expect(text).toContain('Note: something is missing');
    expect(lines.at(-1)).toBe('Stop: npm stop ends it.');
  });
});
