import { describe, expect, it } from 'vitest';
import {
  checkBacklog,
  checkBoolean,
  checkBytes,
  checkFunction,
  checkIfname,
  checkIp,
  checkMd5Key,
  checkNetns,
  checkOptionalFunction,
  checkOptions,
  checkOptionalIp,
  checkPort,
  checkSignal,
  checkTimeoutMs,
  checkTtl,
  ipFamily,
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

  it('takes TTLs 1..255, booleans, timeouts, backlogs and signals, optional ones undefined', () => {
    expect(checkTtl(undefined, 'ttl')).toBeUndefined();
    expect(checkTtl(1, 'ttl')).toBe(1);
    expect(checkTtl(255, 'minTtl')).toBe(255);
    expect(() => checkTtl('255', 'ttl')).toThrow(TypeError);
    for (const bad of [0, 256, 1.5, -1, NaN]) expect(() => checkTtl(bad, 'minTtl')).toThrow(/^minTtl /);
    expect(checkBoolean(undefined, 'receiveTtl')).toBe(false);
    expect(checkBoolean(true, 'receiveTtl')).toBe(true);
    expect(() => checkBoolean(1, 'reuseAddress')).toThrow(/reuseAddress must be a boolean/);
    expect(checkTimeoutMs(1, 'timeoutMs')).toBe(1);
    expect(() => checkTimeoutMs(undefined, 'timeoutMs')).toThrow(TypeError);
    for (const bad of [0, -5, 1.5, 2 ** 31])
      expect(() => checkTimeoutMs(bad, 'timeoutMs')).toThrow(RangeError);
    expect(checkBacklog(undefined, 'backlog', 128)).toBe(128);
    expect(() => checkBacklog(0, 'backlog', 128)).toThrow(RangeError);
    expect(checkSignal(undefined, 'signal')).toBeUndefined();
    const signal = new AbortController().signal;
    expect(checkSignal(signal, 'signal')).toBe(signal);
    expect(() => checkSignal({ aborted: false }, 'signal')).toThrow(TypeError);
    expect(checkOptionalIp(undefined, 'localAddress')).toBeUndefined();
    expect(() => checkOptionalIp('x', 'localAddress')).toThrow(RangeError);
    expect([ipFamily('192.0.2.1'), ipFamily('2001:db8::1'), ipFamily('::ffff:192.0.2.1')]).toEqual([4, 6, 6]);
  });

  it('takes TCP-MD5 keys of 1..80 bytes of UTF-8 and never repeats them in errors', () => {
    expect(checkMd5Key(undefined)).toBeUndefined();
    expect(checkMd5Key('k')).toBe('k');
    expect(checkMd5Key('x'.repeat(80))).toBe('x'.repeat(80));
    expect(checkMd5Key('é'.repeat(40))).toBe('é'.repeat(40)); // 80 bytes
    expect(() => checkMd5Key(42)).toThrow(TypeError);
    for (const bad of ['', 'x'.repeat(81), 'é'.repeat(41)]) {
      expect(() => checkMd5Key(bad)).toThrow(RangeError);
      expect(() => checkMd5Key(bad)).toThrow(/^md5Key must have 1 to 80 bytes of UTF-8, got \d+$/);
    }
    const secret = 'top-secret-'.repeat(8);
    let message = '';
    try {
      checkMd5Key(secret);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe('md5Key must have 1 to 80 bytes of UTF-8, got 88');
  });
});
