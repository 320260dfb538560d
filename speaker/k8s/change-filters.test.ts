import { describe, expect, it } from 'vitest';
import { configChanged, endpointSliceChanged, nodeChanged, serviceChanged } from './change-filters';

const obj = (o: Record<string, unknown>) => ({ metadata: {}, ...o }) as never;

describe('change filters', () => {
  it.each([
    [
      'config: status-only update',
      configChanged,
      { metadata: { generation: 1 } },
      { metadata: { generation: 1 } },
      false,
    ],
    [
      'config: spec update',
      configChanged,
      { metadata: { generation: 2 } },
      { metadata: { generation: 1 } },
      true,
    ],
    [
      'config: labels',
      configChanged,
      { metadata: { generation: 1, labels: { a: 'b' } } },
      { metadata: { generation: 1 } },
      true,
    ],
    [
      'service: ingress',
      serviceChanged,
      { status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } } },
      { status: { loadBalancer: {} } },
      true,
    ],
    [
      'service: ports only',
      serviceChanged,
      { spec: { ports: [{ port: 81 }] } },
      { spec: { ports: [{ port: 80 }] } },
      false,
    ],
    [
      'slice: readiness',
      endpointSliceChanged,
      { endpoints: [{ conditions: { ready: true } }] },
      { endpoints: [{ conditions: { ready: false } }] },
      true,
    ],
    [
      'node: heartbeat',
      nodeChanged,
      { status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2' }] } },
      { status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '1' }] } },
      false,
    ],
    [
      'node: NetworkUnavailable',
      nodeChanged,
      { status: { conditions: [{ type: 'NetworkUnavailable', status: 'True' }] } },
      { status: { conditions: [{ type: 'NetworkUnavailable', status: 'False' }] } },
      true,
    ],
    ['node: labels', nodeChanged, { metadata: { labels: { x: '1' } } }, { metadata: { labels: {} } }, true],
  ])('%s', (_n, fn, now, before, want) => {
    expect((fn as (a: never, b: never) => boolean)(obj(now), obj(before))).toBe(want);
  });
});
