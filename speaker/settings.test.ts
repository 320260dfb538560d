import { describe, expect, it } from 'vitest';
import { SettingsError } from '../k8s/settings';
import { speakerSettings } from './settings';

describe('speakerSettings', () => {
  it('serves health and metrics on 7472 and speaks native BGP by default', () => {
    expect(speakerSettings(['--node', 'n1'], {})).toMatchObject({
      node: 'n1',
      pod: undefined,
      bgpType: 'native',
      httpHost: '',
      httpPort: 7472,
      namespace: 'metallb-system',
    });
  });

  it('reads the variables of the speaker DaemonSet', () => {
    expect(
      speakerSettings([], {
        METALLB_NODE_NAME: 'worker-1',
        METALLB_POD_NAME: 'speaker-abcde',
        METALLB_BGP_TYPE: 'frr',
        METALLB_LB_CLASS: 'metallb.io/metallb',
      }),
    ).toMatchObject({
      node: 'worker-1',
      pod: 'speaker-abcde',
      bgpType: 'frr',
      lbClass: 'metallb.io/metallb',
    });
  });

  it('accepts --lb-class, as the operator renders it', () => {
    expect(speakerSettings(['--node', 'n1', '--lb-class=metallb.io/metallb'], {}).lbClass).toBe(
      'metallb.io/metallb',
    );
  });

  it('needs a node name, and knows its BGP types', () => {
    expect(() => speakerSettings([], {})).toThrow(SettingsError);
    expect(() => speakerSettings([], {})).toThrow(/--node NAME or METALLB_NODE_NAME/);
    expect(() => speakerSettings(['--node', 'n1', '--bgp-type', 'bird'], {})).toThrow(
      /--bgp-type must be one of/,
    );
    expect(speakerSettings(['--help'], {}).help).toBe(true);
  });
});
