import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openUdpSocket } from '../native/index';
import { nativeBfdTransport } from './native-transport';

vi.mock('../native/index', () => ({ openUdpSocket: vi.fn() }));

const open = vi.mocked(openUdpSocket);
type Opts = Record<string, unknown> & {
  port: number;
  onMessage: (d: Uint8Array, from: Record<string, unknown>) => void;
};
const optsOf = (call: number) => open.mock.calls[call]![0] as unknown as Opts;
const socket = (port: number) => ({ port, send: vi.fn(), close: vi.fn() });
const inUse = () => Object.assign(new Error('bind: Address already in use'), { code: 'EADDRINUSE' });

beforeEach(() => {
  open.mockReset();
});

describe('nativeBfdTransport', () => {
  it('listens on :: in the netns, asks for TTLs, and maps what arrives', () => {
    const s = socket(3784);
    open.mockReturnValueOnce(s);
    const onPacket = vi.fn();
    const onError = vi.fn();
    const l = nativeBfdTransport({ netns: 'red' }).listen(3784, onPacket, onError);
    expect(optsOf(0)).toMatchObject({ netns: 'red', address: '::', port: 3784, receiveTtl: true, onError });
    expect(optsOf(0)).not.toHaveProperty('reuseAddress');
    const data = new Uint8Array(24);
    optsOf(0).onMessage(data, { address: '192.0.2.1', port: 49200, ttl: 255, localAddress: '192.0.2.2' });
    expect(onPacket).toHaveBeenCalledWith({
      data,
      address: '192.0.2.1',
      port: 49200,
      ttl: 255,
      localAddress: '192.0.2.2',
    });
    // An addon that does not report the TTL: NaN, which the GTSM check rejects.
    optsOf(0).onMessage(data, { address: '192.0.2.1', port: 49200 });
    expect(onPacket.mock.calls[1]![0]).toEqual({ data, address: '192.0.2.1', port: 49200, ttl: NaN });
    l.close();
    expect(s.close).toHaveBeenCalled();
  });

  it('opens senders on a random port in 49152-65535 with TTL 255, bound as asked', () => {
    open.mockImplementation((o) => socket((o as unknown as Opts).port));
    const t = nativeBfdTransport({ random: () => 0.5 });
    const v4 = t.sender({ family: 4 });
    const v6 = t.sender({ family: 6 });
    const pinned = t.sender({ family: 4, localAddress: '192.0.2.2' });
    expect(optsOf(0)).toMatchObject({ address: '0.0.0.0', port: 57344, ttl: 255 });
    expect(optsOf(0)).not.toHaveProperty('netns');
    expect(optsOf(1)).toMatchObject({ address: '::', ttl: 255 });
    expect(optsOf(2)).toMatchObject({ address: '192.0.2.2', ttl: 255 });
    expect([v4.port, v6.port, pinned.port]).toEqual([57344, 57344, 57344]);
    const r = nativeBfdTransport({ random: () => 0.999999 });
    expect(r.sender({ family: 4 }).port).toBe(65535);
    const z = nativeBfdTransport({ random: () => 0 });
    expect(z.sender({ family: 4 }).port).toBe(49152);
  });

  it('retries another port on EADDRINUSE, rethrows anything else, and gives up in the end', () => {
    const draws = [0, 0.25, 0.5];
    const t = nativeBfdTransport({ random: () => draws.shift() ?? 0 });
    open
      .mockImplementationOnce(() => {
        throw inUse();
      })
      .mockImplementationOnce(() => {
        throw inUse();
      })
      .mockImplementationOnce((o) => socket((o as unknown as Opts).port));
    expect(t.sender({ family: 4 }).port).toBe(57344);
    expect(open.mock.calls.map((c) => (c[0] as unknown as Opts).port)).toEqual([49152, 53248, 57344]);

    open.mockReset().mockImplementation(() => {
      throw Object.assign(new Error('Cannot assign requested address'), { code: 'EADDRNOTAVAIL' });
    });
    expect(() => t.sender({ family: 4, localAddress: '192.0.2.99' })).toThrow(/Cannot assign/);
    expect(open).toHaveBeenCalledTimes(1);

    open.mockReset().mockImplementation(() => {
      throw inUse();
    });
    expect(() => nativeBfdTransport({ portAttempts: 5 }).sender({ family: 6 })).toThrow(
      /no free UDP source port in 49152-65535 on :: after 5 attempts/,
    );
    expect(open).toHaveBeenCalledTimes(5);
  });

  it('passes sends through and routes socket errors to onError', () => {
    const s = socket(50000);
    open.mockReturnValueOnce(s);
    const onError = vi.fn();
    const snd = nativeBfdTransport().sender({ family: 4, onError });
    snd.send(Uint8Array.of(1), '192.0.2.1', 3784);
    expect(s.send).toHaveBeenCalledWith(Uint8Array.of(1), '192.0.2.1', 3784);
    (optsOf(0).onError as (e: Error) => void)(new Error('boom'));
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
    snd.close();
    expect(s.close).toHaveBeenCalled();
  });
});
