import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METALLB_KINDS, resourcePath } from '../../api/kinds';
import type { ConfigurationState, IPAddressPool } from '../../api/types';
import { speakerConfigErrors, speakerConfigurationStateWriter } from './configuration-state';
import { StatusTestEnv } from './itest-env';

const env = new StatusTestEnv('spk-cfgstate');
beforeAll(() => env.setup());
afterAll(() => env.cleanup());

const pool = (name: string, addresses: string[]): IPAddressPool => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name },
  spec: { addresses },
});

const read = (name: string) =>
  env.client.get<ConfigurationState>(
    resourcePath(METALLB_KINDS.ConfigurationState, { namespace: env.ns, name }),
  );

describe('speaker ConfigurationState', () => {
  it('is speaker-<node>, labelled as upstream, Valid then Invalid then Valid again', async () => {
    const w = speakerConfigurationStateWriter(env.client, env.ns, 'node-a');
    const opts = { namespace: env.ns, bgpType: 'native' as const };
    await w.write(speakerConfigErrors({ ipAddressPools: [pool('a', ['10.0.0.0/24'])] }, opts));
    let cs = await read('speaker-node-a');
    expect(cs.metadata.labels).toEqual({
      'metallb.io/component-type': 'speaker',
      'metallb.io/node-name': 'node-a',
    });
    expect(cs.status).toEqual({
      result: 'Valid',
      errorSummary: '',
      conditions: [
        expect.objectContaining({ type: 'configReconcilerValid', status: 'True', reason: 'Reconciled' }),
      ],
    });

    const errors = speakerConfigErrors(
      { ipAddressPools: [pool('a', ['10.0.0.0/24']), pool('b', ['10.0.0.128/25'])] },
      opts,
    );
    expect(errors.length).toBeGreaterThan(0);
    await w.write(errors);
    cs = await read('speaker-node-a');
    expect(cs.status?.result).toBe('Invalid');
    expect(cs.status?.errorSummary).toContain('overlaps');
    expect(cs.status?.conditions).toEqual([
      expect.objectContaining({
        type: 'configReconcilerValid',
        status: 'False',
        reason: 'ConfigurationError',
      }),
    ]);

    await w.write([]);
    expect((await read('speaker-node-a')).status?.result).toBe('Valid');
  });

  it('a dangling reference (missing BFD profile) makes it Invalid too', async () => {
    const w = speakerConfigurationStateWriter(env.client, env.ns, 'node-b');
    const errors = speakerConfigErrors(
      {
        bgpPeers: [
          {
            apiVersion: 'metallb.io/v1beta2',
            kind: 'BGPPeer',
            metadata: { name: 'p' },
            spec: { myASN: 64512, peerASN: 64512, peerAddress: '192.0.2.1', bfdProfile: 'nope' },
          },
        ],
        bfdProfiles: [],
      },
      { namespace: env.ns, bgpType: 'frr' },
    );
    await w.write(errors);
    const cs = await read('speaker-node-b');
    expect(cs.status?.result).toBe('Invalid');
    expect(cs.status?.errorSummary).toContain('nope');
    // The other node's state is its own.
    expect((await read('speaker-node-a')).status?.result).toBe('Valid');
  });
});
