import { describe, expect, it } from 'vitest';
import { considerServiceOnce, endpointsByService, poolsToken } from './services';
import { pool, service, slice } from './test-fixtures';

describe('remembered per watched object', () => {
  it('considers a Service once while it and the pools are the same objects', () => {
    const pools = [pool('a', ['192.0.2.0/28']), pool('b', ['198.51.100.0/28'])];
    const svc = service('web', { ips: ['192.0.2.3'] });
    const token = poolsToken(pools);
    const first = considerServiceOnce(svc, token);
    expect(considerServiceOnce(svc, poolsToken([...pools]))).toBe(first);
    expect(first).toMatchObject({ key: 'default/web', pool: { metadata: { name: 'a' } } });
  });

  it('considers again when a pool object changes, even with the Service unchanged', () => {
    const svc = service('web', { ips: ['192.0.2.3'] });
    expect(considerServiceOnce(svc, poolsToken([pool('a', ['192.0.2.0/28'])]))).toMatchObject({
      ips: ['192.0.2.3'],
    });
    // The pool no longer holds the IP: a new pool object, as the watch delivers it.
    expect(considerServiceOnce(svc, poolsToken([pool('a', ['198.51.100.0/28'])]))).toBe('notInPool');
  });

  it('considers again for another load-balancer class', () => {
    const svc = service('web', { ips: ['192.0.2.3'] });
    const token = poolsToken([pool('a', ['192.0.2.0/28'])]);
    expect(typeof considerServiceOnce(svc, token)).toBe('object');
    expect(considerServiceOnce(svc, token, 'example.com/other')).toBe('otherClass');
  });

  it('gives the same endpoint map for the same slices and a new one when a slice is replaced', () => {
    const slices = [slice('web', ['node-a']), slice('db', ['node-b:notready'])];
    const first = endpointsByService(slices);
    expect(endpointsByService([...slices])).toBe(first);
    const changed = endpointsByService([slices[0]!, slice('db', ['node-b'])]);
    expect(changed).not.toBe(first);
    expect(changed.get('default/db')).toEqual([{ nodeName: 'node-b', ready: true, serving: true }]);
    expect(changed.get('default/web')).toBe(first.get('default/web'));
  });

  it('joins the endpoints of a Service with several slices without touching the remembered lists', () => {
    const a = slice('web', ['node-a']);
    const b = slice('web', ['node-b']);
    expect(
      endpointsByService([a, b])
        .get('default/web')!
        .map((e) => e.nodeName),
    ).toEqual(['node-a', 'node-b']);
    expect(
      endpointsByService([a])
        .get('default/web')!
        .map((e) => e.nodeName),
    ).toEqual(['node-a']);
  });
});
