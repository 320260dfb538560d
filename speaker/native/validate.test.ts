import { describe, expect, it } from 'vitest';
import {
  checkBytes,
  checkFunction,
  checkIfname,
  checkIp,
  checkNetns,
  checkOptionalFunction,
  checkOptions,
  checkPort,
} from './validate';

describe('native wrapper argument checks', () => {
  it('takes namespace names and absolute paths, nullish or empty as the current namespace', () => {
    expect(checkNetns(undefined)).toBeNull();
    expect(checkNetns(null)).toBeNull();
    expect(checkNetns('')).toBeNull();
    expect(checkNetns('node-1')).toBe('node-1');
    expect(checkNetns('/proc/1/ns/net')).toBe('/proc/1/ns/net');
    expect(() => checkNetns(3)).toThrow(TypeError);
    for (const bad of ['..', '.', 'a/b', '../etc', 'x'.repeat(256), 'a\0b'])
      expect(() => checkNetns(bad)).toThrow(RangeError);
  });

  it('takes Linux interface names only', () => {
    expect(checkIfname('eth0')).toBe('eth0');
    expect(checkIfname('x'.repeat(15))).toBe('x'.repeat(15));
    expect(() => checkIfname(undefined)).toThrow(TypeError);
    for (const bad of ['', 'x'.repeat(16), 'a/b', 'eth0:1', 'a b', '..', 'a\0'])
      expect(() => checkIfname(bad)).toThrow(RangeError);
  });

  it('takes IPv4 and IPv6 addresses, scopes as interface indexes', () => {
    for (const ok of ['0.0.0.0', '192.0.2.1', '::', '2001:db8::1', 'fe80::1%2', '::ffff:192.0.2.1'])
      expect(checkIp(ok, 'address')).toBe(ok);
    expect(() => checkIp(1, 'address')).toThrow(TypeError);
    for (const bad of ['', 'localhost', '192.0.2.256', '2001:db8::/64', 'fe80::1%eth0', '192.0.2.1%2'])
      expect(() => checkIp(bad, 'address'), bad).toThrow(RangeError);
  });

  it('takes integer ports in range', () => {
    expect(checkPort(0, 'port')).toBe(0);
    expect(checkPort(65535, 'port')).toBe(65535);
    expect(() => checkPort('53', 'port')).toThrow(TypeError);
    for (const bad of [-1, 65536, 1.5, NaN]) expect(() => checkPort(bad, 'port')).toThrow(RangeError);
    expect(() => checkPort(0, 'port', 1)).toThrow(RangeError);
  });

  it('checks callbacks, bytes and options objects', () => {
    const f = () => undefined;
    expect(checkFunction(f, 'onFrame')).toBe(f);
    expect(() => checkFunction('x' as unknown as () => void, 'onFrame')).toThrow(TypeError);
    expect(checkOptionalFunction(undefined, 'onError')).toBeUndefined();
    expect(() => checkOptionalFunction(1 as unknown as () => void, 'onError')).toThrow(TypeError);
    const b = Buffer.from('ab');
    expect(checkBytes(b, 'frame')).toBe(b);
    expect(() => checkBytes([1, 2], 'frame')).toThrow(TypeError);
    expect(() => checkBytes(new Uint16Array(2), 'frame')).toThrow(TypeError);
    expect(() => checkOptions(null, 'openUdpSocket')).toThrow(TypeError);
    expect(checkOptions({}, 'x')).toEqual({});
  });
});
