import { describe, expect, it } from 'vitest';
import { assignMessages, fieldFor, parseRefusal } from './field-errors';

describe('parseRefusal', () => {
  it('splits a webhook refusal into one message per field', () => {
    const msg =
      'admission webhook "ipaddresspoolvalidationwebhook.metallb.io" denied the request: IPAddressPool "b" spec.addresses[0]: CIDR "192.0.2.0/24" overlaps with IPAddressPool "a" spec.addresses[1]; IPAddressPool "b" metadata.name: bad';
    expect(parseRefusal(msg, 'IPAddressPool')).toEqual([
      {
        field: 'spec.addresses[0]',
        message:
          'IPAddressPool "b" spec.addresses[0]: CIDR "192.0.2.0/24" overlaps with IPAddressPool "a" spec.addresses[1]',
      },
      { field: 'metadata.name', message: 'IPAddressPool "b" metadata.name: bad' },
    ]);
  });

  it('keeps a message naming no field whole', () => {
    expect(parseRefusal('ipaddresspools.metallb.io "x" already exists', 'IPAddressPool')).toEqual([
      { field: '', message: 'ipaddresspools.metallb.io "x" already exists' },
    ]);
  });

  it('reads quoted map keys in paths', () => {
    expect(
      parseRefusal('BGPPeer "p" spec.nodeSelectors[0].matchLabels["a b"]: invalid', 'BGPPeer')[0]?.field,
    ).toBe('spec.nodeSelectors[0].matchLabels["a b"]');
  });
});

describe('fieldFor', () => {
  const fields = ['metadata.name', 'spec.addresses', 'spec.addresses[0]', 'spec.nodeSelectors'];
  it.each([
    ['spec.addresses[0]', 'spec.addresses[0]'],
    ['spec.addresses[3]', 'spec.addresses'],
    ['spec.nodeSelectors[0].matchLabels', 'spec.nodeSelectors'],
    ['metadata.name', 'metadata.name'],
    ['metadata.namespace', undefined],
    ['spec.addressesX', undefined],
  ])('%s goes to %s', (path, field) => expect(fieldFor(path, fields)).toBe(field));
});

describe('assignMessages', () => {
  it('groups per field and keeps the rest general, without duplicates', () => {
    const out = assignMessages(
      [
        { field: 'spec.addresses[0]', message: 'a' },
        { field: 'spec.addresses[0]', message: 'a' },
        { field: 'spec.other', message: 'b' },
        { field: '', message: 'c' },
      ],
      ['spec.addresses[0]'],
    );
    expect([...out.byField]).toEqual([['spec.addresses[0]', ['a']]]);
    expect(out.general).toEqual(['b', 'c']);
  });
});
