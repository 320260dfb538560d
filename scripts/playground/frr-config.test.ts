import { describe, expect, it } from 'vitest';
import { frrConfig } from './frr-config';
import { makePlan } from './plan';

describe('frrConfig', () => {
  const plan = makePlan({ prefix: 'p', nodes: 2, l2: true, bgp: true, router: true });

  it('peers with every node over IPv4 and IPv6, with BFD and ECMP', () => {
    const conf = frrConfig(plan, 'bgpd');
    expect(conf).toContain('router bgp 64501\n bgp router-id 192.0.2.1\n');
    for (const line of [
      ' neighbor NODES remote-as 64500',
      ' neighbor NODES bfd',
      ' neighbor NODES6 bfd',
      ' neighbor 192.0.2.11 peer-group NODES',
      ' neighbor 192.0.2.12 peer-group NODES',
      ' neighbor 2001:db8::11 peer-group NODES6',
      ' neighbor 2001:db8::12 peer-group NODES6',
      '  maximum-paths 8',
    ])
      expect(conf.split('\n')).toContain(line);
  });

  it('gives zebra and bfdd only the common header', () => {
    expect(frrConfig(plan, 'zebra')).toBe(
      'frr defaults traditional\nhostname router\nlog stdout informational\n',
    );
    expect(frrConfig(plan, 'bfdd')).toBe(frrConfig(plan, 'zebra'));
  });
});
