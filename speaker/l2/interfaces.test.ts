import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDED_L2_INTERFACES } from '../../api/operand';
import {
  chooseInterfaces,
  compilePatterns,
  interfaceExclusion,
  parseExcludeL2,
  type InterfaceInfo,
} from './interfaces';

const MAC = Uint8Array.of(2, 0, 0, 0, 0, 1);
const nic = (name: string, over: Partial<InterfaceInfo> = {}): InterfaceInfo => ({
  name,
  up: true,
  loopback: false,
  noarp: false,
  master: null,
  mac: MAC,
  addresses: [],
  ...over,
});
const defaults = compilePatterns(DEFAULT_EXCLUDED_L2_INTERFACES).patterns;

describe('interfaceExclusion', () => {
  it.each<[string, InterfaceInfo, string]>([
    ['a plain Ethernet interface', nic('eth0'), ''],
    ['loopback', nic('lo', { loopback: true, mac: null }), 'loopback'],
    ['down', nic('eth1', { up: false }), 'down'],
    ['NOARP (e.g. a tunnel)', nic('wg0', { noarp: true }), 'noarp'],
    ['a bond or bridge port', nic('eth2', { master: 'bond0' }), 'enslaved'],
    ['no Ethernet address', nic('tun0', { mac: null }), 'noMac'],
    ['a default-excluded name', nic('veth1234'), 'excludedByPattern'],
    ['a container bridge', nic('docker0'), 'excludedByPattern'],
    ['lo matched exactly, not as a prefix', nic('lo1'), ''],
  ])('%s', (_what, i, want) => {
    expect(interfaceExclusion(i, defaults)).toBe(want);
  });
});

describe('parseExcludeL2', () => {
  it('reads the ConfigMap the operator renders', () => {
    const { patterns, errors } = parseExcludeL2('announcedInterfacesToExclude:\n- ^docker.*\n- ^eth9$\n');
    expect(errors).toEqual([]);
    expect(patterns.map((p) => p.source)).toEqual(['^docker.*', '^eth9$']);
  });

  it('reports bad entries and keeps the good ones; never throws', () => {
    expect(parseExcludeL2('announcedInterfacesToExclude: ["(", "^ok$"]')).toMatchObject({
      errors: ['announcedInterfacesToExclude: "(" is not a regular expression'],
    });
    expect(parseExcludeL2('announcedInterfacesToExclude: ["(", "^ok$"]').patterns).toHaveLength(1);
    expect(parseExcludeL2('{').errors[0]).toMatch(/not YAML/);
    expect(parseExcludeL2('announcedInterfacesToExclude: 3').errors).toEqual([
      'announcedInterfacesToExclude must be a list',
    ]);
    expect(parseExcludeL2('')).toEqual({ patterns: [], errors: [] });
  });
});

describe('chooseInterfaces', () => {
  const all = [
    nic('eth0'),
    nic('eth1'),
    nic('lo', { loopback: true }),
    nic('veth9'),
    nic('eth2', { up: false }),
  ];

  it('takes every eligible interface when the advertisements list none', () => {
    expect(chooseInterfaces(all, 'all', defaults)).toEqual({ use: ['eth0', 'eth1'], unusable: [] });
  });

  it('keeps to the listed interfaces and says why a listed one is not used', () => {
    expect(chooseInterfaces(all, ['eth1', 'eth2', 'eth7', 'veth9'], defaults)).toEqual({
      use: ['eth1'],
      unusable: [
        { name: 'eth2', reason: 'down' },
        { name: 'eth7', reason: 'missing' },
        { name: 'veth9', reason: 'excludedByPattern' },
      ],
    });
  });
});
