import { describe, expect, it } from 'vitest';
import { parseWatchRequests } from './watch-stream';

describe('parseWatchRequests', () => {
  it('accepts watches of the Kubernetes API, with or without the proxy prefix', () => {
    expect(
      parseWatchRequests({
        watches: [
          {
            id: 1,
            path: '/api/kubernetes/apis/metallb.io/v1beta1/namespaces/ns/ipaddresspools?watch=true&resourceVersion=5',
          },
          { id: 2, path: '/api/v1/services?watch=true' },
        ],
      }),
    ).toEqual([
      { id: 1, path: '/apis/metallb.io/v1beta1/namespaces/ns/ipaddresspools?watch=true&resourceVersion=5' },
      { id: 2, path: '/api/v1/services?watch=true' },
    ]);
  });
  it.each([
    [undefined, /body must be/],
    [{ watches: [] }, /body must be/],
    [{ watches: [{ id: 1, path: '/apis/x/v1/things' }] }, /not a watch/],
    [{ watches: [{ id: 1, path: '/healthz?watch=true' }] }, /not a watch/],
    [{ watches: [{ id: '1', path: '/api/v1/pods?watch=true' }] }, /numeric id/],
    [
      { watches: Array.from({ length: 65 }, (_, i) => ({ id: i, path: '/api/v1/pods?watch=true' })) },
      /at most 64/,
    ],
  ])('refuses %j', (body, reason) => {
    expect(parseWatchRequests(body)).toMatch(reason);
  });
});
