import { describe, expect, it } from 'vitest';
import { DiscoveryCache, discoveryPath, findResource } from './discovery';

const doc = {
  resources: [
    { name: 'widgets', kind: 'Widget', namespaced: true },
    { name: 'widgets/status', kind: 'Widget', namespaced: true },
  ],
};

describe('discovery', () => {
  it('maps an apiVersion to its discovery document', () => {
    expect(discoveryPath('v1')).toBe('/api/v1');
    expect(discoveryPath('example.com/v1')).toBe('/apis/example.com/v1');
  });

  it('finds the resource of a kind, never a subresource', () => {
    expect(findResource('example.com/v1', 'Widget', doc)).toEqual({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      namespaced: true,
    });
    expect(findResource('example.com/v1', 'Gadget', doc)).toBeUndefined();
  });

  it('asks again on a miss and when told to, so an API installed later is seen', async () => {
    const served: (typeof doc | undefined)[] = [undefined, doc, doc];
    let fetches = 0;
    const cache = new DiscoveryCache(async () => served[fetches++]);
    expect(await cache.resource('example.com/v1', 'Widget')).toBeUndefined();
    expect((await cache.resource('example.com/v1', 'Widget'))?.plural).toBe('widgets');
    expect(await cache.resource('example.com/v1', 'Widget')).toBeDefined();
    expect(fetches).toBe(2); // the hit came from the cache
    await cache.resource('example.com/v1', 'Widget', true);
    expect(fetches).toBe(3);
  });
});
