import { describe, expect, it } from 'vitest';
import { AS_TRANS } from '../constants';
import { toHex } from '../test-bytes';
import { as4PathToSend, encodeAsPath, parseAsPath } from './as-path';

describe('encodeAsPath', () => {
  it('writes 2-octet ASNs with AS_TRANS for the ones that need 4', () => {
    expect(toHex(encodeAsPath([{ kind: 'sequence', asns: [65001, 4200000000] }], false))).toBe(
      '0202fde95ba0',
    );
    expect(toHex(encodeAsPath([{ kind: 'set', asns: [4200000000] }], true))).toBe('0101fa56ea00');
  });

  it('continues a segment of more than 255 ASNs in another of the same kind', () => {
    const asns = Array.from({ length: 300 }, (_, i) => i + 1);
    const bytes = encodeAsPath([{ kind: 'confedSequence', asns }], true);
    expect([bytes[0], bytes[1], bytes[2 + 255 * 4], bytes[3 + 255 * 4]]).toEqual([3, 255, 3, 45]);
    expect(parseAsPath(bytes, true)).toEqual([
      { kind: 'confedSequence', asns: asns.slice(0, 255) },
      { kind: 'confedSequence', asns: asns.slice(255) },
    ]);
  });

  it('keeps an empty segment as one header', () => {
    expect(toHex(encodeAsPath([{ kind: 'set', asns: [] }], true))).toBe('0100');
  });
});

describe('parseAsPath', () => {
  it('round-trips every segment kind', () => {
    const path = [
      { kind: 'set' as const, asns: [1] },
      { kind: 'sequence' as const, asns: [2, 3] },
      { kind: 'confedSequence' as const, asns: [4] },
      { kind: 'confedSet' as const, asns: [5] },
    ];
    for (const four of [true, false]) expect(parseAsPath(encodeAsPath(path, four), four)).toEqual(path);
  });

  it.each([
    ['segment type 0', [0, 1, 0, 1]],
    ['zero-length segment', [2, 0]],
    ['lone trailing octet', [2, 1, 0, 1, 2]],
    ['count beyond the value', [2, 2, 0, 1]],
  ])('rejects a %s', (_name, octets) => {
    expect(parseAsPath(Uint8Array.from(octets), false)).toBeUndefined();
  });
});

describe('as4PathToSend', () => {
  const big = [{ kind: 'sequence' as const, asns: [4200000000] }];
  it('is nothing on a 4-octet session', () => {
    expect(as4PathToSend({ asPath: big, as4Path: big }, true)).toBeUndefined();
  });

  it('is the given AS4_PATH, else the path when AS_TRANS hid an ASN, minus confederation segments', () => {
    const given = [{ kind: 'set' as const, asns: [7] }];
    expect(as4PathToSend({ asPath: big, as4Path: given }, false)).toBe(given);
    const mixed = [...big, { kind: 'confedSet' as const, asns: [AS_TRANS] }];
    expect(as4PathToSend({ asPath: mixed }, false)).toEqual(big);
    expect(as4PathToSend({ asPath: [{ kind: 'sequence', asns: [65535] }] }, false)).toBeUndefined();
  });
});
